// OpenStack's view joined to the machines, on models as the probes give them: a small OrangeBox
// with one server linked by its port's MAC, one by its instance name, one whose container is gone,
// a leftover instance container, a QEMU hypervisor and a compute node Nova does not list.
import { describe, expect, it } from 'vitest';
import { CONTROLLER_MACHINE_ID, type ProbeOutcome } from '../contract/inventory';
import type { ProbeModels } from '../contract/probe-models';
import { linkInventory } from '../inventory/inventory-links';

const outcome = <K extends keyof ProbeModels>(machineId: string, probeId: K, value: ProbeModels[K] | null, error: string | null = null): ProbeOutcome => ({
  machineId,
  probeId,
  command: probeId,
  startedAt: '2026-12-07T10:00:00.000Z',
  durationMs: 1,
  status: value === null ? 'failed' : 'ok',
  value,
  format: 'json',
  problems: [],
  error: error ? { code: 'command-exit', message: error } : null,
});

const machine = (id: string) => ({ id, parent: null, containerType: null, state: 'started', address: null, instanceId: null, series: null, base: null, availabilityZone: null, message: null });
const unit = (name: string, machineId: string) => ({ name, application: name.split('/')[0]!, machine: machineId, address: null, workloadStatus: null, agentStatus: null, message: null, leader: false, principal: null, ports: [] });
const juju = {
  model: {},
  applications: [
    { name: 'nova-compute', charm: 'nova-compute' },
    { name: 'neutron-gateway', charm: 'neutron-gateway' },
  ],
  units: [unit('nova-compute/0', '1'), unit('nova-compute/1', '2'), unit('nova-compute/2', '5'), unit('neutron-gateway/0', '3')],
  machines: ['1', '2', '3', '5'].map(machine),
  relations: [],
  saas: [],
  otherSections: [],
} as unknown as ProbeModels['juju-status'];

const instance = (name: string, state: string) => ({ name, state, type: 'container', ephemeral: false, ipv4: [], ipv6: [], snapshots: 0, location: null, profiles: [name], project: null });
const nicProfile = (name: string, device: string, mac: string) => ({ name, devices: { [device]: { type: 'nic', nictype: 'bridged', parent: device, host_name: `tap${device.slice(3)}`, hwaddr: mac } } });
const server = (id: string, name: string, host: string, instanceName: string | null) => ({ id, name, status: 'ACTIVE', powerState: 'Running', taskState: null, host, instanceName, image: 'cirros', flavor: 'm1.tiny', networks: [], project: 'p-admin', availabilityZone: 'nova' });
const port = (id: string, mac: string, status: string, extra: Partial<ProbeModels['openstack-ports']['ports'][number]> = {}) => ({ id, name: '', macAddress: mac, fixedIps: [], status, deviceOwner: 'compute:nova', deviceId: null, networkId: 'net-tenant', securityGroups: [], ...extra });
const ovsPort = (name: string, tag: number) => ({ name, tag, type: null, interfaces: [] });

const PORT_1 = '9e0c6af1-3012-4b8e-9f3a-0d2f6c1b7e11';
const PORT_2 = '5b2c7d1e-9a4f-4e21-8c3b-7f6e5d4c3b22';
const DHCP_PORT = '4d4d4d4d-4d11-4e21-8c3b-7f6e5d4c3b33';
const ROUTER_PORT = '7a7a7a7a-7a11-4e21-8c3b-7f6e5d4c3b44';

const credentials = { client: '/usr/bin/openstack', candidates: [{ path: '~/novarc', kind: 'rc-file' as const, clouds: [] }], lookedAt: [] };

function lab(): ProbeOutcome[] {
  return [
    outcome(CONTROLLER_MACHINE_ID, 'juju-status', juju),
    outcome('1', 'hostname', { hostname: 'node02ob64' }),
    outcome('2', 'hostname', { hostname: 'node03ob64' }),
    outcome('3', 'hostname', { hostname: 'node04ob64' }),
    outcome('5', 'hostname', { hostname: 'node05ob64' }),
    outcome('1', 'lxc-list', { instances: [instance('instance-0000000c', 'RUNNING'), instance('instance-0000000d', 'STOPPED'), instance('instance-000000ff', 'RUNNING'), instance('juju-1-lxd-0', 'RUNNING')] }),
    outcome('2', 'lxc-list', { instances: [] }),
    outcome('1', 'lxc-profiles', { profiles: [nicProfile('instance-0000000c', 'qbr9e0c6af1-30', 'fa:16:3e:73:c1:de'), nicProfile('instance-0000000d', 'qbr5b2c7d1e-9a', 'fa:16:3e:00:00:02')] } as unknown as ProbeModels['lxc-profiles']),
    outcome('1', 'ovs-vsctl', { uuid: null, managers: [], ovsVersion: null, bridges: [{ name: 'br-int', ports: [ovsPort('qvo9e0c6af1-30', 1)] }] } as unknown as ProbeModels['ovs-vsctl']),
    outcome('3', 'ovs-vsctl', { uuid: null, managers: [], ovsVersion: null, bridges: [{ name: 'br-int', ports: [ovsPort('tap4d4d4d4d-4d', 1), ovsPort('qr-7a7a7a7a-7a', 1)] }] } as unknown as ProbeModels['ovs-vsctl']),
    outcome('3', 'ip-netns', { namespaces: [{ name: 'qrouter-router-1', id: 0, kind: 'qrouter', resourceId: 'router-1' }, { name: 'qdhcp-net-tenant', id: 1, kind: 'qdhcp', resourceId: 'net-tenant' }] }),
    outcome(CONTROLLER_MACHINE_ID, 'openstack-credentials', credentials),
    outcome(CONTROLLER_MACHINE_ID, 'openstack-hypervisors', {
      hypervisors: [
        { id: '1', hostname: 'node02ob64.maas', type: 'lxd', hostIp: '10.0.0.2', state: 'up', status: 'enabled', vcpus: 8, vcpusUsed: 2, memoryMb: 16000, memoryMbUsed: 1024, runningVms: 2 },
        { id: '2', hostname: 'node03ob64.maas', type: 'QEMU', hostIp: '10.0.0.3', state: 'up', status: 'enabled', vcpus: 8, vcpusUsed: 1, memoryMb: 16000, memoryMbUsed: 512, runningVms: 1 },
      ],
    }),
    outcome(CONTROLLER_MACHINE_ID, 'openstack-servers', {
      servers: [{ ...server('srv-1', 'lxc-test-1', 'node02ob64', null), networks: [{ network: 'internal', addresses: ['10.5.5.10', '198.51.100.20'] }] }, server('srv-2', 'lxc-test-2', 'node02ob64', 'instance-0000000d'), server('srv-3', 'lxc-test-3', 'node03ob64', 'instance-0000000e')],
    }),
    outcome(CONTROLLER_MACHINE_ID, 'openstack-networks', {
      networks: [
        { id: 'net-tenant', name: 'internal', subnets: ['sub-tenant'], status: 'ACTIVE', project: null, external: false, shared: false, networkType: 'vlan', segmentationId: 1001, mtu: 1500 },
        { id: 'net-ext', name: 'ext_net', subnets: ['sub-ext'], status: 'ACTIVE', project: null, external: true, shared: false, networkType: 'flat', segmentationId: null, mtu: 1500 },
      ],
    }),
    outcome(CONTROLLER_MACHINE_ID, 'openstack-subnets', {
      subnets: [
        { id: 'sub-tenant', name: 'internal_subnet', networkId: 'net-tenant', cidr: '10.5.5.0/24', gatewayIp: '10.5.5.1', ipVersion: 4, dhcp: true, allocationPools: [] },
        { id: 'sub-ext', name: 'ext_subnet', networkId: 'net-ext', cidr: '198.51.100.0/24', gatewayIp: '198.51.100.1', ipVersion: 4, dhcp: false, allocationPools: [] },
      ],
    }),
    outcome(CONTROLLER_MACHINE_ID, 'openstack-routers', {
      routers: [{ id: 'router-1', name: 'provider-router', status: 'ACTIVE', state: 'UP', project: null, distributed: false, ha: false, externalGateway: { networkId: 'net-ext', fixedIps: [], snat: true }, interfaces: [{ portId: ROUTER_PORT, subnetId: 'sub-tenant', ipAddress: '10.5.5.1' }] }],
    }),
    outcome(CONTROLLER_MACHINE_ID, 'openstack-ports', {
      ports: [
        port(PORT_1, 'FA:16:3E:73:C1:DE', 'ACTIVE', { fixedIps: [{ subnetId: 'sub-tenant', ipAddress: '10.5.5.10' }] }),
        port(PORT_2, 'fa:16:3e:00:00:02', 'DOWN', { deviceId: 'srv-2', fixedIps: [{ subnetId: 'sub-tenant', ipAddress: '10.5.5.11' }] }),
        port(DHCP_PORT, 'fa:16:3e:00:00:03', 'ACTIVE', { deviceOwner: 'network:dhcp' }),
        port(ROUTER_PORT, 'fa:16:3e:00:00:04', 'ACTIVE', { deviceOwner: 'network:router_interface', deviceId: 'router-1' }),
      ],
    }),
    outcome(CONTROLLER_MACHINE_ID, 'openstack-floating-ips', {
      floatingIps: [{ id: 'fip-1', floatingIpAddress: '198.51.100.20', fixedIpAddress: '10.5.5.10', portId: PORT_1, floatingNetworkId: 'net-ext', routerId: 'router-1', status: 'ACTIVE', project: null }],
    }),
    outcome(CONTROLLER_MACHINE_ID, 'openstack-compute-services', {
      services: [
        { id: '1', binary: 'nova-compute', host: 'node02ob64', zone: 'nova', status: 'enabled', state: 'up', updatedAt: null },
        { id: '3', binary: 'nova-compute', host: 'node05ob64', zone: 'nova', status: 'enabled', state: 'down', updatedAt: '2026-12-07T09:00:00' },
      ],
    }),
    outcome(CONTROLLER_MACHINE_ID, 'openstack-network-agents', {
      agents: [{ id: 'a1', agentType: 'L3 agent', host: 'node04ob64', availabilityZone: 'nova', alive: false, adminStateUp: true, binary: 'neutron-l3-agent' }],
    }),
  ];
}

describe('OpenStack linked to the machines', () => {
  const links = linkInventory(lab(), null);
  const openstack = links.openstack!;
  const serverLink = (id: string) => openstack.servers.find((entry) => entry.serverId === id)!;

  it('links a server to its container through its port (address, then MAC) when neither Nova nor the port list says it', () => {
    expect(serverLink('srv-1')).toMatchObject({ container: 'instance-0000000c', machineId: '1', instanceName: 'instance-0000000c', containerState: 'RUNNING', floatingIps: ['198.51.100.20'] });
    expect(serverLink('srv-1').ports).toEqual([
      {
        portId: PORT_1,
        macAddress: 'FA:16:3E:73:C1:DE',
        status: 'ACTIVE',
        networkId: 'net-tenant',
        networkName: 'internal',
        fixedIps: ['10.5.5.10'],
        floatingIps: ['198.51.100.20'],
        routerId: 'router-1',
        qrouterNamespace: 'qrouter-router-1',
        vlanTag: 1,
        containerDevice: 'qbr9e0c6af1-30',
      },
    ]);
  });

  it('links a server by its instance name on its host, and its port by device id', () => {
    expect(serverLink('srv-2')).toMatchObject({ container: 'instance-0000000d', machineId: '1', containerState: 'STOPPED' });
    expect(serverLink('srv-2').ports.map((entry) => [entry.portId, entry.routerId, entry.containerDevice])).toEqual([[PORT_2, 'router-1', 'qbr5b2c7d1e-9a']]);
  });

  it('shows each container its server, name, project and floating address', () => {
    const container = links.containers.find((entry) => entry.container === 'instance-0000000c')!;
    expect(container.server).toEqual({ serverId: 'srv-1', name: 'lxc-test-1', project: 'p-admin', status: 'ACTIVE', floatingIps: ['198.51.100.20'] });
    expect(links.containers.find((entry) => entry.container === 'juju-1-lxd-0')!.server).toBeNull();
  });

  it('joins hypervisors to machines by host name, FQDN or not', () => {
    expect(openstack.hypervisors.map((entry) => [entry.hostname, entry.machineId, entry.type])).toEqual([
      ['node02ob64.maas', '1', 'lxd'],
      ['node03ob64.maas', '2', 'QEMU'],
    ]);
  });

  it('works out status and running instances when the hypervisor list does not print them (microversion 2.88), and says so', () => {
    const outcomes = lab().map((entry) =>
      entry.probeId === 'openstack-hypervisors'
        ? outcome(CONTROLLER_MACHINE_ID, 'openstack-hypervisors', { hypervisors: [{ id: '1', hostname: 'node02ob64.maas', type: 'lxd', hostIp: null, state: 'up', status: null, vcpus: 8, vcpusUsed: 2, memoryMb: 16000, memoryMbUsed: 1024, runningVms: null }] })
        : entry,
    );
    const [row] = linkInventory(outcomes, null).openstack!.hypervisors;
    // nova-compute on node02ob64 is enabled; lxc-test-1 and lxc-test-2 run there (lxc-test-3 is on node03ob64).
    expect(row).toMatchObject({ status: 'enabled', runningVms: 2, derived: ['status', 'runningVms'] });
    expect(openstack.hypervisors[0]!.derived).toEqual([]);
  });

  it('gives each network its qdhcp namespace, VLAN tag, CIDRs and routers', () => {
    expect(openstack.networks).toEqual([
      { networkId: 'net-tenant', name: 'internal', external: false, cidrs: ['10.5.5.0/24'], qdhcpNamespace: 'qdhcp-net-tenant', vlanTags: [1], routerIds: ['router-1'] },
      { networkId: 'net-ext', name: 'ext_net', external: true, cidrs: ['198.51.100.0/24'], qdhcpNamespace: null, vlanTags: [], routerIds: ['router-1'] },
    ]);
  });

  it('finds every disagreement, each with its evidence command', () => {
    expect(openstack.findings.map((finding) => [finding.kind, finding.serverId ?? finding.container ?? finding.machineId, finding.evidence])).toEqual([
      ['hypervisor-not-lxd', '2', 'openstack hypervisor show node03ob64.maas'],
      ['compute-node-not-in-nova', '5', 'openstack hypervisor list --long'],
      ['server-container-stopped', 'srv-2', 'lxc info instance-0000000d'],
      ['port-down-on-active-server', 'srv-2', `openstack port show ${PORT_2}`],
      ['server-container-missing', 'srv-3', 'lxc list instance-0000000e'],
      ['container-unknown-to-nova', 'instance-000000ff', 'openstack server list --all-projects --long'],
      ['service-down', '5', 'openstack compute service list'],
      ['agent-down', '3', 'openstack network agent list'],
    ]);
    expect(openstack.findings.find((finding) => finding.kind === 'server-container-missing')!.message).toBe('lxc-test-3 is ACTIVE in Nova on node03ob64, but node03ob64 has no container instance-0000000e.');
    expect(openstack.credentials).toEqual({ path: '~/novarc', kind: 'rc-file', cloud: null, chosenBy: 'found' });
  });

  it('says why when OpenStack could not be read, and links nothing', () => {
    const probes = lab().map((entry) => (entry.probeId === 'openstack-credentials' ? outcome(CONTROLLER_MACHINE_ID, 'openstack-credentials', { ...credentials, client: null }) : entry));
    const unread = linkInventory(probes, null);
    expect(unread.openstack).toMatchObject({ unavailable: { reason: 'no-client' }, servers: [], findings: [] });
  });

  it('says the one cause once when every openstack command failed', () => {
    const refused = 'Keystone refused the credentials in ~/novarc (401)';
    const probes = lab().map((entry) => (entry.probeId.startsWith('openstack-') && entry.probeId !== 'openstack-credentials' ? outcome(CONTROLLER_MACHINE_ID, entry.probeId as 'openstack-servers', null, refused) : entry));
    expect(linkInventory(probes, null).openstack).toMatchObject({ unavailable: { reason: 'failed', message: refused }, credentials: { path: '~/novarc' } });
  });

  it('has no OpenStack part when the inventory never looked (an older snapshot)', () => {
    const older = linkInventory(lab().filter((entry) => !entry.probeId.startsWith('openstack-')), null);
    expect(older.openstack).toBeUndefined();
    expect(older.containers.every((container) => !('server' in container))).toBe(true);
  });
});
