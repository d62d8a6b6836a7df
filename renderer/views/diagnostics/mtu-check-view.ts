// How the MTU check reads on the page: each probe in a line of words, the verdict's tone, and the
// check's state. Pure, so the wording is tested without a page.
import type { DfProbeReason, DfProbeStep, MtuCheckProgress } from '../../../electron/contract/mtu-check';

const REASONS: Record<DfProbeReason, string> = {
  floor: 'the floor: every path carries 576-byte packets',
  small: 'a plain ping: does the target answer at all?',
  ceiling: "the most the source's interface sends",
  expected: 'the narrowest MTU known on the way',
  'vlan-allowance': "4 bytes over: a veth's room for a VLAN tag",
  'mtu-said': 'the MTU ping was told',
  halving: 'halfway between what passed and what did not',
};

export const reasonText = (reason: DfProbeReason): string => REASONS[reason];

/** "passed in 0.31 ms", "no reply: dropped on the way", "too big: ping: local error: message too long, mtu=1500", "sending…" */
export function stepOutcomeText(step: DfProbeStep): string {
  switch (step.outcome) {
    case null:
      return 'sending…';
    case 'passed':
      return step.rttMs !== null ? `passed in ${step.rttMs} ms` : 'passed';
    case 'no-reply':
      return step.line ? `no reply (${step.line})` : 'no reply: dropped on the way';
    case 'too-big':
      return `too big${step.mtuSaid !== null ? ` for MTU ${step.mtuSaid}` : ''}${step.line ? `: ${step.line}` : ''}`;
  }
}

export type VerdictTone = 'ok' | 'warn' | 'bad' | 'running';

/** As expected is ok; a size found with something to fix, or a search cut short, is a warning; no answer at all is bad. */
export function verdictTone(check: MtuCheckProgress): VerdictTone {
  const result = check.result;
  if (!result) return 'running';
  if (result.ending === 'found') return result.problem ? 'warn' : 'ok';
  return result.ending === 'stopped' || result.ending === 'out-of-time' ? 'warn' : 'bad';
}

/** "Checking: 3 probes so far…" while it runs. */
export function runningText(check: MtuCheckProgress): string {
  const sent = check.steps.length;
  if (sent === 0) return `Reading the interfaces from ${check.sourceLabel} to ${check.target}…`;
  return `Checking from ${check.sourceLabel} to ${check.target}: ${sent} ${sent === 1 ? 'probe' : 'probes'} so far…`;
}
