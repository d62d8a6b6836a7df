// The demo lab as it ships: assets/demo-lab.obxsnap, copied beside the bundled entries in
// dist/node by electron/build/bundle-node.mjs (so an installed package finds it too); from the
// sources (tests), the repository's assets folder.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SnapshotContent } from '../../contract/snapshot';
import { readSnapshotFile } from '../snapshot-file';

export const DEMO_LAB_FILE_NAME = 'demo-lab.obxsnap';

/** Where the shipped demo is: beside the bundle first, else in the repository's assets. */
export function bundledDemoFile(): string {
  const besideBundle = fileURLToPath(new URL(`./${DEMO_LAB_FILE_NAME}`, import.meta.url));
  return existsSync(besideBundle) ? besideBundle : fileURLToPath(new URL(`../../../assets/${DEMO_LAB_FILE_NAME}`, import.meta.url));
}

/** Reads the shipped demo, checked like any snapshot file opened to be shown (its commands when asked). */
export function readBundledDemo(): Promise<SnapshotContent> {
  return readSnapshotFile(bundledDemoFile(), { commands: 'when-asked' });
}
