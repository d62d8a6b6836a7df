// The verdict comes first, in words: where the first fault along the path stops packets ("Blocked
// at br-int: qvo1896322c-d4 has VLAN tag 4, …"), or that the path could not be followed, or that
// it looks right (with its warnings counted, since an MTU or a missing neighbour entry matters too).
import type { PathFinding, PathHop, PathVerdict } from '../contract/troubleshoot';

/** How a verdict names a hop: the bridge by its name, a namespace by its kind, else the interface. */
export function hopTitle(hop: PathHop): string {
  if (hop.kind === 'router') return `the router ${hop.name ?? ''}`.trim();
  if (hop.kind === 'container' || hop.kind === 'machine') return hop.name ?? hop.kind;
  return hop.name ?? hop.kind;
}

/**
 * Faults that are what another fault does, not a cause of their own: a FAILED neighbour entry is
 * the router's ARP finding nobody behind a wrong tag or a down link. The verdict names the cause.
 */
const SYMPTOM_KINDS: ReadonlySet<PathFinding['kind']> = new Set(['no-neighbour']);

/** With a cause along the path, its symptoms are warnings: the hop that stops packets is the cause's. */
export function demoteSymptoms(hops: readonly PathHop[]): void {
  const hasCause = hops.some((hop) => hop.findings.some((finding) => finding.severity === 'fault' && !SYMPTOM_KINDS.has(finding.kind)));
  if (!hasCause) return;
  for (const hop of hops) for (const finding of hop.findings) if (finding.severity === 'fault' && SYMPTOM_KINDS.has(finding.kind)) finding.severity = 'warning';
}

export function pathVerdict(hops: readonly PathHop[], incomplete: string | null): PathVerdict {
  const faults = hops.flatMap((hop, index) => hop.findings.filter((finding) => finding.severity === 'fault').map((finding) => ({ hop, index, finding })));
  const cause = faults[0];
  if (cause) {
    const symptom = hops
      .flatMap((hop) => hop.findings.map((finding) => ({ hop, finding })))
      .find((candidate) => candidate.hop !== cause.hop && SYMPTOM_KINDS.has(candidate.finding.kind) && candidate.finding.is === 'FAILED');
    const also = symptom ? ` ${hopTitle(symptom.hop)[0]!.toUpperCase()}${hopTitle(symptom.hop).slice(1)} sees it: ${symptom.finding.is === 'FAILED' ? `its neighbour entry for ${symptom.finding.evidence[0]?.split(' ')[0] ?? 'the next hop'} is FAILED` : symptom.finding.message}.` : '';
    return { status: 'blocked', text: `Blocked at ${hopTitle(cause.hop)}: ${cause.finding.message}${also}`, hopIndex: cause.index };
  }
  if (incomplete) return { status: 'incomplete', text: incomplete, hopIndex: null };
  const unseen = hops.findIndex((hop) => !hop.seen);
  if (unseen >= 0) return { status: 'incomplete', text: `Path not fully seen: ${hops[unseen]!.kind} ${hops[unseen]!.name ?? ''} — ${hops[unseen]!.how}`.replace(/ {2,}/g, ' '), hopIndex: unseen };
  const warnings = hops.flatMap((hop) => hop.findings.filter((finding) => finding.severity === 'warning'));
  const hopCount = `${hops.length} hop${hops.length === 1 ? '' : 's'}`;
  if (warnings.length === 0) return { status: 'ok', text: `Path looks right: ${hopCount}, no fault found.`, hopIndex: null };
  return {
    status: 'ok',
    text: `Path looks right for small packets: ${hopCount}, no fault; ${warnings.length} warning${warnings.length === 1 ? '' : 's'}: ${warnings[0]!.message}`,
    hopIndex: hops.findIndex((hop) => hop.findings.includes(warnings[0]!)),
  };
}
