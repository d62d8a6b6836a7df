// Reading the inventory the same way in every view and in the palette: the controller's
// `juju status`, the readable values of one probe across machines, and a machine's name.
import { CONTROLLER_MACHINE_ID, type LabInventory, type ProbeOutcome } from '../../electron/contract/inventory';
import type { JujuStatus } from '../../electron/contract/lab-model';
import { probeValue, type ProbeKind, type ProbeModels } from '../../electron/contract/probe-models';

/** The controller's juju-status probe, whatever its outcome (a view shows its error). */
export const jujuStatusOutcome = (inventory: LabInventory | null): ProbeOutcome | null =>
  inventory?.probes.find((probe) => probe.machineId === CONTROLLER_MACHINE_ID && probe.probeId === 'juju-status') ?? null;

/** The Juju model, when it was read and has the shape of one. */
export function jujuStatusOf(inventory: LabInventory | null): JujuStatus | null {
  const value = probeValue(jujuStatusOutcome(inventory), 'juju-status');
  return value && Array.isArray(value.applications) && Array.isArray(value.units) ? value : null;
}

/** Every value of one kind of probe that was read, on every machine (failed and empty outcomes left out). */
export const readableProbeValues = <K extends ProbeKind>(inventory: LabInventory, kind: K): { machineId: string; probeId: string; value: ProbeModels[K] }[] =>
  inventory.probes.flatMap((probe) => {
    const value = probeValue(probe, kind);
    return value ? [{ machineId: probe.machineId, probeId: probe.probeId, value }] : [];
  });

/** A machine as the engineer knows it: its hostname, else "machine 26" (or "the controller"). */
export const hostNameOf = (inventory: LabInventory, machineId: string): string =>
  inventory.machines.find((machine) => machine.id === machineId)?.hostname ?? (machineId === CONTROLLER_MACHINE_ID ? 'the controller' : `machine ${machineId}`);
