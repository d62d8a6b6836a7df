// Should-be versus is for MTUs along a path: a hop whose MTU is lower than the hop before it
// drops (or, with DF set, refuses) every packet larger than its MTU. Small pings pass, so this is a
// warning, not a block: large transfers stall while ping looks fine, the classic MTU symptom.
// A Linux bridge takes the lowest MTU of its ports, so a qbr that is lower only follows one of
// them: the finding goes on that port (the tap whose MTU was lowered), naming the bridge.
import type { PathHop } from '../contract/troubleshoot';
import { commandOn, inNamespace } from './path-hop';

export function addMtuFindings(hops: readonly PathHop[]): void {
  let previous: PathHop | null = null;
  for (const [index, hop] of hops.entries()) {
    if (hop.mtu === null) continue;
    if (previous && previous.mtu !== null && hop.mtu < previous.mtu && hop.name && hop.machine) {
      const port = hop.kind === 'qbr' ? [hops[index + 1], hops[index - 1]].find((candidate) => candidate && (candidate.kind === 'tap' || candidate.kind === 'qvb') && candidate.mtu === hop.mtu) : undefined;
      const at = port ?? hop;
      at.findings.push({
        kind: 'mtu-lower',
        severity: 'warning',
        message: `${at.name} has MTU ${hop.mtu}, lower than ${previous.mtu} on ${previous.name}${port ? ` (${hop.name} follows it: a Linux bridge takes its ports' lowest MTU)` : ''}: packets larger than ${hop.mtu} bytes are dropped here (default-size pings still pass).`,
        should: `at least ${previous.mtu}`,
        is: String(hop.mtu),
        evidence: [`${previous.name}: mtu ${previous.mtu}`, `${hop.name}: mtu ${hop.mtu}`, ...(port ? [`${port.name}: mtu ${port.mtu}`] : [])],
        command: commandOn(inNamespace(at.namespace, `ip link show ${at.name}`), at.machine ?? hop.machine),
      });
    }
    previous = hop;
  }
}
