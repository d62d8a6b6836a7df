// The health report an inventory carries: computed by the keeper after each refresh, and for a
// stored inventory (a snapshot taken before the console had checks) when it is opened.
import type { LabInventory } from '../contract/inventory';
import { runHealthChecks } from './run-health-checks';

/** The inventory with its health report: its own when it has one, else computed now. */
export function withHealth(inventory: LabInventory): LabInventory {
  return inventory.health ? inventory : { ...inventory, health: runHealthChecks(inventory) };
}
