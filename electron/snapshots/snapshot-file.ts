// A lab snapshot as a file: `.obxsnap`, a zip of JSON entries and recordings with a manifest of
// their SHA-256 (docs/snapshot-format.md). Writing is atomic and owner-only; reading checks
// everything a file from a stranger could get wrong, and says which problem it found.
import { open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConsoleError } from '../contract/console-errors';
import type { SnapshotContent } from '../contract/snapshot';
import { decodeSnapshotBytes, type SnapshotDecoding } from './snapshot-decoding';
import { encodeSnapshotContent, type ExtraEntry } from './snapshot-encoding';
import { MAX_SNAPSHOT_FILE_BYTES, describeBytes } from './snapshot-limits';

/** Owner-only: a snapshot describes a customer's lab (hosts, addresses, what runs where). */
const SNAPSHOT_FILE_MODE = 0o600;

/** The content as the bytes of a snapshot file; the same content always gives the same bytes. */
export function encodeSnapshot(content: SnapshotContent, extras: readonly ExtraEntry[] = []): Promise<Buffer> {
  return encodeSnapshotContent(content, extras);
}

/** The content of a snapshot file's bytes; a ConsoleError ('snapshot-unreadable') naming the problem otherwise. */
export function decodeSnapshot(bytes: Buffer): Promise<SnapshotContent> {
  return decodeSnapshotBytes(bytes, 'this file');
}

/**
 * Writes the snapshot beside its final name and renames it into place, so a crash or a full disk
 * never leaves half a snapshot under that name (an older one there stays whole until the rename).
 */
export async function writeSnapshotFile(path: string, content: SnapshotContent, extras: readonly ExtraEntry[] = []): Promise<void> {
  const bytes = await encodeSnapshot(content, extras);
  // Hidden, unique and beside the target: the rename stays on one file system, so it is atomic.
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', SNAPSHOT_FILE_MODE);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => {}); // the original error is what matters
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? `the folder ${dirname(path)} does not exist` : (error as Error).message;
    throw new ConsoleError('snapshot-unwritable', `cannot save the snapshot to ${path}: ${reason}`);
  }
}

/** Reads and decodes a snapshot file; one larger than a snapshot may be is refused before it is read. */
export async function readSnapshotFile(path: string, decoding: SnapshotDecoding = {}): Promise<SnapshotContent> {
  let bytes: Buffer;
  try {
    // stat before open: opening a named pipe would wait for a writer, and a device never ends.
    const info = await stat(path);
    if (!info.isFile()) throw new ConsoleError('snapshot-unreadable', `${path} is not a file, so it is not a snapshot`);
    if (info.size > MAX_SNAPSHOT_FILE_BYTES) {
      throw new ConsoleError(
        'snapshot-unreadable',
        `${path} is ${describeBytes(info.size)}, more than the ${describeBytes(MAX_SNAPSHOT_FILE_BYTES)} a snapshot may be; it was not read`,
      );
    }
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof ConsoleError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ConsoleError('not-found', `there is no snapshot at ${path}`);
    throw new ConsoleError('snapshot-unreadable', `cannot read the snapshot ${path}: ${(error as Error).message}`);
  }
  return decodeSnapshotBytes(bytes, path, decoding);
}
