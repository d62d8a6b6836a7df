// A router's floating addresses and its NAT rules must match: Neutron's l3 agent puts each floating
// address on the router's qg- port (a /32) and DNATs it to the instance's fixed address. An address
// with no DNAT answers ARP but goes nowhere; a DNAT whose address is not on qg- is never reached.
import type { HealthFinding } from '../../contract/health';
import { findingOf, type HealthCheck } from '../health-check';
import { labIndex } from '../lab-index';

/** Neutron adds floating addresses to qg- as host routes' worth: /32 (the gateway address has the subnet's prefix). */
const FLOATING_PREFIX = 32;

export const FLOATING_IP_NAT: HealthCheck = {
  id: 'floating-ip-nat',
  title: "each router's floating addresses have their NAT rules",
  severity: 'error',
  needs: ['netns-addr', 'netns-firewall'],
  run(inventory) {
    const index = labIndex(inventory);
    const findings: HealthFinding[] = [];
    for (const { machineId, namespace } of index.namespaces()) {
      if (namespace.kind !== 'qrouter') continue;
      const addresses = index.readNamespace(machineId, 'netns-addr', namespace.name);
      const firewall = index.readNamespace(machineId, 'netns-firewall', namespace.name);
      if (!addresses || !firewall) continue;
      const floating = new Map<string, string>();
      for (const iface of addresses.interfaces) {
        if (!iface.name.startsWith('qg-')) continue;
        for (const entry of iface.addresses) if (entry.family === 'inet' && entry.prefixLength === FLOATING_PREFIX) floating.set(entry.address, iface.name);
      }
      const translated = new Map(firewall.natPairs.filter((pair) => pair.dnat).map((pair) => [pair.floating, pair]));
      const where = `${namespace.name} on ${index.machineName(machineId)}`;
      const showRules = `sudo ip netns exec ${namespace.name} ${firewall.source === 'iptables' ? 'iptables-save -t nat' : 'nft list ruleset'}`;
      for (const [address, port] of floating) {
        if (translated.has(address)) continue;
        const snatOnly = firewall.natPairs.find((pair) => pair.floating === address);
        findings.push(
          findingOf(
            this,
            { kind: 'floating-ip', name: address, machineId },
            `Floating address ${address} is on ${port} in ${where}, but no DNAT rule translates it to a fixed address: traffic to it reaches the router and stops; re-associate the floating IP (\`openstack server remove floating ip\`, then \`add floating ip\`) so the l3 agent writes the rules again.`,
            [`${port}: inet ${address}/${FLOATING_PREFIX}`, snatOnly ? `only an SNAT from ${snatOnly.fixed} to it` : `${firewall.natPairs.length} NAT pairs, none for ${address}${firewall.natPairs.length > 0 ? ` (${firewall.natPairs.map((pair) => `${pair.floating}→${pair.fixed}`).join(', ')})` : ''}`],
            showRules,
          ),
        );
      }
      for (const pair of translated.values()) {
        if (floating.has(pair.floating)) continue;
        findings.push(
          findingOf(
            this,
            { kind: 'floating-ip', name: pair.floating, machineId },
            `${where} DNATs ${pair.floating} to ${pair.fixed}, but ${pair.floating} is not on its qg- port: nothing answers ARP for it, so traffic to it never reaches the router; re-associate the floating IP, or remove the leftover rules if it was released.`,
            [`NAT: ${pair.floating} → ${pair.fixed}${pair.snat ? ' (and SNAT back)' : ''}`, `qg- addresses: ${[...floating.keys()].join(', ') || 'no /32'}`],
            `sudo ip netns exec ${namespace.name} ip -4 addr show`,
          ),
        );
      }
    }
    return findings;
  },
};
