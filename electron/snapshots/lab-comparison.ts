// Comparing two readings of a lab, whichever they are: a snapshot file is read whole (checked as
// any snapshot) and its inventory read through the ordinary keeper, exactly as opening it shows
// it; the lab shown comes from the caller. Shared by `snapshot diff` and the core's request.
import { resolve } from 'node:path';
import type { LabInventory } from '../contract/inventory';
import type { ComparedSide, LabComparison } from '../contract/lab-diff';
import type { SnapshotContent } from '../contract/snapshot';
import { diffInventories } from './lab-diff';
import { readSnapshotInventory } from './snapshot-inventory';

export interface ComparedReading {
  inventory: LabInventory;
  side: ComparedSide;
}

/** A snapshot file as one side: its inventory and how it is named ("snapshot of X taken …"). */
export async function readComparedSnapshot(path: string, readSnapshot: (path: string) => Promise<SnapshotContent>): Promise<ComparedReading> {
  const file = resolve(path);
  const content = await readSnapshot(file);
  const { inventory, description } = await readSnapshotInventory(content);
  return { inventory, side: { source: 'snapshot', file, labName: content.meta.labName, takenAt: content.meta.captureEndedAt, description } };
}

export function compareReadings(before: ComparedReading, after: ComparedReading): LabComparison {
  return { before: before.side, after: after.side, ...diffInventories(before.inventory, after.inventory) };
}
