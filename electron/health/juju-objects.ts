// How a health finding names what Juju reports: the unit or application, and the top-level machine
// it lives on (the inventory's machines are Juju's top-level ones; "23/lxd/1" lives on "23").
import { CONTROLLER_MACHINE_ID, type LabInventory } from '../contract/inventory';
import type { JujuStatus } from '../contract/lab-model';
import { probeValue } from '../contract/probe-models';
import { hostMachineOf } from '../inventory/lab-machines';
import { labIndex } from './lab-index';

/** The controller's `juju status`, when it was read. */
export const jujuStatusOf = (inventory: LabInventory): JujuStatus | null => probeValue(labIndex(inventory).outcome(CONTROLLER_MACHINE_ID, 'juju-status'), 'juju-status');

/** The inventory's machine a Juju machine id lives on ("23/lxd/1" → "23"); null for none. */
export const hostOfJujuMachine = (machine: string | null): string | null => (machine ? hostMachineOf(machine) : null);

/** "(machine 23/lxd/1)" or "" when the unit has no machine. */
export const onJujuMachine = (machine: string | null): string => (machine ? ` (machine ${machine})` : '');

/** Juju's status words, as a sentence quotes them: "error: hook failed: "install"". */
export const statusText = (status: string | null, message: string | null): string => `${status ?? 'unknown'}${message ? `: ${message}` : ''}`;
