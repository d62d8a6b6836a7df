// The snapshot's zip writer must write the bytes yazl wrote for the same entries (snapshots kept
// their SHA-256 when it replaced yazl), and a zip every reader opens.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { STORED_AS_IS, zipEntries, type ZipEntryToWrite } from './zip-writing';

const OPTIONS = { mtime: new Date(1980, 0, 1, 0, 0, 0), mode: 0o100600 };

async function zipByYazl(entries: readonly ZipEntryToWrite[], options: { mtime: Date; mode: number }): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const { name, data, compressionLevel } of entries) zip.addBuffer(data, name, { mtime: options.mtime, mode: options.mode, compressionLevel, forceDosTimestamp: true });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function readBack(bytes: Buffer): Promise<Map<string, Buffer>> {
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true });
  const entries = new Map<string, Buffer>();
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>) chunks.push(chunk);
    entries.set(entry.fileName, Buffer.concat(chunks));
  }
  return entries;
}

const entries: ZipEntryToWrite[] = [
  { name: 'manifest.json', data: Buffer.from('{\n  "format": "x"\n}\n'), compressionLevel: 6 },
  { name: 'commands.json', data: Buffer.from(`[${'{"stdout":"password = ••••••\\n"},'.repeat(2000)}{}]\n`), compressionLevel: 6 },
  { name: 'empty.json', data: Buffer.alloc(0), compressionLevel: 6 },
  { name: 'recordings/001-café-é.cast', data: randomBytes(5000), compressionLevel: 6 },
  { name: 'stored.bin', data: Buffer.from('kept as it is'), compressionLevel: STORED_AS_IS },
  { name: 'fast.json', data: Buffer.from('x'.repeat(10_000)), compressionLevel: 1 },
];

describe('zipEntries', () => {
  it('writes the bytes yazl writes for the same entries and options', async () => {
    expect((await zipEntries(entries, OPTIONS)).equals(await zipByYazl(entries, OPTIONS))).toBe(true);
    const later = { mtime: new Date(2026, 10, 22, 13, 45, 17), mode: 0o100644 };
    expect((await zipEntries(entries, later)).equals(await zipByYazl(entries, later))).toBe(true);
    expect((await zipEntries([], OPTIONS)).equals(await zipByYazl([], OPTIONS))).toBe(true);
  });

  it('gives a zip whose entries read back as they were written', async () => {
    const read = await readBack(await zipEntries(entries, OPTIONS));
    expect([...read.keys()]).toEqual(entries.map(({ name }) => name));
    for (const { name, data } of entries) expect(read.get(name)!.equals(data), name).toBe(true);
  });

  it('stores as is an entry the caller refuses once compressed, as yazl did when asked for level 0', async () => {
    const flood = { name: 'recordings/002-flood.cast', data: Buffer.from('y'.repeat(200_000)), compressionLevel: 6 };
    const overRatio = (inflated: number, compressed: number) => inflated > compressed * 100;
    const bytes = await zipEntries([entries[0]!, flood], OPTIONS, overRatio);
    expect(bytes.equals(await zipByYazl([entries[0]!, { ...flood, compressionLevel: STORED_AS_IS }], OPTIONS))).toBe(true);
    expect((await readBack(bytes)).get(flood.name)!.equals(flood.data)).toBe(true);
  });
});
