// A device of a running instance's chain that is down: administratively (no UP flag, `ip link set
// … down`) or without carrier. Packets stop there.
import type { HealthFinding } from '../../contract/health';
import type { IpInterface } from '../../contract/lab-model';
import { findingOf, type HealthCheck } from '../health-check';
import { runningChains } from '../instance-chain';
import { labIndex } from '../lab-index';

/** Operational states that carry no packets ("UNKNOWN" is what many virtual devices report when up). */
const DOWN_STATES = new Set(['DOWN', 'LOWERLAYERDOWN', 'NOTPRESENT']);

/** Why an interface is down, in `ip link`'s words; null when it is up. */
export function downReason(iface: IpInterface): string | null {
  if (!iface.flags.includes('UP')) return `set down (flags ${iface.flags.join(',') || 'none'}${iface.state ? `, state ${iface.state}` : ''})`;
  if (iface.state !== null && DOWN_STATES.has(iface.state.toUpperCase())) return `up but its state is ${iface.state} (no carrier${iface.flags.includes('NO-CARRIER') ? ', NO-CARRIER' : ''})`;
  return null;
}

export const CHAIN_LINK_DOWN: HealthCheck = {
  id: 'chain-link-down',
  title: "each running instance's chain is up",
  severity: 'error',
  needs: ['links', 'lxc-list', 'lxc-profiles'],
  run(inventory) {
    const index = labIndex(inventory);
    const findings: HealthFinding[] = [];
    for (const { machineId, links, container, chain } of runningChains(index)) {
      for (const device of chain) {
        const iface = links.get(device.name);
        const reason = iface ? downReason(iface) : null;
        if (!iface || !reason) continue;
        findings.push(
          findingOf(
            this,
            { kind: device.role === 'qbr' ? 'bridge' : 'interface', name: device.name, machineId },
            `${device.name}, ${device.what} of ${container.container} on ${index.machineName(machineId)}, is ${reason}: the instance's packets stop there; bring it up with \`sudo ip link set ${device.name} up\`.`,
            [`${device.name}: state ${iface.state ?? 'not shown'}, flags ${iface.flags.join(',') || 'none'}`, `chain: ${chain.map((step) => step.name).join(' → ')} → br-int`],
            `ip -d link show ${device.name}`,
          ),
        );
      }
    }
    return findings;
  },
};
