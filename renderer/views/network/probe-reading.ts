// Reading one probe's value for the Network view, with the reason when there is none: the
// machine was unreachable, the probe failed (its message, e.g. sudo refused), or it has not run.
// Probe values cross the boundary as `unknown`; a value not shaped as expected counts as unread.
import type { InventoryMachine, LabInventory, ProbeOutcome } from '../../../electron/contract/inventory';
import type { IpAddr, IpLinks, IpNetns, IpRoutes, OvsRecords, OvsShow } from '../../../electron/contract/lab-model';

export type ProbeReading<T> =
  | { state: 'ok'; value: T; outcome: ProbeOutcome }
  | { state: 'missing' | 'failed' | 'unreachable'; message: string; outcome: ProbeOutcome | null };

/** How the view names a machine: its hostname and Juju id, as the walkthrough does ("node02ob64 (26)"). */
export function machineLabel(machine: Pick<InventoryMachine, 'id' | 'hostname'> | undefined, machineId: string): string {
  return machine?.hostname ? `${machine.hostname} (machine ${machineId})` : `machine ${machineId}`;
}

export function readProbe<T>(inventory: LabInventory, machineId: string, probeId: string, isShaped: (value: unknown) => value is T): ProbeReading<T> {
  const machine = inventory.machines.find((candidate) => candidate.id === machineId);
  const where = machineLabel(machine, machineId);
  const outcome = inventory.probes.find((candidate) => candidate.machineId === machineId && candidate.probeId === probeId) ?? null;
  if (!outcome) {
    if (machine?.routeError) return { state: 'unreachable', message: `${where} could not be reached: ${machine.routeError.message}`, outcome: null };
    const waiting = inventory.refreshing ? 'is still being read' : 'has not run yet; press Refresh in Nodes';
    return { state: 'missing', message: `The ${probeId} probe on ${where} ${waiting}.`, outcome: null };
  }
  if (outcome.status === 'failed' || outcome.value === null) {
    const reason = outcome.error?.message ?? outcome.problems[0]?.message ?? 'it printed nothing the console could read';
    return { state: 'failed', message: `${probeId} on ${where} failed (${outcome.command}): ${reason}`, outcome };
  }
  if (!isShaped(outcome.value)) return { state: 'failed', message: `${probeId} on ${where} returned something the console cannot read.`, outcome };
  return { state: 'ok', value: outcome.value, outcome };
}

/** Where a value would have come from, for "not seen" marks: the probe and the command it runs. */
export function probeSource(reading: ProbeReading<unknown>, probeId: string, machine: string): string {
  return reading.outcome ? `${probeId} on ${machine}: ${reading.outcome.command}` : `${probeId} on ${machine}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const hasArray = (key: string) => (value: unknown): boolean => isRecord(value) && Array.isArray(value[key]);

export const shapes = {
  netns: hasArray('namespaces') as (value: unknown) => value is IpNetns,
  addr: hasArray('interfaces') as (value: unknown) => value is IpAddr,
  routes: hasArray('routes') as (value: unknown) => value is IpRoutes,
  links: ((value: unknown) => hasArray('interfaces')(value) && hasArray('bridges')(value)) as (value: unknown) => value is IpLinks,
  ovsShow: hasArray('bridges') as (value: unknown) => value is OvsShow,
  ovsRecords: hasArray('records') as (value: unknown) => value is OvsRecords,
};
