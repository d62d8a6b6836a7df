// A snapshot file the page sends in pieces (chosen or dropped: the page has its bytes, not its
// path), through the real core: it opens like a file on disk, is kept in the snapshots folder
// under its own name (the recent list opens it again), and everything that can go wrong on the
// way (a bad file, a gap, too many bytes, a transfer replaced) is refused in words, with the lab
// shown left as it was and nothing kept.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { makeCoreFixture, type CoreFixture } from '../support/core-fixture';
import { HAND_MADE_LAB, handMadeSnapshot } from '../support/hand-made-snapshot';
import type { RequestOutcome } from '../../electron/contract/console-contract';
import type { ConnectionState } from '../../electron/contract/payloads';
import type { RecentSnapshot } from '../../electron/contract/snapshot-capture';
import { SNAPSHOT_PIECE_BYTES } from '../../electron/contract/snapshot-transfer';
import { encodeSnapshot } from '../../electron/snapshots/snapshot-file';
import { DEFAULT_SNAPSHOT_FOLDER_NAME } from '../../electron/core/snapshot-handlers';
import { MAX_SNAPSHOT_FILE_BYTES } from '../../electron/snapshots/snapshot-limits';

/** Building, encoding and checking a few MB of recording takes seconds on a busy 2-core machine. */
const LARGE_FILE_TEST_MS = 30_000;

let fixture: CoreFixture;
let home: string;
let folder: string;

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'obx-home-'));
  fixture = await makeCoreFixture({ agentSocket: null, home });
  folder = join(home, DEFAULT_SNAPSHOT_FOLDER_NAME);
});
afterEach(async () => {
  await fixture.dispose();
  await rm(home, { recursive: true, force: true });
});

async function call<T>(name: string, params: unknown): Promise<T> {
  const outcome = (await fixture.core.dispatch(name, params)) as RequestOutcome<T>;
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`);
  return outcome.result;
}

async function refusal(name: string, params: unknown): Promise<string> {
  const outcome = await fixture.core.dispatch(name, params);
  if (outcome.ok) throw new Error(`${name} was not refused`);
  return outcome.error.message;
}

/** Sends bytes as the page does: start, pieces in order, finish. */
async function send(name: string, bytes: Buffer): Promise<ConnectionState> {
  const { transferId } = await call<{ transferId: string }>('snapshots.sendStart', { name, bytes: bytes.length });
  for (let offset = 0; offset < bytes.length; offset += SNAPSHOT_PIECE_BYTES) {
    await call('snapshots.sendPiece', { transferId, offset, base64: bytes.subarray(offset, offset + SNAPSHOT_PIECE_BYTES).toString('base64') });
  }
  return call<ConnectionState>('snapshots.sendFinish', { transferId });
}

const keptFiles = async () => (await readdir(folder).catch(() => [] as string[])).sort();

describe('a snapshot file sent from the page', () => {
  test('opens as the lab shown, is kept owner-only under its own name, and is listed as recent', async () => {
    const bytes = await encodeSnapshot(handMadeSnapshot());
    const state = await send('customer lab.obxsnap', bytes);
    expect(state.snapshot).toMatchObject({ labName: HAND_MADE_LAB, kind: 'capture', file: join(folder, 'customer lab.obxsnap') });
    expect((await readFile(join(folder, 'customer lab.obxsnap'))).equals(bytes), 'the kept file differs from the one sent').toBe(true);
    expect((await stat(join(folder, 'customer lab.obxsnap'))).mode & 0o777).toBe(0o600);
    const [recent] = await call<RecentSnapshot[]>('snapshots.recent', null);
    expect(recent?.path).toBe(join(folder, 'customer lab.obxsnap'));
  });

  test('crosses many pieces whole (a file larger than one page message)', async () => {
    const content = handMadeSnapshot();
    // Random output does not compress: the file is several pieces long.
    const noise = Array.from({ length: 800 }, (_, index) => `[${index}.0, "o", "${randomBytes(900).toString('base64')}"]`).join('\n');
    content.recordings = [{ name: 'long.cast', title: 'a long session', cast: `${JSON.stringify({ version: 2, width: 80, height: 24 })}\n${noise}\n` }];
    const bytes = await encodeSnapshot(content);
    expect(bytes.length).toBeGreaterThan(SNAPSHOT_PIECE_BYTES);
    await send('long.obxsnap', bytes);
    // Buffer.equals: a deep toEqual over a megabyte of bytes takes seconds.
    expect((await readFile(join(folder, 'long.obxsnap'))).equals(bytes), 'the kept file differs from the one sent').toBe(true);
  }, LARGE_FILE_TEST_MS);

  test('the same file sent twice is kept once; another file of the same name is kept beside it', async () => {
    const first = await encodeSnapshot(handMadeSnapshot());
    await send('lab.obxsnap', first);
    await send('lab.obxsnap', first);
    expect(await keptFiles()).toEqual(['lab.obxsnap']);
    const other = await encodeSnapshot(handMadeSnapshot({ labName: 'Another lab' }));
    const state = await send('lab.obxsnap', other);
    expect(state.snapshot?.file).toBe(join(folder, 'lab (2).obxsnap'));
    expect(await keptFiles()).toEqual(['lab (2).obxsnap', 'lab.obxsnap']);
  });

  test('a file that is not a snapshot is refused by its own name, nothing is kept, and the lab shown stays', async () => {
    const before = await call<ConnectionState>('connection.get', null);
    const { transferId } = await call<{ transferId: string }>('snapshots.sendStart', { name: 'notes.obxsnap', bytes: 12 });
    await call('snapshots.sendPiece', { transferId, offset: 0, base64: Buffer.from('field notes\n').toString('base64') });
    const message = await refusal('snapshots.sendFinish', { transferId });
    expect(message).toContain('notes.obxsnap');
    expect(message).not.toContain(home);
    expect(await keptFiles()).toEqual([]);
    expect(await call<ConnectionState>('connection.get', null)).toEqual(before);
  });

  test('a gap, a repeat, more bytes than announced, or a file cut short are each refused in words', async () => {
    const bytes = await encodeSnapshot(handMadeSnapshot());
    const start = async () => (await call<{ transferId: string }>('snapshots.sendStart', { name: 'lab.obxsnap', bytes: bytes.length })).transferId;
    const piece = (transferId: string, offset: number, end: number) => ({ transferId, offset, base64: bytes.subarray(offset, end).toString('base64') });

    let transferId = await start();
    expect(await refusal('snapshots.sendPiece', piece(transferId, 100, 200))).toMatch(/out of order \(a piece at byte 100, expected 0\)/);
    // Refused once, the transfer is over: the page starts again.
    expect(await refusal('snapshots.sendPiece', piece(transferId, 0, 100))).toMatch(/no longer going on/);

    transferId = await start();
    await call('snapshots.sendPiece', piece(transferId, 0, 100));
    expect(await refusal('snapshots.sendPiece', piece(transferId, 0, 100))).toMatch(/out of order/);

    const { transferId: small } = await call<{ transferId: string }>('snapshots.sendStart', { name: 'lab.obxsnap', bytes: 10 });
    expect(await refusal('snapshots.sendPiece', piece(small, 0, 100))).toMatch(/more than the 10 bytes it announced/);

    transferId = await start();
    await call('snapshots.sendPiece', piece(transferId, 0, 100));
    expect(await refusal('snapshots.sendFinish', { transferId })).toMatch(/arrived incomplete/);
    expect(await keptFiles()).toEqual([]);
  });

  test('a file larger than a snapshot may be is refused before a byte is sent', async () => {
    expect(await refusal('snapshots.sendStart', { name: 'huge.obxsnap', bytes: MAX_SNAPSHOT_FILE_BYTES + 1 })).toMatch(/huge\.obxsnap is .* more than the 256 MiB a snapshot may be/);
  });

  test('a second file started replaces the first; a cancelled transfer takes no more pieces', async () => {
    const { transferId: first } = await call<{ transferId: string }>('snapshots.sendStart', { name: 'a.obxsnap', bytes: 10 });
    const { transferId: second } = await call<{ transferId: string }>('snapshots.sendStart', { name: 'b.obxsnap', bytes: 10 });
    expect(await refusal('snapshots.sendPiece', { transferId: first, offset: 0, base64: 'AAAA' })).toMatch(/no longer going on/);
    await call('snapshots.sendCancel', { transferId: second });
    expect(await refusal('snapshots.sendPiece', { transferId: second, offset: 0, base64: 'AAAA' })).toMatch(/no longer going on/);
  });

  test('a name with folders in it is kept by its last part only, inside the snapshots folder', async () => {
    const state = await send('../../etc/evil.obxsnap', await encodeSnapshot(handMadeSnapshot()));
    expect(state.snapshot?.file).toBe(join(folder, 'evil.obxsnap'));
    expect(await keptFiles()).toEqual(['evil.obxsnap']);
  });
});
