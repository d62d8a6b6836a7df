// Where a unit or a machine of the Juju model leads: a Juju machine to its node in Nodes, a Juju
// LXD container ("23/lxd/0") to its row in Containers, and a machine, a container or a unit to a
// terminal where it runs.
// Pure: reads the Juju status and the inventory, never guesses a machine the lab did not report.
import type { LabInventory } from '../../../electron/contract/inventory';
import type { JujuStatus, JujuUnit } from '../../../electron/contract/lab-model';
import type { TerminalTarget } from '../../../electron/contract/terminals';
import type { ViewFocus } from '../../state/view-focus';

/** What the click-through needs to know of the lab, read once per render (a thousand units each
 * searching five thousand containers would be millions of reads). */
export interface LabIndex {
  /** Juju machine id of a container ("23/lxd/0") → its LXD name. */
  containerOf: Map<string, string>;
  /** The machines the inventory reached. */
  machines: Set<string>;
}

export function indexLab(status: JujuStatus | null, inventory: LabInventory | null): LabIndex {
  const containerOf = new Map<string, string>();
  // Juju reports a container's LXD name as its instance id; the inventory's links (from the
  // container's own lxc list row) win when both say.
  for (const machine of status?.machines ?? []) if (machine.parent !== null && machine.instanceId && machine.instanceId !== 'pending') containerOf.set(machine.id, machine.instanceId);
  for (const link of inventory?.links.containers ?? []) if (link.jujuMachineId) containerOf.set(link.jujuMachineId, link.container);
  return { containerOf, machines: new Set((inventory?.machines ?? []).map((machine) => machine.id)) };
}

/** "23/lxd/0" → host "23"; "23" → no host. Juju nests containers as <host>/<type>/<n>. */
export const hostOf = (jujuMachineId: string): string | null => (jujuMachineId.includes('/') ? jujuMachineId.split('/')[0]! : null);

export interface ClickThrough {
  view: 'nodes' | 'containers';
  focus: ViewFocus;
  /** What the button says to a screen reader and in its tooltip. */
  label: string;
}

/** A Juju machine id → the view that shows it, with its focus. */
export function machineClickThrough(jujuMachineId: string, lab: LabIndex): ClickThrough {
  const host = hostOf(jujuMachineId);
  if (host === null) return { view: 'nodes', focus: { view: 'nodes', machineId: jujuMachineId }, label: `Show machine ${jujuMachineId} in Nodes` };
  const container = lab.containerOf.get(jujuMachineId) ?? jujuMachineId;
  return { view: 'containers', focus: { view: 'containers', filter: container }, label: `Show container ${container} (Juju machine ${jujuMachineId}) in Containers` };
}

export type TerminalChoice = { target: TerminalTarget; label: string } | { target: null; reason: string };

/** A shell on a Juju machine: a login shell on a machine (over its route: SSH, or `juju ssh` where
 * only Juju's key is let in), `lxc exec` into a Juju container on its host. */
export function machineTerminal(jujuMachineId: string, lab: LabIndex): TerminalChoice {
  const host = hostOf(jujuMachineId) ?? jujuMachineId;
  if (!lab.machines.has(host)) return { target: null, reason: `machine ${host} is not in the lab's inventory (not reached yet)` };
  if (host === jujuMachineId) return { target: { kind: 'machine', machineId: host }, label: `Terminal on machine ${host}` };
  const container = lab.containerOf.get(jujuMachineId);
  if (!container) return { target: null, reason: `the LXD name of Juju machine ${jujuMachineId} is not known yet` };
  return { target: { kind: 'container', machineId: host, container }, label: `Terminal in ${container} on machine ${host}` };
}

/** A shell where the unit runs: its Juju container's or its machine's. */
export function unitTerminal(unit: JujuUnit, lab: LabIndex): TerminalChoice {
  if (!unit.machine) return { target: null, reason: `juju status gives ${unit.name} no machine yet` };
  const choice = machineTerminal(unit.machine, lab);
  return choice.target ? { target: choice.target, label: `${choice.label}, where ${unit.name} runs` } : choice;
}
