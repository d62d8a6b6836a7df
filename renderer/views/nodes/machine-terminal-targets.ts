// What on a machine can have a terminal, read from its probes: the containers `lxc list` showed
// and the namespaces `ip netns` showed; an entry without a name is left out rather than guessed at.
import type { ProbeOutcome } from '../../../electron/contract/inventory';
import type { NetnsKind } from '../../../electron/contract/lab-model';
import { probeValue, type ProbeKind, type ProbeModels } from '../../../electron/contract/probe-models';

export interface ContainerEntry {
  name: string;
  state: string | null;
}

export interface NamespaceEntry {
  name: string;
  kind: NetnsKind;
}

function valueOf<K extends ProbeKind>(probes: readonly ProbeOutcome[], kind: K): ProbeModels[K] | null {
  return probeValue(
    probes.find((outcome) => outcome.probeId === kind),
    kind,
  );
}

export function containersOf(probes: readonly ProbeOutcome[]): ContainerEntry[] {
  const value = valueOf(probes, 'lxc-list');
  if (!value || !Array.isArray(value.instances)) return [];
  return value.instances
    .filter((instance) => typeof instance?.name === 'string')
    .map((instance) => ({ name: instance.name, state: typeof instance.state === 'string' ? instance.state : null }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Routers first: they are what an engineer pings from. */
const KIND_ORDER: Record<NetnsKind, number> = { qrouter: 0, snat: 1, fip: 2, qdhcp: 3, other: 4 };

export function namespacesOf(probes: readonly ProbeOutcome[]): NamespaceEntry[] {
  const value = valueOf(probes, 'ip-netns');
  if (!value || !Array.isArray(value.namespaces)) return [];
  return value.namespaces
    .filter((namespace) => typeof namespace?.name === 'string')
    .map((namespace) => ({ name: namespace.name, kind: namespace.kind in KIND_ORDER ? namespace.kind : 'other' }))
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name));
}

/** `lxc exec` needs a running container; a stopped one would only print an error. */
export function canExec(container: ContainerEntry): boolean {
  return container.state === null || container.state.toUpperCase() === 'RUNNING';
}
