// The lab's network diagram (walkthrough step 11) as data: each compute node with its instances,
// their qbr bridges and its br-int; the gateway with its br-int, its Neutron namespaces and the
// bridges their ports sit on; and the external network behind the router's gateway port. Every
// node and edge comes from a probe (a port's bridge from `ovs-vsctl show` on that machine); an edge
// inferred from Neutron's port prefixes alone, when OVS could not be read, is marked "by-name".
import type { LabInventory } from '../../../electron/contract/inventory';
import type { OvsBridge } from '../../../electron/contract/lab-model';
import { summarizeGateways, type NamespaceView } from './gateway-namespaces';
import { containerPlumbing, isNeutronNic } from './plumbing-chain';
import { machineLabel, readProbe } from './probe-reading';

export type DiagramNodeKind = 'container' | 'qbr' | 'ovs-bridge' | 'namespace' | 'external';

/** Top to bottom, the way traffic leaves an instance for the outside world. */
export const DIAGRAM_TIERS = {
  container: 0,
  qbr: 1,
  computeBridge: 2,
  gatewayIntegration: 3,
  namespace: 4,
  gatewayExternal: 5,
  external: 6,
} as const;

export interface DiagramNode {
  id: string;
  kind: DiagramNodeKind;
  label: string;
  /** A second, quieter line: a MAC, an address, a namespace id. */
  detail: string | null;
  /** The full story for a tooltip (namespaces' names are too long for a box). */
  title: string;
  /** The group (machine) it is drawn in; null for the external network. */
  groupId: string | null;
  /** Its row in the picture (see DIAGRAM_TIERS). */
  tier: number;
}

export interface DiagramEdge {
  id: string;
  from: string;
  to: string;
  label: string | null;
  title: string;
  evidence: 'seen' | 'by-name';
}

export interface DiagramGroup {
  id: string;
  kind: 'compute' | 'gateway';
  machineId: string;
  label: string;
  detail: string | null;
}

export interface LabDiagramModel {
  groups: DiagramGroup[];
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  /** What the diagram could not show and why (a probe failed, no gateway…). */
  notes: string[];
}

const INTEGRATION_BRIDGE = 'br-int';

const shortId = (uuid: string | null) => (uuid ? uuid.split('-')[0]! : '');

export function buildLabDiagram(inventory: LabInventory): LabDiagramModel {
  const groups: DiagramGroup[] = [];
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const notes: string[] = [];
  // Parallel ports (a router's three qr- ports on one br-int) become one line listing them all.
  const addEdge = (edge: Omit<DiagramEdge, 'id'>) => {
    const id = `${edge.from}->${edge.to}`;
    const existing = edges.find((candidate) => candidate.id === id);
    if (!existing) edges.push({ ...edge, id });
    else {
      existing.label = mergeLabels(existing.label, edge.label);
      existing.title = `${existing.title}\n${edge.title}`;
      if (edge.evidence === 'by-name') existing.evidence = 'by-name';
    }
  };
  const integrationBridges: string[] = [];

  for (const machine of inventory.machines.filter((candidate) => candidate.roles.includes('compute'))) {
    const groupId = `machine:${machine.id}`;
    const all = inventory.links.containers.filter((container) => container.machineId === machine.id);
    const plumbed = all.filter((container) => container.nics.some(isNeutronNic)).sort((a, b) => a.container.localeCompare(b.container));
    const others = all.length - plumbed.length;
    groups.push({ id: groupId, kind: 'compute', machineId: machine.id, label: machineLabel(machine, machine.id), detail: `compute${others > 0 ? ` · ${others} other container${others === 1 ? '' : 's'} not on Neutron` : ''}` });
    const bridgeId = `${groupId}:${INTEGRATION_BRIDGE}`;
    const ovs = readProbe(inventory, machine.id, 'ovs-vsctl');
    if (ovs.state !== 'ok') notes.push(ovs.message);
    nodes.push({ id: bridgeId, kind: 'ovs-bridge', label: INTEGRATION_BRIDGE, detail: ovs.state === 'ok' ? 'Open vSwitch' : 'not seen', title: `${INTEGRATION_BRIDGE} on ${machineLabel(machine, machine.id)}`, groupId, tier: DIAGRAM_TIERS.computeBridge });
    integrationBridges.push(bridgeId);
    if (all.length === 0) notes.push(`${machineLabel(machine, machine.id)}: no containers read (see the lxc-list probe in Nodes).`);

    for (const container of plumbed) {
      const containerId = `${groupId}:container:${container.container}`;
      const plumbing = containerPlumbing(inventory, machine.id, container.container);
      const firstMac = container.nics.find(isNeutronNic)?.mac ?? null;
      nodes.push({ id: containerId, kind: 'container', label: container.container, detail: firstMac, title: `${container.container} (${container.state ?? 'state unknown'}) on ${machineLabel(machine, machine.id)}`, groupId, tier: DIAGRAM_TIERS.container });
      for (const nic of plumbing?.nics ?? []) {
        const [, tap, qbr, qvb, qvo, bridge] = nic.hops;
        if (!qbr?.name) continue;
        const qbrId = `${groupId}:qbr:${qbr.name}`;
        if (!nodes.some((node) => node.id === qbrId)) nodes.push({ id: qbrId, kind: 'qbr', label: qbr.name, detail: 'Linux bridge', title: `${qbr.name}: ${qbr.how}`, groupId, tier: DIAGRAM_TIERS.qbr });
        addEdge({ from: containerId, to: qbrId, label: null, title: `${tap?.name ?? 'tap (not seen)'}: ${tap?.how ?? ''}`, evidence: tap?.evidence === 'seen' ? 'seen' : 'by-name' });
        addEdge({
          from: qbrId,
          to: bridgeId,
          label: nic.vlanTag !== null ? `tag ${nic.vlanTag}` : null,
          title: `${qvb?.name ?? 'qvb (not seen)'} ↔ ${qvo?.name ?? 'qvo (not seen)'} → ${bridge?.name ?? INTEGRATION_BRIDGE}`,
          evidence: qvb?.evidence === 'seen' && qvo?.evidence === 'seen' && bridge?.evidence === 'seen' ? 'seen' : 'by-name',
        });
      }
    }
  }

  const gateways = summarizeGateways(inventory);
  if (gateways.problem) notes.push(gateways.problem);
  let externalAdded = false;
  for (const gateway of gateways.gateways) {
    const groupId = `machine:${gateway.machineId}`;
    groups.push({ id: groupId, kind: 'gateway', machineId: gateway.machineId, label: gateway.label, detail: 'Neutron gateway' });
    if (gateway.problem) notes.push(gateway.problem);
    const ovs = readProbe(inventory, gateway.machineId, 'ovs-vsctl');
    const ovsBridges: OvsBridge[] = ovs.state === 'ok' ? ovs.value.bridges : [];
    if (ovs.state !== 'ok') notes.push(`${ovs.message} Namespace ports are placed on bridges by their names (qr-, tap → br-int; qg- → br-ex).`);
    const bridgeNode = (name: string) => {
      const id = `${groupId}:${name}`;
      if (!nodes.some((node) => node.id === id)) {
        const tier = name === INTEGRATION_BRIDGE ? DIAGRAM_TIERS.gatewayIntegration : DIAGRAM_TIERS.gatewayExternal;
        nodes.push({ id, kind: 'ovs-bridge', label: name, detail: ovs.state === 'ok' ? 'Open vSwitch' : 'by name', title: `${name} on ${gateway.label}`, groupId, tier });
      }
      return id;
    };
    const gatewayIntegration = bridgeNode(INTEGRATION_BRIDGE);
    for (const compute of integrationBridges) addEdge({ from: compute, to: gatewayIntegration, label: 'tenant networks', title: 'Instances reach the router and DHCP over the tenant networks between the integration bridges', evidence: 'seen' });

    for (const namespace of gateway.namespaces) {
      const namespaceId = `${groupId}:netns:${namespace.name}`;
      nodes.push({ id: namespaceId, kind: 'namespace', label: `${namespace.kind} ${shortId(namespace.resourceId)}`.trim(), detail: namespaceDetail(namespace), title: namespace.name, groupId, tier: DIAGRAM_TIERS.namespace });
      if (!namespace.interfaces) notes.push(namespace.addressProblem ?? `${namespace.name}: addresses not read.`);
      for (const iface of namespace.interfaces ?? []) {
        if (iface.role === 'loopback' || iface.role === 'other') continue;
        const found = ovsBridges.map((bridge) => ({ bridge, port: bridge.ports.find((port) => port.name === iface.name) })).find((entry) => entry.port);
        const bridgeName = found?.bridge.name ?? (ovs.state === 'ok' ? null : iface.role === 'router-external' ? 'br-ex' : INTEGRATION_BRIDGE);
        if (!bridgeName) continue;
        const bridgeId = bridgeNode(bridgeName);
        const tag = found?.port?.tag ?? null;
        const label = iface.role === 'router-external' ? iface.name : tag !== null ? `tag ${tag}` : null;
        const title = `${iface.name}${iface.subnet ? ` (${iface.subnet})` : ''} on ${bridgeName}${tag !== null ? `, tag ${tag}` : ''}`;
        const evidence = found ? ('seen' as const) : ('by-name' as const);
        const bridgeTier = nodes.find((node) => node.id === bridgeId)!.tier;
        if (bridgeTier < DIAGRAM_TIERS.namespace) addEdge({ from: bridgeId, to: namespaceId, label, title, evidence });
        else addEdge({ from: namespaceId, to: bridgeId, label, title, evidence });
        if (iface.role === 'router-external' && !externalAdded) {
          externalAdded = true;
          const defaultRoute = namespace.routes?.find((route) => route.isDefault);
          nodes.push({
            id: 'external',
            kind: 'external',
            label: 'External network',
            detail: iface.subnet,
            title: `The external network${iface.subnet ? ` ${iface.subnet}` : ''}${defaultRoute?.via ? `, upstream gateway ${defaultRoute.via}` : ''}; floating addresses: ${namespace.floatingAddresses.join(', ') || 'none'}`,
            groupId: null,
            tier: DIAGRAM_TIERS.external,
          });
          addEdge({ from: bridgeId, to: 'external', label: null, title: `${bridgeName} carries the router’s gateway port ${iface.name} to the external network`, evidence });
        }
      }
    }
  }
  return { groups, nodes, edges, notes: [...new Set(notes)] };
}

function namespaceDetail(namespace: NamespaceView): string {
  const id = namespace.id !== null ? `id ${namespace.id}` : 'no id';
  const ipv4 = (namespace.interfaces ?? []).filter((iface) => iface.role !== 'loopback').flatMap((iface) => iface.addresses.filter((address) => address.family === 'IPv4' && !address.floating).map((address) => address.address));
  return ipv4.length > 0 ? `${id} · ${ipv4[0]}${ipv4.length > 1 ? ` +${ipv4.length - 1}` : ''}` : id;
}

/** "tag 1" + "tag 2" → "tags 1, 2"; other labels are listed. */
function mergeLabels(first: string | null, second: string | null): string | null {
  const labels = [first, second].filter((label): label is string => label !== null);
  if (labels.length < 2) return labels[0] ?? null;
  const tags = labels.flatMap((label) => /^tags? (.+)$/.exec(label)?.[1]?.split(', ') ?? []);
  return tags.length > 0 && labels.every((label) => /^tags? /.test(label)) ? `tags ${[...new Set(tags)].join(', ')}` : labels.join(', ');
}
