// The zip container of a snapshot, read from memory: its table of contents is checked whole (names,
// sizes, compression) before a single entry is inflated, and entries are then inflated one by one
// by name, into memory. Nothing is ever extracted to disk, so no entry name can place a file
// anywhere; names that would (absolute, "..", "\") are refused all the same, as the sign of a
// crafted archive. Each entry is held to the inflated size it declares (zlib stops there), so the
// bounds below, applied to the declared sizes, bound what inflating can cost.
import { promisify } from 'node:util';
import { inflateRaw as inflateRawCallback } from 'node:zlib';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { ConsoleError } from '../contract/console-errors';
import {
  MAX_COMPRESSION_RATIO,
  MAX_ENTRY_COUNT,
  MAX_JSON_ENTRY_BYTES,
  MAX_MANIFEST_BYTES,
  MAX_RECORDING_ENTRY_BYTES,
  MAX_SNAPSHOT_FILE_BYTES,
  MAX_TOTAL_INFLATED_BYTES,
  describeBytes,
  exceedsCompressionRatio,
} from './snapshot-limits';
import { MANIFEST_ENTRY, RECORDINGS_FOLDER } from './snapshot-layout';

/** Zip's compression methods: stored as is, and deflate (what yazl writes and zlib inflates). */
const STORED = 0;
const DEFLATED = 8;
/** A zip starts with a local file header, or (empty) with the end of its table of contents. */
const ZIP_SIGNATURES = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1')];
/** A name quoted in a message is cut here: a crafted name can be 64 KiB long. */
const QUOTED_NAME_LIMIT = 120;
const inflateRaw = promisify(inflateRawCallback);
/**
 * zlib's output chunk while inflating an entry is the size it declares: one chunk, nothing joined
 * at the end. zlib's default (16 KiB) made a 15 MB entry a thousand chunks (45 ms of CPU); 1 MiB
 * chunks took 15 ms there, and still 100 ms of copying and collecting for the synthetic lab's
 * 13.5 MB inventory.json, one chunk 50–80 ms (measured side by side, issue 11). The declared size
 * is held to the entry and total bounds before anything is inflated (checkEntry), so this
 * allocates no more than a file may inflate to; more bytes than declared still fail
 * (maxOutputLength).
 */
/** zlib refuses a smaller chunk. */
const MIN_INFLATE_CHUNK_BYTES = 64;

export function snapshotUnreadable(label: string, problem: string): ConsoleError {
  return new ConsoleError('snapshot-unreadable', `${label} ${problem}`);
}

export const quoteName = (name: string): string =>
  JSON.stringify(name.length > QUOTED_NAME_LIMIT ? `${name.slice(0, QUOTED_NAME_LIMIT)}…` : name);

export interface SnapshotArchive {
  /** File entries in the archive's order (folder entries left out). */
  readonly names: readonly string[];
  /** The size an entry says it inflates to (yauzl holds it to that while inflating). */
  declaredBytes(name: string): number | undefined;
  /** One entry's inflated bytes. */
  read(name: string): Promise<Buffer>;
}

/** How much an entry of this name may inflate to. */
export function entryBound(name: string): number {
  if (name === MANIFEST_ENTRY) return MAX_MANIFEST_BYTES;
  if (name.startsWith(RECORDINGS_FOLDER)) return MAX_RECORDING_ENTRY_BYTES;
  return MAX_JSON_ENTRY_BYTES;
}

/** Why a name could place a file outside the folder it is unpacked in, or null when it is a plain name. */
export function unsafeNameProblem(name: string): string | null {
  if (name.length === 0) return 'has an empty name';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'has control characters in its name';
  if (name.includes('\\')) return 'has "\\" in its name (a Windows folder separator)';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'is an absolute path';
  if (name.split('/').includes('..')) return 'climbs out of the archive with ".." (path traversal)';
  return null;
}

/** Opens a snapshot's zip from memory and checks its whole table of contents; `label` names it in messages. */
export async function openSnapshotArchive(bytes: Buffer, label: string): Promise<SnapshotArchive> {
  if (bytes.length === 0) throw snapshotUnreadable(label, 'is empty: it is not an OrangeBox snapshot');
  if (bytes.length > MAX_SNAPSHOT_FILE_BYTES) {
    throw snapshotUnreadable(label, `is ${describeBytes(bytes.length)}, more than the ${describeBytes(MAX_SNAPSHOT_FILE_BYTES)} a snapshot may be; it was not opened`);
  }

  let zip: ZipFile;
  try {
    // decodeStrings off: names are decoded and checked below, so each problem gets its own message.
    zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true });
  } catch (error) {
    if (ZIP_SIGNATURES.some((signature) => bytes.subarray(0, signature.length).equals(signature))) {
      throw snapshotUnreadable(
        label,
        `is damaged or truncated: it starts as a zip archive but its table of contents cannot be read (${(error as Error).message}). Was the copy cut short? Copy the file again`,
      );
    }
    throw snapshotUnreadable(label, 'is not an OrangeBox snapshot (not a zip archive): a snapshot is a zip archive with a manifest.json, and this file is no zip');
  }

  if (zip.entryCount > MAX_ENTRY_COUNT) {
    throw snapshotUnreadable(label, `holds ${zip.entryCount} entries, more than the ${MAX_ENTRY_COUNT} a snapshot may hold; it was not opened`);
  }

  const entries = new Map<string, Entry>();
  let totalBytes = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
      const unsafe = unsafeNameProblem(name);
      if (unsafe) {
        throw snapshotUnreadable(
          label,
          `is refused: its entry ${quoteName(name)} ${unsafe}. A snapshot's entries are plain names inside the archive; this one was made to write outside the folder it is unpacked in. Nothing was extracted (the console never unpacks a snapshot to disk)`,
        );
      }
      if (name.endsWith('/') && entry.uncompressedSize === 0) continue; // a folder, as `zip -r` adds: it holds nothing
      if (entries.has(name)) throw snapshotUnreadable(label, `is damaged: it holds two entries named ${quoteName(name)}, so which one is the snapshot's cannot be told`);
      checkEntry(entry, name, label);
      totalBytes += entry.uncompressedSize;
      if (totalBytes > MAX_TOTAL_INFLATED_BYTES) {
        throw snapshotUnreadable(
          label,
          `is refused: its entries would inflate to more than ${describeBytes(MAX_TOTAL_INFLATED_BYTES)} in all (a snapshot stays below that; this looks like a decompression bomb). Nothing was inflated`,
        );
      }
      entries.set(name, entry);
    }
  } catch (error) {
    if (error instanceof ConsoleError) throw error;
    throw snapshotUnreadable(label, `is damaged: its table of contents cannot be read (${(error as Error).message}). Copy the file again`);
  }

  return {
    names: [...entries.keys()],
    declaredBytes: (name) => entries.get(name)?.uncompressedSize,
    read: async (name) => {
      const entry = entries.get(name);
      if (!entry) throw snapshotUnreadable(label, `is incomplete: it holds no ${name}`);
      return inflate(zip, bytes, entry, name, label);
    },
  };
}

/** Refuses an entry from what it declares, before anything of it is inflated. */
function checkEntry(entry: Entry, name: string, label: string): void {
  if (entry.isEncrypted()) throw snapshotUnreadable(label, `is refused: its entry ${quoteName(name)} is encrypted, and a snapshot never is`);
  if (entry.compressionMethod !== STORED && entry.compressionMethod !== DEFLATED) {
    throw snapshotUnreadable(label, `is refused: its entry ${quoteName(name)} uses zip compression method ${entry.compressionMethod}; a snapshot uses deflate (8) or none (0)`);
  }
  const bound = entryBound(name);
  if (entry.uncompressedSize > bound) {
    throw snapshotUnreadable(
      label,
      `is refused: its entry ${quoteName(name)} would inflate to ${describeBytes(entry.uncompressedSize)}, more than the ${describeBytes(bound)} such an entry may be. Nothing was inflated`,
    );
  }
  if (exceedsCompressionRatio(entry.uncompressedSize, entry.compressedSize)) {
    const ratio = entry.compressedSize === 0 ? '∞' : Math.round(entry.uncompressedSize / entry.compressedSize);
    throw snapshotUnreadable(
      label,
      `is refused as a likely decompression bomb: its entry ${quoteName(name)} would inflate from ${describeBytes(entry.compressedSize)} to ${describeBytes(entry.uncompressedSize)} (${ratio}:1; a snapshot's entries stay under ${MAX_COMPRESSION_RATIO}:1). Nothing was inflated`,
    );
  }
}

/**
 * One entry's bytes, inflated in one call on zlib's thread pool (entries inflate side by side, and
 * no stream of 16 KiB chunks is assembled on the main thread). Its compressed bytes are a view of
 * the file already in memory; zlib stops at the size the entry declares, so a lying entry costs no
 * more than that, and one that inflates to less is refused too.
 */
async function inflate(zip: ZipFile, bytes: Buffer, entry: Entry, name: string, label: string): Promise<Buffer> {
  const damaged = (problem: string) =>
    snapshotUnreadable(label, `is damaged: its entry ${name} cannot be inflated (${problem}). The file was corrupted, in a copy or a download; copy it again`);
  let inflated: Buffer;
  try {
    const { fileDataStart } = await zip.readLocalFileHeaderPromise(entry, { minimal: true });
    const end = fileDataStart + entry.compressedSize;
    if (end > bytes.length) throw new Error(`its data runs ${end - bytes.length} bytes past the end of the file`);
    const compressed = bytes.subarray(fileDataStart, end);
    inflated = entry.compressionMethod === STORED ? compressed : await inflateRaw(compressed, {
            maxOutputLength: Math.max(1, entry.uncompressedSize),
            chunkSize: Math.max(MIN_INFLATE_CHUNK_BYTES, entry.uncompressedSize),
          });
  } catch (error) {
    const tooLarge = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    throw damaged(tooLarge ? `too many bytes: it inflates to more than the ${entry.uncompressedSize} bytes it declares` : (error as Error).message);
  }
  if (inflated.length !== entry.uncompressedSize) {
    throw damaged(`${inflated.length > entry.uncompressedSize ? 'too many' : 'too few'} bytes: it inflates to ${inflated.length} bytes and declares ${entry.uncompressedSize}`);
  }
  return inflated;
}
