// The router's part of a path: the qr- port a packet enters by, the qrouter namespace (the route
// it takes, the DNAT of a floating address, the neighbour entry of the next hop), and the port it
// leaves by: another qr- towards an instance, or qg- towards br-ex and the outside.
import type { FirewallRules, IpNeighbours, IpRoute } from '../contract/lab-model';
import type { PathFinding, PathHop, PathHopDetail } from '../contract/troubleshoot';
import { routeForwards, routeTo } from './ipv4';
import type { LabView, NamespacePort, NamespaceView } from './lab-view';
import { commandOn, inNamespace, linkCounters, makeHop, notReadFinding } from './path-hop';

/** Neighbour states that mean nothing answered ARP for the address. */
const FAILED_NEIGHBOUR = new Set(['FAILED']);
const UNRESOLVED_NEIGHBOUR = new Set(['INCOMPLETE']);

/** A floating address and the fixed one it is translated to, and where that was read. */
export interface FloatingMapping {
  floating: string;
  fixed: string | null;
  /** "DNAT rule in qrouter-…", "OpenStack floating IP list". */
  source: string;
}

export interface RouterPassage {
  hops: PathHop[];
  /** Where the packet leaves the router, and the address it is sent to next (the fixed address, or a gateway). */
  exit: { port: NamespacePort; nextAddress: string } | null;
}

/** A port of a namespace as a hop: the interface inside (state, MTU, addresses), its OVS port on the host (tag, ofport). */
export function namespacePortHop(view: LabView, id: string, kind: 'qr' | 'qg' | 'dhcp', port: NamespacePort): PathHop {
  const ovs = view.ovsPort(port.machineId, port.iface.name);
  return makeHop(view, {
    id,
    kind,
    name: port.iface.name,
    machineId: port.machineId,
    namespace: port.namespace.name,
    iface: port.iface,
    ovs,
    seen: true,
    how: `ip -j addr in ${port.namespace.name}${ovs ? `; port of ${ovs.bridge.name} in ovs-vsctl show` : ''}`,
    // Inside the namespace: a port the packet enters by receives it, one it leaves by transmits it.
    counters: linkCounters(port.machineId, port.iface.name, id === 'router.out' || id === 'dhcp' ? 'tx' : 'rx', port.namespace.name),
  });
}

/** Through the router namespace to `target` (a floating address is translated first). */
export function routerPassage(view: LabView, router: NamespaceView, target: string, floating: FloatingMapping | null): RouterPassage {
  const namespace = router.namespace.name;
  const machine = view.machineLabel(router.machineId);
  const findings: PathFinding[] = [];
  const details: PathHopDetail[] = [];
  const ports = view.namespacePorts(router);

  let destination = target;
  if (floating) {
    const firewall = view.readNamespace(router.machineId, 'netns-firewall', namespace);
    const nftCommand = commandOn(inNamespace(namespace, 'nft list ruleset'), machine);
    findings.push(...natFindings(firewall.value, firewall.message, floating, namespace, nftCommand));
    const pair = firewall.value?.natPairs.find((candidate) => candidate.floating === floating.floating && candidate.dnat);
    const fixed = pair?.fixed ?? floating.fixed;
    if (fixed) {
      details.push({ label: 'DNAT', value: `${floating.floating} → ${fixed}${pair ? '' : ` (${floating.source})`}` });
      destination = fixed;
    }
    const onGateway = ports.some((port) => port.iface.name.startsWith('qg-') && port.iface.addresses.some((entry) => entry.address === floating.floating));
    if (!onGateway && ports.length > 0) {
      findings.push({
        kind: 'no-floating-address',
        severity: 'warning',
        message: `${floating.floating} is not an address of ${namespace}'s qg- port: the router does not answer ARP for it from outside.`,
        should: `${floating.floating}/32 on qg-`,
        is: 'absent',
        evidence: ports.filter((port) => port.iface.name.startsWith('qg-')).map((port) => `${port.iface.name}: ${port.iface.addresses.map((entry) => entry.address).join(', ')}`),
        command: commandOn(inNamespace(namespace, 'ip addr'), machine),
      });
    }
  }

  const routes = view.readNamespace(router.machineId, 'netns-route', namespace);
  const routeCommand = commandOn(inNamespace(namespace, `ip route get ${destination}`), machine);
  let exit: RouterPassage['exit'] = null;
  if (!routes.value) {
    findings.push(notReadFinding(`the route to ${destination}`, routes.message, routeCommand));
  } else {
    const route = routeTo(routes.value.routes, destination);
    if (!route || !routeForwards(route)) {
      findings.push(noRouteFinding(namespace, destination, route, routes.value.routes.map(routeText), routeCommand));
    } else {
      details.push({ label: 'route', value: routeText(route) });
      const port = ports.find((candidate) => candidate.iface.name === route.device) ?? null;
      if (port) exit = { port, nextAddress: route.gateway ?? destination };
      else findings.push(notReadFinding(`the port ${route.device ?? '(none)'} the route uses`, `ip -j addr in ${namespace} does not show it`, commandOn(inNamespace(namespace, 'ip addr'), machine)));
    }
  }
  if (exit) findings.push(...neighbourFindings(view, router, exit.port.iface.name, exit.nextAddress, details));

  const routerHop = makeHop(view, {
    id: 'router',
    kind: 'router',
    name: namespace,
    machineId: router.machineId,
    namespace,
    seen: true,
    how: `ip netns list on ${machine}`,
    details,
    findings,
  });
  routerHop.addresses = ports.flatMap((port) => port.iface.addresses.filter((entry) => entry.family === 'inet').map((entry) => `${entry.address}/${entry.prefixLength ?? 32}`));
  return { hops: [routerHop], exit };
}

const routeText = (route: IpRoute) =>
  `${route.type && route.type !== 'unicast' ? `${route.type} ` : ''}${route.destination}${route.gateway ? ` via ${route.gateway}` : ''}${route.device ? ` dev ${route.device}` : ''}`;

function noRouteFinding(namespace: string, destination: string, route: IpRoute | null, table: string[], command: string): PathFinding {
  return {
    kind: 'no-route',
    severity: 'fault',
    message: route
      ? `${namespace} has a ${route.type} route for ${destination} (${routeText(route)}): it drops the packet.`
      : `${namespace} has no route to ${destination} (no default route either): the packet is dropped there.`,
    should: `a route to ${destination}`,
    is: route ? routeText(route) : 'none',
    evidence: table.length > 0 ? table : ['the routing table is empty'],
    command,
  };
}

function natFindings(firewall: FirewallRules | null, notRead: string | null, floating: FloatingMapping, namespace: string, command: string): PathFinding[] {
  if (!firewall) return [notReadFinding(`the NAT rule for ${floating.floating}`, notRead ?? 'the netns-firewall probe was not read', command)];
  const pair = firewall.natPairs.find((candidate) => candidate.floating === floating.floating);
  if (pair?.dnat) return [];
  const rules = firewall.rules.filter((rule) => rule.action === 'dnat' || rule.action === 'snat').map((rule) => rule.text);
  return [
    {
      kind: 'no-nat',
      severity: 'fault',
      message: `${namespace} has no DNAT rule for the floating address ${floating.floating}${floating.fixed ? ` (to ${floating.fixed})` : ''}: packets to it are never translated to the instance.`,
      should: `DNAT ${floating.floating} → ${floating.fixed ?? 'its fixed address'}`,
      is: pair?.snat ? 'only the SNAT back' : 'no rule',
      evidence: rules.length > 0 ? rules.slice(0, 8) : ['no DNAT or SNAT rule at all'],
      command,
    },
  ];
}

function neighbourFindings(view: LabView, router: NamespaceView, device: string, address: string, details: PathHopDetail[]): PathFinding[] {
  const namespace = router.namespace.name;
  const neighbours = view.readNamespace(router.machineId, 'netns-neigh', namespace);
  const command = commandOn(inNamespace(namespace, `ip neigh show ${address}`), view.machineLabel(router.machineId));
  if (!neighbours.value) return [notReadFinding(`the neighbour entry for ${address}`, neighbours.message, command)];
  const entry = neighbourEntry(neighbours.value, address, device);
  if (entry) details.push({ label: 'neighbour', value: `${address} ${entry.mac ?? '(no MAC)'} ${entry.states.join(' ')}`.trim() });
  const states = entry?.states ?? [];
  if (states.some((state) => FAILED_NEIGHBOUR.has(state))) {
    return [
      {
        kind: 'no-neighbour',
        severity: 'fault',
        message: `Nothing answers ARP for ${address} on ${device}: ${namespace}'s neighbour entry is FAILED. The instance is down, has another address, or its port does not reach this network.`,
        should: `${address} with a MAC (REACHABLE or STALE)`,
        is: 'FAILED',
        evidence: [`${address} dev ${device} ${states.join(' ')}`],
        command,
      },
    ];
  }
  if (!entry || states.some((state) => UNRESOLVED_NEIGHBOUR.has(state))) {
    return [
      {
        kind: 'no-neighbour',
        severity: 'info',
        message: `${namespace} has ${entry ? 'not yet resolved' : 'no neighbour entry for'} ${address} on ${device}: normal before the first packet; if a test ping leaves it FAILED, nothing answers ARP for it.`,
        should: `${address} with a MAC`,
        is: entry ? states.join(' ') : 'no entry',
        evidence: [],
        command,
      },
    ];
  }
  return [];
}

function neighbourEntry(neighbours: IpNeighbours, address: string, device: string) {
  return neighbours.entries.find((entry) => entry.address === address && (entry.device === null || entry.device === device)) ?? null;
}
