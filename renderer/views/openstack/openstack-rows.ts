// The OpenStack view's rows, one kind per section: what Nova and Neutron list, joined with what the
// core linked (a server's container and machine, a floating address's server, a network's router).
// Plain text cells so that sorting and filtering read the same words the table shows. Pure.
import type { OpenStackLinks, OpenStackServerLink } from '../../../electron/contract/openstack-model';
import type { OpenStackLists } from './openstack-reading';

/** Where a cell leads when clicked. */
export type OpenStackTarget =
  | { kind: 'server'; serverId: string }
  | { kind: 'router'; routerId: string }
  | { kind: 'network'; networkId: string }
  | { kind: 'container'; machineId: string; container: string }
  | { kind: 'terminal'; machineId: string; container: string }
  | { kind: 'machine'; machineId: string };

/** Up, down, or a state said in words: marked in colour beside its text, never by colour alone. */
export type Mark = 'ok' | 'bad' | 'warn' | null;

export interface ServerRow {
  key: string;
  name: string;
  status: string;
  powerState: string;
  host: string;
  container: string;
  containerState: string;
  machineId: string | null;
  addresses: string;
  floating: string;
  image: string;
  flavor: string;
  project: string;
}

export interface NetworkRow {
  key: string;
  name: string;
  external: string;
  type: string;
  subnets: string;
  routers: string;
  /** The first router's id, for the click-through. */
  routerId: string | null;
  dhcp: string;
  status: string;
}

export interface RouterRow {
  key: string;
  name: string;
  status: string;
  gateway: string;
  interfaces: string;
  namespace: string;
}

export interface FloatingIpRow {
  key: string;
  floating: string;
  fixed: string;
  server: string;
  serverId: string | null;
  router: string;
  routerId: string | null;
  status: string;
  project: string;
}

export interface ServiceRow {
  key: string;
  binary: string;
  host: string;
  zone: string;
  status: string;
  state: string;
}

export interface AgentRow {
  key: string;
  type: string;
  host: string;
  zone: string;
  alive: string;
  admin: string;
  binary: string;
}

export interface HypervisorRow {
  key: string;
  hostname: string;
  machineId: string | null;
  type: string;
  state: string;
  status: string;
  vcpus: string;
  memory: string;
  running: string;
  /** For sorting by load, not by the text "3 of 16". */
  vcpusUsed: number;
  memoryMbUsed: number;
  runningVms: number;
}

const text = (value: string | number | null | undefined): string => (value === null || value === undefined ? '' : String(value));
const yesNo = (value: boolean | null): string => (value === null ? '' : value ? 'yes' : 'no');

/** "512 of 2,048 MiB" style, in GiB past a GiB: the engineer compares with `free -g`. */
export function memoryText(usedMb: number | null, totalMb: number | null): string {
  if (usedMb === null && totalMb === null) return '';
  const unit = (totalMb ?? usedMb ?? 0) >= 1024 ? 'GiB' : 'MiB';
  const shown = (mb: number | null) => (mb === null ? '?' : unit === 'GiB' ? (mb / 1024).toFixed(1) : String(mb));
  return `${shown(usedMb)} of ${shown(totalMb)} ${unit}`;
}

export const usedOf = (used: number | null, total: number | null): string => (used === null && total === null ? '' : `${used ?? '?'} of ${total ?? '?'}`);

export function serverRows(links: OpenStackLinks, lists: OpenStackLists): ServerRow[] {
  const listed = new Map(lists.servers.map((server) => [server.id, server]));
  const linked = new Set(links.servers.map((server) => server.serverId));
  // A server Nova lists that the core could not link (no container found) still has a row.
  const unlinked: OpenStackServerLink[] = lists.servers
    .filter((server) => !linked.has(server.id))
    .map((server) => ({ serverId: server.id, name: server.name, project: server.project, status: server.status, powerState: server.powerState, host: server.host, instanceName: server.instanceName, container: null, machineId: null, containerState: null, ports: [], floatingIps: [] }));
  return [...links.servers, ...unlinked].map((link) => {
    const server = listed.get(link.serverId);
    const floating = new Set(link.floatingIps);
    const fixed = link.ports.length > 0 ? link.ports.flatMap((port) => port.fixedIps) : (server?.networks ?? []).flatMap((network) => network.addresses.filter((address) => !floating.has(address)));
    return {
      key: link.serverId,
      name: link.name,
      status: text(link.status),
      powerState: text(link.powerState),
      host: text(link.host),
      container: link.container ?? (link.instanceName ? `${link.instanceName} (missing)` : ''),
      containerState: text(link.containerState),
      machineId: link.container ? link.machineId : null,
      addresses: fixed.join(', '),
      floating: link.floatingIps.join(', '),
      image: text(server?.image),
      flavor: text(server?.flavor),
      project: text(link.project ?? server?.project),
    };
  });
}

export function networkRows(links: OpenStackLinks, lists: OpenStackLists): NetworkRow[] {
  const subnets = new Map(lists.subnets.map((subnet) => [subnet.id, subnet]));
  const routers = new Map(lists.routers.map((router) => [router.id, router]));
  const linked = new Map(links.networks.map((network) => [network.networkId, network]));
  const ids = [...new Set([...lists.networks.map((network) => network.id), ...links.networks.map((network) => network.networkId)])];
  const listed = new Map(lists.networks.map((network) => [network.id, network]));
  return ids.map((id) => {
    const network = listed.get(id);
    const link = linked.get(id);
    const subnetIds = network?.subnets ?? lists.subnets.filter((subnet) => subnet.networkId === id).map((subnet) => subnet.id);
    const subnetText = subnetIds.map((subnetId) => {
      const subnet = subnets.get(subnetId);
      if (!subnet) return subnetId;
      return `${subnet.name || subnet.id} ${subnet.cidr ?? '?'}${subnet.gatewayIp ? ` gw ${subnet.gatewayIp}` : ''}`;
    });
    const cidrsOnly = subnetText.length === 0 && link ? link.cidrs : [];
    const routerIds = link?.routerIds ?? [];
    return {
      key: id,
      name: network?.name || link?.name || id,
      external: yesNo(network?.external ?? link?.external ?? null),
      type: [network?.networkType, network?.segmentationId ?? null].filter((part) => part !== null && part !== undefined).join(' '),
      subnets: [...subnetText, ...cidrsOnly].join(', '),
      routers: routerIds.map((routerId) => routers.get(routerId)?.name || routerId).join(', '),
      routerId: routerIds[0] ?? null,
      dhcp: text(link?.qdhcpNamespace),
      status: text(network?.status),
    };
  });
}

export function routerRows(links: OpenStackLinks, lists: OpenStackLists): RouterRow[] {
  const networks = new Map(lists.networks.map((network) => [network.id, network.name]));
  const subnets = new Map(lists.subnets.map((subnet) => [subnet.id, subnet]));
  // The core found each router's qrouter namespace through its servers' ports.
  const namespaces = new Map<string, string>();
  for (const server of links.servers) for (const port of server.ports) if (port.routerId && port.qrouterNamespace) namespaces.set(port.routerId, port.qrouterNamespace);
  return lists.routers.map((router) => {
    const gateway = router.externalGateway;
    const gatewayText = gateway ? `${(gateway.networkId && networks.get(gateway.networkId)) || gateway.networkId || '?'} ${gateway.fixedIps.map((ip) => ip.ipAddress).join(', ')}`.trim() : '';
    const interfaces = router.interfaces.map((entry) => {
      const subnet = entry.subnetId ? subnets.get(entry.subnetId) : undefined;
      return [entry.ipAddress, subnet ? `on ${subnet.name || subnet.cidr}` : null].filter(Boolean).join(' ');
    });
    return { key: router.id, name: router.name || router.id, status: [router.status, router.state && router.state.toUpperCase() !== 'UP' ? `admin ${router.state}` : null].filter(Boolean).join(', '), gateway: gatewayText, interfaces: interfaces.join(', '), namespace: namespaces.get(router.id) ?? '' };
  });
}

export function floatingIpRows(links: OpenStackLinks, lists: OpenStackLists): FloatingIpRow[] {
  const serversByPort = new Map<string, OpenStackServerLink>();
  for (const server of links.servers) for (const port of server.ports) serversByPort.set(port.portId, server);
  const serversByAddress = new Map<string, OpenStackServerLink>();
  for (const server of links.servers) for (const address of server.floatingIps) serversByAddress.set(address, server);
  const routers = new Map(lists.routers.map((router) => [router.id, router.name]));
  return lists.floatingIps.map((ip) => {
    const server = (ip.portId ? serversByPort.get(ip.portId) : undefined) ?? serversByAddress.get(ip.floatingIpAddress);
    return {
      key: ip.id,
      floating: ip.floatingIpAddress,
      fixed: text(ip.fixedIpAddress),
      server: server?.name ?? '',
      serverId: server?.serverId ?? null,
      router: ip.routerId ? routers.get(ip.routerId) || ip.routerId : '',
      routerId: ip.routerId,
      status: text(ip.status),
      project: text(ip.project),
    };
  });
}

export const serviceRows = (lists: OpenStackLists): ServiceRow[] =>
  lists.services.map((service, index) => ({ key: service.id ?? `${service.binary}@${service.host}#${index}`, binary: service.binary, host: service.host, zone: text(service.zone), status: text(service.status), state: text(service.state) }));

export const agentRows = (lists: OpenStackLists): AgentRow[] =>
  lists.agents.map((agent) => ({
    key: agent.id,
    type: text(agent.agentType),
    host: agent.host,
    zone: text(agent.availabilityZone),
    alive: agent.alive === null ? '' : agent.alive ? 'up' : 'down',
    admin: agent.adminStateUp === null ? '' : agent.adminStateUp ? 'UP' : 'DOWN',
    binary: text(agent.binary),
  }));

export const hypervisorRows = (links: OpenStackLinks): HypervisorRow[] =>
  links.hypervisors.map((hypervisor) => ({
    key: hypervisor.hostname,
    hostname: hypervisor.hostname,
    machineId: hypervisor.machineId,
    type: text(hypervisor.type),
    state: text(hypervisor.state),
    status: text(hypervisor.status),
    vcpus: usedOf(hypervisor.vcpusUsed, hypervisor.vcpus),
    memory: memoryText(hypervisor.memoryMbUsed, hypervisor.memoryMb),
    running: text(hypervisor.runningVms),
    vcpusUsed: hypervisor.vcpusUsed ?? -1,
    memoryMbUsed: hypervisor.memoryMbUsed ?? -1,
    runningVms: hypervisor.runningVms ?? -1,
  }));

/** How a state reads at a glance: up/ACTIVE/enabled/Running green, down/ERROR red, the rest amber. */
export function markOf(value: string): Mark {
  const word = value.toLowerCase();
  if (word === '') return null;
  if (['active', 'up', 'enabled', 'running', 'yes', 'ok', 'true'].includes(word)) return 'ok';
  if (['down', 'error', 'shutoff', 'shutdown', 'crashed', 'stopped', 'false'].includes(word)) return 'bad';
  return 'warn';
}
