// What the path card shows, worked out from the analysis and the test run: each hop's counters
// before → after in the path's direction, the tone of the verdict, what a hop box says under its
// name, and the target a typed address or a chosen target choice becomes.
import type { HopCounterReading, PathAnalysis, PathHop, PathTarget, PathTestProgress } from '../../../../electron/contract/troubleshoot';

export type PathTone = 'ok' | 'bad' | 'warn' | 'unknown';

export function verdictTone(analysis: PathAnalysis): PathTone {
  if (analysis.verdict.status === 'blocked') return 'bad';
  if (analysis.verdict.status === 'incomplete') return 'unknown';
  return analysis.hops.some((hop) => hop.findings.some((finding) => finding.severity === 'warning')) ? 'warn' : 'ok';
}

/** A hop's worst finding, for its box's colour. */
export function hopTone(hop: PathHop): PathTone {
  if (hop.findings.some((finding) => finding.severity === 'fault')) return 'bad';
  if (hop.findings.some((finding) => finding.severity === 'warning')) return 'warn';
  return hop.seen ? 'ok' : 'unknown';
}

/** The third line of a hop's box: the tag on the bridge, the route on the router, else state and MTU. */
export function hopSummary(hop: PathHop): string {
  if (hop.kind === 'br-int') return hop.vlanTag !== null ? `VLAN tag ${hop.vlanTag}` : 'no tag shown';
  if (hop.kind === 'router') return hop.details.find((detail) => detail.label === 'DNAT' || detail.label === 'route')?.value ?? 'no route seen';
  if (hop.kind === 'container') return hop.addresses[0] ?? hop.state ?? '';
  const parts = [hop.state, hop.mtu !== null ? `MTU ${hop.mtu}` : null, hop.vlanTag !== null ? `tag ${hop.vlanTag}` : null].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : hop.seen ? '' : 'not seen';
}

/** "rx 120 → 125 (+5)" in the path's direction, with drops when they moved; null when not counted. */
export function countersText(hop: PathHop, reading: HopCounterReading | undefined): string | null {
  if (!hop.counters) return null;
  if (!reading) return null;
  if (reading.error && !reading.before) return `not read: ${reading.error}`;
  const passes = hop.counters.passes;
  const packets = (counters: HopCounterReading['before']) => (counters ? (passes === 'rx' ? counters.rxPackets : counters.txPackets) : null);
  const drops = (counters: HopCounterReading['before']) => (counters ? (passes === 'rx' ? counters.rxDropped : counters.txDropped) : null);
  const before = packets(reading.before);
  const after = packets(reading.after);
  if (before === null) return null;
  if (after === null) return `${passes} ${before}`;
  const dropped = (drops(reading.after) ?? 0) - (drops(reading.before) ?? 0);
  return `${passes} ${before} → ${after} (+${after - before})${dropped > 0 ? `, ${dropped} dropped` : ''}`;
}

export function readingFor(test: PathTestProgress | null, hopId: string): HopCounterReading | undefined {
  return test?.counters.find((reading) => reading.hopId === hopId);
}

export const STAGE_TEXT: Record<PathTestProgress['stage'], string> = {
  starting: 'Starting…',
  'counters-before': 'Reading each hop’s counters and tracing br-int…',
  trace: 'Tracing br-int…',
  ping: 'Pinging from the source…',
  'counters-after': 'Reading the counters again…',
  done: 'Done.',
  failed: 'Failed.',
};

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;

/** A typed target: an IPv4 address, else null (the card says so). */
export function typedPathTarget(text: string): PathTarget | null {
  const address = text.trim();
  return IPV4.test(address) ? { kind: 'address', address } : null;
}

/** Two analyses answer the same question (a test's and the one shown): same source, same target. */
export const sameQuestion = (a: PathAnalysis, b: PathAnalysis): boolean => JSON.stringify([a.source, a.target]) === JSON.stringify([b.source, b.target]);
