// A qdhcp namespace whose DHCP port (the tap Neutron plugs into br-int) has no address, or that has
// no port at all: dnsmasq then listens nowhere on the network, and instances get no address.
import type { HealthFinding } from '../../contract/health';
import { findingOf, type HealthCheck } from '../health-check';
import { labIndex } from '../lab-index';

/** The DHCP port's device: "tap…" under Open vSwitch, "ns-…" under Linux bridge. */
const DHCP_PORT = /^(tap|ns-)/;

export const DHCP_PORT_WITHOUT_ADDRESS: HealthCheck = {
  id: 'dhcp-port-without-address',
  title: 'every DHCP namespace has an address on its port',
  severity: 'error',
  needs: ['netns-addr'],
  run(inventory) {
    const index = labIndex(inventory);
    const findings: HealthFinding[] = [];
    for (const { machineId, namespace } of index.namespaces()) {
      if (namespace.kind !== 'qdhcp') continue;
      const addresses = index.readNamespace(machineId, 'netns-addr', namespace.name);
      if (!addresses) continue;
      const ports = addresses.interfaces.filter((iface) => DHCP_PORT.test(iface.name));
      const where = `${namespace.name} on ${index.machineName(machineId)}`;
      const command = `sudo ip netns exec ${namespace.name} ip addr`;
      if (ports.length === 0) {
        findings.push(
          findingOf(
            this,
            { kind: 'namespace', name: namespace.name, machineId },
            `${where} has no DHCP port (no tap… interface): dnsmasq cannot serve the network; restart the DHCP agent (\`sudo systemctl restart neutron-dhcp-agent\`), which plugs it again.`,
            [`interfaces: ${addresses.interfaces.map((iface) => iface.name).join(', ') || 'none'}`],
            command,
          ),
        );
        continue;
      }
      for (const port of ports) {
        if (port.addresses.some((entry) => entry.family === 'inet' || (entry.family === 'inet6' && entry.scope === 'global'))) continue;
        findings.push(
          findingOf(
            this,
            { kind: 'interface', name: port.name, machineId },
            `${port.name}, the DHCP port in ${where}, has no address: dnsmasq cannot answer on the network, so instances get no address; restart the DHCP agent (\`sudo systemctl restart neutron-dhcp-agent\`).`,
            [`${port.name}: ${port.addresses.map((entry) => `${entry.family} ${entry.address}/${entry.prefixLength ?? '?'}`).join(', ') || 'no address'}, state ${port.state ?? 'not shown'}`],
            command,
          ),
        );
      }
    }
    return findings;
  },
};
