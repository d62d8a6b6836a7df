// For the path analysis tests: the lab as its probes saw it (compute node 24 with instance-00000012
// on private2 and instance-00000014 on private, gateway 26 with the qrouter), built from real
// outputs through the real parsers and linker (renderer/views/network/lab-outputs.fixture.ts and
// the qdhcp namespaces' captures), plus, as models, the qrouter's NAT pairs and neighbours as the
// lab lays them out (test/lab/lib/config.sh). Each fault is one edit of a probe value.
import type { LabInventory, ProbeOutcome } from '../contract/inventory';
import type { FirewallRules, IpNeighbours, OvsShow } from '../contract/lab-model';
import { computeProbes, gatewayProbes, labInventory, outcome, ROUTER_NAMESPACE } from '../../renderer/views/network/lab-outputs.fixture';

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
    // This capture of the Interface table has the probe's ofport column (the older one does not).
    ...computeProbes('24').filter((probe) => probe.probeId !== 'ovs-interfaces'),
    outcome('24', 'ovs-interfaces', 'ovs-list', 'ovs-list/lab-ovs-3.1.0-interface-name-external_ids-ofport-mac_in_use.json.txt', 'sudo -n ovs-vsctl --format=json --columns=name,external_ids,ofport,mac_in_use list Interface'),
    ...gatewayProbes('26'),
    outcome('26', `netns-addr:${DHCP_PRIVATE}`, 'ip-addr', 'ip-addr/lab-qdhcp-iproute2-6.1.json.txt', `sudo -n ip netns exec ${DHCP_PRIVATE} ip -j addr`),
    outcome('26', `netns-route:${DHCP_PRIVATE}`, 'ip-route', 'ip-route/lab-qdhcp-iproute2-6.1.json.txt', `sudo -n ip netns exec ${DHCP_PRIVATE} ip -j route`),
    outcome('26', `netns-addr:${DHCP_PRIVATE2}`, 'ip-addr', 'ip-addr/lab-qdhcp-private2-iproute2-6.1.json.txt', `sudo -n ip netns exec ${DHCP_PRIVATE2} ip -j addr`),
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
