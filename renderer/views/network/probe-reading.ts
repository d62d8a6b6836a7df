// Reading one probe's value for the Network view, with the reason when there is none: the
// machine was unreachable, the probe failed (its message, e.g. sudo refused), or it has not run.
import type { InventoryMachine, LabInventory, ProbeOutcome } from '../../../electron/contract/inventory';
import { namespaceProbeId, probeValue, type PerNamespaceProbeKind, type ProbeKind, type ProbeModels } from '../../../electron/contract/probe-models';

export type ProbeReading<T> =
  | { state: 'ok'; value: T; outcome: ProbeOutcome }
  | { state: 'missing' | 'failed' | 'unreachable'; message: string; outcome: ProbeOutcome | null };

/** How the view names a machine: its hostname and Juju id, as the walkthrough does ("node02ob64 (26)"). */
export function machineLabel(machine: Pick<InventoryMachine, 'id' | 'hostname'> | undefined, machineId: string): string {
  return machine?.hostname ? `${machine.hostname} (machine ${machineId})` : `machine ${machineId}`;
}

const outcomeIndexes = new WeakMap<readonly ProbeOutcome[], Map<string, ProbeOutcome>>();

/** One machine's outcome of one probe, looked up in an index built once per inventory's probes: a
 *  gateway's namespaces read five probes each, and a search each through every outcome of a large
 *  lab is namespaces × probes reads. The first outcome wins, as `findProbe` would pick it. */
function outcomeOf(probes: readonly ProbeOutcome[], machineId: string, probeId: string): ProbeOutcome | null {
  let index = outcomeIndexes.get(probes);
  if (!index) {
    index = new Map();
    for (const outcome of probes) {
      const key = `${outcome.machineId}\n${outcome.probeId}`;
      if (!index.has(key)) index.set(key, outcome);
    }
    outcomeIndexes.set(probes, index);
  }
  return index.get(`${machineId}\n${probeId}`) ?? null;
}

/** A machine's probe of one kind; a per-namespace kind names its namespace ("netns-addr", "qrouter-…"). */
export function readProbe<K extends Exclude<ProbeKind, PerNamespaceProbeKind>>(inventory: LabInventory, machineId: string, kind: K): ProbeReading<ProbeModels[K]>;
export function readProbe<K extends PerNamespaceProbeKind>(inventory: LabInventory, machineId: string, kind: K, namespace: string): ProbeReading<ProbeModels[K]>;
export function readProbe<K extends ProbeKind>(inventory: LabInventory, machineId: string, kind: K, namespace?: string): ProbeReading<ProbeModels[K]> {
  const probeId = namespace === undefined ? kind : namespaceProbeId(kind as PerNamespaceProbeKind, namespace);
  const machine = inventory.machines.find((candidate) => candidate.id === machineId);
  const where = machineLabel(machine, machineId);
  const outcome = outcomeOf(inventory.probes, machineId, probeId);
  if (!outcome) {
    if (machine?.routeError) return { state: 'unreachable', message: `${where} could not be reached: ${machine.routeError.message}`, outcome: null };
    const waiting = inventory.refreshing ? 'is still being read' : 'has not run yet; press Refresh in Nodes';
    return { state: 'missing', message: `The ${probeId} probe on ${where} ${waiting}.`, outcome: null };
  }
  const value = probeValue(outcome, kind);
  if (value === null) {
    const reason = outcome.error?.message ?? outcome.problems[0]?.message ?? 'it printed nothing the console could read';
    return { state: 'failed', message: `${probeId} on ${where} failed (${outcome.command}): ${reason}`, outcome };
  }
  return { state: 'ok', value, outcome };
}

/** Where a value would have come from, for "not seen" marks: the probe and the command it runs. */
export function probeSource(reading: ProbeReading<unknown>, probeId: string, machine: string): string {
  return reading.outcome ? `${probeId} on ${machine}: ${reading.outcome.command}` : `${probeId} on ${machine}`;
}
