// Where a health finding's object is shown: a container in Containers, a namespace or an
// instance's plumbing in Network, a machine's card in Nodes, a unit or application's row in
// Overview. Interfaces, OVS ports and bridges are followed to the container whose nic they carry
// (tap/qbr/qvb/qvo share the Neutron port's prefix) or to the namespace that holds them; what
// neither names opens its machine. Pure: the same finding and inventory give the same target.
import { type LabInventory } from '../../../electron/contract/inventory';
import type { HealthFinding, HealthObject } from '../../../electron/contract/health';
import { namespaceOfProbeId, probeKindOf, probeValue } from '../../../electron/contract/probe-models';
import type { IpInterface } from '../../../electron/contract/lab-model';
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
const PLUMBING_PREFIX = /^(tap|qbr|qvb|qvo)(.+)$/;
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

const portSuffix = (name: string | null): string | null => (name ? (PLUMBING_PREFIX.exec(name)?.[2] ?? null) : null);

/** The container whose nic carries this tap, qbr, qvb or qvo (on that machine when it is known). */
function containerCarrying(inventory: LabInventory, object: HealthObject): { machineId: string; container: string } | null {
  const suffix = portSuffix(object.name);
  for (const link of inventory.links.containers) {
    if (object.machineId !== null && link.machineId !== object.machineId) continue;
    const carries = link.nics.some((nic) => [nic.tap, nic.bridge, nic.ovsPort].includes(object.name) || (suffix !== null && [nic.tap, nic.bridge, nic.ovsPort].some((device) => portSuffix(device) === suffix)));
    if (carries) return { machineId: link.machineId, container: link.container };
  }
  return null;
}

/** The namespace on a machine that has an interface named so, or holding this address. */
function namespaceHolding(inventory: LabInventory, machineId: string | null, matches: (iface: IpInterface) => boolean): { machineId: string; namespace: string } | null {
  for (const outcome of inventory.probes) {
    if ((machineId !== null && outcome.machineId !== machineId) || probeKindOf(outcome.probeId) !== 'netns-addr') continue;
    const namespace = namespaceOfProbeId(outcome.probeId);
    const value = probeValue(outcome, 'netns-addr');
    if (namespace && value?.interfaces.some(matches)) return { machineId: outcome.machineId, namespace };
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
      const holder = namespaceHolding(inventory, object.machineId, (iface) => iface.name === object.name);
      if (holder) return inNetwork(holder, command);
      break;
    }
    case 'floating-ip': {
      const holder = namespaceHolding(inventory, object.machineId, (iface) => iface.addresses.some((entry) => entry.address === bareAddress(object.name)));
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
