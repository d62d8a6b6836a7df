// The verdict comes first, in words: where the first fault along the path stops packets ("Blocked
// at br-int: qvo1896322c-d4 has VLAN tag 4, …"), or that the path could not be followed, or that
// it looks right (with its warnings counted, since an MTU or a missing neighbour entry matters too).
import type { PathHop, PathVerdict } from '../contract/troubleshoot';

/** How a verdict names a hop: the bridge by its name, a namespace by its kind, else the interface. */
export function hopTitle(hop: PathHop): string {
  if (hop.kind === 'router') return `the router ${hop.name ?? ''}`.trim();
  if (hop.kind === 'container' || hop.kind === 'machine') return hop.name ?? hop.kind;
  return hop.name ?? hop.kind;
}

export function pathVerdict(hops: readonly PathHop[], incomplete: string | null): PathVerdict {
  const faultAt = hops.findIndex((hop) => hop.findings.some((finding) => finding.severity === 'fault'));
  if (faultAt >= 0) {
    const hop = hops[faultAt]!;
    const finding = hop.findings.find((candidate) => candidate.severity === 'fault')!;
    return { status: 'blocked', text: `Blocked at ${hopTitle(hop)}: ${finding.message}`, hopIndex: faultAt };
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
