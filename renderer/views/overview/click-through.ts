// Where a unit or a machine of the Juju model leads: a Juju machine to its node in Nodes, a Juju
// LXD container ("23/lxd/0") to its row in Containers, and a unit to a terminal where it runs.
// Pure: reads the Juju status and the inventory, never guesses a machine the lab did not report.
import type { LabInventory } from '../../../electron/contract/inventory';
import type { JujuStatus, JujuUnit } from '../../../electron/contract/lab-model';
import type { TerminalTarget } from '../../../electron/contract/terminals';
import type { ViewFocus } from '../../state/view-focus';

/** "23/lxd/0" → host "23"; "23" → no host. Juju nests containers as <host>/<type>/<n>. */
export const hostOf = (jujuMachineId: string): string | null => (jujuMachineId.includes('/') ? jujuMachineId.split('/')[0]! : null);

/** The LXD name of a Juju container: Juju reports it as the machine's instance id; the inventory's
 * links know it too (from the container's own lxc list row). */
export function containerNameOf(jujuMachineId: string, status: JujuStatus | null, inventory: LabInventory | null): string | null {
  const fromLinks = inventory?.links.containers.find((link) => link.jujuMachineId === jujuMachineId)?.container;
  if (fromLinks) return fromLinks;
  const instanceId = status?.machines.find((machine) => machine.id === jujuMachineId)?.instanceId;
  return instanceId && instanceId !== 'pending' ? instanceId : null;
}

export interface ClickThrough {
  view: 'nodes' | 'containers';
  focus: ViewFocus;
  /** What the button says to a screen reader and in its tooltip. */
  label: string;
}

/** A Juju machine id → the view that shows it, with its focus. */
export function machineClickThrough(jujuMachineId: string, status: JujuStatus | null, inventory: LabInventory | null): ClickThrough {
  const host = hostOf(jujuMachineId);
  if (host === null) return { view: 'nodes', focus: { view: 'nodes', machineId: jujuMachineId }, label: `Show machine ${jujuMachineId} in Nodes` };
  const container = containerNameOf(jujuMachineId, status, inventory) ?? jujuMachineId;
  return { view: 'containers', focus: { view: 'containers', filter: container }, label: `Show container ${container} (Juju machine ${jujuMachineId}) in Containers` };
}

export type UnitTerminal = { target: TerminalTarget; label: string } | { target: null; reason: string };

/** A shell where the unit runs: `lxc exec` into its Juju container on the host, or a login shell
 * on its machine (over the machine's route: SSH, or `juju ssh` where only Juju's key is let in). */
export function unitTerminal(unit: JujuUnit, status: JujuStatus | null, inventory: LabInventory | null): UnitTerminal {
  if (!unit.machine) return { target: null, reason: `juju status gives ${unit.name} no machine yet` };
  const host = hostOf(unit.machine) ?? unit.machine;
  if (!inventory?.machines.some((machine) => machine.id === host)) return { target: null, reason: `machine ${host} is not in the lab's inventory (not reached yet)` };
  if (host === unit.machine) return { target: { kind: 'machine', machineId: host }, label: `Terminal on machine ${host}, where ${unit.name} runs` };
  const container = containerNameOf(unit.machine, status, inventory);
  if (!container) return { target: null, reason: `the LXD name of Juju machine ${unit.machine} is not known yet` };
  return { target: { kind: 'container', machineId: host, container }, label: `Terminal in ${container} on machine ${host}, where ${unit.name} runs` };
}
