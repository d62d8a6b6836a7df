// For the tests of the namespace and machine tables: the walkthrough's lab with OpenStack read
// (openstack-lab.fixture.ts) plus the gateway's namespaces and the compute nodes' own tables, in
// the shapes of the contract's IpRoutes, IpNeighbours and FirewallRules. The qrouter's rules are
// those the test lab writes with nft (test/lab/lib/neutron.sh): a DNAT in PREROUTING and OUTPUT and
// an SNAT back in POSTROUTING per floating address, one of them to a fixed address nothing has.
// Built by hand; addresses from 198.51.100.0/24 and the tenant's 10.5.5.0/24.
import type { LabInventory, ProbeOutcome } from '../../../../electron/contract/inventory';
import type { FirewallRule, FirewallRules, IpNeighbours, IpRoutes } from '../../../../electron/contract/lab-model';
import { openStackLab, ROUTER, TENANT_NET } from '../../openstack/openstack-lab.fixture';

export const QROUTER = `qrouter-${ROUTER}`;
export const QDHCP = `qdhcp-${TENANT_NET}`;
export const GATEWAY = '26';
/** The floating address whose DNAT target no instance has (as the test lab's dead address). */
export const DEAD_FLOATING = '198.51.100.40';
export const DEAD_FIXED = '10.5.5.77';
const QG = 'qg-5e1b2c3d-4f';
/** What the firewall probes run: a script that tries nft, then iptables-save (shortened). */
const FIREWALL_SCRIPT_COMMAND = `sh -c 'if command -v nft …; then …; fi' orangebox-firewall-probe`;

function outcome(machineId: string, probeId: string, value: unknown, command: string, overrides: Partial<ProbeOutcome> = {}): ProbeOutcome {
  return { machineId, probeId, command, startedAt: '2026-12-07T10:00:00.000Z', durationMs: 4, status: 'ok', value, format: 'json', problems: [], error: null, ...overrides };
}

const route = (destination: string, gateway: string | null, device: string, extra: Partial<IpRoutes['routes'][number]> = {}): IpRoutes['routes'][number] => ({
  destination,
  gateway,
  device,
  protocol: gateway ? null : 'kernel',
  scope: gateway ? null : 'link',
  metric: null,
  source: null,
  type: null,
  ...extra,
});

let line = 0;
const rule = (table: string, chain: string, text: string, action: string | null, target: string | null, family = 'ip'): FirewallRule => ({ family, table, chain, text, action, target, line: ++line });

function qrouterRules(): FirewallRules {
  line = 4;
  const pairs = [
    ['198.51.100.31', '10.5.5.11'],
    ['198.51.100.32', '10.5.5.12'],
    [DEAD_FLOATING, DEAD_FIXED],
  ] as const;
  const rules = [
    ...pairs.map(([floating, fixed]) => rule('neutron-l3-agent', 'PREROUTING', `ip daddr ${floating} dnat to ${fixed}`, 'dnat', fixed)),
    ...pairs.map(([floating, fixed]) => rule('neutron-l3-agent', 'OUTPUT', `ip daddr ${floating} dnat to ${fixed}`, 'dnat', fixed)),
    ...pairs.map(([floating, fixed]) => rule('neutron-l3-agent', 'POSTROUTING', `oifname "${QG}" ip saddr ${fixed} snat to ${floating}`, 'snat', floating)),
    rule('neutron-l3-agent', 'POSTROUTING', `oifname "${QG}" ip saddr 10.5.5.0/24 snat to 198.51.100.20`, 'snat', '198.51.100.20'),
  ];
  return { source: 'nft', rules, natPairs: pairs.map(([floating, fixed]) => ({ floating, fixed, dnat: true, snat: true })) };
}

/** A compute node's iptables-save: Neutron's hybrid firewall chains, many more rules than fit. */
function computeRules(rulesPerChain: number): FirewallRules {
  line = 1;
  const rules: FirewallRule[] = [];
  for (const chain of ['neutron-openvswi-i9e0c6af1-3', 'neutron-openvswi-o9e0c6af1-3']) {
    for (let index = 0; index < rulesPerChain; index++) {
      rules.push(rule('filter', chain, `-A ${chain} -p tcp -m tcp --dport ${1000 + index} -j RETURN`, 'return', null, 'ipv4'));
    }
  }
  rules.push(rule('filter', 'FORWARD', '-A FORWARD -j neutron-filter-top', 'jump', 'neutron-filter-top', 'ipv4'));
  return { source: 'iptables', rules, natPairs: [] };
}

/** The lab with the gateway's namespaces and the compute nodes' own tables read (some not). */
export function netTablesLab(): LabInventory {
  const lab = openStackLab();
  const inNs = (namespace: string, command: string) => `sudo ip netns exec ${namespace} ${command}`;
  const neighbours: IpNeighbours = {
    entries: [
      { address: '10.5.5.11', device: 'qr-6b1c2d3e-4f', mac: 'fa:16:3e:00:00:01', states: ['REACHABLE'], router: false },
      { address: '198.51.100.1', device: QG, mac: null, states: ['FAILED'], router: false },
    ],
  };
  const probes: ProbeOutcome[] = [
    outcome(GATEWAY, 'ip-netns', { namespaces: [{ name: QROUTER, id: 1, kind: 'qrouter', resourceId: ROUTER }, { name: QDHCP, id: 0, kind: 'qdhcp', resourceId: TENANT_NET }] }, 'ip netns list'),
    outcome(GATEWAY, `netns-route:${QROUTER}`, { routes: [route('10.5.5.0/24', null, 'qr-6b1c2d3e-4f', { source: '10.5.5.1' }), route('default', '198.51.100.1', QG), route('198.51.100.0/24', null, QG, { source: '198.51.100.20' })] }, inNs(QROUTER, 'ip -j route show table all')),
    outcome(GATEWAY, `netns-neigh:${QROUTER}`, neighbours, inNs(QROUTER, 'ip -j neigh')),
    outcome(GATEWAY, `netns-firewall:${QROUTER}`, qrouterRules(), inNs(QROUTER, FIREWALL_SCRIPT_COMMAND)),
    outcome(GATEWAY, `netns-route:${QDHCP}`, { routes: [route('10.5.5.0/24', null, 'tap5c8e2a62-0f')] }, inNs(QDHCP, 'ip -j route')),
    outcome(GATEWAY, `netns-firewall:${QDHCP}`, null, inNs(QDHCP, FIREWALL_SCRIPT_COMMAND), { status: 'failed', error: { code: 'command-exit', message: 'sudo: a password is required' } }),
    outcome('22', 'routes', { routes: Array.from({ length: 12 }, (_, index) => route(`10.9.${index}.0/24`, '198.51.100.1', 'br-ex')).concat([route('default', '198.51.100.1', 'eth0', { protocol: 'dhcp', metric: 100 })]) }, 'ip -j route'),
    outcome('22', 'neigh', { entries: [] }, 'ip -j neigh'),
    outcome('22', 'firewall', computeRules(10), `${FIREWALL_SCRIPT_COMMAND} sudo -n`),
    outcome('24', 'firewall', null, 'sudo nft list ruleset', { status: 'failed', error: { code: 'command-exit', message: 'netlink: Error: cache initialization failed: Operation not permitted' } }),
  ];
  // The qdhcp namespace's neighbours and machine 24's routes and neighbours were never read.
  return { ...lab, probes: [...lab.probes, ...probes] };
}
