// What can be pinged from where, read from the inventory: sources (gateway namespaces, running
// containers, reachable machines) and targets (containers' IPv4 addresses from lxc list, the
// floating /32s on the qrouter namespace's qg- port), plus addresses the engineer types.
import type { LabInventory } from '../../../electron/contract/inventory';
import { namespaceOfProbeId } from '../../../electron/contract/probe-models';
import { isPingTarget, type PingSource } from '../../../electron/contract/diagnostics';
import { hostNameOf, readableProbeValues } from '../../state/inventory-reading';

export interface SourceChoice {
  /** Stable key for selects and checkboxes: "namespace|26|qrouter-…". */
  key: string;
  source: PingSource;
  label: string;
  group: 'Gateway namespaces' | 'Containers' | 'Machines';
}

export interface TargetChoice {
  address: string;
  /** "instance-0000000c (eth0)", "floating on qg-adbbe7ab-46" */
  label: string;
  group: 'Container addresses' | 'Floating addresses';
}

export const sourceKey = (source: PingSource): string =>
  source.kind === 'machine' ? `machine|${source.machineId}` : source.kind === 'namespace' ? `namespace|${source.machineId}|${source.namespace}` : `container|${source.machineId}|${source.container}`;


/** Namespaces first (qrouter before qdhcp: it routes to every network), then containers, then machines. */
export function sourceChoices(inventory: LabInventory | null): SourceChoice[] {
  if (!inventory) return [];
  const namespaces = readableProbeValues(inventory, 'ip-netns')
    .flatMap(({ machineId, value }) => value.namespaces.map((namespace) => ({ machineId, namespace })))
    .sort((a, b) => Number(b.namespace.kind === 'qrouter') - Number(a.namespace.kind === 'qrouter') || a.namespace.name.localeCompare(b.namespace.name))
    .map(({ machineId, namespace }): SourceChoice => {
      const source: PingSource = { kind: 'namespace', machineId, namespace: namespace.name };
      return { key: sourceKey(source), source, label: `${namespace.name} on ${hostNameOf(inventory, machineId)}`, group: 'Gateway namespaces' };
    });
  const containers = readableProbeValues(inventory, 'lxc-list')
    .flatMap(({ machineId, value }) => value.instances.filter((instance) => instance.state === 'RUNNING').map((instance) => ({ machineId, name: instance.name })))
    .sort((a, b) => Number(/^instance-/.test(b.name)) - Number(/^instance-/.test(a.name)) || a.name.localeCompare(b.name))
    .map(({ machineId, name }): SourceChoice => {
      const source: PingSource = { kind: 'container', machineId, container: name };
      return { key: sourceKey(source), source, label: `${name} on ${hostNameOf(inventory, machineId)}`, group: 'Containers' };
    });
  const machines = inventory.machines
    .filter((machine) => !machine.routeError)
    .map((machine): SourceChoice => {
      const source: PingSource = { kind: 'machine', machineId: machine.id };
      return { key: sourceKey(source), source, label: `${machine.hostname ?? `machine ${machine.id}`} (${machine.id === 'controller' ? 'controller' : `machine ${machine.id}`})`, group: 'Machines' };
    });
  return [...namespaces, ...containers, ...machines];
}

/** Containers' IPv4 (Nova instances first), then floating addresses; each address once. */
export function targetChoices(inventory: LabInventory | null): TargetChoice[] {
  if (!inventory) return [];
  const containers = readableProbeValues(inventory, 'lxc-list')
    .flatMap(({ value }) => value.instances)
    .sort((a, b) => Number(/^instance-/.test(b.name)) - Number(/^instance-/.test(a.name)) || a.name.localeCompare(b.name))
    .flatMap((instance) =>
      instance.ipv4
        .filter((entry) => !entry.address.startsWith('127.'))
        .map((entry): TargetChoice => ({ address: entry.address, label: instance.name, group: 'Container addresses' })),
    );
  const floating = readableProbeValues(inventory, 'netns-addr')
    .filter(({ probeId }) => namespaceOfProbeId(probeId)?.startsWith('qrouter-'))
    .flatMap(({ value }) => value.interfaces.filter((nic) => nic.name.startsWith('qg-')))
    .flatMap((nic) =>
      nic.addresses.filter((entry) => entry.family === 'inet' && entry.prefixLength === 32).map((entry): TargetChoice => ({ address: entry.address, label: `floating on ${nic.name}`, group: 'Floating addresses' })),
    );
  const seen = new Set<string>();
  return [...containers, ...floating].filter((choice) => !seen.has(choice.address) && seen.add(choice.address));
}

export interface TypedTargets {
  targets: string[];
  /** What is not an address or a host name, to say so next to the field. */
  rejected: string[];
}

/** "198.51.100.4, node03ob64  10.0.0.1" → each target once; anything else is rejected, never sent. */
export function parseTypedTargets(text: string): TypedTargets {
  const words = text.split(/[\s,;]+/).filter((word) => word !== '');
  const targets: string[] = [];
  const rejected: string[] = [];
  for (const word of words) {
    if (word.startsWith('-') || !isPingTarget(word)) rejected.push(word);
    else if (!targets.includes(word)) targets.push(word);
  }
  return { targets, rejected };
}

export interface FocusSelection {
  /** The source to choose; null keeps the current one. */
  sourceKey: string | null;
  /** Targets the inventory offers, to tick. */
  selected: string[];
  /** Targets it does not offer, for the typed field. */
  typed: string;
}

/** What another view's "ping these" becomes in the form: its source chosen, its targets ticked or typed. */
export function selectionForFocus(focus: { targets: readonly string[]; source?: PingSource }, targets: readonly TargetChoice[]): FocusSelection {
  const known = new Set(targets.map((choice) => choice.address));
  return {
    sourceKey: focus.source ? sourceKey(focus.source) : null,
    selected: focus.targets.filter((target) => known.has(target)),
    typed: focus.targets.filter((target) => !known.has(target)).join(', '),
  };
}
