// How big a snapshot may be. A snapshot file can come from anywhere (a customer's mail, a support
// ticket, a USB stick), so every size it declares is checked against these bounds BEFORE anything
// is inflated: a decompression bomb is refused from its table of contents, and a file larger than
// the bound is refused from its size on disk before it is read. The writer checks the same bounds,
// so a file this console writes is always one it can read back.
import { MAX_PLAYBACK_BYTES } from '../contract/asciicast';

const MiB = 1024 * 1024;

/**
 * The file on disk. It is read whole into memory, so this is also what opening one may cost before
 * any check. Measured: the 5,000-container synthetic lab's inventory compresses to 0.25 MB (12:1),
 * its raw command outputs to a few MB; the room left is for recordings (up to 64 MiB each raw).
 */
export const MAX_SNAPSHOT_FILE_BYTES = 256 * MiB;

/**
 * One JSON entry, inflated. V8 cannot hold a string over ~512 MiB (2^29 characters) and
 * JSON.parse needs several times the text in heap; the 5,000-container inventory is 3 MB, its
 * `lxc list` outputs a few tens of MB, so this leaves a margin of ten and more.
 */
export const MAX_JSON_ENTRY_BYTES = 256 * MiB;

/** One terminal recording, inflated: no more than the player holds (a larger one could not be replayed anyway). */
export const MAX_RECORDING_ENTRY_BYTES = MAX_PLAYBACK_BYTES;

/** Every entry together, inflated: a decoded snapshot is held in memory whole, next to the live console. */
export const MAX_TOTAL_INFLATED_BYTES = 512 * MiB;

/**
 * manifest.json is read first, before anything says the file is a snapshot at all, so it has its
 * own small bound: a few hundred bytes per entry, and at most MAX_ENTRY_COUNT entries.
 */
export const MAX_MANIFEST_BYTES = 1 * MiB;

/**
 * Entries in the archive: the eight fixed ones plus one per recording (tens at most in practice).
 * A table of contents of millions of entries would cost seconds and memory before a byte is checked.
 */
export const MAX_ENTRY_COUNT = 1000;

/**
 * Inflated ÷ compressed, for an entry of at least RATIO_CHECKED_FROM_BYTES. Measured: lab JSON
 * compresses 10–15:1, a terminal flood of one repeated line (`yes`) about 370:1. Deflate's own
 * ceiling is 1032:1, which only crafted input comes near, and that is what a bomb is made of. The
 * writer stores an entry above this ratio uncompressed, so a file it wrote is never refused for it.
 */
export const MAX_COMPRESSION_RATIO = 500;

/** Below this an entry's ratio says nothing: a few KiB of spaces compress 100:1 and cost nothing to inflate. */
export const RATIO_CHECKED_FROM_BYTES = 1 * MiB;

/** Whether an entry compresses too well to be lab data: the reader refuses it, the writer stores it as is. */
export function exceedsCompressionRatio(inflatedBytes: number, compressedBytes: number): boolean {
  return inflatedBytes >= RATIO_CHECKED_FROM_BYTES && inflatedBytes > compressedBytes * MAX_COMPRESSION_RATIO;
}

/** "3.2 MiB" for messages. */
export function describeBytes(bytes: number): string {
  const inUnit = (unit: number, name: string) => `${(bytes / unit).toFixed(1).replace(/\.0$/, '')} ${name}`;
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < MiB) return inUnit(1024, 'KiB');
  if (bytes < 1024 * MiB) return inUnit(MiB, 'MiB');
  return inUnit(1024 * MiB, 'GiB');
}
