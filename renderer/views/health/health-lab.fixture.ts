// For the component tests: the walkthrough's lab (openstack-lab.fixture.ts) with what the health
// report's objects are followed to (instance-0000000c's nic as tap/qbr/qvo, the gateway's qrouter
// and qdhcp namespaces with their interfaces and the floating address on qg-), and a report whose
// findings cover every kind of object. Built by hand in the shapes of electron/contract/health.ts;
// addresses from 198.51.100.0/24.
import type { LabInventory, ProbeOutcome } from '../../../electron/contract/inventory';
import type { HealthCheckRun, HealthFinding, HealthReport } from '../../../electron/contract/health';
import type { IpInterface } from '../../../electron/contract/lab-model';
import { openStackLab } from '../openstack/openstack-lab.fixture';

export const ROUTER_NS = 'qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566';
export const DHCP_NS = 'qdhcp-b2e1d4c3-0000-4000-8000-00000000a002';
export const GATEWAY = '26';
export const NODE = '22';
const READ_AT = '2026-12-07T10:00:00.000Z';

function outcome(machineId: string, probeId: string, value: unknown): ProbeOutcome {
  return { machineId, probeId, command: probeId, startedAt: READ_AT, durationMs: 1, status: 'ok', value, format: 'text', problems: [], error: null };
}

const iface = (name: string, addresses: string[]): IpInterface => ({
  index: null,
  name,
  link: null,
  state: 'UP',
  mtu: 1500,
  mac: null,
  flags: ['UP'],
  master: null,
  kind: null,
  slaveKind: null,
  addresses: addresses.map((cidr) => ({ family: 'inet', address: cidr.split('/')[0]!, prefixLength: Number(cidr.split('/')[1]), scope: 'global' })),
});

const gatewayProbes = (): ProbeOutcome[] => [
  outcome(GATEWAY, 'ip-netns', {
    namespaces: [
      { name: ROUTER_NS, id: 0, kind: 'qrouter', resourceId: ROUTER_NS.slice('qrouter-'.length) },
      { name: DHCP_NS, id: 1, kind: 'qdhcp', resourceId: DHCP_NS.slice('qdhcp-'.length) },
    ],
  }),
  outcome(GATEWAY, `netns-addr:${ROUTER_NS}`, { interfaces: [iface('qr-2f44a1d3-7c', ['10.5.5.1/24']), iface('qg-9a8b7c6d-5e', ['198.51.100.20/24', '198.51.100.31/32'])] }),
  outcome(GATEWAY, `netns-addr:${DHCP_NS}`, { interfaces: [iface('tapd1e2f3a4-b5', ['10.5.5.2/24'])] }),
];

const find = (finding: Omit<HealthFinding, 'evidence'> & { evidence?: string[] }): HealthFinding => ({ evidence: [], ...finding });

export const FINDINGS = {
  vlanTag: find({
    checkId: 'qvo-vlan-tag',
    severity: 'error',
    object: { kind: 'ovs-port', name: 'qvo1896322c-d4', machineId: NODE },
    message: "qvo1896322c-d4 (instance-0000000c) has VLAN tag 4 on br-int; its network's DHCP and router ports use tag 1.",
    evidence: ['qvo1896322c-d4 tag: 4', `${DHCP_NS} tapd1e2f3a4-b5 tag: 1`],
    command: 'sudo ovs-vsctl get Port qvo1896322c-d4 tag',
  }),
  dnsmasq: find({
    checkId: 'qdhcp-dnsmasq',
    severity: 'error',
    object: { kind: 'namespace', name: DHCP_NS, machineId: GATEWAY },
    message: `No dnsmasq runs for ${DHCP_NS} on node02ob64: instances on its network get no address.`,
    evidence: ['pgrep -af dnsmasq: no process with --dhcp-hostsfile=…/b2e1d4c3-…/host'],
    command: 'pgrep -af dnsmasq',
  }),
  unit: find({
    checkId: 'juju-status',
    severity: 'error',
    object: { kind: 'unit', name: 'nova-compute/1', machineId: '24' },
    message: 'Unit nova-compute/1 is in error: hook failed: "config-changed".',
    command: 'juju status nova-compute/1',
  }),
  floatingNat: find({
    checkId: 'floating-nat',
    severity: 'warning',
    object: { kind: 'floating-ip', name: '198.51.100.31', machineId: GATEWAY },
    message: `Floating address 198.51.100.31 is on qg-9a8b7c6d-5e in ${ROUTER_NS} but has no DNAT rule to 10.5.5.11.`,
    evidence: ['qg-9a8b7c6d-5e: 198.51.100.31/32', 'iptables-save -t nat: no -d 198.51.100.31/32 -j DNAT'],
    command: `sudo ip netns exec ${ROUTER_NS} iptables-save -t nat`,
  }),
  staleNat: find({
    checkId: 'floating-nat',
    severity: 'warning',
    object: { kind: 'floating-ip', name: '198.51.100.44', machineId: GATEWAY },
    message: `A DNAT rule for 198.51.100.44 in ${ROUTER_NS} has no address on qg-.`,
    command: `sudo ip netns exec ${ROUTER_NS} iptables-save -t nat`,
  }),
  stalePort: find({
    checkId: 'stale-ovs-port',
    severity: 'warning',
    object: { kind: 'ovs-port', name: 'qvo0badc0de-99', machineId: NODE },
    message: 'OVS port qvo0badc0de-99 on node03ob64 names vm-uuid 0badc0de-…, which no container is.',
    command: 'sudo ovs-vsctl --columns=name,external_ids list Interface qvo0badc0de-99',
  }),
  stopped: find({
    checkId: 'container-stopped',
    severity: 'warning',
    object: { kind: 'container', name: 'instance-00000012', machineId: '24' },
    message: 'Container instance-00000012 on node05ob64 is STOPPED; Nova expects lxc-test-2 ACTIVE.',
    command: 'lxc info instance-00000012',
  }),
  application: find({
    checkId: 'juju-status',
    severity: 'warning',
    object: { kind: 'application', name: 'neutron-gateway', machineId: null },
    message: 'Application neutron-gateway is blocked: Missing relations: messaging.',
    command: null,
  }),
  packages: find({
    checkId: 'compute-packages',
    severity: 'info',
    object: { kind: 'machine', name: 'node05ob64', machineId: '24' },
    message: 'node05ob64 has nova-compute-lxd 13.0.0-0ubuntu1; the other compute node has 13.1.0-0ubuntu1.',
    evidence: ['node03ob64: nova-compute-lxd 13.1.0-0ubuntu1', 'node05ob64: nova-compute-lxd 13.0.0-0ubuntu1'],
    command: 'dpkg -l nova-compute-lxd',
  }),
} satisfies Record<string, HealthFinding>;

const run = (id: string, title: string, severity: HealthCheckRun['severity'], findings: number, status: HealthCheckRun['status'] = 'ran', note: string | null = null): HealthCheckRun => ({ id, title, severity, status, note, findings });

export const CHECKS: HealthCheckRun[] = [
  run('qvo-vlan-tag', "qvo VLAN tag matches its network's", 'error', 1),
  run('qdhcp-dnsmasq', 'dnsmasq runs for each qdhcp namespace', 'error', 1),
  run('juju-status', 'Juju units, applications and machines', 'error', 2),
  run('floating-nat', 'Each floating address has its NAT rules', 'warning', 2),
  run('stale-ovs-port', 'OVS ports name a container', 'warning', 1),
  run('container-stopped', 'Containers Nova expects running are running', 'warning', 1),
  run('compute-packages', 'Compute nodes run the same LXD packages', 'info', 1),
  run('qrouter-default-route', 'Each qrouter has a default route', 'error', 0, 'not-read', 'netns-route could not be read (machine 26 (qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566): sudo: a password is required)'),
  run('mtu-chain', 'MTUs along a chain are not below the instance’s', 'warning', 0),
];

export function healthReport(findings: HealthFinding[] = Object.values(FINDINGS), checks: HealthCheckRun[] = CHECKS): HealthReport {
  return { checkedAt: READ_AT, findings, checks };
}

/** The walkthrough's lab with its nic plumbing, the gateway's namespaces and this health report (null: none). */
export function healthLab(report: HealthReport | null = healthReport()): LabInventory {
  const lab = openStackLab();
  const containers = lab.links.containers.map((link) =>
    link.container === 'instance-0000000c'
      ? { ...link, nics: [{ device: 'eth0', bridge: 'qbr1896322c-d4', tap: 'tap1896322c-d4', mac: 'fa:16:3e:00:00:01', ovsPort: 'qvo1896322c-d4', neutronPortId: '1896322c-d4aa-4bbb-8ccc-000000000001', vmUuid: null }] }
      : link,
  );
  return { ...lab, probes: [...lab.probes, ...gatewayProbes()], links: { ...lab.links, containers }, health: report };
}
