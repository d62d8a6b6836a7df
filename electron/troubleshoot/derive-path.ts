// "Why can't X reach Y": the path a packet from a source (a container, a namespace, a machine)
// to a target should take through the lab's plumbing, hop by hop, from what the inventory's
// probes show, with what each hop should be versus what it is, and the verdict first. Pure: an
// inventory in, an analysis out; it runs the same on a live lab and on a snapshot.
import type { PingSource } from '../contract/diagnostics';
import type { LabInventory } from '../contract/inventory';
import type { PathAnalysis, PathHop, PathTarget, PathTraceFlow } from '../contract/troubleshoot';
import { instanceChain } from './instance-hops';
import { inSubnet, parseCidr, routeForwards, routeTo } from './ipv4';
import { labView, type ContainerView, type LabView, type NamespaceView } from './lab-view';
import { checkPortTag } from './network-tags';
import { commandOn, makeHop, missingHopFinding, notReadFinding } from './path-hop';
import { addMtuFindings } from './path-mtu';
import { bridgeHop, leaveRouter, reachInstance, type BridgeEnd, type PathParts } from './path-segments';
import { containerLabel, resolveTarget, type ResolvedTarget } from './path-target';
import { pathTrace } from './path-trace-flow';
import { demoteSymptoms, pathVerdict } from './path-verdict';
import { namespacePortHop, routerPassage } from './router-hops';

interface Walk extends PathParts {
  /** Why the path stops before the target, when it does without a fault to name. */
  incomplete: string | null;
}

export function derivePath(inventory: LabInventory, source: PingSource, target: PathTarget): PathAnalysis {
  const view = labView(inventory);
  const resolved = resolveTarget(view, target);
  const sourceLabel = labelOfSource(view, source);
  const base = { source, target, sourceLabel, inventoryAt: inventory.refreshedAt };
  if (resolved.kind === 'unresolved') {
    return { ...base, targetLabel: resolved.label, targetAddress: null, verdict: { status: 'incomplete', text: resolved.reason, hopIndex: null }, hops: [], notes: [], trace: null };
  }
  const walk = walkFrom(view, source, resolved);
  addMtuFindings(walk.hops);
  demoteSymptoms(walk.hops);
  return {
    ...base,
    targetLabel: resolved.label,
    targetAddress: resolved.address,
    verdict: pathVerdict(walk.hops, walk.incomplete),
    hops: walk.hops,
    notes: walk.notes,
    trace: pathTrace(walk.hops, resolved),
  };
}

function labelOfSource(view: LabView, source: PingSource): string {
  const where = view.machineLabel(source.machineId);
  if (source.kind === 'machine') return where;
  if (source.kind === 'namespace') return `${source.namespace} on ${where}`;
  const instance = view.container(source.machineId, source.container);
  return `${instance ? containerLabel(instance) : source.container} on ${where}`;
}

function walkFrom(view: LabView, source: PingSource, target: ResolvedTarget): Walk {
  if (source.kind === 'container') {
    const instance = view.container(source.machineId, source.container);
    if (!instance) return { hops: [], notes: [], incomplete: `${source.container} is not in the inventory of ${view.machineLabel(source.machineId)}: refresh, or choose another source.` };
    return fromInstance(view, instance, target);
  }
  if (source.kind === 'namespace') {
    const namespace = view.namespaces().find((candidate) => candidate.machineId === source.machineId && candidate.namespace.name === source.namespace);
    if (!namespace) return { hops: [], notes: [], incomplete: `ip netns on ${view.machineLabel(source.machineId)} does not list ${source.namespace}: refresh, or choose another source.` };
    if (namespace.namespace.kind === 'qrouter') return throughRouter(view, namespace, target, []);
    if (namespace.namespace.kind === 'qdhcp') return fromDhcp(view, namespace, target);
  }
  return fromMachine(view, source, target);
}

/** Where the packet goes once it reaches br-int from `entry`: straight to the target on the same network, or to the router. */
function fromInstance(view: LabView, instance: ContainerView, target: ResolvedTarget): Walk {
  const machineId = instance.link.machineId;
  const chain = instanceChain(view, instance, 'out');
  const hops = [...chain.hops];
  const notes: string[] = [];
  if (!chain.qvoName) return { hops, notes, incomplete: `${instance.link.container} has no Neutron port to follow.` };
  const entry: BridgeEnd = { name: chain.qvoName, machineId, ovs: view.ovsPort(machineId, chain.qvoName) };
  const network = instance.address ? view.networkOf(instance.address) : null;
  const tag = checkPortTag(view, machineId, chain.qvoName, entry.ovs, network);
  if (tag.note) notes.push(tag.note);
  const cidr = network ? parseCidr(network.cidr) : null;
  const onNetwork = cidr !== null && target.kind !== 'floating' && inSubnet(target.address, cidr.network, cidr.prefix);

  if (onNetwork && target.kind === 'instance') {
    const reached = reachInstance(view, target.instance, entry);
    const [bridge, ...rest] = reached.hops;
    // One bridge between the two qvo ports: the source's tag check belongs on it as well.
    if (bridge && tag.finding) bridge.findings.unshift(tag.finding);
    return { hops: [...hops, ...(bridge ? [bridge] : []), ...rest], notes: [...notes, ...reached.notes], incomplete: null };
  }
  if (onNetwork && target.kind === 'namespace-port') {
    const port = target.port;
    const exit: BridgeEnd = { name: port.iface.name, machineId: port.machineId, ovs: view.ovsPort(port.machineId, port.iface.name) };
    const kind = port.namespace.kind === 'qdhcp' ? 'dhcp' : 'qr';
    return { hops: [...hops, bridgeHop(view, 'out.br-int', entry, exit, [tag]), namespacePortHop(view, 'router.in', kind, port)], notes, incomplete: null };
  }
  if (onNetwork) {
    hops.push(bridgeHop(view, 'out.br-int', entry, null, [tag]));
    return { hops, notes, incomplete: `No instance, router or DHCP port has ${target.address} on ${network!.cidr}: nothing is known to answer it.` };
  }
  const routerPort = network?.routerPort ?? null;
  if (!routerPort) {
    hops.push(bridgeHop(view, 'out.br-int', entry, null, [tag]));
    const why = network
      ? `${network.cidr} has no router port in any qrouter namespace: nothing routes ${target.address} off it.`
      : `No router or DHCP port shows the network of ${instance.address ?? instance.link.container}: the router it would use is unknown.`;
    hops[hops.length - 1]!.findings.push(missingHopFinding('A router port on this network', why));
    return { hops, notes, incomplete: null };
  }
  const exit: BridgeEnd = { name: routerPort.iface.name, machineId: routerPort.machineId, ovs: view.ovsPort(routerPort.machineId, routerPort.iface.name) };
  hops.push(bridgeHop(view, 'out.br-int', entry, exit, [tag]));
  hops.push(namespacePortHop(view, 'router.in', 'qr', routerPort));
  const gateway = routerPort.iface.addresses.find((entry) => entry.family === 'inet')?.address;
  notes.push(`${instance.link.container}'s default gateway is taken to be its network's router port ${routerPort.iface.name}${gateway ? ` (${gateway})` : ''}; the instance's own routes are not read.`);
  return throughRouter(view, { machineId: routerPort.machineId, namespace: routerPort.namespace }, target, hops, notes);
}

function throughRouter(view: LabView, router: NamespaceView, target: ResolvedTarget, before: PathHop[], notes: string[] = []): Walk {
  const floating = target.kind === 'floating' ? target.mapping : null;
  if (floating && target.kind === 'floating' && target.router && target.router.namespace.name !== router.namespace.name) {
    notes.push(`${target.address} is NATed by ${target.router.namespace.name}, not by ${router.namespace.name}: the path is followed through ${router.namespace.name}'s routes.`);
  }
  const ownAddress = !floating && view.namespacePorts(router).some((port) => port.iface.addresses.some((entry) => entry.address === target.address));
  if (ownAddress) {
    const hop = routerPassage(view, router, target.address, null).hops[0]!;
    hop.findings = [];
    hop.details = [{ label: 'local', value: `${target.address} is an address of ${router.namespace.name}` }];
    return { hops: [...before, hop], notes, incomplete: null };
  }
  const passage = routerPassage(view, router, target.address, floating);
  const hops = [...before, ...passage.hops];
  if (!passage.exit) return { hops, notes, incomplete: null };
  const expected = target.kind === 'instance' || target.kind === 'floating' ? target.instance : null;
  const left = leaveRouter(view, passage.exit, expected && passage.exit.nextAddress === expected.address ? expected : null);
  return { hops: [...hops, ...left.hops], notes: [...notes, ...left.notes], incomplete: null };
}

/** A qdhcp namespace: its tap, then straight to an instance on its network, or through the router its routes name. */
function fromDhcp(view: LabView, namespace: NamespaceView, target: ResolvedTarget): Walk {
  const port = view.namespacePorts(namespace).find((candidate) => candidate.iface.addresses.some((entry) => entry.family === 'inet')) ?? null;
  if (!port) return { hops: [], notes: [], incomplete: `${namespace.namespace.name} shows no port with an address (ip -j addr in it): ${view.readNamespace(namespace.machineId, 'netns-addr', namespace.namespace.name).message ?? 'its tap has none'}` };
  const tap = namespacePortHop(view, 'dhcp', 'dhcp', port);
  const from: BridgeEnd = { name: port.iface.name, machineId: port.machineId, ovs: view.ovsPort(port.machineId, port.iface.name) };
  const routes = view.readNamespace(namespace.machineId, 'netns-route', namespace.namespace.name);
  const destination = target.address;
  if (!routes.value) {
    tap.findings.push(notReadFinding(`the route to ${destination}`, routes.message, null));
    return { hops: [tap], notes: [], incomplete: `The routes of ${namespace.namespace.name} were not read.` };
  }
  const route = routeTo(routes.value.routes, destination);
  if (!route || !routeForwards(route)) {
    tap.findings.push({
      kind: 'no-route',
      severity: 'fault',
      message: `${namespace.namespace.name} has no route to ${destination}: a DHCP namespace reaches only its own network unless its subnet has a gateway.`,
      should: `a route to ${destination}`,
      is: 'none',
      evidence: routes.value.routes.map((entry) => `${entry.destination}${entry.gateway ? ` via ${entry.gateway}` : ''} dev ${entry.device ?? '?'}`),
      command: commandOn(`sudo -n ip netns exec ${namespace.namespace.name} ip route get ${destination}`, view.machineLabel(namespace.machineId)),
    });
    return { hops: [tap], notes: [], incomplete: null };
  }
  if (!route.gateway && (target.kind === 'instance' || target.kind === 'floating') && target.instance) {
    const reached = reachInstance(view, target.instance, from);
    return { hops: [tap, ...reached.hops], notes: reached.notes, incomplete: null };
  }
  const network = view.networkOf(port.iface.addresses[0]!.address);
  if (!route.gateway || !network?.routerPort) return { hops: [tap], notes: [], incomplete: `${namespace.namespace.name} sends ${destination} to ${route.gateway ?? route.device}, which the analysis cannot follow.` };
  const routerPort = network.routerPort;
  const exit: BridgeEnd = { name: routerPort.iface.name, machineId: routerPort.machineId, ovs: view.ovsPort(routerPort.machineId, routerPort.iface.name) };
  const hops = [tap, bridgeHop(view, 'out.br-int', from, exit, [checkPortTag(view, port.machineId, port.iface.name, from.ovs, network)]), namespacePortHop(view, 'router.in', 'qr', routerPort)];
  return throughRouter(view, { machineId: routerPort.machineId, namespace: routerPort.namespace }, target, hops);
}

/** A machine's own stack: its routes decide; beyond them the path is not Neutron's plumbing. */
function fromMachine(view: LabView, source: PingSource, target: ResolvedTarget): Walk {
  const where = view.machineLabel(source.machineId);
  const routes = source.kind === 'namespace' ? view.readNamespace(source.machineId, 'netns-route', source.namespace) : view.read(source.machineId, 'routes');
  const namespace = source.kind === 'namespace' ? source.namespace : null;
  const command = commandOn(`${namespace ? `sudo -n ip netns exec ${namespace} ` : ''}ip route get ${target.address}`, where);
  const hop = makeHop(view, { id: 'machine', kind: 'machine', name: namespace ?? view.inventory.machines.find((machine) => machine.id === source.machineId)?.hostname ?? `machine ${source.machineId}`, machineId: source.machineId, namespace, seen: true, how: `routes of ${where}` });
  if (!routes.value) {
    hop.findings.push(notReadFinding(`the route to ${target.address}`, routes.message, command));
    return { hops: [hop], notes: [], incomplete: `The routes of ${namespace ?? where} were not read, so the path cannot be followed.` };
  }
  const route = routeTo(routes.value.routes, target.address);
  if (!route || !routeForwards(route)) {
    hop.findings.push({
      kind: 'no-route',
      severity: 'fault',
      message: `${namespace ?? where} has no route to ${target.address}: tenant addresses live in the qrouter and qdhcp namespaces, so ping from one of them or from an instance.`,
      should: `a route to ${target.address}`,
      is: route ? `${route.type} ${route.destination}` : 'none',
      evidence: routes.value.routes.slice(0, 8).map((entry) => `${entry.destination}${entry.gateway ? ` via ${entry.gateway}` : ''}${entry.device ? ` dev ${entry.device}` : ''}`),
      command,
    });
    return { hops: [hop], notes: [], incomplete: null };
  }
  hop.details.push({ label: 'route', value: `${route.destination}${route.gateway ? ` via ${route.gateway}` : ''}${route.device ? ` dev ${route.device}` : ''}` });
  return { hops: [hop], notes: [`From ${namespace ?? where} the packet leaves by ${route.device ?? 'its route'}; beyond the machine's own stack the path is not Neutron's plumbing and is not drawn.`], incomplete: null };
}

export type { PathTraceFlow };
