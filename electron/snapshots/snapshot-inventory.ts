// The inventory of a snapshot, read once through the ordinary keeper (for the command line, where
// no core runs): the same models and summary a live lab gives, with the capture's times.
import type { LabInventory } from '../contract/inventory';
import type { SnapshotContent } from '../contract/snapshot';
import { InventoryKeeper } from '../inventory/inventory-keeper';
import { snapshotLab } from './snapshot-lab';

export async function readSnapshotInventory(content: SnapshotContent): Promise<{ inventory: LabInventory; description: string }> {
  const lab = snapshotLab(content);
  const keeper = new InventoryKeeper({
    ...lab.keeperOptions(content.inventory.labId),
    // The credentials the capture was told to use, so the same `openstack` commands are answered.
    openstackCredentials: () => content.lab.openstackCredentials ?? null,
    onInventory: () => {},
    onProbe: () => {},
  });
  try {
    return { inventory: lab.stampInventory(await keeper.refresh()), description: lab.description };
  } finally {
    keeper.stop();
  }
}
