// The part of an inventory the page's first view (Overview) draws, sent ahead of the whole: on a
// 5,000-container lab the whole is 13 MB of JSON, which took the page two seconds to receive and
// parse before it could show the Juju model (issue 11). The cut is an inventory like any other,
// so Overview reads it the way it reads the whole; the other views wait for the whole.
import { CONTROLLER_MACHINE_ID, type LabInventory } from '../contract/inventory';

/** Probes the first view reads: the controller's `juju status` (the model, its applications, units and machines). */
const FIRST_VIEW_PROBES = new Set(['juju-status']);

export function inventoryFirstView(inventory: LabInventory | null): LabInventory | null {
  if (!inventory) return null;
  return {
    ...inventory,
    part: 'first-view',
    probes: inventory.probes.filter((outcome) => outcome.machineId === CONTROLLER_MACHINE_ID && FIRST_VIEW_PROBES.has(outcome.probeId)),
    // Overview leads a Juju container to its LXD name; nothing else of the links is drawn there.
    links: { containers: inventory.links.containers.filter((link) => link.jujuMachineId !== null) },
    // The status bar's counts by severity: a report is small (each check keeps at most
    // MAX_FINDINGS_PER_CHECK findings), and the page shows the counts with the first view.
    health: inventory.health ?? null,
  };
}
