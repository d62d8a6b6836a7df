// A snapshot's zip, written in one go from entries whose bytes are all in memory. The bytes are the
// ones yazl wrote for the same entries and options (snapshot-encoding used yazl; zip-writing.test.ts
// compares the two, and the shipped demo snapshot is still reproduced byte for byte), so a snapshot's
// SHA-256 does not change with this writer. Why not yazl: it computes each entry's CRC-32 in
// JavaScript, 150 ms for the 28 MB of the 5,000-container lab's JSON, where zlib.crc32 takes 5 ms.
// Only what a snapshot needs: no ZIP64 (snapshot-limits.ts keeps a file far below 4 GiB and 65,535
// entries), no comments, no extra fields, DOS times only.
import { promisify } from 'node:util';
import { crc32, deflateRaw } from 'node:zlib';

export interface ZipEntryToWrite {
  name: string;
  data: Buffer;
  /** zlib's deflate level, or STORED_AS_IS. */
  compressionLevel: number;
}

export interface ZipOptions {
  /** Every entry's time, written as zip's DOS date and time in local time (as yazl does). */
  mtime: Date;
  /** Unix mode of every entry (0o100600: a regular file for its owner only). */
  mode: number;
}

/** Compression level 0: the entry's bytes as they are. */
export const STORED_AS_IS = 0;

const deflate = promisify(deflateRaw);

const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY_SIGNATURE = 0x06054b50;
const LOCAL_HEADER_BYTES = 30;
const CENTRAL_HEADER_BYTES = 46;
const END_OF_CENTRAL_DIRECTORY_BYTES = 22;
/** 2.0: deflate, UTF-8 names. */
const VERSION_NEEDED_TO_EXTRACT = 20;
/** Unix (3), zip specification 6.3: what yazl writes. */
const VERSION_MADE_BY = (3 << 8) | 63;
/** General purpose bit 11: names are UTF-8. */
const NAMES_ARE_UTF8 = 1 << 11;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;
const LARGEST_16_BIT = 0xffff;
const LARGEST_32_BIT = 0xffffffff;

/**
 * The zip's bytes: each entry compressed at its level (in zlib's threads, side by side), then laid
 * out. An entry for which `storeAsIs(inflated, compressed)` says so once compressed is stored as is
 * instead (a snapshot's reader refuses an entry compressed past a ratio, as a possible zip bomb).
 */
export async function zipEntries(entries: readonly ZipEntryToWrite[], options: ZipOptions, storeAsIs: (inflatedBytes: number, compressedBytes: number) => boolean = () => false): Promise<Buffer> {
  const compressed = await Promise.all(entries.map(({ data, compressionLevel }) => (compressionLevel === STORED_AS_IS ? data : deflate(data, { level: compressionLevel }))));
  const laidOut = entries.map((entry, index) =>
    entry.compressionLevel !== STORED_AS_IS && storeAsIs(entry.data.length, compressed[index]!.length) ? { entry: { ...entry, compressionLevel: STORED_AS_IS }, data: entry.data } : { entry, data: compressed[index]! },
  );
  return layOut(laidOut.map(({ entry }) => entry), laidOut.map(({ data }) => data), options);
}

/** Compressed sizes known: the zip is local header + data per entry, the central directory, its end. */
function layOut(entries: readonly ZipEntryToWrite[], compressed: readonly Buffer[], { mtime, mode }: ZipOptions): Buffer {
  if (entries.length > LARGEST_16_BIT) throw new Error(`a zip without ZIP64 holds at most ${LARGEST_16_BIT} entries, not ${entries.length}`);
  const { time, date } = dosDateTime(mtime);
  const attributes = (mode << 16) >>> 0;
  const names = entries.map(({ name }) => Buffer.from(name, 'utf8'));
  const pieces: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  entries.forEach((entry, index) => {
    const name = names[index]!;
    const data = compressed[index]!;
    const crc = crc32(entry.data);
    const method = entry.compressionLevel === STORED_AS_IS ? METHOD_STORED : METHOD_DEFLATE;
    if (offset > LARGEST_32_BIT || data.length > LARGEST_32_BIT) throw new Error('a zip without ZIP64 stays under 4 GiB');

    const local = Buffer.alloc(LOCAL_HEADER_BYTES);
    local.writeUInt32LE(LOCAL_HEADER_SIGNATURE, 0);
    local.writeUInt16LE(VERSION_NEEDED_TO_EXTRACT, 4);
    local.writeUInt16LE(NAMES_ARE_UTF8, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28); // no extra field
    pieces.push(local, name, data);

    const record = Buffer.alloc(CENTRAL_HEADER_BYTES);
    record.writeUInt32LE(CENTRAL_HEADER_SIGNATURE, 0);
    record.writeUInt16LE(VERSION_MADE_BY, 4);
    record.writeUInt16LE(VERSION_NEEDED_TO_EXTRACT, 6);
    record.writeUInt16LE(NAMES_ARE_UTF8, 8);
    record.writeUInt16LE(method, 10);
    record.writeUInt16LE(time, 12);
    record.writeUInt16LE(date, 14);
    record.writeUInt32LE(crc, 16);
    record.writeUInt32LE(data.length, 20);
    record.writeUInt32LE(entry.data.length, 24);
    record.writeUInt16LE(name.length, 28);
    // Extra field length, comment length, disk number, internal attributes: all 0.
    record.writeUInt32LE(attributes, 38);
    record.writeUInt32LE(offset, 42);
    central.push(record, name);

    offset += LOCAL_HEADER_BYTES + name.length + data.length;
  });
  const centralSize = central.reduce((sum, piece) => sum + piece.length, 0);
  const end = Buffer.alloc(END_OF_CENTRAL_DIRECTORY_BYTES);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY_SIGNATURE, 0);
  // This disk and the central directory's disk: 0.
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  // No comment.
  return Buffer.concat([...pieces, ...central, end]);
}

/** Zip's DOS date and time, from the date's local-time parts (two-second steps), clamped to 1980–2107. */
function dosDateTime(when: Date): { time: number; date: number } {
  const earliest = new Date(1980, 0, 1);
  const latest = new Date(2107, 11, 31, 23, 59, 58);
  const at = when < earliest ? earliest : when > latest ? latest : when;
  const date = (at.getDate() & 0x1f) | (((at.getMonth() + 1) & 0xf) << 5) | (((at.getFullYear() - 1980) & 0x7f) << 9);
  const time = Math.floor(at.getSeconds() / 2) | ((at.getMinutes() & 0x3f) << 5) | ((at.getHours() & 0x1f) << 11);
  return { time, date };
}
