// The snapshot file (docs/snapshot-format.md): a realistic snapshot goes through the file and back
// unchanged, the same content always gives the same bytes, and every kind of bad file (foreign,
// truncated, corrupted, newer, incomplete, misshapen, not UTF-8, crafted names, too large, bombs)
// is refused with a message naming its problem. Bad files are built by hand with yazl, or by
// changing bytes of a good one.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { ConsoleError } from '../../electron/contract/console-errors';
import { SNAPSHOT_FORMAT_VERSION, type SnapshotContent } from '../../electron/contract/snapshot';
import type { LabInventory } from '../../electron/contract/inventory';
import { decodeSnapshot, encodeSnapshot, readSnapshotFile, writeSnapshotFile } from '../../electron/snapshots/snapshot-file';
import { decodeSnapshotBytes } from '../../electron/snapshots/snapshot-decoding';
import { MAX_ENTRY_COUNT, MAX_SNAPSHOT_FILE_BYTES } from '../../electron/snapshots/snapshot-limits';
import inventoryFixture from '../../renderer/views/network/fixtures/orangebox-lab-inventory.json';

const OUTPUTS = new URL('../fixtures/outputs/', import.meta.url);
const MiB = 1024 * 1024;

const RECORDING = [
  '{"version": 2, "width": 100, "height": 30, "timestamp": 1796637600, "title": "lxc exec instance-0000000c on node03ob64"}',
  '[0.012, "o", "root@instance-0000000c:~# "]',
  '[1.204, "o", "ip -br addr\\r\\n"]',
  '[1.251, "o", "lo               UNKNOWN        127.0.0.1/8 \\r\\neth0@if12        UP             198.51.100.31/24 \\r\\n"]',
  '',
].join('\n');

async function realisticSnapshot(): Promise<SnapshotContent> {
  const lxcList = await readFile(new URL('lxc-list/lab-lxd-5.0.2.json.txt', OUTPUTS), 'utf8');
  return {
    meta: {
      formatVersion: SNAPSHOT_FORMAT_VERSION,
      consoleVersion: '0.1.0',
      labName: 'OrangeBox64 (Tokyo demo)',
      kind: 'capture',
      captureStartedAt: '2026-11-22T05:48:17.446Z',
      captureEndedAt: '2026-11-22T05:48:19.387Z',
    },
    lab: {
      name: 'OrangeBox64 (Tokyo demo)',
      controller: { kind: 'ssh', host: '127.0.1.1', port: 22, user: 'ubuntu', identityFile: '~/.ssh/orangebox', sshConfigHost: null },
      routes: { '23': 'juju-ssh' },
    },
    routes: [
      { machineId: 'controller', kind: 'controller', label: 'ubuntu@127.0.1.1:22', chosenBy: 'auto', note: null },
      { machineId: '22', kind: 'jump', label: 'ubuntu@127.0.1.22:22 via ubuntu@127.0.1.1:22', chosenBy: 'auto', note: null },
      { machineId: '23', kind: 'juju-ssh', label: 'juju ssh 23 on ubuntu@127.0.1.1:22', chosenBy: 'override', note: 'direct SSH refused the key; using juju ssh' },
    ],
    commands: [
      { machineId: '22', argv: ['lxc', 'list', '--format', 'json'], exitCode: 0, signal: null, stdout: lxcList, stderr: '', truncated: false, invalidUtf8: false, startedAt: '2026-11-22T05:48:17.912Z', durationMs: 212 },
      {
        machineId: '22',
        argv: ['cat', '/etc/nova/nova.conf'],
        exitCode: 0,
        signal: null,
        stdout: '[DEFAULT]\ntransport_url = rabbit://nova:••••••@198.51.100.10:5672/openstack\n[database]\nconnection = mysql+pymysql://nova:••••••@198.51.100.11/nova\n',
        stderr: '',
        truncated: false,
        invalidUtf8: false,
        startedAt: '2026-11-22T05:48:18.020Z',
        durationMs: 31,
      },
      { machineId: '23', argv: ['sudo', '-n', 'ovs-vsctl', 'show'], exitCode: 1, signal: null, stdout: '', stderr: 'sudo: a password is required\n', truncated: false, invalidUtf8: false, startedAt: '2026-11-22T05:48:18.100Z', durationMs: 12 },
    ],
    inventory: inventoryFixture as unknown as LabInventory,
    diagnostics: {
      ping: {
        started: {
          runId: 'ping-0123456789ab',
          kind: 'ping',
          cells: [{ source: { kind: 'machine', machineId: '22' }, sourceLabel: 'node03ob64', target: '198.51.100.31' }],
          count: 1,
          intervalSeconds: 1,
        },
        startedAt: '2026-11-22T05:47:00.000Z',
        cells: [
          {
            state: 'done',
            replies: [{ seq: 1, ttl: 64, timeMs: 0.41, from: '198.51.100.31', bytes: 64, duplicate: false }],
            errors: [],
            result: { transmitted: 1, received: 1, lossPercent: 0, rtt: { min: 0.41, avg: 0.41, max: 0.41, mdev: 0 }, failure: null, command: 'ping -c 1 198.51.100.31' },
          },
        ],
      },
      matrix: null,
    },
    recordings: [
      { name: 'lxc-exec-instance-0000000c-on-node03ob64-20261122-054700.cast', title: 'lxc exec instance-0000000c on node03ob64', cast: RECORDING },
      { name: 'Ping from qrouter (copy 2).cast', title: 'ping from qrouter-35fe… on node02ob64', cast: '{"version": 2, "width": 80, "height": 24}\n[0.5, "o", "64 bytes from 198.51.100.31: icmp_seq=1 ttl=64 time=0.41 ms\\r\\n"]\n' },
    ],
  };
}

// ---- building and changing archives by hand -------------------------------------------------

interface RawEntry {
  name: string;
  data: Buffer;
}

async function zipOf(entries: readonly RawEntry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const { name, data } of entries) zip.addBuffer(data, name, { mtime: new Date(2026, 0, 1) });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Every entry of an archive, inflated, in order. */
async function entriesOf(bytes: Buffer): Promise<RawEntry[]> {
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true });
  const entries: RawEntry[] = [];
  for await (const entry of zip.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const chunk of (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>) chunks.push(chunk);
    entries.push({ name: entry.fileName, data: Buffer.concat(chunks) });
  }
  return entries;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

/**
 * A good snapshot's entries changed by `edit`, zipped again. With `refreshManifest` the manifest
 * is made to agree with the changed entries (sizes and SHA-256), so only the change itself is wrong.
 */
async function rebuilt(edit: (entries: Map<string, Buffer>, manifest: Record<string, unknown>) => void, { refreshManifest = true } = {}): Promise<Buffer> {
  const entries = new Map((await entriesOf(await encodeSnapshot(await realisticSnapshot()))).map(({ name, data }) => [name, data]));
  const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as Record<string, unknown> & { entries: { name: string; bytes: number; sha256: string }[] };
  entries.delete('manifest.json');
  edit(entries, manifest);
  if (refreshManifest) {
    manifest.entries = manifest.entries
      .filter((item) => entries.has(item.name))
      .map((item) => ({ ...item, bytes: entries.get(item.name)!.length, sha256: sha256(entries.get(item.name)!) }));
  }
  return zipOf([{ name: 'manifest.json', data: json(manifest) }, ...[...entries].map(([name, data]) => ({ name, data }))]);
}

/** Where a zip's table of contents describes `name`: its central directory file header. */
function centralHeaderOf(bytes: Buffer, name: string): number {
  const end = bytes.lastIndexOf(Buffer.from('PK\x05\x06', 'latin1'));
  let at = bytes.readUInt32LE(end + 16);
  for (let index = 0; index < bytes.readUInt16LE(end + 10); index += 1) {
    const nameLength = bytes.readUInt16LE(at + 28);
    if (bytes.toString('utf8', at + 46, at + 46 + nameLength) === name) return at;
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  throw new Error(`no ${name} in the archive`);
}

/** Rewrites the sizes the table of contents declares for an entry (the data itself is untouched). */
function declareSizes(bytes: Buffer, name: string, sizes: { inflated?: number; compressed?: number }): Buffer {
  const copy = Buffer.from(bytes);
  const header = centralHeaderOf(copy, name);
  if (sizes.compressed !== undefined) copy.writeUInt32LE(sizes.compressed, header + 20);
  if (sizes.inflated !== undefined) copy.writeUInt32LE(sizes.inflated, header + 24);
  return copy;
}

/** Replaces every occurrence of one entry name by another of the same length (local and central headers). */
function renameInPlace(bytes: Buffer, from: string, to: string): Buffer {
  expect(Buffer.byteLength(from)).toBe(Buffer.byteLength(to));
  const copy = Buffer.from(bytes);
  const needle = Buffer.from(from);
  for (let at = copy.indexOf(needle); at !== -1; at = copy.indexOf(needle, at + 1)) Buffer.from(to).copy(copy, at);
  return copy;
}

async function refusal(bytes: Buffer): Promise<ConsoleError> {
  const error = await decodeSnapshot(bytes).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error, 'the file was accepted').toBeInstanceOf(ConsoleError);
  expect((error as ConsoleError).code).toBe('snapshot-unreadable');
  return error as ConsoleError;
}

/** Every object's keys in reverse order, deeply: the same value built another way. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reverseKeys(inner)]));
}

// ---- the good file --------------------------------------------------------------------------

describe('a snapshot file', () => {
  test('holds the content and gives it back unchanged', async () => {
    const content = await realisticSnapshot();
    const decoded = await decodeSnapshot(await encodeSnapshot(content));
    expect(decoded).toEqual(content);
  });

  test('is the same bytes for the same content, however its objects were built and wherever it is written', async () => {
    const content = await realisticSnapshot();
    const first = await encodeSnapshot(content);
    expect((await encodeSnapshot(content)).equals(first)).toBe(true);
    expect((await encodeSnapshot(reverseKeys(content) as SnapshotContent)).equals(first)).toBe(true);
    expect((await encodeSnapshot(await decodeSnapshot(first))).equals(first)).toBe(true);

    const zone = process.env.TZ;
    try {
      process.env.TZ = 'Pacific/Kiritimati'; // UTC+14
      const east = await encodeSnapshot(content);
      process.env.TZ = 'Pacific/Pago_Pago'; // UTC-11
      const west = await encodeSnapshot(content);
      expect(east.equals(first)).toBe(true);
      expect(west.equals(first)).toBe(true);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  test('is a zip whose manifest lists every other entry with its size, SHA-256 and what it holds', async () => {
    const bytes = await encodeSnapshot(await realisticSnapshot());
    const entries = await entriesOf(bytes);
    expect(entries.map((entry) => entry.name)).toEqual([
      'manifest.json',
      'meta.json',
      'lab.json',
      'routes.json',
      'commands.json',
      'inventory.json',
      'diagnostics.json',
      'recordings.json',
      'recordings/001-lxc-exec-instance-0000000c-on-node03ob64-20261122-054700.cast',
      'recordings/002-ping-from-qrouter-copy-2.cast',
    ]);
    const manifest = JSON.parse(entries[0]!.data.toString('utf8'));
    expect(manifest).toMatchObject({
      format: 'orangebox-console-snapshot',
      formatVersion: 1,
      consoleVersion: '0.1.0',
      labName: 'OrangeBox64 (Tokyo demo)',
      kind: 'capture',
      captureStartedAt: '2026-11-22T05:48:17.446Z',
      captureEndedAt: '2026-11-22T05:48:19.387Z',
    });
    expect(manifest.entries).toEqual(
      entries.slice(1).map(({ name, data }) => ({ name, bytes: data.length, sha256: sha256(data), holds: expect.stringMatching(/\w/) })),
    );
    // Each part is plain JSON a tool can read, and each recording is its own asciicast file.
    expect(JSON.parse(entries.find((entry) => entry.name === 'inventory.json')!.data.toString('utf8'))).toEqual(inventoryFixture);
    expect(entries[8]!.data.toString('utf8')).toBe(RECORDING);
    expect(JSON.parse(entries[7]!.data.toString('utf8'))).toEqual([
      { name: 'lxc-exec-instance-0000000c-on-node03ob64-20261122-054700.cast', title: 'lxc exec instance-0000000c on node03ob64', entry: entries[8]!.name },
      { name: 'Ping from qrouter (copy 2).cast', title: 'ping from qrouter-35fe… on node02ob64', entry: entries[9]!.name },
    ]);
  });

  test('keeps its entries owner-only and dated 1980-01-01 00:00 should anyone unpack it', async () => {
    const zip = await yauzl.fromBufferPromise(await encodeSnapshot(await realisticSnapshot()), { lazyEntries: true });
    for await (const entry of zip.eachEntry()) {
      expect(entry.externalFileAttributes >>> 16, entry.fileName).toBe(0o100600);
      expect(entry.getLastModDate({ timezone: 'UTC', forceDosFormat: true }).toISOString(), entry.fileName).toBe('1980-01-01T00:00:00.000Z');
    }
  });

  test('stores a recording that compresses like a bomb as is, so it opens again', async () => {
    const content = await realisticSnapshot();
    // One character repeated: deflate takes it to ~1000:1, beyond what the reader accepts.
    content.recordings.push({ name: 'flood.cast', title: 'yes', cast: `{"version": 2, "width": 80, "height": 24}\n[0.1, "o", "${'y'.repeat(4 * MiB)}"]\n` });
    const bytes = await encodeSnapshot(content);
    expect(bytes.length).toBeGreaterThan(4 * MiB);
    expect((await decodeSnapshot(bytes)).recordings[2]!.cast).toBe(content.recordings[2]!.cast);
  });

  test('refuses to write content it could not open again, and says what is wrong', async () => {
    const content = await realisticSnapshot();
    const broken = { ...content, meta: { ...content.meta, captureEndedAt: 'yesterday' } };
    await expect(encodeSnapshot(broken)).rejects.toMatchObject({ code: 'snapshot-unwritable', message: expect.stringMatching(/meta\.json.*captureEndedAt/) });
    const newer = { ...content, meta: { ...content.meta, formatVersion: 2 } };
    await expect(encodeSnapshot(newer)).rejects.toMatchObject({ code: 'snapshot-unwritable', message: expect.stringContaining('this console writes format 1') });
  });
});

describe('writing and reading a snapshot file', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'snapshot-file-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  test('writes it owner-only, leaves no temporary file, and reads it back', async () => {
    const path = join(folder, 'tokyo.obxsnap');
    const content = await realisticSnapshot();
    await writeSnapshotFile(path, content);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(folder)).toEqual(['tokyo.obxsnap']);
    expect(await readSnapshotFile(path)).toEqual(content);
  });

  test('replaces an older snapshot of the same name whole, and keeps it when the new one cannot be written', async () => {
    const path = join(folder, 'tokyo.obxsnap');
    const content = await realisticSnapshot();
    await writeSnapshotFile(path, content);
    const before = await readFile(path);

    const unwritable = { ...content, meta: { ...content.meta, kind: 'live' as 'capture' } };
    await expect(writeSnapshotFile(path, unwritable)).rejects.toMatchObject({ code: 'snapshot-unwritable' });
    expect((await readFile(path)).equals(before)).toBe(true);

    const renamed = { ...content, meta: { ...content.meta, labName: 'OrangeBox64 (Osaka)' } };
    await writeSnapshotFile(path, renamed);
    expect((await readSnapshotFile(path)).meta.labName).toBe('OrangeBox64 (Osaka)');
    expect(await readdir(folder)).toEqual(['tokyo.obxsnap']);
  });

  test('says so when the folder to write in does not exist, and creates nothing', async () => {
    const path = join(folder, 'missing', 'tokyo.obxsnap');
    await expect(writeSnapshotFile(path, await realisticSnapshot())).rejects.toMatchObject({
      code: 'snapshot-unwritable',
      message: `cannot save the snapshot to ${path}: the folder ${join(folder, 'missing')} does not exist`,
    });
    expect(await readdir(folder)).toEqual([]);
  });

  test('says there is no snapshot at a path with nothing there', async () => {
    const path = join(folder, 'nothing.obxsnap');
    await expect(readSnapshotFile(path)).rejects.toMatchObject({ code: 'not-found', message: `there is no snapshot at ${path}` });
  });

  test('refuses a folder', async () => {
    await expect(readSnapshotFile(folder)).rejects.toMatchObject({ code: 'snapshot-unreadable', message: `${folder} is not a file, so it is not a snapshot` });
  });

  test('refuses a file larger than a snapshot may be before reading it', async () => {
    // Sparse: no disk is used. Were it read, its zeros would be refused as "not a zip archive" instead.
    const path = join(folder, 'huge.obxsnap');
    await writeFile(path, '');
    await truncate(path, MAX_SNAPSHOT_FILE_BYTES + MiB);
    await expect(readSnapshotFile(path)).rejects.toMatchObject({
      code: 'snapshot-unreadable',
      message: `${path} is 257 MiB, more than the 256 MiB a snapshot may be; it was not read`,
    });
  });

  test('names the file in what it says about a bad one', async () => {
    const path = join(folder, 'notes.obxsnap');
    await writeFile(path, 'these are my notes, not a snapshot\n');
    await expect(readSnapshotFile(path)).rejects.toMatchObject({ message: expect.stringMatching(new RegExp(`^${path} is not an OrangeBox snapshot \\(not a zip archive\\)`)) });
  });
});

// ---- bad files ------------------------------------------------------------------------------

describe('a file that is not a snapshot', () => {
  test('an empty file', async () => {
    expect((await refusal(Buffer.alloc(0))).message).toBe('this file is empty: it is not an OrangeBox snapshot');
  });

  test('a file of another kind', async () => {
    const png = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(200, 7)]);
    expect((await refusal(png)).message).toMatch(/^this file is not an OrangeBox snapshot \(not a zip archive\)/);
  });

  test('a zip of something else', async () => {
    const zip = await zipOf([
      { name: 'report.txt', data: Buffer.from('quarterly report') },
      { name: 'figures.csv', data: Buffer.from('a,b\n1,2\n') },
    ]);
    expect((await refusal(zip)).message).toBe('this file is not an OrangeBox snapshot (no manifest.json): it is a zip archive of "report.txt", "figures.csv"');
  });

  test("a zip with another tool's manifest.json (a browser extension)", async () => {
    const zip = await zipOf([{ name: 'manifest.json', data: json({ manifest_version: 3, name: 'An extension', version: '1.0' }) }]);
    expect((await refusal(zip)).message).toBe(`this file is not an OrangeBox snapshot: its manifest.json is another tool's (it does not say "format": "orangebox-console-snapshot")`);
  });

  test('a snapshot unpacked and zipped again inside a folder', async () => {
    const entries = await entriesOf(await encodeSnapshot(await realisticSnapshot()));
    const rezipped = await zipOf(entries.map(({ name, data }) => ({ name: `tokyo/${name}`, data })));
    expect((await refusal(rezipped)).message).toMatch(/no manifest\.json at its top\): its manifest\.json is in the folder "tokyo\/"\. Was a snapshot unpacked and zipped again\?/);
  });
});

describe('a damaged snapshot', () => {
  test('cut short (its end, with the zip table of contents, missing)', async () => {
    const bytes = await encodeSnapshot(await realisticSnapshot());
    const message = (await refusal(bytes.subarray(0, Math.floor(bytes.length / 2)))).message;
    expect(message).toMatch(/^this file is damaged or truncated: it starts as a zip archive but its table of contents cannot be read/);
    expect(message).toMatch(/Was the copy cut short\?/);
  });

  test('with an entry whose compressed bytes were corrupted', async () => {
    const bytes = await encodeSnapshot(await realisticSnapshot());
    const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true });
    let dataStart = 0;
    let dataLength = 0;
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName !== 'inventory.json') continue;
      dataStart = (await zip.readLocalFileHeaderPromise(entry, { minimal: true })).fileDataStart;
      dataLength = entry.compressedSize;
    }
    const corrupted = Buffer.from(bytes);
    for (let at = dataStart + Math.floor(dataLength / 3); at < dataStart + Math.floor(dataLength / 3) + 64; at += 1) corrupted[at] = corrupted[at]! ^ 0x5a;
    // Depending on the bytes, deflate notices (invalid block) or the SHA-256 does: either way, named.
    expect((await refusal(corrupted)).message).toMatch(/^this file is damaged: (its entry inventory\.json cannot be inflated|inventory\.json does not match its SHA-256)/);
  });

  test('with an entry changed after it was written (its SHA-256 no longer matches)', async () => {
    const changed = await rebuilt(
      (entries) => {
        const lab = entries.get('lab.json')!.toString('utf8');
        entries.set('lab.json', Buffer.from(lab.replace('127.0.1.1', '127.0.1.9')));
      },
      { refreshManifest: false },
    );
    expect((await refusal(changed)).message).toMatch(
      /^this file is damaged: lab\.json does not match its SHA-256 in manifest\.json \(listed [0-9a-f]{12}…, read [0-9a-f]{12}…\)\. It was changed or corrupted after it was written/,
    );
  });

  test('with an entry that inflates to more than it declares', async () => {
    // The manifest agrees with the lie, so only yauzl's check of the actual size can catch it.
    const entries = await entriesOf(await encodeSnapshot(await realisticSnapshot()));
    const inventory = entries.find((entry) => entry.name === 'inventory.json')!;
    const manifest = JSON.parse(entries[0]!.data.toString('utf8'));
    manifest.entries.find((item: { name: string }) => item.name === 'inventory.json').bytes = inventory.data.length - 100;
    const zip = await zipOf([{ name: 'manifest.json', data: json(manifest) }, ...entries.slice(1)]);
    const lying = declareSizes(zip, 'inventory.json', { inflated: inventory.data.length - 100 });
    expect((await refusal(lying)).message).toMatch(/^this file is damaged: its entry inventory\.json cannot be inflated \(.*too many bytes/);
  });

  test('whose table of contents and manifest disagree on a size', async () => {
    const bytes = await encodeSnapshot(await realisticSnapshot());
    const size = (await entriesOf(bytes)).find((entry) => entry.name === 'routes.json')!.data.length;
    const message = (await refusal(declareSizes(bytes, 'routes.json', { inflated: size + 1 }))).message;
    expect(message).toBe(`this file is damaged: "routes.json" says it is ${size + 1} bytes and manifest.json says ${size}. Copy the file again`);
  });

  test('whose manifest is not JSON', async () => {
    const zip = await zipOf([{ name: 'manifest.json', data: Buffer.from('{"format": "orangebox-console-snapshot", ') }]);
    expect((await refusal(zip)).message).toMatch(/^this file is damaged: manifest\.json is not valid JSON \(/);
  });

  test('whose manifest is not a snapshot manifest', async () => {
    const bad = await rebuilt((_entries, manifest) => {
      (manifest.entries as { sha256: string }[])[0]!.sha256 = 'not-a-hash';
    }, { refreshManifest: false });
    expect((await refusal(bad)).message).toMatch(/^this file is damaged: its manifest\.json is not a snapshot manifest \(entries\.0\.sha256: a SHA-256 is 64 lowercase hex digits\)/);
  });
});

describe('a snapshot from a newer console', () => {
  test('says which format it is and that the console needs an update', async () => {
    const newer = await rebuilt((entries, manifest) => {
      manifest.formatVersion = 2;
      manifest.consoleVersion = '0.4.0';
      manifest.entries = [{ name: 'everything.json' }]; // a newer format may change everything else
      entries.clear();
    }, { refreshManifest: false });
    expect((await refusal(newer)).message).toBe('this file was written by a newer console (format 2); this console reads format 1 — update the console (it was written by 0.4.0)');
  });
});

describe('a snapshot with parts missing', () => {
  test('an entry every snapshot holds is not there', async () => {
    const incomplete = await rebuilt((entries) => entries.delete('inventory.json'));
    expect((await refusal(incomplete)).message).toBe('this file is incomplete: it has no inventory.json, which every format-1 snapshot holds');
  });

  test('the manifest lists an entry the archive does not hold', async () => {
    const incomplete = await rebuilt((entries) => entries.delete('commands.json'), { refreshManifest: false });
    expect((await refusal(incomplete)).message).toBe('this file is incomplete: manifest.json lists "commands.json", which the archive does not hold. Copy the file again');
  });

  test('the archive holds an entry the manifest does not list', async () => {
    const added = await rebuilt((entries) => entries.set('notes.txt', Buffer.from('added later')), { refreshManifest: false });
    expect((await refusal(added)).message).toBe(
      'this file is refused: it holds "notes.txt", which its manifest.json does not list. The archive was changed after the snapshot was written; open the original file',
    );
  });

  test('a recording the index names is not in the manifest', async () => {
    const missing = await rebuilt((entries) => {
      const index = JSON.parse(entries.get('recordings.json')!.toString('utf8'));
      index.push({ name: 'gone.cast', title: 'gone', entry: 'recordings/003-gone.cast' });
      entries.set('recordings.json', json(index));
    });
    expect((await refusal(missing)).message).toBe('this file is incomplete: recordings.json names "recordings/003-gone.cast", which manifest.json does not list');
  });
});

describe('a snapshot whose parts do not have their shape', () => {
  test.each([
    ['inventory.json', { labId: 'lab-x', refreshing: 'no' }, /^this file is damaged: inventory\.json does not hold a lab inventory \(refreshing: Invalid type: Expected boolean but received "no"/],
    ['commands.json', [{ machineId: '22', argv: 'lxc list' }], /^this file is damaged: commands\.json does not hold a list of commands \(0\.argv: /],
    ['lab.json', { name: 'x', controller: { host: 'a b', port: 22, user: 'ubuntu', identityFile: null, sshConfigHost: null }, routes: {} }, /^this file is damaged: lab\.json does not hold a lab \(controller\.host: the controller address must not contain spaces/],
    ['meta.json', { formatVersion: 1, consoleVersion: '0.1.0', labName: 'x', kind: 'capture', captureStartedAt: 'now', captureEndedAt: 'now' }, /^this file is damaged: meta\.json does not hold a snapshot's meta \(captureStartedAt: a time is an ISO 8601 timestamp/],
    ['diagnostics.json', { ping: 'none' }, /^this file is damaged: diagnostics\.json does not hold the latest ping runs \(ping: /],
  ])('%s', async (name, value, expected) => {
    const misshapen = await rebuilt((entries) => entries.set(name, json(value)));
    expect((await refusal(misshapen)).message).toMatch(expected);
  });

  test('an entry that is not JSON', async () => {
    const broken = await rebuilt((entries) => entries.set('routes.json', Buffer.from('[{"machineId": "22",')));
    expect((await refusal(broken)).message).toMatch(/^this file is damaged: routes\.json is not valid JSON \(/);
  });

  test('an entry that is not UTF-8', async () => {
    const latin1 = await rebuilt((entries) => entries.set('lab.json', Buffer.from('{"name": "Caf\xe9 lab"}', 'latin1')));
    expect((await refusal(latin1)).message).toBe('this file is damaged: lab.json is not UTF-8 text (a snapshot writes every entry as UTF-8)');
  });

  test('a recording that is not UTF-8', async () => {
    const latin1 = await rebuilt((entries) => {
      const name = [...entries.keys()].find((entry) => entry.startsWith('recordings/'))!;
      entries.set(name, Buffer.from('{"version": 2}\n[0.1, "o", "\xff\xfe"]\n', 'latin1'));
    });
    expect((await refusal(latin1)).message).toMatch(/^this file is damaged: recordings\/001-[a-z0-9-]+\.cast is not UTF-8 text/);
  });

  test('meta and manifest disagree on the format', async () => {
    const disagreeing = await rebuilt((entries) => {
      const meta = JSON.parse(entries.get('meta.json')!.toString('utf8'));
      entries.set('meta.json', json({ ...meta, formatVersion: 0 }));
    });
    expect((await refusal(disagreeing)).message).toBe('this file is damaged: meta.json says format 0 and manifest.json says format 1');
  });
});

describe('a crafted archive', () => {
  test.each([
    ['AA/AA/evil.txt', '../../evil.txt', 'climbs out of the archive with ".." (path traversal)'],
    ['recordings/AA/x.cast', 'recordings/../x.cast', 'climbs out of the archive with ".." (path traversal)'],
    ['Xhome/u/.bashrc', '/home/u/.bashrc', 'is an absolute path'],
    ['XXWindows/x.dll', 'C:Windows/x.dll', 'is an absolute path'],
    ['AA_evil.txt', '..\\evil.txt', 'has "\\" in its name (a Windows folder separator)'],
  ])('an entry named %s → %s is refused, and nothing is extracted', async (placeholder, crafted, problem) => {
    const good = await encodeSnapshot(await realisticSnapshot());
    const entries = await entriesOf(good);
    const zip = await zipOf([...entries, { name: placeholder, data: Buffer.from('owned') }]);
    const message = (await refusal(renameInPlace(zip, placeholder, crafted))).message;
    expect(message).toBe(
      `this file is refused: its entry ${JSON.stringify(crafted)} ${problem}. A snapshot's entries are plain names inside the archive; this one was made to write outside the folder it is unpacked in. Nothing was extracted (the console never unpacks a snapshot to disk)`,
    );
  });

  test('an entry named twice', async () => {
    const entries = await entriesOf(await encodeSnapshot(await realisticSnapshot()));
    const zip = await zipOf([...entries, { name: 'lab.jsoX', data: Buffer.from('{}') }]);
    expect((await refusal(renameInPlace(zip, 'lab.jsoX', 'lab.json'))).message).toBe('this file is damaged: it holds two entries named "lab.json", so which one is the snapshot\'s cannot be told');
  });
});

describe('a snapshot too large to open (a decompression bomb)', () => {
  test('an entry that compresses past any real lab data is refused before it is inflated', async () => {
    const bomb = await zipOf([{ name: 'inventory.json', data: Buffer.alloc(8 * MiB, 0x20) }]);
    expect((await refusal(bomb)).message).toMatch(
      /^this file is refused as a likely decompression bomb: its entry "inventory\.json" would inflate from [\d.]+ KiB to 8 MiB \(\d+:1; a snapshot's entries stay under 500:1\)\. Nothing was inflated$/,
    );
  });

  test('an entry that declares more than an entry may be is refused before it is inflated', async () => {
    const zip = await zipOf([{ name: 'inventory.json', data: json({ labId: 'x' }) }]);
    const declared = declareSizes(zip, 'inventory.json', { inflated: 300 * MiB, compressed: 2 * MiB });
    expect((await refusal(declared)).message).toBe(
      'this file is refused: its entry "inventory.json" would inflate to 300 MiB, more than the 256 MiB such an entry may be. Nothing was inflated',
    );
  });

  test('a recording that declares more than the player holds', async () => {
    const zip = await zipOf([{ name: 'recordings/001-x.cast', data: Buffer.from('{"version": 2}\n') }]);
    const declared = declareSizes(zip, 'recordings/001-x.cast', { inflated: 65 * MiB, compressed: 1 * MiB });
    expect((await refusal(declared)).message).toMatch(/its entry "recordings\/001-x\.cast" would inflate to 65 MiB, more than the 64 MiB such an entry may be/);
  });

  test('a manifest larger than a manifest may be', async () => {
    const zip = await zipOf([{ name: 'manifest.json', data: json({ format: 'orangebox-console-snapshot' }) }]);
    const declared = declareSizes(zip, 'manifest.json', { inflated: 2 * MiB, compressed: 1 * MiB });
    expect((await refusal(declared)).message).toMatch(/its entry "manifest\.json" would inflate to 2 MiB, more than the 1 MiB such an entry may be/);
  });

  test('entries that together declare more than a snapshot may hold are refused before any is inflated', async () => {
    let zip = await zipOf(['commands.json', 'inventory.json', 'diagnostics.json'].map((name) => ({ name, data: json([]) })));
    // Each within its own bound and ratio: only the total gives them away.
    for (const name of ['commands.json', 'inventory.json', 'diagnostics.json']) zip = declareSizes(zip, name, { inflated: 200 * MiB, compressed: 1 * MiB });
    expect((await refusal(zip)).message).toBe(
      'this file is refused: its entries would inflate to more than 512 MiB in all (a snapshot stays below that; this looks like a decompression bomb). Nothing was inflated',
    );
  });

  test('more entries than a snapshot holds', async () => {
    const many = await zipOf(Array.from({ length: MAX_ENTRY_COUNT + 1 }, (_, index) => ({ name: `part-${index}.json`, data: Buffer.from('{}') })));
    expect((await refusal(many)).message).toBe(`this file holds ${MAX_ENTRY_COUNT + 1} entries, more than the ${MAX_ENTRY_COUNT} a snapshot may hold; it was not opened`);
  });
});

describe('a snapshot opened to be shown (its commands read when asked)', () => {
  const whenAsked = (bytes: Buffer) => decodeSnapshotBytes(bytes, 'this file', { commands: 'when-asked' });

  test('gives the same content as reading it at once', async () => {
    const bytes = await encodeSnapshot(await realisticSnapshot());
    expect(await whenAsked(bytes)).toEqual(await decodeSnapshot(bytes));
  });

  test('refuses commands.json changed after it was written, or not UTF-8, before anything is shown', async () => {
    const changed = await rebuilt(
      (entries) => entries.set('commands.json', Buffer.from(entries.get('commands.json')!.toString('utf8').replace('"machineId":"22"', '"machineId":"23"'))),
      { refreshManifest: false },
    );
    await expect(whenAsked(changed)).rejects.toThrow(/^this file is damaged: commands\.json does not match its SHA-256 in manifest\.json/);
    const latin1 = await rebuilt((entries) => entries.set('commands.json', Buffer.from('[{"machineId": "Caf\xe9"}]', 'latin1')));
    await expect(whenAsked(latin1)).rejects.toThrow('this file is damaged: commands.json is not UTF-8 text (a snapshot writes every entry as UTF-8)');
  });

  test('says a misshapen commands.json is damaged, in the same words, when its commands are first read', async () => {
    const misshapen = await rebuilt((entries) => entries.set('commands.json', json([{ machineId: '22', argv: 'lxc list' }])));
    const content = await whenAsked(misshapen);
    expect(() => content.commands).toThrow(/^this file is damaged: commands\.json does not hold a list of commands \(0\.argv: /);
    const notJson = await whenAsked(await rebuilt((entries) => entries.set('commands.json', Buffer.from('[{"machineId": "22",'))));
    expect(() => notJson.commands).toThrow(/^this file is damaged: commands\.json is not valid JSON \(/);
  });
});
