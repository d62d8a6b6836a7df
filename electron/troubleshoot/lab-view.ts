// What one path analysis reads from the inventory, indexed once: each machine's links and OVS
// ports, the namespaces and their addresses, routes, neighbours and NAT rules, the containers and
// their fixed addresses, and the networks (a subnet with its router port and DHCP port) that join
// them. A probe that was not read says why, so a hop can say "could not check" with the reason.
import type { ContainerLink, LabInventory, NicLink, ProbeOutcome } from '../contract/inventory';
import type { IpInterface, NetworkNamespace, OvsBridge, OvsPort, OvsRecord } from '../contract/lab-model';
import { namespaceProbeId, probeValue, type PerNamespaceProbeKind, type ProbeKind, type ProbeModels } from '../contract/probe-models';
import { inSubnet, networkAddress, parseCidr } from './ipv4';

/** A probe's value, or why there is none ("netns-firewall:qrouter-… was not read on node02ob64"). */
export type Reading<T> = { value: T; command: string; message: null } | { value: null; command: string | null; message: string };

export interface OvsPortView {
  bridge: OvsBridge;
  port: OvsPort;
  /** Which switch this is (the OVS database uuid, else the machine): one switch shares its local VLAN tags. */
  switchId: string;
  record: OvsRecord | null;
}

export interface NamespaceView {
  machineId: string;
  namespace: NetworkNamespace;
}

/** An interface inside a namespace, with the namespace. */
export interface NamespacePort extends NamespaceView {
  iface: IpInterface;
}

/** A tenant or external subnet as the namespaces show it: its router port and DHCP port. */
export interface NetworkView {
  cidr: string;
  routerPort: NamespacePort | null;
  dhcpPort: NamespacePort | null;
}

export interface ContainerView {
  link: ContainerLink;
  /** The nic Neutron plumbed (a qbr bridge or an OVS port). */
  nic: NicLink | null;
  /** Its fixed IPv4 address on that nic, from `lxc list`. */
  address: string | null;
}

export interface LabView {
  inventory: LabInventory;
  /** "node03ob64 (machine 22)". */
  machineLabel(machineId: string): string;
  read<K extends Exclude<ProbeKind, PerNamespaceProbeKind>>(machineId: string, kind: K): Reading<ProbeModels[K]>;
  readNamespace<K extends PerNamespaceProbeKind>(machineId: string, kind: K, namespace: string): Reading<ProbeModels[K]>;
  link(machineId: string, name: string): IpInterface | null;
  ovsPort(machineId: string, name: string): OvsPortView | null;
  namespaces(): NamespaceView[];
  namespacePorts(view: NamespaceView): NamespacePort[];
  container(machineId: string, name: string): ContainerView | null;
  containerByAddress(address: string): ContainerView | null;
  /** The network an address lies in, by the router and DHCP ports' subnets; null when none holds it. */
  networkOf(address: string): NetworkView | null;
}

export const isNeutronNic = (nic: NicLink): boolean => nic.ovsPort !== null || (nic.bridge?.startsWith('qbr') ?? false);

export function labView(inventory: LabInventory): LabView {
  const outcomes = new Map<string, ProbeOutcome>();
  for (const outcome of inventory.probes) outcomes.set(`${outcome.machineId}|${outcome.probeId}`, outcome);
  const machines = new Map(inventory.machines.map((machine) => [machine.id, machine]));
  const machineLabel = (machineId: string) => {
    const hostname = machines.get(machineId)?.hostname;
    return hostname ? `${hostname} (machine ${machineId})` : `machine ${machineId}`;
  };

  function readById<K extends ProbeKind>(machineId: string, probeId: string, kind: K): Reading<ProbeModels[K]> {
    const outcome = outcomes.get(`${machineId}|${probeId}`);
    const where = machineLabel(machineId);
    if (!outcome) {
      const routeError = machines.get(machineId)?.routeError;
      const message = routeError ? `${where} could not be reached: ${routeError.message}` : `the ${probeId} probe has not been read on ${where}`;
      return { value: null, command: null, message };
    }
    const value = probeValue(outcome, kind);
    if (value === null) {
      const reason = outcome.error?.message ?? outcome.problems[0]?.message ?? 'it printed nothing the console could read';
      return { value: null, command: outcome.command, message: `${probeId} on ${where} failed (${outcome.command}): ${reason}` };
    }
    return { value, command: outcome.command, message: null };
  }

  const cache = new Map<string, unknown>();
  function once<T>(key: string, compute: () => T): T {
    if (!cache.has(key)) cache.set(key, compute());
    return cache.get(key) as T;
  }
  const linksOf = (machineId: string) =>
    once(`links|${machineId}`, () => new Map((readById(machineId, 'links', 'links').value?.interfaces ?? []).map((iface) => [iface.name, iface])));
  const ovsOf = (machineId: string) =>
    once(`ovs|${machineId}`, () => {
      const show = readById(machineId, 'ovs-vsctl', 'ovs-vsctl').value;
      const records = new Map<string, OvsRecord>();
      for (const record of readById(machineId, 'ovs-interfaces', 'ovs-interfaces').value?.records ?? []) if (record.name) records.set(record.name, record);
      const ports = new Map<string, OvsPortView>();
      for (const bridge of show?.bridges ?? []) {
        for (const port of bridge.ports) ports.set(port.name, { bridge, port, switchId: show?.uuid ?? `machine ${machineId}`, record: records.get(port.name) ?? null });
      }
      return ports;
    });
  const namespaces = () =>
    once('namespaces', () =>
      inventory.probes.flatMap((outcome) => (probeValue(outcome, 'ip-netns')?.namespaces ?? []).map((namespace) => ({ machineId: outcome.machineId, namespace }))),
    );
  const namespacePorts = (view: NamespaceView): NamespacePort[] =>
    once(`ports|${view.machineId}|${view.namespace.name}`, () =>
      (readById(view.machineId, namespaceProbeId('netns-addr', view.namespace.name), 'netns-addr').value?.interfaces ?? [])
        .filter((iface) => iface.name !== 'lo')
        .map((iface) => ({ ...view, iface })),
    );

  const containerView = (link: ContainerLink): ContainerView => {
    const nic = link.nics.find(isNeutronNic) ?? null;
    const instance = readById(link.machineId, 'lxc-list', 'lxc-list').value?.instances.find((candidate) => candidate.name === link.container);
    const addresses = instance?.ipv4 ?? [];
    const address = (addresses.find((entry) => entry.iface === 'eth0') ?? addresses.find((entry) => entry.iface !== 'lo'))?.address ?? null;
    return { link, nic, address };
  };
  const containers = () => once('containers', () => inventory.links.containers.map(containerView));

  /** Every namespace port with an IPv4 address, by kind: the router's qr-, the DHCP tap. */
  const networks = () =>
    once('networks', () => {
      const found = new Map<string, NetworkView>();
      for (const view of namespaces()) {
        if (view.namespace.kind !== 'qrouter' && view.namespace.kind !== 'qdhcp') continue;
        for (const port of namespacePorts(view)) {
          const isRouterPort = view.namespace.kind === 'qrouter' && port.iface.name.startsWith('qr-');
          const isDhcpPort = view.namespace.kind === 'qdhcp';
          if (!isRouterPort && !isDhcpPort) continue;
          for (const entry of port.iface.addresses) {
            if (entry.family !== 'inet' || entry.prefixLength === null || entry.prefixLength >= 32) continue;
            const base = networkAddress(entry.address, entry.prefixLength);
            if (!base) continue;
            const cidr = `${base}/${entry.prefixLength}`;
            const network = found.get(cidr) ?? { cidr, routerPort: null, dhcpPort: null };
            if (isRouterPort) network.routerPort ??= port;
            else network.dhcpPort ??= port;
            found.set(cidr, network);
          }
        }
      }
      return [...found.values()];
    });

  return {
    inventory,
    machineLabel,
    read: (machineId, kind) => readById(machineId, kind, kind),
    readNamespace: (machineId, kind, namespace) => readById(machineId, namespaceProbeId(kind, namespace), kind),
    link: (machineId, name) => linksOf(machineId).get(name) ?? null,
    ovsPort: (machineId, name) => ovsOf(machineId).get(name) ?? null,
    namespaces,
    namespacePorts,
    container: (machineId, name) => containers().find((view) => view.link.machineId === machineId && view.link.container === name) ?? null,
    containerByAddress: (address) => containers().find((view) => view.address === address) ?? null,
    networkOf: (address) => {
      let best: { network: NetworkView; prefix: number } | null = null;
      for (const network of networks()) {
        const cidr = parseCidr(network.cidr);
        if (cidr && inSubnet(address, cidr.network, cidr.prefix) && (!best || cidr.prefix > best.prefix)) best = { network, prefix: cidr.prefix };
      }
      return best?.network ?? null;
    },
  };
}
