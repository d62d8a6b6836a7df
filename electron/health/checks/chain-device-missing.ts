// A device of a running instance's chain (tap, qbr, qvb, qvo) that the node's `ip link` does not
// show: the packet has nowhere to go past the last device that exists. A missing qbr is the
// "bridge missing" of a half-unplugged instance.
import type { HealthFinding } from '../../contract/health';
import { findingOf, type HealthCheck } from '../health-check';
import { runningChains } from '../instance-chain';
import { labIndex } from '../lab-index';

export const CHAIN_DEVICE_MISSING: HealthCheck = {
  id: 'chain-device-missing',
  title: "each running instance's tap, qbr, qvb and qvo exist",
  severity: 'error',
  needs: ['links', 'lxc-list', 'lxc-profiles'],
  run(inventory) {
    const index = labIndex(inventory);
    const findings: HealthFinding[] = [];
    for (const { machineId, links, container, nic, chain } of runningChains(index)) {
      for (const device of chain) {
        if (links.has(device.name)) continue;
        findings.push(
          findingOf(
            this,
            { kind: device.role === 'qbr' ? 'bridge' : 'interface', name: device.name, machineId },
            `${device.name}, ${device.what} of ${container.container}, is missing on ${index.machineName(machineId)}: the instance's packets cannot reach br-int; a hard reboot of its server (\`openstack server reboot --hard\`) plugs the chain again.`,
            [`${container.container} is ${container.state}, nic ${nic.device}: ${chain.map((step) => step.name).join(' → ')} → br-int`, `ip link on ${index.machineName(machineId)}: no ${device.name}`],
            `ip -d link show ${device.name}`,
          ),
        );
      }
    }
    return findings;
  },
};
