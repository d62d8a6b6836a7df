// A device of a running instance's chain whose MTU is lower than the instance's: packets as large
// as the instance sends (its network's MTU, 1456 in the walkthrough) are dropped there, so small
// pings pass and real traffic (SSH key exchange, HTTP) hangs. The instance's MTU is its network's
// as OpenStack lists it; when OpenStack was not read, the highest MTU of the chain stands for it.
import type { HealthFinding } from '../../contract/health';
import { CONTROLLER_MACHINE_ID } from '../../contract/inventory';
import { probeValue } from '../../contract/probe-models';
import { findingOf, type HealthCheck } from '../health-check';
import { runningChains } from '../instance-chain';
import { labIndex } from '../lab-index';

/** The MTU of each instance nic's network, by `machineId|container|device`, from OpenStack's lists. */
function networkMtus(inventory: Parameters<HealthCheck['run']>[0]): Map<string, { mtu: number; network: string }> {
  const networks = probeValue(labIndex(inventory).outcome(CONTROLLER_MACHINE_ID, 'openstack-networks'), 'openstack-networks')?.networks ?? [];
  const byId = new Map(networks.map((network) => [network.id, network]));
  const mtus = new Map<string, { mtu: number; network: string }>();
  for (const server of inventory.links.openstack?.servers ?? []) {
    for (const port of server.ports) {
      const network = port.networkId ? byId.get(port.networkId) : undefined;
      if (network?.mtu && server.machineId && server.container && port.containerDevice) mtus.set(`${server.machineId}|${server.container}|${port.containerDevice}`, { mtu: network.mtu, network: network.name || network.id });
    }
  }
  return mtus;
}

export const CHAIN_MTU: HealthCheck = {
  id: 'chain-mtu',
  title: "no device of an instance's chain has a lower MTU than the instance",
  severity: 'error',
  needs: ['links', 'lxc-list', 'lxc-profiles'],
  run(inventory) {
    const index = labIndex(inventory);
    const mtus = networkMtus(inventory);
    const findings: HealthFinding[] = [];
    for (const { machineId, links, container, nic, chain } of runningChains(index)) {
      const hops = chain.map((device) => ({ device, mtu: links.get(device.name)?.mtu ?? null })).filter((hop): hop is typeof hop & { mtu: number } => hop.mtu !== null);
      if (hops.length === 0) continue;
      const network = mtus.get(`${machineId}|${container.container}|${nic.device}`);
      const expected = network?.mtu ?? Math.max(...hops.map((hop) => hop.mtu));
      const said = network ? `its network ${network.network}'s MTU, ${network.mtu}` : `the rest of its chain's MTU, ${expected}`;
      for (const hop of hops) {
        if (hop.mtu >= expected) continue;
        findings.push(
          findingOf(
            this,
            { kind: hop.device.role === 'qbr' ? 'bridge' : 'interface', name: hop.device.name, machineId },
            `${hop.device.name}, ${hop.device.what} of ${container.container} on ${index.machineName(machineId)}, has MTU ${hop.mtu}, lower than ${said}: larger packets are dropped there (small pings pass, SSH and HTTP hang); set it with \`sudo ip link set ${hop.device.name} mtu ${expected}\`.`,
            [...hops.map((other) => `${other.device.name} mtu ${other.mtu}`), network ? `network ${network.network} mtu ${network.mtu} (openstack network list)` : 'OpenStack not read: the chain\'s highest MTU stands for the instance\'s'],
            `ip link show ${hop.device.name}`,
          ),
        );
      }
    }
    return findings;
  },
  note(inventory) {
    const read = probeValue(labIndex(inventory).outcome(CONTROLLER_MACHINE_ID, 'openstack-networks'), 'openstack-networks') !== null;
    return read ? null : "OpenStack's networks were not read: each chain is compared with its own highest MTU, not its network's";
  },
};
