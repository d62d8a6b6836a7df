// Reading the inventory the same way in every view and in the palette: the controller's
// `juju status`, the readable values of one probe across machines, and a machine's name.
import { CONTROLLER_MACHINE_ID, type LabInventory, type ProbeOutcome } from '../../electron/contract/inventory';
import type { JujuStatus } from '../../electron/contract/lab-model';

/** The controller's juju-status probe, whatever its outcome (a view shows its error). */
export const jujuStatusOutcome = (inventory: LabInventory | null): ProbeOutcome | null =>
  inventory?.probes.find((probe) => probe.machineId === CONTROLLER_MACHINE_ID && probe.probeId === 'juju-status') ?? null;

/** The Juju model, when it was read and has the shape of one. */
export function jujuStatusOf(inventory: LabInventory | null): JujuStatus | null {
  const outcome = jujuStatusOutcome(inventory);
  if (!outcome || outcome.status === 'failed') return null;
  const value = outcome.value as Partial<JujuStatus> | null;
  return value && Array.isArray(value.applications) && Array.isArray(value.units) ? (value as JujuStatus) : null;
}

/** Every machine's value of one probe that was read (failed and empty outcomes left out). */
export const readableProbeValues = <T>(inventory: LabInventory, probeId: string): { machineId: string; value: T }[] =>
  inventory.probes.filter((probe) => probe.probeId === probeId && probe.status !== 'failed' && probe.value).map((probe) => ({ machineId: probe.machineId, value: probe.value as T }));

/** A machine as the engineer knows it: its hostname, else "machine 26" (or "the controller"). */
export const hostNameOf = (inventory: LabInventory, machineId: string): string =>
  inventory.machines.find((machine) => machine.id === machineId)?.hostname ?? (machineId === CONTROLLER_MACHINE_ID ? 'the controller' : `machine ${machineId}`);
