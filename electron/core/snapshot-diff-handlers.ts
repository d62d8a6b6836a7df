// What changed, from the UI: a snapshot file compared with another, or with the lab shown now (the
// live lab's latest inventory, or the snapshot open). Files are read and checked as any snapshot,
// and a bad one is refused with the reader's message; the lab shown is never changed by comparing.
import { resolve as resolvePath } from 'node:path';
import { ConsoleError } from '../contract/console-errors';
import type { LabInventory } from '../contract/inventory';
import type { OpenSnapshot } from '../contract/open-snapshot';
import type { SnapshotContent } from '../contract/snapshot';
import { compareReadings, readComparedSnapshot, type ComparedReading } from '../snapshots/lab-comparison';
import { describeSnapshot } from '../transports/snapshot-transport';
import { expandHome } from '../ssh-config/ssh-config-file';
import type { RequestHandlers } from './request-dispatcher';

/** What the console shows now, as the core knows it. */
export interface ShownLab {
  inventory: LabInventory | null;
  labName: string | null;
  /** The snapshot open instead of a live lab, or null. */
  snapshot: OpenSnapshot | null;
}

export interface SnapshotDiffOptions {
  shown(): ShownLab;
  readSnapshot(path: string): Promise<SnapshotContent>;
  home: string;
}

export function createSnapshotDiffHandlers(options: SnapshotDiffOptions): Pick<RequestHandlers, 'snapshots.diff'> {
  const readFile = (path: string) => readComparedSnapshot(resolvePath(expandHome(path, options.home)), options.readSnapshot);
  return {
    'snapshots.diff': async ({ before, after }) => {
      // The lab shown is taken as the request comes (a refresh may end while a file is being read).
      const shown = before.source === 'shown' || after.source === 'shown' ? shownReading(options.shown()) : null;
      const was = before.source === 'snapshot' ? await readFile(before.path) : shown!;
      const is = after.source === 'snapshot' ? await readFile(after.path) : shown!;
      return compareReadings(was, is);
    },
  };
}

function shownReading({ inventory, labName, snapshot }: ShownLab): ComparedReading {
  if (!inventory) throw new ConsoleError('ssh-disconnected', 'no lab is shown to compare with: connect a lab (or open a snapshot) and let it be read first, or compare two snapshot files');
  if (snapshot) {
    const description = describeSnapshot({ labName: snapshot.labName, captureEndedAt: snapshot.takenAt });
    return { inventory, side: { source: 'shown', file: snapshot.file, labName: snapshot.labName, takenAt: snapshot.takenAt, description: `${description}, as shown now` } };
  }
  const at = inventory.refreshedAt ? ` (read ${inventory.refreshedAt.replace('T', ' ').slice(0, 16)} UTC)` : '';
  return { inventory, side: { source: 'shown', file: null, labName, takenAt: inventory.refreshedAt, description: `${labName ?? 'the lab'} as shown now, live${at}` } };
}
