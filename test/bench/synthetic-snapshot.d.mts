// Types of synthetic-snapshot.mjs, for the unit test that opens a smaller synthetic lab.
import type { SnapshotContent } from '../../electron/contract/snapshot';
import type { LabInventory } from '../../electron/contract/inventory';

/** The demo lab's writers (electron/snapshots/demo/demo-lab-outputs.ts) and readSnapshotInventory. */
export type SyntheticWriters = typeof import('../../electron/snapshots/demo/demo-lab-outputs') & {
  readSnapshotInventory(content: SnapshotContent): Promise<{ inventory: LabInventory; description: string }>;
};

export function syntheticSnapshot(
  h: SyntheticWriters,
  fixtures: string,
  scale?: { nodes?: number; containers?: number; applications?: number; units?: number; relations?: number },
): Promise<SnapshotContent>;
