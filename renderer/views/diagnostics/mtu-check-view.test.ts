// How the MTU check reads on the page: each probe's outcome in words, the verdict's tone, the line
// shown while it runs.
import { describe, expect, it } from 'vitest';
import type { DfProbeStep, MtuCheckProgress } from '../../../electron/contract/mtu-check';
import { reasonText, runningText, stepOutcomeText, verdictTone } from './mtu-check-view';

const step = (fields: Partial<DfProbeStep>): DfProbeStep => ({ payload: 1472, reason: 'ceiling', outcome: null, mtuSaid: null, line: null, rttMs: null, command: 'ping', ...fields });
const check = (fields: Partial<MtuCheckProgress>): MtuCheckProgress => ({
  checkId: 'mtu-0123456789ab',
  source: { kind: 'namespace', machineId: '26', namespace: 'qrouter-1' },
  sourceLabel: 'qrouter-1 on node02ob64',
  target: '198.51.100.39',
  startedAt: '2026-12-08T02:00:00.000Z',
  state: 'running',
  headerBytes: 28,
  ceiling: 1472,
  steps: [],
  hops: [],
  result: null,
  ...fields,
});
const found = (problem: boolean) => ({ ending: 'found' as const, verdict: '…', largestPayload: 1428, pathMtu: 1456, agrees: true, problem });

describe('the MTU check in words', () => {
  it('says each probe\'s outcome: sending, passed with its time, no reply, too big with the MTU said', () => {
    expect(stepOutcomeText(step({}))).toBe('sending…');
    expect(stepOutcomeText(step({ outcome: 'passed', rttMs: 0.31 }))).toBe('passed in 0.31 ms');
    expect(stepOutcomeText(step({ outcome: 'no-reply' }))).toBe('no reply: dropped on the way');
    expect(stepOutcomeText(step({ outcome: 'too-big', mtuSaid: 1400, line: 'ping: local error: message too long, mtu=1400' }))).toBe('too big for MTU 1400: ping: local error: message too long, mtu=1400');
    expect(reasonText('vlan-allowance')).toBe("4 bytes over: a veth's room for a VLAN tag");
  });

  it('tones the verdict: as expected ok, something to fix or cut short a warning, no answer bad', () => {
    expect(verdictTone(check({}))).toBe('running');
    expect(verdictTone(check({ state: 'done', result: found(false) }))).toBe('ok');
    expect(verdictTone(check({ state: 'done', result: found(true) }))).toBe('warn');
    expect(verdictTone(check({ state: 'done', result: { ...found(true), ending: 'stopped' } }))).toBe('warn');
    expect(verdictTone(check({ state: 'done', result: { ...found(true), ending: 'no-dont-fragment', largestPayload: null, pathMtu: null } }))).toBe('bad');
  });

  it('while it runs: reading the interfaces first, then the probes so far', () => {
    expect(runningText(check({}))).toBe('Reading the interfaces from qrouter-1 on node02ob64 to 198.51.100.39…');
    expect(runningText(check({ steps: [step({ outcome: 'passed' }), step({})] }))).toBe('Checking from qrouter-1 on node02ob64 to 198.51.100.39: 2 probes so far…');
  });
});
