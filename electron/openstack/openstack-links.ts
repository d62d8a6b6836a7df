// Joins OpenStack's own view (the controller's `openstack` probes) to what the machines show: a
// Nova server ↔ the LXD container nova-lxd made for it (instance_name on its host, or the container
// whose nic carries its port's MAC) ↔ its Neutron ports ↔ their floating addresses ↔ the router
// and its qrouter namespace; a network ↔ its qdhcp namespace and VLAN tags; a hypervisor ↔ the
// Juju machine of that host name. Pure: probe outcomes in, links out; what was not seen is null.
import { CONTROLLER_MACHINE_ID, type ContainerLink, type ProbeOutcome } from '../contract/inventory';
import type {
  ContainerServer,
  OpenStackHypervisorLink,
  OpenStackLinks,
  OpenStackNetworkLink,
  OpenStackPort,
  OpenStackPortLink,
  OpenStackServer,
  OpenStackServerLink,
} from '../contract/openstack-model';
import type { OpenStackCredentialSetting } from '../contract/payloads';
import { findProbe, OPENSTACK_LIST_PROBE_KINDS, probeValue, type ProbeKind, type ProbeModels } from '../contract/probe-models';
import { chooseOpenStackCredentials } from './credential-choice';
import { openstackFindings } from './openstack-findings';
import { PORT_ID_PREFIX_LENGTH, portVlanTag, readLabFacts, shortHost, type LabFacts } from './lab-facts';

export interface OpenStackLinking {
  /** null when this inventory never looked at OpenStack (no credentials probe ran). */
  links: OpenStackLinks | null;
  /** The server each container is, by `machineId|container`. */
  serverOfContainer: Map<string, ContainerServer>;
}

export const containerKey = (machineId: string, container: string): string => `${machineId}|${container}`;

const empty = (links: Pick<OpenStackLinks, 'unavailable' | 'credentials'>): OpenStackLinking => ({
  links: { ...links, hypervisors: [], servers: [], networks: [], findings: [] },
  serverOfContainer: new Map(),
});

export function linkOpenStack(probes: readonly ProbeOutcome[], setting: OpenStackCredentialSetting | null | undefined, containers: readonly ContainerLink[]): OpenStackLinking {
  const credentialsOutcome = findProbe(probes, CONTROLLER_MACHINE_ID, 'openstack-credentials');
  if (!credentialsOutcome) return { links: null, serverOfContainer: new Map() };
  const choice = chooseOpenStackCredentials(probeValue(credentialsOutcome, 'openstack-credentials'), setting, credentialsOutcome.error?.message ?? null);
  if (!choice.source) return empty({ unavailable: choice.unavailable, credentials: null });

  const read = <K extends ProbeKind>(kind: K): ProbeModels[K] | null => probeValue(findProbe(probes, CONTROLLER_MACHINE_ID, kind), kind);
  const listOutcomes = OPENSTACK_LIST_PROBE_KINDS.map((kind) => findProbe(probes, CONTROLLER_MACHINE_ID, kind)).filter((outcome) => outcome !== null);
  // Every list failing is one cause (credentials refused, API unreachable): said once, in its words.
  if (listOutcomes.length > 0 && listOutcomes.every((outcome) => outcome.status === 'failed')) {
    const first = listOutcomes[0]!;
    return empty({ unavailable: { reason: 'failed', message: first.error?.message ?? `\`${first.command}\` failed`, candidates: [] }, credentials: choice.source });
  }

  const facts = readLabFacts(probes);
  const servers = read('openstack-servers')?.servers ?? [];
  const ports = read('openstack-ports')?.ports ?? [];
  const networks = read('openstack-networks')?.networks ?? [];
  const subnets = read('openstack-subnets')?.subnets ?? [];
  const routers = read('openstack-routers')?.routers ?? [];
  const floatingIps = read('openstack-floating-ips')?.floatingIps ?? [];

  const networkName = new Map(networks.map((network) => [network.id, network.name]));
  const routerOfSubnet = new Map<string, string>();
  for (const router of routers) for (const face of router.interfaces) if (face.subnetId) routerOfSubnet.set(face.subnetId, router.id);
  const floatingOfPort = (port: OpenStackPort) =>
    floatingIps.filter((floating) => (floating.portId ? floating.portId === port.id : floating.fixedIpAddress !== null && port.fixedIps.some((fixed) => fixed.ipAddress === floating.fixedIpAddress)));

  // Which container nic carries which port: OVS's iface-id, else the MAC, else the device names.
  const portById = new Map(ports.map((port) => [port.id, port]));
  const portByMac = new Map(ports.filter((port) => port.macAddress).map((port) => [port.macAddress!.toLowerCase(), port]));
  const portByPrefix = new Map(ports.map((port) => [port.id.slice(0, PORT_ID_PREFIX_LENGTH), port]));
  const nicOfPort = new Map<string, { container: ContainerLink; device: string; vmUuid: string | null }>();
  for (const container of containers) {
    for (const nic of container.nics) {
      const named = [nic.tap, nic.bridge, nic.ovsPort, nic.device].map((device) => (device ? portByPrefix.get(device.slice(3, 3 + PORT_ID_PREFIX_LENGTH)) : undefined)).find(Boolean);
      const port = (nic.neutronPortId ? portById.get(nic.neutronPortId) : undefined) ?? (nic.mac ? portByMac.get(nic.mac) : undefined) ?? named;
      if (port && !nicOfPort.has(port.id)) nicOfPort.set(port.id, { container, device: nic.device, vmUuid: nic.vmUuid });
    }
  }
  // A server's ports: bound to it (device id, when the list shows it; OVS's vm-uuid), or holding
  // one of its addresses on the network the server list names (`port list` has no device id).
  const portsOf = (server: OpenStackServer): OpenStackPort[] =>
    ports.filter((port) => {
      if (port.deviceId === server.id || nicOfPort.get(port.id)?.vmUuid === server.id) return true;
      if (port.deviceId !== null || !(port.deviceOwner ?? 'compute:').startsWith('compute:')) return false;
      const onNetwork = server.networks.filter((network) => port.networkId !== null && (network.network === networkName.get(port.networkId) || network.network === port.networkId));
      return onNetwork.some((network) => port.fixedIps.some((fixed) => network.addresses.includes(fixed.ipAddress)));
    });

  const containerOf = (server: OpenStackServer, own: readonly OpenStackPort[]): ContainerLink | null => {
    const hostMachine = server.host ? facts.machineByHost.get(shortHost(server.host)) : undefined;
    if (server.instanceName) {
      const named = containers.filter((container) => container.container === server.instanceName);
      const onHost = named.find((container) => container.machineId === hostMachine);
      if (onHost ?? named[0]) return onHost ?? named[0]!;
    }
    const byPort = own.map((port) => nicOfPort.get(port.id)?.container).find(Boolean);
    return byPort ?? null;
  };

  const serverLinks: OpenStackServerLink[] = servers.map((server) => {
    const bound = portsOf(server);
    const container = containerOf(server, bound);
    const own = ports.filter((port) => bound.includes(port) || (container !== null && nicOfPort.get(port.id)?.container === container));
    const portLinks = own.map((port): OpenStackPortLink => {
      const floating = floatingOfPort(port);
      const routerId = floating.find((entry) => entry.routerId)?.routerId ?? port.fixedIps.map((fixed) => (fixed.subnetId ? routerOfSubnet.get(fixed.subnetId) : undefined)).find(Boolean) ?? null;
      const qrouter = routerId ? `qrouter-${routerId}` : null;
      return {
        portId: port.id,
        macAddress: port.macAddress,
        status: port.status,
        networkId: port.networkId,
        networkName: port.networkId ? (networkName.get(port.networkId) ?? null) : null,
        fixedIps: port.fixedIps.map((fixed) => fixed.ipAddress),
        floatingIps: floating.map((entry) => entry.floatingIpAddress),
        routerId,
        qrouterNamespace: qrouter && facts.namespaces.has(qrouter) ? qrouter : null,
        vlanTag: portVlanTag(facts, port.id),
        containerDevice: nicOfPort.get(port.id)?.device ?? null,
      };
    });
    const machineId = container?.machineId ?? (server.host ? (facts.machineByHost.get(shortHost(server.host)) ?? null) : null);
    return {
      serverId: server.id,
      name: server.name,
      project: server.project,
      status: server.status,
      powerState: server.powerState,
      host: server.host,
      instanceName: server.instanceName ?? (container?.container.startsWith('instance-') ? container.container : null),
      container: container?.container ?? null,
      machineId,
      containerState: container?.state ?? null,
      ports: portLinks,
      floatingIps: [...new Set(portLinks.flatMap((port) => port.floatingIps))],
    };
  });

  const networkLinks: OpenStackNetworkLink[] = networks.map((network) => {
    const own = ports.filter((port) => port.networkId === network.id);
    const infrastructure = own.filter((port) => /^network:(dhcp|router_interface|ha_router_replicated_interface|router_interface_distributed)/.test(port.deviceOwner ?? ''));
    const subnetIds = new Set([...network.subnets, ...subnets.filter((subnet) => subnet.networkId === network.id).map((subnet) => subnet.id)]);
    const qdhcp = `qdhcp-${network.id}`;
    const routerIds = routers.filter((router) => router.externalGateway?.networkId === network.id || router.interfaces.some((face) => face.subnetId !== null && subnetIds.has(face.subnetId))).map((router) => router.id);
    return {
      networkId: network.id,
      name: network.name,
      external: network.external,
      cidrs: subnets.filter((subnet) => subnetIds.has(subnet.id) && subnet.cidr).map((subnet) => subnet.cidr!),
      qdhcpNamespace: facts.namespaces.has(qdhcp) ? qdhcp : null,
      vlanTags: [...new Set(infrastructure.map((port) => portVlanTag(facts, port.id)).filter((tag): tag is number => tag !== null))].sort((a, b) => a - b),
      routerIds,
    };
  });

  const hypervisors = hypervisorLinks(read('openstack-hypervisors')?.hypervisors ?? [], facts, read('openstack-compute-services')?.services ?? [], serverLinks);
  const serverOfContainer = new Map<string, ContainerServer>();
  for (const link of serverLinks) {
    if (link.container && link.machineId) serverOfContainer.set(containerKey(link.machineId, link.container), { serverId: link.serverId, name: link.name, project: link.project, status: link.status, floatingIps: link.floatingIps });
  }
  const findings = openstackFindings({
    facts,
    hypervisorsRead: read('openstack-hypervisors') !== null,
    serversRead: read('openstack-servers') !== null,
    hypervisors,
    servers: serverLinks,
    containers,
    containerListsRead: new Set(probes.filter((outcome) => probeValue(outcome, 'lxc-list') !== null).map((outcome) => outcome.machineId)),
    linkedContainers: new Set(serverOfContainer.keys()),
    services: read('openstack-compute-services')?.services ?? [],
    agents: read('openstack-network-agents')?.agents ?? [],
  });
  return { links: { unavailable: null, credentials: choice.source, hypervisors, servers: serverLinks, networks: networkLinks, findings }, serverOfContainer };
}

function hypervisorLinks(
  hypervisors: ProbeModels['openstack-hypervisors']['hypervisors'],
  facts: LabFacts,
  services: ProbeModels['openstack-compute-services']['services'],
  servers: readonly OpenStackServerLink[],
): OpenStackHypervisorLink[] {
  return hypervisors.map((hypervisor) => {
    const host = shortHost(hypervisor.hostname);
    const derived: ('status' | 'runningVms')[] = [];
    let status = hypervisor.status;
    if (status === null) {
      status = services.find((service) => service.binary === 'nova-compute' && shortHost(service.host) === host)?.status ?? null;
      if (status !== null) derived.push('status');
    }
    let runningVms = hypervisor.runningVms;
    if (runningVms === null && servers.length > 0) {
      runningVms = servers.filter((server) => server.host !== null && shortHost(server.host) === host && /^(running|1)$/i.test(server.powerState ?? '')).length;
      derived.push('runningVms');
    }
    return {
      hostname: hypervisor.hostname,
      machineId: facts.machineByHost.get(host) ?? null,
      type: hypervisor.type,
      state: hypervisor.state,
      status,
      vcpus: hypervisor.vcpus,
      vcpusUsed: hypervisor.vcpusUsed,
      memoryMb: hypervisor.memoryMb,
      memoryMbUsed: hypervisor.memoryMbUsed,
      runningVms,
      derived,
    };
  });
}
