// For the component tests: the walkthrough's lab as the core would hand it over once OpenStack is
// read — two compute nodes (node03ob64 on lxd, node05ob64 whose Nova hypervisor reports QEMU), the
// instances lxc-test-1 and lxc-test-2 in their instance-… containers, an ACTIVE server whose
// container is missing, an external and a tenant network with a router between them, floating
// addresses, compute services and network agents (one of each down), and the findings about them.
// Built by hand in the shapes of electron/contract/openstack-model.ts; addresses from 198.51.100.0/24.
import { CONTROLLER_MACHINE_ID, type ContainerLink, type LabInventory, type ProbeOutcome } from '../../../electron/contract/inventory';
import type { LxcInstance } from '../../../electron/contract/lab-model';
import type { OpenStackFinding, OpenStackLinks, OpenStackServer, OpenStackServerLink, OpenStackUnavailable } from '../../../electron/contract/openstack-model';
import type { InventoryMachine } from '../../../electron/contract/inventory';

// Not the profiles fixture's helpers: that module reads parser fixtures from disk, which the DOM
// environment of the component tests cannot.
function outcome(machineId: string, probeId: string, value: unknown, overrides: Partial<ProbeOutcome> = {}): ProbeOutcome {
  return { machineId, probeId, command: probeId, startedAt: '2026-12-07T10:00:00.000Z', durationMs: 1, status: 'ok', value, format: 'json', problems: [], error: null, ...overrides };
}

function machine(id: string, hostname: string, roles: InventoryMachine['roles']): InventoryMachine {
  return { id, hostname, address: null, roles, applications: [], jujuState: 'started', route: null, routeError: null, hypervisor: null };
}

export const EXT_NET = 'a1f0e3c2-0000-4000-8000-00000000e001';
export const TENANT_NET = 'b2e1d4c3-0000-4000-8000-00000000a002';
export const EXT_SUBNET = 'c3d2e5f4-0000-4000-8000-00000000e011';
export const TENANT_SUBNET = 'd4e3f6a5-0000-4000-8000-00000000a012';
export const ROUTER = 'e5f4a7b6-0000-4000-8000-000000000001';
export const PROJECT = '5b2d1f8a9c7e4d3b8a6f0e1c2d3b4a59';

export const SERVER_1 = '11111111-aaaa-4bbb-8ccc-000000000001';
export const SERVER_2 = '22222222-aaaa-4bbb-8ccc-000000000002';
export const SERVER_MISSING = '33333333-aaaa-4bbb-8ccc-000000000003';

const instance = (name: string, state: string, ipv4: string): LxcInstance => ({ name, state, type: 'container', ephemeral: false, ipv4: [{ address: ipv4, iface: 'eth0' }], ipv6: [], snapshots: 0, location: null, profiles: ['default', name], project: null });

const listed = (id: string, name: string, host: string, instanceName: string, fixed: string, floating: string | null): OpenStackServer => ({
  id,
  name,
  status: 'ACTIVE',
  powerState: 'Running',
  taskState: null,
  host,
  instanceName,
  image: 'xenial-lxd',
  flavor: 'm1.small',
  networks: [{ network: 'private', addresses: floating ? [fixed, floating] : [fixed] }],
  project: PROJECT,
  availabilityZone: 'nova',
});

function linked(server: OpenStackServer, container: string | null, machineId: string | null, portId: string, mac: string, floating: string | null): OpenStackServerLink {
  const fixed = server.networks[0]!.addresses[0]!;
  return {
    serverId: server.id,
    name: server.name,
    project: server.project,
    status: server.status,
    powerState: server.powerState,
    host: server.host,
    instanceName: server.instanceName,
    container,
    machineId,
    containerState: container ? 'RUNNING' : null,
    ports: [{ portId, macAddress: mac, status: 'ACTIVE', networkId: TENANT_NET, networkName: 'private', fixedIps: [fixed], floatingIps: floating ? [floating] : [], routerId: ROUTER, qrouterNamespace: `qrouter-${ROUTER}`, vlanTag: 1, containerDevice: `qbr${portId.slice(0, 11)}` }],
    floatingIps: floating ? [floating] : [],
  };
}

const FINDINGS: OpenStackFinding[] = [
  { kind: 'server-container-missing', severity: 'error', message: 'Server lxc-test-3 is ACTIVE on node05ob64 but LXD there has no container instance-00000015.', serverId: SERVER_MISSING, container: 'instance-00000015', machineId: '24', evidence: 'lxc list instance-00000015' },
  { kind: 'hypervisor-not-lxd', severity: 'warning', message: 'Nova reports node05ob64 as a QEMU hypervisor, not lxd.', serverId: null, container: null, machineId: '24', evidence: 'openstack hypervisor list --long' },
  { kind: 'container-unknown-to-nova', severity: 'warning', message: 'Container instance-000000ff on node03ob64 is named like an instance but Nova has no such server.', serverId: null, container: 'instance-000000ff', machineId: null, evidence: 'openstack server list --all-projects --long' },
];

/** The controller's probes as the core files them. */
function controllerProbes(servers: OpenStackServer[]): ProbeOutcome[] {
  const on = (probeId: string, value: unknown) => outcome(CONTROLLER_MACHINE_ID, probeId, value, { command: `openstack ${probeId.replace('openstack-', '').replace(/-/g, ' ')} -f json` });
  return [
    on('openstack-servers', { servers }),
    on('openstack-networks', {
      networks: [
        { id: EXT_NET, name: 'ext_net', subnets: [EXT_SUBNET], status: 'ACTIVE', project: PROJECT, external: true, shared: false, networkType: 'flat', segmentationId: null, mtu: 1500 },
        { id: TENANT_NET, name: 'private', subnets: [TENANT_SUBNET], status: 'ACTIVE', project: PROJECT, external: false, shared: false, networkType: 'vxlan', segmentationId: 1041, mtu: 1450 },
      ],
    }),
    on('openstack-subnets', {
      subnets: [
        { id: EXT_SUBNET, name: 'ext_subnet', networkId: EXT_NET, cidr: '198.51.100.0/24', gatewayIp: '198.51.100.1', ipVersion: 4, dhcp: false, allocationPools: ['198.51.100.20-198.51.100.99'] },
        { id: TENANT_SUBNET, name: 'private_subnet', networkId: TENANT_NET, cidr: '10.5.5.0/24', gatewayIp: '10.5.5.1', ipVersion: 4, dhcp: true, allocationPools: ['10.5.5.2-10.5.5.254'] },
      ],
    }),
    on('openstack-routers', {
      routers: [
        {
          id: ROUTER,
          name: 'provider-router',
          status: 'ACTIVE',
          state: 'UP',
          project: PROJECT,
          distributed: false,
          ha: false,
          externalGateway: { networkId: EXT_NET, fixedIps: [{ subnetId: EXT_SUBNET, ipAddress: '198.51.100.20' }], snat: true },
          interfaces: [{ portId: 'f0000000-0000-4000-8000-0000000000ri', subnetId: TENANT_SUBNET, ipAddress: '10.5.5.1' }],
        },
      ],
    }),
    on('openstack-floating-ips', {
      floatingIps: [
        { id: 'fip-1', floatingIpAddress: '198.51.100.31', fixedIpAddress: '10.5.5.11', portId: 'port-1', floatingNetworkId: EXT_NET, routerId: ROUTER, status: 'ACTIVE', project: PROJECT },
        { id: 'fip-2', floatingIpAddress: '198.51.100.32', fixedIpAddress: '10.5.5.12', portId: 'port-2', floatingNetworkId: EXT_NET, routerId: ROUTER, status: 'ACTIVE', project: PROJECT },
        { id: 'fip-3', floatingIpAddress: '198.51.100.40', fixedIpAddress: null, portId: null, floatingNetworkId: EXT_NET, routerId: null, status: 'DOWN', project: PROJECT },
      ],
    }),
    on('openstack-compute-services', {
      services: [
        { id: '1', binary: 'nova-scheduler', host: 'juju-79fcc7-23-lxd-2', zone: 'internal', status: 'enabled', state: 'up', updatedAt: null },
        { id: '7', binary: 'nova-compute', host: 'node03ob64', zone: 'nova', status: 'enabled', state: 'up', updatedAt: null },
        { id: '8', binary: 'nova-compute', host: 'node05ob64', zone: 'nova', status: 'enabled', state: 'down', updatedAt: null },
      ],
    }),
    on('openstack-network-agents', {
      agents: [
        { id: 'agent-ovs-22', agentType: 'Open vSwitch agent', host: 'node03ob64', availabilityZone: null, alive: true, adminStateUp: true, binary: 'neutron-openvswitch-agent' },
        { id: 'agent-l3-26', agentType: 'L3 agent', host: 'node02ob64', availabilityZone: 'nova', alive: false, adminStateUp: true, binary: 'neutron-l3-agent' },
      ],
    }),
  ];
}

function openStackLinks(serverLinks: OpenStackServerLink[]): OpenStackLinks {
  return {
    unavailable: null,
    credentials: { path: '~/novarc', kind: 'rc-file', cloud: null, chosenBy: 'found' },
    hypervisors: [
      { hostname: 'node03ob64', machineId: '22', type: 'lxd', state: 'up', status: 'enabled', vcpus: 16, vcpusUsed: 2, memoryMb: 32000, memoryMbUsed: 4096, runningVms: 1 },
      { hostname: 'node05ob64', machineId: '24', type: 'QEMU', state: 'up', status: 'enabled', vcpus: 16, vcpusUsed: 4, memoryMb: 32000, memoryMbUsed: 6144, runningVms: 2 },
    ],
    servers: serverLinks,
    networks: [
      { networkId: EXT_NET, name: 'ext_net', external: true, cidrs: ['198.51.100.0/24'], qdhcpNamespace: null, vlanTags: [], routerIds: [ROUTER] },
      { networkId: TENANT_NET, name: 'private', external: false, cidrs: ['10.5.5.0/24'], qdhcpNamespace: `qdhcp-${TENANT_NET}`, vlanTags: [1], routerIds: [ROUTER] },
    ],
    findings: FINDINGS,
  };
}

function inventoryOf(lxc: Record<string, LxcInstance[]>, extra: ProbeOutcome[], links: OpenStackLinks | null | undefined, containerLinks: ContainerLink[]): LabInventory {
  const machines = [machine(CONTROLLER_MACHINE_ID, 'OrangeBox64', ['controller']), machine('22', 'node03ob64', ['compute']), machine('24', 'node05ob64', ['compute']), machine('26', 'node02ob64', ['gateway'])];
  const probes = [...Object.entries(lxc).map(([machineId, instances]) => outcome(machineId, 'lxc-list', { instances })), ...extra];
  return { labId: 'lab', refreshing: false, refreshedAt: '2026-12-07T10:00:00.000Z', lastRefreshMs: 900, machines, probes, links: links === undefined ? { containers: containerLinks } : { containers: containerLinks, openstack: links } };
}

const containerLink = (container: string, machineId: string, server: OpenStackServerLink | null): ContainerLink => ({
  container,
  machineId,
  state: 'RUNNING',
  profiles: ['default', container],
  nics: [],
  jujuMachineId: null,
  units: [],
  server: server ? { serverId: server.serverId, name: server.name, project: server.project, status: server.status, floatingIps: server.floatingIps } : null,
});

/** The walkthrough's lab with OpenStack read. */
export function openStackLab(): LabInventory {
  const servers = [
    listed(SERVER_1, 'lxc-test-1', 'node03ob64', 'instance-0000000c', '10.5.5.11', '198.51.100.31'),
    listed(SERVER_2, 'lxc-test-2', 'node05ob64', 'instance-00000012', '10.5.5.12', '198.51.100.32'),
    listed(SERVER_MISSING, 'lxc-test-3', 'node05ob64', 'instance-00000015', '10.5.5.13', null),
  ];
  const links = [
    linked(servers[0]!, 'instance-0000000c', '22', 'port-1', 'fa:16:3e:00:00:01', '198.51.100.31'),
    linked(servers[1]!, 'instance-00000012', '24', 'port-2', 'fa:16:3e:00:00:02', '198.51.100.32'),
    linked(servers[2]!, null, '24', 'port-3', 'fa:16:3e:00:00:03', null),
  ];
  return inventoryOf(
    { '22': [instance('instance-0000000c', 'RUNNING', '10.5.5.11'), instance('instance-000000ff', 'RUNNING', '10.5.5.99')], '24': [instance('instance-00000012', 'RUNNING', '10.5.5.12')] },
    controllerProbes(servers),
    openStackLinks(links),
    [containerLink('instance-0000000c', '22', links[0]!), containerLink('instance-000000ff', '22', null), containerLink('instance-00000012', '24', links[1]!)],
  );
}

/** `count` servers spread over the two compute nodes, each in its container with a floating address. */
export function openStackLabAtScale(count: number): LabInventory {
  const servers: OpenStackServer[] = [];
  const links: OpenStackServerLink[] = [];
  for (let index = 0; index < count; index++) {
    const host = index % 2 === 0 ? 'node03ob64' : 'node05ob64';
    const name = `instance-${(0x100 + index).toString(16).padStart(8, '0')}`;
    const fixed = `10.5.${Math.floor(index / 250) % 250}.${(index % 250) + 2}`;
    const server = listed(`srv-${index}`, `load-${String(index).padStart(5, '0')}`, host, name, fixed, null);
    servers.push(server);
    links.push(linked(server, name, index % 2 === 0 ? '22' : '24', `port-${index}`, 'fa:16:3e:00:00:00', null));
  }
  return inventoryOf({}, controllerProbes(servers), { ...openStackLinks(links), findings: [] }, []);
}

/** OpenStack could not be read: the core's reason. */
export function openStackUnavailableLab(unavailable: OpenStackUnavailable): LabInventory {
  return inventoryOf({ '22': [instance('instance-0000000c', 'RUNNING', '10.5.5.11')] }, [], { unavailable, credentials: null, hypervisors: [], servers: [], networks: [], findings: [] }, []);
}

/** An inventory from a console that never read OpenStack (an older snapshot). */
export const labWithoutOpenStack = (): LabInventory => inventoryOf({ '22': [instance('instance-0000000c', 'RUNNING', '10.5.5.11')] }, [], undefined, []);
