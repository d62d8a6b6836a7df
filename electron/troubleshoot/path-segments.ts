// Pieces a path is assembled from: crossing a bridge (br-int between two of its ports, with the
// tag check), reaching an instance from br-int (its chain reversed), and leaving a router by its
// exit port (towards an instance on another network, or out through qg- and br-ex).
import type { PathHop } from '../contract/troubleshoot';
import { instanceChain } from './instance-hops';
import type { ContainerView, LabView, NamespacePort, OvsPortView } from './lab-view';
import { checkPortTag, type TagCheck } from './network-tags';
import { makeHop, missingHopFinding } from './path-hop';
import { namespacePortHop } from './router-hops';

export interface PathParts {
  hops: PathHop[];
  notes: string[];
}

export interface BridgeEnd {
  name: string;
  machineId: string;
  ovs: OvsPortView | null;
}

/** br-int between the port a packet enters by and the one it leaves by; its tag is the network's. */
export function bridgeHop(view: LabView, id: string, entry: BridgeEnd, exit: BridgeEnd | null, checks: TagCheck[]): PathHop {
  const bridge = entry.ovs?.bridge ?? exit?.ovs?.bridge ?? null;
  const tagOf = (end: BridgeEnd) => `${end.name} ${end.ovs ? (end.ovs.port.tag === null ? 'no tag' : `tag ${end.ovs.port.tag}`) : 'not on a bridge'}`;
  const hop = makeHop(view, {
    id,
    kind: 'br-int',
    name: bridge?.name ?? 'br-int',
    machineId: entry.machineId,
    ovs: null,
    vlanTag: checks.find((check) => check.networkTag !== null)?.networkTag ?? entry.ovs?.port.tag ?? null,
    seen: bridge !== null,
    how: bridge ? `ovs-vsctl show on ${view.machineLabel(entry.machineId)}` : `not seen: ${view.read(entry.machineId, 'ovs-vsctl').message ?? `no bridge has ${entry.name}`}`,
    details: [
      { label: 'in', value: tagOf(entry) },
      ...(exit ? [{ label: 'out', value: tagOf(exit) }] : []),
      ...(bridge?.datapathType ? [{ label: 'datapath', value: bridge.datapathType }] : []),
    ],
    // What leaves br-int towards the next hop is what its exit port sends.
    counters: exit ? { kind: 'ovs', machineId: exit.machineId, interface: exit.name, passes: 'tx' } : null,
    findings: checks.flatMap((check) => (check.finding ? [check.finding] : [])),
  });
  return hop;
}

/** From br-int into an instance: its qvo, qvb, qbr, tap and eth0 (the chain leaving it, reversed). */
export function reachInstance(view: LabView, instance: ContainerView, from: BridgeEnd): PathParts {
  const chain = instanceChain(view, instance, 'in');
  const machineId = instance.link.machineId;
  const qvo: BridgeEnd | null = chain.qvoName ? { name: chain.qvoName, machineId, ovs: view.ovsPort(machineId, chain.qvoName) } : null;
  const network = instance.address ? view.networkOf(instance.address) : null;
  const notes: string[] = [];
  const checks: TagCheck[] = [];
  if (qvo) {
    const check = checkPortTag(view, machineId, qvo.name, qvo.ovs, network);
    checks.push(check);
    if (check.note) notes.push(check.note);
  }
  const sameSwitch = from.ovs && qvo?.ovs ? from.ovs.switchId === qvo.ovs.switchId : true;
  const hops: PathHop[] = [];
  if (sameSwitch) {
    hops.push(bridgeHop(view, 'in.br-int', from, qvo, checks));
  } else {
    notes.push(`${from.name} and ${qvo?.name} are on different switches: the packet crosses a tunnel (br-tun) between ${view.machineLabel(from.machineId)} and ${view.machineLabel(machineId)}, which is not drawn.`);
    hops.push(bridgeHop(view, 'via.br-int', from, null, []));
    hops.push(bridgeHop(view, 'in.br-int', { name: qvo!.name, machineId, ovs: qvo!.ovs }, qvo, checks));
  }
  hops.push(...chain.hops.reverse());
  return { hops, notes };
}

/** Out of the router by its exit port: a qr- towards an instance, or qg- towards br-ex. */
export function leaveRouter(view: LabView, exit: { port: NamespacePort; nextAddress: string }, expected: ContainerView | null): PathParts {
  const { port, nextAddress } = exit;
  const name = port.iface.name;
  const ovs = view.ovsPort(port.machineId, name);
  const from: BridgeEnd = { name, machineId: port.machineId, ovs };
  if (name.startsWith('qg-')) {
    const qg = namespacePortHop(view, 'router.out', 'qg', port);
    const bridge = makeHop(view, {
      id: 'out.br-ex',
      kind: 'br-ex',
      name: ovs?.bridge.name ?? null,
      machineId: port.machineId,
      seen: ovs !== null,
      how: ovs ? `ovs-vsctl show on ${view.machineLabel(port.machineId)}` : `not seen: no bridge has ${name} in ovs-vsctl show`,
      details: ovs?.bridge.datapathType ? [{ label: 'datapath', value: ovs.bridge.datapathType }] : [],
    });
    return { hops: [qg, bridge], notes: [`Beyond ${bridge.name ?? 'br-ex'} the packet leaves the lab's plumbing towards ${nextAddress}: nothing upstream is drawn.`] };
  }
  const qr = namespacePortHop(view, 'router.out', 'qr', port);
  const instance = expected ?? view.containerByAddress(nextAddress);
  if (!instance) {
    const dhcp = view
      .namespaces()
      .filter((candidate) => candidate.namespace.kind === 'qdhcp')
      .flatMap((candidate) => view.namespacePorts(candidate))
      .find((candidate) => candidate.iface.addresses.some((entry) => entry.address === nextAddress));
    if (dhcp) return { hops: [qr, bridgeHop(view, 'in.br-int', from, { name: dhcp.iface.name, machineId: dhcp.machineId, ovs: view.ovsPort(dhcp.machineId, dhcp.iface.name) }, []), namespacePortHop(view, 'in.dhcp', 'dhcp', dhcp)], notes: [] };
    qr.findings.push(missingHopFinding(`An instance with the address ${nextAddress}`, `no container in lxc list has it, so nothing behind ${name} can answer`));
    return { hops: [qr], notes: [] };
  }
  const reached = reachInstance(view, instance, from);
  return { hops: [qr, ...reached.hops], notes: reached.notes };
}
