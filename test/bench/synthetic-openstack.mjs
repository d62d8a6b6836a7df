// OpenStack's view of a synthetic inventory (synthetic-inventory.mjs), at the scale the OpenStack
// view must stay fast for: a Nova server for every instance container (linked both ways, as the core
// links them), then servers without a container (ERROR, as a failed launch leaves them) up to
// `servers`; a hypervisor per compute node, an external and a tenant network with a router, a
// floating address for every other server, and a compute service and an agent per node. Shaped like
// electron/contract/openstack-model.ts. Deterministic; addresses inside 198.51.100.0/24 and 10/8.

const STARTED_AT = '2026-11-22T00:00:00.000Z';
const PROJECT = '5b2d1f8a9c7e4d3b8a6f0e1c2d3b4a59';
const EXT_NET = 'a1f0e3c2-0000-4000-8000-00000000e001';
const TENANT_NET = 'b2e1d4c3-0000-4000-8000-00000000a002';
const ROUTER = 'e5f4a7b6-0000-4000-8000-000000000001';
/** One server in this many has a floating address. */
const FLOATING_EVERY = 2;

const uuid = (index) => `${index.toString(16).padStart(8, '0')}-aaaa-4bbb-8ccc-000000000000`;
const fixedAddress = (index) => `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
const floatingAddress = (index) => `198.51.100.${1 + (index % 250)}`;

function outcome(probeId, value) {
  return { machineId: 'controller', probeId, command: `openstack ${probeId.slice('openstack-'.length).replace(/-/g, ' ')} -f json`, startedAt: STARTED_AT, durationMs: 40, status: 'ok', value, format: 'json', problems: [], error: null };
}

/** The inventory with `links.openstack`, `ContainerLink.server` and the controller's openstack probes. */
export function withSyntheticOpenStack(inventory, { servers: total = 5000 } = {}) {
  const machines = inventory.machines.filter((machine) => machine.roles.includes('compute'));
  const hostOf = new Map(machines.map((machine) => [machine.id, machine.hostname]));
  const listed = [];
  const serverLinks = [];
  const floatingIps = [];
  const containers = inventory.links.containers.map((link) => {
    if (link.jujuMachineId || listed.length >= total) return { ...link, server: null };
    const index = listed.length;
    const server = addServer(index, hostOf.get(link.machineId), link.container, link.machineId, link.state);
    return { ...link, server: { serverId: server.serverId, name: server.name, project: PROJECT, status: 'ACTIVE', floatingIps: server.floatingIps } };
  });
  while (listed.length < total) addServer(listed.length, machines[listed.length % machines.length].hostname, null, null, null);

  function addServer(index, host, container, machineId, state) {
    const id = uuid(index + 1);
    const name = `bench-${String(index).padStart(5, '0')}`;
    const fixed = fixedAddress(index + 1);
    const floating = index % FLOATING_EVERY === 0 ? floatingAddress(index) : null;
    const status = container ? 'ACTIVE' : 'ERROR';
    listed.push({ id, name, status, powerState: container ? 'Running' : 'NOSTATE', taskState: null, host, instanceName: container ?? `instance-${(0x100000 + index).toString(16)}`, image: 'xenial-lxd', flavor: 'm1.small', networks: [{ network: 'private', addresses: floating ? [fixed, floating] : [fixed] }], project: PROJECT, availabilityZone: 'nova' });
    const portId = uuid(0x10000000 + index);
    if (floating) floatingIps.push({ id: uuid(0x20000000 + index), floatingIpAddress: floating, fixedIpAddress: fixed, portId, floatingNetworkId: EXT_NET, routerId: ROUTER, status: 'ACTIVE', project: PROJECT });
    const link = {
      serverId: id,
      name,
      project: PROJECT,
      status,
      powerState: container ? 'Running' : 'NOSTATE',
      host,
      instanceName: container,
      container,
      machineId,
      containerState: state,
      ports: [{ portId, macAddress: 'fa:16:3e:00:00:01', status: 'ACTIVE', networkId: TENANT_NET, networkName: 'private', fixedIps: [fixed], floatingIps: floating ? [floating] : [], routerId: ROUTER, qrouterNamespace: `qrouter-${ROUTER}`, vlanTag: 1, containerDevice: null }],
      floatingIps: floating ? [floating] : [],
    };
    serverLinks.push(link);
    return link;
  }

  const openstack = {
    unavailable: null,
    credentials: { path: '~/novarc', kind: 'rc-file', cloud: null, chosenBy: 'found' },
    hypervisors: machines.map((machine) => ({ hostname: machine.hostname, machineId: machine.id, type: 'lxd', state: 'up', status: 'enabled', vcpus: 48, vcpusUsed: 12, memoryMb: 257000, memoryMbUsed: 96000, runningVms: Math.ceil(total / machines.length) })),
    servers: serverLinks,
    networks: [
      { networkId: EXT_NET, name: 'ext_net', external: true, cidrs: ['198.51.100.0/24'], qdhcpNamespace: null, vlanTags: [], routerIds: [ROUTER] },
      { networkId: TENANT_NET, name: 'private', external: false, cidrs: ['10.0.0.0/8'], qdhcpNamespace: `qdhcp-${TENANT_NET}`, vlanTags: [1], routerIds: [ROUTER] },
    ],
    findings: [],
  };
  const probes = [
    outcome('openstack-servers', { servers: listed }),
    outcome('openstack-networks', {
      networks: [
        { id: EXT_NET, name: 'ext_net', subnets: ['ext-subnet'], status: 'ACTIVE', project: PROJECT, external: true, shared: false, networkType: 'flat', segmentationId: null, mtu: 1500 },
        { id: TENANT_NET, name: 'private', subnets: ['private-subnet'], status: 'ACTIVE', project: PROJECT, external: false, shared: false, networkType: 'vxlan', segmentationId: 1041, mtu: 1450 },
      ],
    }),
    outcome('openstack-subnets', {
      subnets: [
        { id: 'ext-subnet', name: 'ext_subnet', networkId: EXT_NET, cidr: '198.51.100.0/24', gatewayIp: '198.51.100.1', ipVersion: 4, dhcp: false, allocationPools: [] },
        { id: 'private-subnet', name: 'private_subnet', networkId: TENANT_NET, cidr: '10.0.0.0/8', gatewayIp: '10.0.0.1', ipVersion: 4, dhcp: true, allocationPools: [] },
      ],
    }),
    outcome('openstack-routers', { routers: [{ id: ROUTER, name: 'provider-router', status: 'ACTIVE', state: 'UP', project: PROJECT, distributed: false, ha: false, externalGateway: { networkId: EXT_NET, fixedIps: [{ subnetId: 'ext-subnet', ipAddress: '198.51.100.2' }], snat: true }, interfaces: [{ portId: null, subnetId: 'private-subnet', ipAddress: '10.0.0.1' }] }] }),
    outcome('openstack-floating-ips', { floatingIps }),
    outcome('openstack-compute-services', { services: machines.map((machine, index) => ({ id: String(index + 1), binary: 'nova-compute', host: machine.hostname, zone: 'nova', status: 'enabled', state: 'up', updatedAt: STARTED_AT })) }),
    outcome('openstack-network-agents', { agents: machines.map((machine) => ({ id: `ovs-${machine.id}`, agentType: 'Open vSwitch agent', host: machine.hostname, availabilityZone: null, alive: true, adminStateUp: true, binary: 'neutron-openvswitch-agent' })) }),
  ];
  return { ...inventory, probes: [...inventory.probes, ...probes], links: { ...inventory.links, containers, openstack } };
}
