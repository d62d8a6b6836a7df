// Where a health finding's object is shown: a container in Containers, a namespace or an
// instance's plumbing in Network, a machine's card in Nodes, a unit or application's row in
// Overview. Interfaces, OVS ports and bridges are followed to the container whose nic they carry
// (tap/qbr/qvb/qvo share the Neutron port's prefix) or to the namespace that holds them; what
// neither names opens its machine. Pure: the same finding and inventory give the same target.
import type { ContainerLink, LabInventory } from '../../../electron/contract/inventory';
import type { HealthFinding, HealthObject } from '../../../electron/contract/health';
import { namespaceOfProbeId, probeKindOf, probeValue } from '../../../electron/contract/probe-models';
import type { TerminalTarget } from '../../../electron/contract/terminals';
import type { NetTable, ViewFocus } from '../../state/view-focus';
import type { ViewId } from '../view-catalog';
import { hostNameOf } from '../../state/inventory-reading';

export interface HealthTarget {
  view: ViewId;
  focus: ViewFocus | null;
  /** What the click-through says it opens ("instance-0000000c in Containers"). */
  label: string;
}

/** nova-lxd's names for one Neutron port's devices: tap<id>, qbr<id>, qvb<id>, qvo<id>. */
const PLUMBING_PREFIX = /^(tap|qbr|qvb|qvo)./;
const PLUMBING_PREFIX_LENGTH = 3;
/** A command run in a namespace names it: `sudo ip netns exec qrouter-… iptables-save`. */
const NETNS_EXEC = /\bip netns exec (\S+)/;
/** What the terminal contract accepts as a machine (a Juju machine id or the controller). */
const TERMINAL_MACHINE = /^(\d+|controller)$/;
/** The table of a namespace's or machine's card that shows what a finding's command prints. */
const TABLE_COMMANDS: [NetTable, RegExp][] = [
  ['rules', /\b(iptables-save|iptables|nft)\b/],
  ['routes', /\bip (-[46] )?route\b/],
  ['neighbours', /\bip (-[46] )?neigh\b/],
];

const tableShownBy = (command: string | null): NetTable | null => (command ? (TABLE_COMMANDS.find(([, pattern]) => pattern.test(command))?.[0] ?? null) : null);

/** The Neutron port's part of a tap/qbr/qvb/qvo name (each prefix is three letters), else null. */
const portSuffix = (name: string | null): string | null => (name && PLUMBING_PREFIX.test(name) ? name.slice(PLUMBING_PREFIX_LENGTH) : null);

type ContainerPlace = { machineId: string; container: string };
type NamespacePlace = { machineId: string; namespace: string };

/**
 * Built once per inventory (a refresh hands the page a new one), so thousands of findings do not
 * each scan 5,000 containers and every namespace: the containers grouped by machine (a finding
 * names its machine: ~100 containers to look through, not 5,000; a full index of every nic's
 * devices cost more to build than all the lookups), and each namespace interface and address by
 * name on its machine ("26|qg-…") and lab-wide ("|qg-…", the first seen).
 */
interface PlaceIndex {
  linksByMachine: Map<string, ContainerLink[]>;
  interfaces: Map<string, NamespacePlace>;
  addresses: Map<string, NamespacePlace>;
}

const indexes = new WeakMap<LabInventory, PlaceIndex>();

/** Keeps the first place for a name, on its machine and lab-wide. */
function remember(map: Map<string, NamespacePlace>, place: NamespacePlace, name: string): void {
  if (!map.has(`${place.machineId}|${name}`)) map.set(`${place.machineId}|${name}`, place);
  if (!map.has(`|${name}`)) map.set(`|${name}`, place);
}

function placeIndex(inventory: LabInventory): PlaceIndex {
  let index = indexes.get(inventory);
  if (index) return index;
  index = { linksByMachine: new Map(), interfaces: new Map(), addresses: new Map() };
  for (const link of inventory.links.containers) {
    const onMachine = index.linksByMachine.get(link.machineId);
    if (onMachine) onMachine.push(link);
    else index.linksByMachine.set(link.machineId, [link]);
  }
  for (const outcome of inventory.probes) {
    if (probeKindOf(outcome.probeId) !== 'netns-addr') continue;
    const namespace = namespaceOfProbeId(outcome.probeId);
    const value = probeValue(outcome, 'netns-addr');
    if (!namespace || !value) continue;
    const place = { machineId: outcome.machineId, namespace };
    for (const iface of value.interfaces) {
      remember(index.interfaces, place, iface.name);
      for (const entry of iface.addresses) remember(index.addresses, place, entry.address);
    }
  }
  indexes.set(inventory, index);
  return index;
}

/** A name's place on that machine, or anywhere when the machine is not known. */
const placeOf = (map: Map<string, NamespacePlace>, machineId: string | null, name: string): NamespacePlace | null => map.get(`${machineId ?? ''}|${name}`) ?? null;

/** The container whose nic carries this tap, qbr, qvb or qvo (on that machine when it is known). */
function containerCarrying(inventory: LabInventory, object: HealthObject): ContainerPlace | null {
  const { linksByMachine } = placeIndex(inventory);
  const links = object.machineId === null ? inventory.links.containers : (linksByMachine.get(object.machineId) ?? []);
  const suffix = portSuffix(object.name);
  for (const link of links) {
    for (const nic of link.nics) {
      for (const device of [nic.tap, nic.bridge, nic.ovsPort]) {
        // endsWith first: most devices differ there, and the prefix test is the dearer one.
        if (device !== null && (device === object.name || (suffix !== null && device.endsWith(suffix) && portSuffix(device) === suffix))) return { machineId: link.machineId, container: link.container };
      }
    }
  }
  return null;
}

const bareAddress = (address: string) => address.split('/')[0]!;

/** A namespace's card in Network, with the table its command shows opened (NAT rules, routes, neighbours). */
function inNetwork(place: { machineId: string; namespace: string }, command: string | null): HealthTarget {
  const table = tableShownBy(command);
  return { view: 'network', focus: { view: 'network', ...place, ...(table ? { table } : {}) }, label: `${place.namespace} in Network` };
}

function machineCard(inventory: LabInventory, machineId: string, command: string | null): HealthTarget {
  const table = tableShownBy(command);
  return { view: 'nodes', focus: { view: 'nodes', machineId, ...(table ? { part: table } : {}) }, label: `${hostNameOf(inventory, machineId)} in Nodes` };
}

/** Where clicking a finding goes; null when its object is nowhere the console shows. */
export function healthTarget(finding: HealthFinding, inventory: LabInventory): HealthTarget | null {
  const { object, command } = finding;
  switch (object.kind) {
    case 'container':
      return { view: 'containers', focus: { view: 'containers', filter: object.name }, label: `${object.name} in Containers` };
    case 'machine':
      return machineCard(inventory, object.machineId ?? object.name, command);
    case 'unit':
    case 'application':
      return { view: 'overview', focus: { view: 'overview', target: { kind: object.kind, name: object.name } }, label: `${object.name} in Overview` };
    case 'namespace':
      return object.machineId ? inNetwork({ machineId: object.machineId, namespace: object.name }, command) : null;
    case 'interface':
    case 'ovs-port':
    case 'bridge': {
      const carrier = containerCarrying(inventory, object);
      if (carrier) return { view: 'network', focus: { view: 'network', ...carrier }, label: `${carrier.container}'s plumbing in Network` };
      const holder = placeOf(placeIndex(inventory).interfaces, object.machineId, object.name);
      if (holder) return inNetwork(holder, command);
      break;
    }
    case 'floating-ip': {
      const holder = placeOf(placeIndex(inventory).addresses, object.machineId, bareAddress(object.name));
      if (holder) return inNetwork(holder, command);
      break;
    }
  }
  // Not found in what was read (a NAT rule whose address is gone, a stale port): the namespace its
  // command runs in, else its machine.
  const namespace = command ? NETNS_EXEC.exec(command)?.[1] : undefined;
  if (namespace && object.machineId) return inNetwork({ machineId: object.machineId, namespace }, command);
  return object.machineId ? machineCard(inventory, object.machineId, command) : null;
}

/** A shell on the finding's machine, to type its command in; null when it names no lab machine. */
export function healthTerminal(finding: HealthFinding, inventory: LabInventory): { target: TerminalTarget; label: string } | null {
  const machineId = finding.object.machineId;
  if (finding.command === null || machineId === null || !TERMINAL_MACHINE.test(machineId)) return null;
  if (!inventory.machines.some((machine) => machine.id === machineId)) return null;
  return { target: { kind: 'machine', machineId }, label: `Open terminal on ${hostNameOf(inventory, machineId)}` };
}

/** The object in words: "container instance-0000000c on node03ob64". */
export function describeObject(object: HealthObject, inventory: LabInventory): string {
  const kind = OBJECT_KIND_WORDS[object.kind];
  // hostNameOf says "machine 26" or "the controller" itself when there is no hostname.
  if (object.kind === 'machine') return hostNameOf(inventory, object.machineId ?? object.name).replace(/^the /, '');
  return object.machineId === null ? `${kind} ${object.name}` : `${kind} ${object.name} on ${hostNameOf(inventory, object.machineId)}`;
}

const OBJECT_KIND_WORDS: Record<HealthObject['kind'], string> = {
  machine: 'machine',
  container: 'container',
  namespace: 'namespace',
  interface: 'interface',
  bridge: 'bridge',
  'ovs-port': 'OVS port',
  'floating-ip': 'floating address',
  application: 'application',
  unit: 'unit',
};
