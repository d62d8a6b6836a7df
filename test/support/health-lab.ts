// A small healthy lab as probe models, shaped like the test lab (test/lab/README.md): compute nodes
// 22 and 24 with one Nova instance each and their tap → qbr → qvb ↔ qvo plumbing, control node 23
// with a Juju container, gateway 26 with two qdhcp namespaces (dnsmasq running) and a router whose
// qg- port holds a floating address DNATed to instance-0000000c. All machines show one Open vSwitch
// (as the lab's do). Health-check tests break one thing and expect one finding; the healthy lab
// finds nothing. Addresses are in 198.51.100.0/24.
import { CONTROLLER_MACHINE_ID, type InventoryMachine, type LabInventory, type MachineRole, type ProbeOutcome } from '../../electron/contract/inventory';
import type { IpInterface, OvsPort } from '../../electron/contract/lab-model';
import { namespaceProbeId, type ProbeModels } from '../../electron/contract/probe-models';
import { linkInventory } from '../../electron/inventory/inventory-links';
import { readMachineHypervisor } from '../../electron/inventory/node-hypervisor';

export const SWITCH_UUID = '3f0c1a2b-7d2e-4b6f-9a10-2c3d4e5f6a7b';
export const NET_PRIVATE = 'f8ec06d8-2f6c-4a3e-9c1d-5e7f8a9b0c1d';
export const NET_PRIVATE2 = '2ed6a3e2-11aa-4b2c-8d3e-4f5a6b7c8d9e';
export const ROUTER = 'qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566';
export const QDHCP_PRIVATE = `qdhcp-${NET_PRIVATE}`;
export const QDHCP_PRIVATE2 = `qdhcp-${NET_PRIVATE2}`;

/** The two instances: name, machine, Neutron port, MAC, fixed address, network tag. */
export const INSTANCE_0C = { name: 'instance-0000000c', machineId: '22', portId: '1896322c-d426-41bf-9973-bbc8d8d22745', mac: 'fa:16:3e:54:f9:9d', address: '198.51.100.12', tag: 1, vmUuid: '5a8c6f0e-0c0c-4c0c-8c0c-00000000000c' };
export const INSTANCE_12 = { name: 'instance-00000012', machineId: '24', portId: 'c397384b-56b3-44a7-946e-943c12ff588a', mac: 'fa:16:3e:f5:ed:19', address: '198.51.100.39', tag: 2, vmUuid: '5a8c6f0e-1212-4c12-8c12-000000000012' };
export const FLOATING_0C = '198.51.100.136';

export const port = (prefix: string, portId: string) => `${prefix}${portId.slice(0, 11)}`;

const STARTED_AT = '2026-12-08T01:00:00.000Z';

export function iface(name: string, extra: Partial<IpInterface> = {}): IpInterface {
  return { index: null, name, link: null, state: 'UP', mtu: 1500, mac: null, flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'], master: null, kind: null, slaveKind: null, addresses: [], ...extra };
}

const inet = (address: string, prefixLength: number) => ({ family: 'inet', address, prefixLength, scope: 'global' });
const ovsPort = (name: string, tag: number | null, type: string | null = null): OvsPort => ({ name, tag, type, interfaces: [{ name, type, options: {}, error: null }], externalIds: null });

export interface HealthLab {
  machines: InventoryMachine[];
  outcomes: ProbeOutcome[];
}

function outcome(machineId: string, probeId: string, value: unknown): ProbeOutcome {
  return { machineId, probeId, command: probeId, startedAt: STARTED_AT, durationMs: 5, status: 'ok', value, format: 'json', problems: [], error: null };
}

const machine = (id: string, hostname: string, roles: MachineRole[], applications: string[]): InventoryMachine => ({
  id,
  hostname,
  address: `127.0.1.${id}`,
  roles,
  applications,
  jujuState: 'started',
  route: { kind: 'jump', label: 'through the controller', chosenBy: 'auto', note: null },
  routeError: null,
  hypervisor: null,
});

function instancePlumbing(instance: typeof INSTANCE_0C): IpInterface[] {
  const qbr = port('qbr', instance.portId);
  return [
    iface(qbr, { kind: 'bridge' }),
    iface(port('tap', instance.portId), { kind: 'veth', master: qbr, slaveKind: 'bridge' }),
    iface(port('qvb', instance.portId), { kind: 'veth', master: qbr, slaveKind: 'bridge', link: port('qvo', instance.portId) }),
    iface(port('qvo', instance.portId), { kind: 'veth', master: 'ovs-system', slaveKind: 'openvswitch', link: port('qvb', instance.portId) }),
  ];
}

/** The one switch every machine shows: br-int with both networks' ports, br-ex with the router's gateway. */
function ovsShow(): ProbeModels['ovs-vsctl'] {
  return {
    uuid: SWITCH_UUID,
    managers: [],
    ovsVersion: '3.1.0',
    bridges: [
      {
        name: 'br-int',
        controllers: [],
        failMode: 'secure',
        datapathType: 'netdev',
        ports: [
          ovsPort('br-int', null, 'internal'),
          ovsPort(port('qvo', INSTANCE_0C.portId), INSTANCE_0C.tag),
          ovsPort(port('qvo', INSTANCE_12.portId), INSTANCE_12.tag),
          ovsPort('tap9fab3b71-9d', 1, 'internal'),
          ovsPort('qr-cdbf7fe2-ce', 1, 'internal'),
          ovsPort('tap5c8e2a62-0f', 2, 'internal'),
          ovsPort('qr-b2448589-2b', 2, 'internal'),
        ],
      },
      { name: 'br-ex', controllers: [], failMode: null, datapathType: 'netdev', ports: [ovsPort('br-ex', null, 'internal'), ovsPort('qg-adbbe7ab-46', null, 'internal')] },
    ],
  };
}

function ovsInterfaces(): ProbeModels['ovs-interfaces'] {
  const row = (instance: typeof INSTANCE_0C) => {
    const externalIds = { 'attached-mac': instance.mac, 'iface-id': instance.portId, 'iface-status': 'active', 'vm-uuid': instance.vmUuid };
    return { name: port('qvo', instance.portId), tag: null, type: null, externalIds, columns: { name: port('qvo', instance.portId), external_ids: externalIds } };
  };
  const plain = (name: string) => ({ name, tag: null, type: 'internal', externalIds: {}, columns: { name } });
  return { records: [row(INSTANCE_0C), row(INSTANCE_12), plain('tap9fab3b71-9d'), plain('qr-cdbf7fe2-ce'), plain('tap5c8e2a62-0f'), plain('qr-b2448589-2b'), plain('br-int')] };
}

function novaComputeConf(driver: string): ProbeModels['nova-compute-conf'] {
  return { sections: { DEFAULT: { compute_driver: driver } }, masked: [], repeated: {}, lines: { 'DEFAULT.compute_driver': 2 }, text: `[DEFAULT]\ncompute_driver=${driver}\n` };
}

export const stackPackage = (name: string, version: string) => ({ status: 'ii', name, version, arch: 'all', description: null, component: 'lxd' as const });

function computeNode(instance: typeof INSTANCE_0C): [string, unknown][] {
  const profile = {
    kind: 'profile' as const,
    name: instance.name,
    description: '',
    config: {},
    devices: { [port('qbr', instance.portId)]: { type: 'nic', nictype: 'bridged', parent: port('qbr', instance.portId), host_name: port('tap', instance.portId), hwaddr: instance.mac } },
    usedBy: [`/1.0/instances/${instance.name}`],
    profiles: null,
    architecture: null,
    ephemeral: null,
  };
  return [
    ['packages', { packages: [stackPackage('lxd', '5.0.2-5'), stackPackage('lxd-client', '5.0.2-5'), stackPackage('nova-compute-lxd', '14.2.0-0ubuntu1'), stackPackage('python-pylxd', '2.0.5-0ubuntu1')] }],
    ['nova-compute-conf', novaComputeConf('lxd.LXDDriver')],
    ['lxc-list', { instances: [{ name: instance.name, state: 'RUNNING', type: 'container', ephemeral: false, ipv4: [{ address: instance.address, iface: 'eth0' }], ipv6: [], snapshots: 0, location: null, profiles: [instance.name], project: null }] }],
    ['lxc-profiles', { profiles: [profile] }],
    ['ovs-vsctl', ovsShow()],
    ['ovs-interfaces', ovsInterfaces()],
    ['links', { interfaces: [iface('lo', { state: 'UNKNOWN', mtu: 65536 }), iface('br-int', { kind: 'openvswitch', state: 'UNKNOWN' }), ...instancePlumbing(instance)], bridges: [] }],
  ];
}

function jujuStatus(): ProbeModels['juju-status'] {
  const unit = (name: string, machineId: string) => ({ name, application: name.split('/')[0]!, machine: machineId, address: null, workloadStatus: 'active', agentStatus: 'idle', message: 'Unit is ready', leader: true, principal: null, ports: [] });
  const application = (name: string) => ({ name, charm: name, charmRev: 1, version: null, status: 'active', message: null, scale: 1, exposed: false, subordinateTo: [], channel: null, store: null, series: 'xenial', base: null });
  const jujuMachine = (id: string, parent: string | null = null, instanceId: string | null = null) => ({ id, parent, containerType: parent ? 'lxd' : null, state: 'started', address: null, instanceId, series: 'xenial', base: null, availabilityZone: null, message: null });
  return {
    model: { name: 'default', controller: 'maas', cloud: 'maas', region: null, version: '2.0.1', type: null, sla: null, timestamp: null, notes: null },
    applications: ['nova-compute', 'neutron-gateway', 'keystone'].map(application),
    units: [unit('nova-compute/0', '22'), unit('nova-compute/1', '24'), unit('neutron-gateway/0', '26'), unit('keystone/0', '23/lxd/0')],
    machines: [jujuMachine('22'), jujuMachine('23'), jujuMachine('23/lxd/0', '23', 'juju-79fcc7-23-lxd-0'), jujuMachine('24'), jujuMachine('26')],
    relations: [],
    saas: [],
    otherSections: [],
  };
}

function gateway(): [string, unknown][] {
  const namespace = (name: string, kind: 'qdhcp' | 'qrouter', resourceId: string) => ({ name, id: null, kind, resourceId });
  const lo = iface('lo', { state: 'UNKNOWN', mtu: 65536, addresses: [inet('127.0.0.1', 8)] });
  const internal = (name: string, addresses: ReturnType<typeof inet>[]) => iface(name, { state: 'UNKNOWN', addresses });
  const dnsmasq = (pid: number, network: string, tap: string) => ({ pid, commandLine: `dnsmasq --no-hosts --interface=${tap} --pid-file=/var/lib/neutron/dhcp/${network}/pid`, networkId: network, interface: tap });
  return [
    ['ip-netns', { namespaces: [namespace(QDHCP_PRIVATE, 'qdhcp', NET_PRIVATE), namespace(QDHCP_PRIVATE2, 'qdhcp', NET_PRIVATE2), namespace(ROUTER, 'qrouter', ROUTER.slice('qrouter-'.length))] }],
    [namespaceProbeId('netns-addr', QDHCP_PRIVATE), { interfaces: [lo, internal('tap9fab3b71-9d', [inet('198.51.100.2', 27)])] }],
    [namespaceProbeId('netns-addr', QDHCP_PRIVATE2), { interfaces: [lo, internal('tap5c8e2a62-0f', [inet('198.51.100.34', 27)])] }],
    [namespaceProbeId('netns-addr', ROUTER), { interfaces: [lo, internal('qr-cdbf7fe2-ce', [inet('198.51.100.1', 27)]), internal('qr-b2448589-2b', [inet('198.51.100.33', 27)]), internal('qg-adbbe7ab-46', [inet('198.51.100.130', 26), inet(FLOATING_0C, 32)])] }],
    [namespaceProbeId('netns-route', QDHCP_PRIVATE), { routes: [{ destination: '198.51.100.0/27', gateway: null, device: 'tap9fab3b71-9d', protocol: 'kernel', scope: 'link', metric: null, source: '198.51.100.2', type: null }] }],
    [namespaceProbeId('netns-route', ROUTER), { routes: [{ destination: 'default', gateway: '198.51.100.129', device: 'qg-adbbe7ab-46', protocol: null, scope: null, metric: null, source: null, type: null }] }],
    [namespaceProbeId('netns-firewall', ROUTER), { source: 'nft', rules: [], natPairs: [{ floating: FLOATING_0C, fixed: INSTANCE_0C.address, dnat: true, snat: true }] }],
    ['dnsmasq-processes', { processes: [dnsmasq(4101, NET_PRIVATE, 'tap9fab3b71-9d'), dnsmasq(4102, NET_PRIVATE2, 'tap5c8e2a62-0f')] }],
    ['ovs-vsctl', ovsShow()],
    ['links', { interfaces: [iface('lo', { state: 'UNKNOWN', mtu: 65536 }), iface('br-int', { kind: 'openvswitch', state: 'UNKNOWN' })], bridges: [] }],
  ];
}

export function healthyLab(): HealthLab {
  const machines = [
    { ...machine(CONTROLLER_MACHINE_ID, 'OrangeBox64', ['controller'], []), route: { kind: 'controller' as const, label: 'ssh', chosenBy: 'auto' as const, note: null } },
    machine('22', 'node03ob64', ['compute'], ['nova-compute']),
    machine('23', 'node04ob64', ['control'], ['keystone']),
    machine('24', 'node05ob64', ['compute'], ['nova-compute']),
    machine('26', 'node02ob64', ['gateway'], ['neutron-gateway']),
  ];
  const outcomes: ProbeOutcome[] = [outcome(CONTROLLER_MACHINE_ID, 'juju-status', jujuStatus())];
  const add = (machineId: string, entries: [string, unknown][]) => entries.forEach(([probeId, value]) => outcomes.push(outcome(machineId, probeId, value)));
  add('22', computeNode(INSTANCE_0C));
  add('24', computeNode(INSTANCE_12));
  add('23', [
    ['lxc-list', { instances: [{ name: 'juju-79fcc7-23-lxd-0', state: 'RUNNING', type: 'container', ephemeral: false, ipv4: [{ address: '198.51.100.201', iface: 'eth0' }], ipv6: [], snapshots: 0, location: null, profiles: ['default'], project: null }] }],
    ['lxc-profiles', { profiles: [] }],
  ]);
  add('26', gateway());
  return { machines, outcomes };
}

/** The model of one probe of the lab, to break it in a test. */
export function model<K extends keyof ProbeModels>(lab: HealthLab, machineId: string, probeId: string, _kind: K): ProbeModels[K] {
  const found = lab.outcomes.find((candidate) => candidate.machineId === machineId && candidate.probeId === probeId);
  if (!found) throw new Error(`the health lab has no ${probeId} on machine ${machineId}`);
  return found.value as ProbeModels[K];
}

/** The lab's inventory, linked and with each compute node's hypervisor, as the keeper would publish it. */
export function inventoryOf(lab: HealthLab): LabInventory {
  const probes = structuredClone(lab.outcomes);
  const machines = lab.machines.map((entry) => ({ ...entry }));
  for (const entry of machines) entry.hypervisor = readMachineHypervisor(entry, probes);
  return { labId: 'lab-health-test', refreshing: false, refreshedAt: '2026-12-08T01:00:05.000Z', lastRefreshMs: 5000, machines, probes, links: linkInventory(probes) };
}

/** The outcome of one probe, to make it fail in a test. */
export function fail(lab: HealthLab, machineId: string, probeId: string, message: string): void {
  const found = lab.outcomes.find((candidate) => candidate.machineId === machineId && candidate.probeId === probeId);
  if (!found) throw new Error(`the health lab has no ${probeId} on machine ${machineId}`);
  Object.assign(found, { status: 'failed', value: null, error: { code: 'command-exit', message } });
}
