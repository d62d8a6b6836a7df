// Should-be versus is for MTUs along a path: a hop whose MTU is lower than the hop before it
// drops (or, with DF set, refuses) every packet larger than its MTU. Small pings pass, so this is a
// warning, not a block: large transfers stall while ping looks fine, the classic MTU symptom.
import type { PathHop } from '../contract/troubleshoot';
import { commandOn, inNamespace } from './path-hop';

export function addMtuFindings(hops: readonly PathHop[]): void {
  let previous: PathHop | null = null;
  for (const hop of hops) {
    if (hop.mtu === null) continue;
    if (previous && previous.mtu !== null && hop.mtu < previous.mtu && hop.name && hop.machine) {
      hop.findings.push({
        kind: 'mtu-lower',
        severity: 'warning',
        message: `${hop.name} has MTU ${hop.mtu}, lower than ${previous.mtu} on ${previous.name}: packets larger than ${hop.mtu} bytes are dropped here (default-size pings still pass).`,
        should: `at least ${previous.mtu}`,
        is: String(hop.mtu),
        evidence: [`${previous.name}: mtu ${previous.mtu}`, `${hop.name}: mtu ${hop.mtu}`],
        command: commandOn(inNamespace(hop.namespace, `ip link show ${hop.name}`), hop.machine),
      });
    }
    previous = hop;
  }
}
