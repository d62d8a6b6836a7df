// For the path analysis tests: the lab as its probes saw it (compute node 24 with instance-00000012
// on private2 and instance-00000014 on private, gateway 26 with the qrouter), built from real
// outputs through the real parsers and linker (renderer/views/network/lab-outputs.fixture.ts),
// plus what those captures lack, as the lab lays it out (test/lab/lib/config.sh): the qdhcp
// namespaces' taps, the qrouter's NAT pairs and neighbours. Each fault is one edit of a probe value.
import type { LabInventory, ProbeOutcome } from '../contract/inventory';
import type { FirewallRules, IpAddr, IpNeighbours, IpRoutes, OvsShow } from '../contract/lab-model';
import { computeProbes, gatewayProbes, labInventory, ROUTER_NAMESPACE } from '../../renderer/views/network/lab-outputs.fixture';

export { ROUTER_NAMESPACE };
export const DHCP_PRIVATE = 'qdhcp-f8ec06d8-c199-45b8-bc72-56ee2c806fed';
export const DHCP_PRIVATE2 = 'qdhcp-2ed6a3e2-9d78-4323-b6dd-d433e67d7f9f';

const modelOutcome = (machineId: string, probeId: string, value: unknown, command: string): ProbeOutcome => ({
  machineId,
  probeId,
  command,
  startedAt: '2026-11-22T05:48:18.000Z',
  durationMs: 30,
  status: 'ok',
  value,
  format: 'json',
  problems: [],
  error: null,
});

const dhcpAddr = (tap: string, mac: string, address: string): IpAddr => ({
  interfaces: [
    { index: 1, name: 'lo', link: null, state: 'UNKNOWN', mtu: 65536, mac: null, flags: ['LOOPBACK', 'UP'], master: null, kind: null, slaveKind: null, addresses: [{ family: 'inet', address: '127.0.0.1', prefixLength: 8, scope: 'host' }] },
    { index: 2, name: tap, link: null, state: 'UP', mtu: 1500, mac, flags: ['BROADCAST', 'UP'], master: null, kind: null, slaveKind: null, addresses: [{ family: 'inet', address, prefixLength: 27, scope: 'global' }] },
  ],
});

const dhcpRoutes = (cidr: string, tap: string, address: string): IpRoutes => ({
  routes: [{ destination: cidr, gateway: null, device: tap, protocol: 'kernel', scope: 'link', metric: null, source: address, type: null }],
});

/** The lab's floating addresses as the qrouter's nftables DNAT/SNAT pairs show them (.140 is the dead one). */
export const LAB_NAT: FirewallRules = {
  source: 'nft',
  rules: [
    { family: 'ip', table: 'neutron-l3-agent', chain: 'prerouting', text: 'ip daddr 198.51.100.138 dnat to 198.51.100.20', action: 'dnat', target: '198.51.100.20', line: 4 },
    { family: 'ip', table: 'neutron-l3-agent', chain: 'postrouting', text: 'ip saddr 198.51.100.20 snat to 198.51.100.138', action: 'snat', target: '198.51.100.138', line: 9 },
    { family: 'ip', table: 'neutron-l3-agent', chain: 'prerouting', text: 'ip daddr 198.51.100.140 dnat to 198.51.100.29', action: 'dnat', target: '198.51.100.29', line: 5 },
  ],
  natPairs: [
    { floating: '198.51.100.138', fixed: '198.51.100.20', dnat: true, snat: true },
    { floating: '198.51.100.140', fixed: '198.51.100.29', dnat: true, snat: false },
  ],
};

export const LAB_NEIGHBOURS: IpNeighbours = {
  entries: [
    { address: '198.51.100.20', device: 'qr-cdbf7fe2-ce', mac: 'fa:16:3e:e4:a3:bf', states: ['REACHABLE'], router: false },
    { address: '198.51.100.39', device: 'qr-b2448589-2b', mac: 'fa:16:3e:f5:ed:19', states: ['STALE'], router: false },
  ],
};

/** Every probe of the lab fixture; `edit` changes them before the inventory is linked. */
export function labPathProbes(): ProbeOutcome[] {
  return [
    ...computeProbes('24'),
    ...gatewayProbes('26'),
    modelOutcome('26', `netns-addr:${DHCP_PRIVATE}`, dhcpAddr('tap9fab3b71-9d', 'fa:16:3e:67:aa:a7', '198.51.100.2'), 'sudo -n ip netns exec qdhcp-f8ec06d8… ip -j addr'),
    modelOutcome('26', `netns-route:${DHCP_PRIVATE}`, dhcpRoutes('198.51.100.0/27', 'tap9fab3b71-9d', '198.51.100.2'), 'sudo -n ip netns exec qdhcp-f8ec06d8… ip -j route'),
    modelOutcome('26', `netns-addr:${DHCP_PRIVATE2}`, dhcpAddr('tapcd36d805-52', 'fa:16:3e:85:01:f2', '198.51.100.34'), 'sudo -n ip netns exec qdhcp-2ed6a3e2… ip -j addr'),
    modelOutcome('26', `netns-firewall:${ROUTER_NAMESPACE}`, LAB_NAT, `sudo -n ip netns exec ${ROUTER_NAMESPACE} nft list ruleset`),
    modelOutcome('26', `netns-neigh:${ROUTER_NAMESPACE}`, LAB_NEIGHBOURS, `sudo -n ip netns exec ${ROUTER_NAMESPACE} ip -j neigh`),
  ];
}

/** The probe's value to edit in place (a deep copy: the parsed fixtures are shared). */
export function editValue<T>(probes: ProbeOutcome[], machineId: string, probeId: string, edit: (value: T) => void): ProbeOutcome[] {
  return probes.map((outcome) => {
    if (outcome.machineId !== machineId || outcome.probeId !== probeId) return outcome;
    const value = structuredClone(outcome.value) as T;
    edit(value);
    return { ...outcome, value };
  });
}

/** Sets a port's tag in `ovs-vsctl show` on the machines given. */
export function withPortTag(probes: ProbeOutcome[], port: string, tag: number | null, machineIds = ['24', '26']): ProbeOutcome[] {
  return machineIds.reduce(
    (edited, machineId) =>
      editValue<OvsShow>(edited, machineId, 'ovs-vsctl', (show) => {
        for (const bridge of show.bridges) for (const candidate of bridge.ports) if (candidate.name === port) candidate.tag = tag;
      }),
    probes,
  );
}

export const labPathInventory = (probes: ProbeOutcome[] = labPathProbes()): LabInventory => labInventory(probes);
