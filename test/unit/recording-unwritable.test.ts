// A recordings folder that cannot take the recording, on real file systems (root mounts a small
// tmpfs): a read-only folder is refused when the recording starts, in words; a folder that fills
// up mid-recording stops the recording, says so in the terminal and its pane, keeps the terminal running, and
// leaves a file that ends on a whole event and plays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleCore, type ConsoleCore } from '../../electron/core/console-core';
import { FileStore } from '../../electron/store/file-store';
import type { RequestOutcome } from '../../electron/contract/console-contract';
import type { TerminalInfo } from '../../electron/contract/terminals';

/** The full folder: a few pages of output fill it; the header and some events fit. */
const FULL_FOLDER_SIZE = '64k';
/** What the shell prints into the full folder's recording: several times the folder's size. */
const FLOOD_BYTES = 400_000;
/** A login shell can take seconds on a busy machine; output and the notice follow within this. */
const SHELL_MS = 30_000;

let dir: string;
let fullFolder: string;
let readOnlyFolder: string;
let core: ConsoleCore;
const texts = new Map<string, string>();
const infos = new Map<string, TerminalInfo>();
const mounted: string[] = [];

async function call<T>(name: string, params: unknown): Promise<RequestOutcome<T>> {
  return (await core.dispatch(name, params)) as RequestOutcome<T>;
}
async function ok<T>(name: string, params: unknown): Promise<T> {
  const outcome = await call<T>(name, params);
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`);
  return outcome.result;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'obx-rec-unwritable-'));
  fullFolder = join(dir, 'full');
  readOnlyFolder = join(dir, 'read-only');
  await mkdir(fullFolder);
  await mkdir(readOnlyFolder);
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${FULL_FOLDER_SIZE},mode=0700`, 'obx-full', fullFolder]);
  mounted.push(fullFolder);
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k,mode=0700', 'obx-ro', readOnlyFolder]);
  mounted.push(readOnlyFolder);
  core = await createConsoleCore({ host: 'browser', store: new FileStore(join(dir, 'state.json')), agentSocket: null });
  core.streams.attach((stream, payload) => {
    if (stream === 'terminal.data') {
      const { id, data } = payload as { id: string; data: string };
      texts.set(id, ((texts.get(id) ?? '') + data).slice(-20_000));
      void core.dispatch('terminals.ack', { id, chars: data.length });
    } else if (stream === 'terminal.info') {
      const info = payload as TerminalInfo;
      infos.set(info.id, info);
    }
  });
});

afterAll(async () => {
  await core?.close();
  for (const folder of mounted) execFileSync('umount', [folder]);
  await rm(dir, { recursive: true, force: true });
});

describe('a recording whose folder cannot take it', () => {
  it('is refused at the start when the folder is read-only, saying so, and the terminal is not recorded', async () => {
    const terminal = await ok<TerminalInfo>('terminals.open', { target: { kind: 'local' }, cols: 100, rows: 30 });
    const path = join(readOnlyFolder, 'session.cast');
    const outcome = await call<TerminalInfo>('terminals.record', { id: terminal.id, path });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.message).toBe(`cannot write the recording ${path}: the folder is on a read-only file system`);
    expect((await ok<TerminalInfo[]>('terminals.list', null)).find((info) => info.id === terminal.id)?.recordingPath).toBeNull();
    await ok('terminals.close', { id: terminal.id });
  });

  it('with "always record" into a read-only folder, still opens the terminal and says it is not recorded', async () => {
    await ok('settings.update', { alwaysRecord: true, recordingsDirectory: readOnlyFolder });
    try {
      const terminal = await ok<TerminalInfo>('terminals.open', { target: { kind: 'local' }, cols: 100, rows: 30 });
      expect(terminal.recordingPath).toBeNull();
      expect(terminal.recordingProblem).toMatch(new RegExp(`^always record: cannot write the recording ${readOnlyFolder}/[^ ]+\\.cast: the folder is on a read-only file system$`));
      await ok('terminals.input', { id: terminal.id, data: 'echo opened-$((40+2))\r' });
      await expect.poll(() => texts.get(terminal.id) ?? '', { timeout: SHELL_MS, message: 'the shell never answered' }).toContain('opened-42');
      await ok('terminals.close', { id: terminal.id });
    } finally {
      await ok('settings.update', { alwaysRecord: false });
    }
  }, 60_000);

  it('stops when the disk fills up, says so in the terminal, and leaves a file of whole events that plays', async () => {
    const terminal = await ok<TerminalInfo>('terminals.open', { target: { kind: 'local' }, cols: 100, rows: 30 });
    const path = join(fullFolder, 'session.cast');
    const started = await ok<TerminalInfo>('terminals.record', { id: terminal.id, path });
    expect(started.recordingPath).toBe(path);
    await ok('terminals.input', { id: terminal.id, data: `head -c ${FLOOD_BYTES} /dev/zero | tr '\\0' x | fold -w 99; echo FILLED-$((1+1))\r` });
    await expect.poll(() => texts.get(terminal.id) ?? '', { timeout: SHELL_MS, message: 'the shell never finished the output' }).toContain('FILLED-2');
    // The pane says why (the line written into the terminal scrolls away with the flood).
    await expect
      .poll(() => infos.get(terminal.id)?.recordingProblem, { timeout: SHELL_MS, message: 'the terminal never said the recording stopped' })
      .toBe(`the recording stopped: the disk is full (${path}); what was recorded before is kept and plays`);
    expect(infos.get(terminal.id)?.recordingPath).toBeNull();

    // The terminal goes on.
    await ok('terminals.input', { id: terminal.id, data: 'echo still-$((20+1))\r' });
    await expect.poll(() => texts.get(terminal.id) ?? '', { timeout: SHELL_MS, message: 'the shell stopped answering' }).toContain('still-21');

    // The file ends on a whole event: every line is JSON, the header first.
    const text = await readFile(path, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.split('\n').slice(0, -1);
    expect(lines.length).toBeGreaterThan(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ version: 2, width: 100, height: 30 });
    for (const line of lines.slice(1)) expect(Array.isArray(JSON.parse(line))).toBe(true);
    // The console reads it as a whole recording, with no note of a cut-off event.
    const read = await ok<{ cast: string; note: string | null }>('recordings.read', { path });
    expect(read.cast).toBe(text);
    expect(read.note ?? null).toBeNull();
    await ok('terminals.close', { id: terminal.id });
  }, 120_000);
});
