// The interfaces a packet from a ping source to a target crosses, with their MTUs as the console
// knows them: the ends' own interfaces (read inside a container as the check starts, or from a
// namespace's `ip addr`), a Nova container's nova-lxd plumbing (tap → qbr → qvb ↔ qvo, from the
// compute node's `ip -d link`), and the router's ports in its qrouter namespace (qr- toward the
// fixed address, qg- holding a floating one). Pure: it reads the inventory it is given.
import type { PingSource } from '../contract/diagnostics';
import type { ContainerLink, LabInventory } from '../contract/inventory';
import type { IpInterface } from '../contract/lab-model';
import { onIpv4Subnet, type MtuHop } from '../contract/mtu-check';
import { findProbe, namespaceOfProbeId, namespaceProbeId, probeValue } from '../contract/probe-models';

/** Ethernet's MTU: the ceiling when nothing says what the source's interface allows. */
export const DEFAULT_MTU = 1500;

/** A container found by one of its addresses. */
export interface ContainerAt {
  machineId: string;
  container: string;
  /** Its interface with that address ("eth0"), when lxc list said. */
  iface: string | null;
  /** Its own (fixed) IPv4 address: the one given, or the fixed one behind a floating address. */
  fixedAddress: string | null;
  /** A Nova instance (nova-lxd's container), which the verdict calls "the instance". */
  nova: boolean;
}

/** Interface name → MTU, as read inside a container (`/sys/class/net/*\/mtu`). */
export type InsideMtus = ReadonlyMap<string, number>;

export interface PathEnds {
  sourceContainer: ContainerAt | null;
  targetContainer: ContainerAt | null;
}

const isNova = (inventory: LabInventory, machineId: string, container: string) =>
  /^instance-/.test(container) || Boolean(inventory.links.containers.find((link) => link.machineId === machineId && link.container === container)?.server);

/** The container with this address: its own IPv4 (lxc list), or a floating address of its Nova server. */
export function containerAt(inventory: LabInventory, address: string): ContainerAt | null {
  for (const probe of inventory.probes) {
    const list = probeValue(probe, 'lxc-list');
    const instance = list?.instances.find((candidate) => candidate.ipv4.some((entry) => entry.address === address));
    if (instance) {
      const entry = instance.ipv4.find((candidate) => candidate.address === address)!;
      return { machineId: probe.machineId, container: instance.name, iface: entry.iface, fixedAddress: address, nova: isNova(inventory, probe.machineId, instance.name) };
    }
  }
  const floating = inventory.links.containers.find((link) => link.server?.floatingIps.includes(address));
  if (floating) {
    const own = ownAddress(inventory, floating.machineId, floating.container);
    return { machineId: floating.machineId, container: floating.container, iface: own?.iface ?? null, fixedAddress: own?.address ?? null, nova: true };
  }
  // No OpenStack reading: the router's NAT rules say which fixed address a floating one goes to.
  const fixed = inventory.probes.flatMap((probe) => probeValue(probe, 'netns-firewall')?.natPairs ?? []).find((pair) => pair.floating === address && pair.dnat)?.fixed;
  return fixed && fixed !== address ? containerAt(inventory, fixed) : null;
}

function ownAddress(inventory: LabInventory, machineId: string, container: string) {
  const list = probeValue(findProbe(inventory.probes, machineId, 'lxc-list'), 'lxc-list');
  return list?.instances.find((instance) => instance.name === container)?.ipv4.find((entry) => !entry.address.startsWith('127.')) ?? null;
}

/** Which containers the two ends are, when they are containers the inventory lists. */
export function pathEnds(inventory: LabInventory, source: PingSource, target: string): PathEnds {
  let sourceContainer: ContainerAt | null = null;
  if (source.kind === 'container') {
    const own = ownAddress(inventory, source.machineId, source.container);
    sourceContainer = { machineId: source.machineId, container: source.container, iface: own?.iface ?? null, fixedAddress: own?.address ?? null, nova: isNova(inventory, source.machineId, source.container) };
  }
  return { sourceContainer, targetContainer: containerAt(inventory, target) };
}

const hostName = (inventory: LabInventory, machineId: string) => inventory.machines.find((machine) => machine.id === machineId)?.hostname ?? `machine ${machineId}`;
const inetOf = (nic: IpInterface) => nic.addresses.filter((entry) => entry.family === 'inet' && entry.prefixLength !== null);
const isIpv4 = (text: string | null): text is string => text !== null && /^\d+\.\d+\.\d+\.\d+$/.test(text);
/** The namespace's (or machine's) interface on a subnet that holds the address. */
const interfaceOnSubnet = (interfaces: readonly IpInterface[], address: string | null) =>
  isIpv4(address) ? interfaces.find((nic) => inetOf(nic).some((entry) => entry.prefixLength! < 32 && onIpv4Subnet(address, entry.address, entry.prefixLength!))) ?? null : null;

function namespaceInterfaces(inventory: LabInventory, machineId: string, namespace: string): IpInterface[] {
  return probeValue(findProbe(inventory.probes, machineId, namespaceProbeId('netns-addr', namespace)), 'netns-addr')?.interfaces ?? [];
}

/** The device a namespace's default route leaves by, when its routes were read. */
function defaultRouteDevice(inventory: LabInventory, machineId: string, namespace: string): string | null {
  const routes = probeValue(findProbe(inventory.probes, machineId, namespaceProbeId('netns-route', namespace)), 'netns-route');
  return routes?.routes.find((route) => route.destination === 'default')?.device ?? null;
}

function hostLink(inventory: LabInventory, machineId: string, name: string | null): IpInterface | null {
  if (!name) return null;
  return probeValue(findProbe(inventory.probes, machineId, 'links'), 'links')?.interfaces.find((nic) => nic.name === name) ?? null;
}

/** tap → qbr → qvb ↔ qvo of each of the container's nics, host side, from the container's side outward. */
function plumbingOf(inventory: LabInventory, link: ContainerLink): MtuHop[] {
  const where = `on ${hostName(inventory, link.machineId)}`;
  return link.nics.flatMap((nic) => {
    const qvo = hostLink(inventory, link.machineId, nic.ovsPort);
    const qvbName = qvo?.link ?? (nic.ovsPort?.startsWith('qvo') ? `qvb${nic.ovsPort.slice(3)}` : null);
    return [nic.tap, nic.bridge, qvbName, nic.ovsPort]
      .filter((name): name is string => Boolean(name))
      .map((name): MtuHop => ({ name, label: name, where, role: 'plumbing', mtu: hostLink(inventory, link.machineId, name)?.mtu ?? null, readFrom: 'inventory', narrowest: false }));
  });
}

function insideHop(inventory: LabInventory, end: ContainerAt, inside: InsideMtus | null, role: 'source' | 'target'): MtuHop | null {
  const name = end.iface ?? (inside?.has('eth0') ? 'eth0' : null);
  if (!name) return null;
  const whose = end.nova ? "the instance's" : `${end.container}'s`;
  return { name, label: `${whose} ${name}`, where: `in ${end.container} on ${hostName(inventory, end.machineId)}`, role, mtu: inside?.get(name) ?? null, readFrom: 'read now', narrowest: false };
}

/** The router's ports on the way: qr- toward each end's fixed address, qg- holding a floating target. */
function routerHops(inventory: LabInventory, addresses: readonly (string | null)[], floating: string | null, skipNamespace: string | null): MtuHop[] {
  const hops: MtuHop[] = [];
  for (const probe of inventory.probes) {
    const namespace = namespaceOfProbeId(probe.probeId);
    if (!namespace?.startsWith('qrouter-') || namespace === skipNamespace) continue;
    const interfaces = probeValue(probe, 'netns-addr')?.interfaces ?? [];
    const where = `in ${namespace} on ${hostName(inventory, probe.machineId)}`;
    const ports = new Set<IpInterface>();
    for (const address of addresses) {
      const port = interfaceOnSubnet(interfaces, address);
      if (port) ports.add(port);
    }
    const gateway = floating ? interfaces.find((nic) => inetOf(nic).some((entry) => entry.address === floating)) : undefined;
    if (gateway) ports.add(gateway);
    for (const port of ports) {
      const what = port === gateway ? "the router's gateway port" : "the router's port";
      hops.push({ name: port.name, label: `${port.name} (${what})`, where, role: 'router', mtu: port.mtu, readFrom: 'inventory', narrowest: false });
    }
  }
  return hops;
}

export interface PathHopsInput {
  source: PingSource;
  target: string;
  ends: PathEnds;
  /** MTUs read inside the source container and the target container, when they are containers. */
  insideSource: InsideMtus | null;
  insideTarget: InsideMtus | null;
}

/** Every interface known along the way, from the source to the target, the narrowest marked. */
export function pathHops(inventory: LabInventory, input: PathHopsInput): MtuHop[] {
  const { source, target, ends } = input;
  const hops: MtuHop[] = [];
  const linkOf = (end: ContainerAt | null) => (end ? inventory.links.containers.find((link) => link.machineId === end.machineId && link.container === end.container) ?? null : null);
  const targetFixed = ends.targetContainer?.fixedAddress ?? target;
  const floating = ends.targetContainer && ends.targetContainer.fixedAddress !== target ? target : null;

  /** The source sits on the target's subnet: the packet crosses br-int, not the router. */
  let connected = false;
  if (ends.sourceContainer) {
    const own = insideHop(inventory, ends.sourceContainer, input.insideSource, 'source');
    if (own) hops.push(own);
    const link = linkOf(ends.sourceContainer);
    if (link) hops.push(...plumbingOf(inventory, link));
    const [mine, theirs] = [ends.sourceContainer.fixedAddress, targetFixed].map((address) => routerHops(inventory, [address], null, null)[0]);
    connected = mine !== undefined && theirs !== undefined && mine.name === theirs.name && mine.where === theirs.where;
  } else if (source.kind === 'namespace') {
    const interfaces = namespaceInterfaces(inventory, source.machineId, source.namespace);
    const onSubnet = interfaceOnSubnet(interfaces, targetFixed);
    connected = onSubnet !== null;
    const out = onSubnet ?? interfaces.find((nic) => nic.name === defaultRouteDevice(inventory, source.machineId, source.namespace)) ?? null;
    if (out) hops.push({ name: out.name, label: `${out.name} (the source's interface)`, where: `in ${source.namespace} on ${hostName(inventory, source.machineId)}`, role: 'source', mtu: out.mtu, readFrom: 'inventory', narrowest: false });
  }
  if (!connected) {
    const skip = source.kind === 'namespace' ? source.namespace : null;
    hops.push(...routerHops(inventory, [ends.sourceContainer?.fixedAddress ?? null, targetFixed], floating, skip));
  }

  if (ends.targetContainer) {
    const link = linkOf(ends.targetContainer);
    if (link) hops.push(...plumbingOf(inventory, link).reverse());
    const own = insideHop(inventory, ends.targetContainer, input.insideTarget, 'target');
    if (own) hops.push(own);
  }
  const lowest = Math.min(...hops.flatMap((hop) => (hop.mtu === null ? [] : [hop.mtu])));
  return hops.map((hop) => ({ ...hop, narrowest: hop.mtu === lowest }));
}

/** The most the source's own interface lets out: its interface toward the target, else its largest, else Ethernet's. */
export function sourceMtu(inventory: LabInventory, source: PingSource, hops: readonly MtuHop[], insideSource: InsideMtus | null): number {
  const own = hops.find((hop) => hop.role === 'source')?.mtu;
  if (own) return own;
  const candidates =
    source.kind === 'container'
      ? [...(insideSource ?? new Map<string, number>()).entries()].filter(([name]) => name !== 'lo').map(([, mtu]) => mtu)
      : source.kind === 'namespace'
        ? namespaceInterfaces(inventory, source.machineId, source.namespace).filter((nic) => nic.name !== 'lo').map((nic) => nic.mtu)
        : (probeValue(findProbe(inventory.probes, source.machineId, 'links'), 'links')?.interfaces ?? []).filter((nic) => nic.name !== 'lo' && nic.name !== 'ovs-system').map((nic) => nic.mtu);
  const known = candidates.filter((mtu): mtu is number => typeof mtu === 'number' && mtu > 0);
  return known.length > 0 ? Math.max(...known) : DEFAULT_MTU;
}

/** `grep -H . /sys/class/net/*\/mtu` → interface name → MTU ("/sys/class/net/eth0/mtu:1456"). */
export function parseSysfsMtus(text: string): Map<string, number> {
  const mtus = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^\/sys\/class\/net\/([^/\s]+)\/mtu:(\d+)\s*$/.exec(line.trim());
    if (match) mtus.set(match[1]!, Number(match[2]));
  }
  return mtus;
}

/** The qrouter namespace with a port on the address's subnet: where a DF ping to it can run from. */
export function routerToward(inventory: LabInventory, address: string | null): { machineId: string; namespace: string } | null {
  for (const probe of inventory.probes) {
    const namespace = namespaceOfProbeId(probe.probeId);
    if (namespace?.startsWith('qrouter-') && interfaceOnSubnet(probeValue(probe, 'netns-addr')?.interfaces ?? [], address)) return { machineId: probe.machineId, namespace };
  }
  return null;
}
