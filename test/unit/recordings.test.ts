// Recordings through the real core (local terminals, a real state file): every recording the
// console wrote is listed wherever it was saved and whatever the recordings folder is now, also
// after a restart; a file that is gone is listed as missing; a .cast file opened by path is
// checked and listed; a damaged or foreign file gets a message that says what is wrong; and a
// file the console neither wrote nor was asked to open is never read.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, truncate, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleCore, type ConsoleCore } from '../../electron/core/console-core';
import { FileStore } from '../../electron/store/file-store';
import type { RequestOutcome } from '../../electron/contract/console-contract';
import type { TerminalInfo } from '../../electron/contract/terminals';
import type { OpenedRecording, RecordingEntry, RecordingPlayback } from '../../electron/contract/recordings';
import { MAX_PLAYBACK_BYTES } from '../../electron/contract/asciicast';
import { MAX_REMEMBERED_RECORDINGS } from '../../electron/terminals/recording-catalog';

/** A shell's echo comes back within this on any machine that runs the tests. */
const OUTPUT_MS = 10_000;
/** A test here starts up to two real shells and waits for each (OUTPUT_MS): 5 s, the default, failed under load 10. */
const SHELLS_TEST_MS = 3 * OUTPUT_MS;

let dir: string;
let stateFile: string;
let core: ConsoleCore;
let output = new Map<string, string>();

async function startCore(): Promise<ConsoleCore> {
  const started = await createConsoleCore({ host: 'browser', store: new FileStore(stateFile), agentSocket: null });
  started.streams.attach((stream, payload) => {
    if (stream !== 'terminal.data') return;
    const { id, data } = payload as { id: string; data: string };
    output.set(id, ((output.get(id) ?? '') + data).slice(-4000));
    void started.dispatch('terminals.ack', { id, chars: data.length });
  });
  return started;
}

async function call<T>(name: string, params: unknown, on = core): Promise<T> {
  const outcome = (await on.dispatch(name, params)) as RequestOutcome<T>;
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`);
  return outcome.result;
}

async function refusal(name: string, params: unknown): Promise<{ code: string; message: string }> {
  const outcome = (await core.dispatch(name, params)) as RequestOutcome;
  if (outcome.ok) throw new Error(`${name} ${JSON.stringify(params)} was expected to be refused, and was not`);
  return outcome.error;
}

/** Opens a local shell, records `words` typed into it to `path` (or with "always record"), closes it. */
async function recordShell(words: string, path: string | null): Promise<TerminalInfo> {
  const terminal = await call<TerminalInfo>('terminals.open', { target: { kind: 'local' }, cols: 80, rows: 24 });
  if (path) await call('terminals.record', { id: terminal.id, path });
  await call('terminals.input', { id: terminal.id, data: `echo ${words}-$((40+2))\r` });
  await expect.poll(() => output.get(terminal.id) ?? '', { timeout: OUTPUT_MS, message: `the shell never echoed ${words}-42` }).toContain(`${words}-42`);
  const recordingPath = (await call<TerminalInfo[]>('terminals.list', null)).find((info) => info.id === terminal.id)?.recordingPath ?? null;
  await call('terminals.close', { id: terminal.id });
  return { ...terminal, recordingPath };
}

const listed = () => call<RecordingEntry[]>('recordings.list', null);
const entryAt = async (path: string) => (await listed()).find((entry) => entry.path === path);

const header = (extra: object = {}) => JSON.stringify({ version: 2, width: 80, height: 24, timestamp: 1767268800, title: 'opened demo', ...extra });
const validCast = `${header()}\n[0.5, "o", "hello\\r\\n"]\n[1.25, "o", "bye\\r\\n"]\n`;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'obx-recordings-'));
  stateFile = join(dir, 'state.json');
  output = new Map();
  core = await startCore();
});

afterEach(async () => {
  await core?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the recordings the console wrote', { timeout: SHELLS_TEST_MS }, () => {
  it('lists recordings saved in two folders outside the recordings folder, and plays both', async () => {
    await call('settings.update', { recordingsDirectory: join(dir, 'settings-folder') });
    const first = await recordShell('first', join(dir, 'visit-a', 'controller.cast'));
    const second = await recordShell('second', join(dir, 'visit-b', 'nested', 'gateway.cast'));

    const entries = await listed();
    expect(entries.map((entry) => entry.path).sort()).toEqual([join(dir, 'visit-a', 'controller.cast'), join(dir, 'visit-b', 'nested', 'gateway.cast')]);
    for (const [terminal, words] of [[first, 'first'], [second, 'second']] as const) {
      const entry = entries.find((candidate) => candidate.path === terminal.recordingPath)!;
      expect(entry).toMatchObject({ origin: 'recorded', title: terminal.title, missing: false, inProgress: false, problem: null });
      expect(entry.bytes).toBeGreaterThan(0);
      const { cast } = await call<RecordingPlayback>('recordings.read', { path: entry.path });
      expect(cast).toContain(`${words}-42`);
    }
  });

  it('keeps listing older recordings after the recordings folder changes, and after a restart', async () => {
    const oldFolder = join(dir, 'old-folder');
    await call('settings.update', { alwaysRecord: true, recordingsDirectory: oldFolder });
    const old = await recordShell('older', null);
    expect(old.recordingPath?.startsWith(`${oldFolder}/`)).toBe(true);
    await call('settings.update', { recordingsDirectory: join(dir, 'new-folder') });
    const fresh = await recordShell('newer', null);

    expect((await listed()).map((entry) => entry.path)).toEqual([fresh.recordingPath, old.recordingPath]); // newest first
    expect((await call<RecordingPlayback>('recordings.read', { path: old.recordingPath })).cast).toContain('older-42');

    await core.close();
    core = await startCore();
    expect((await listed()).map((entry) => entry.path)).toEqual([fresh.recordingPath, old.recordingPath]);
    expect((await call<RecordingPlayback>('recordings.read', { path: old.recordingPath })).cast).toContain('older-42');
  });

  it('lists a recording whose file is gone as missing, with its last size, and forgets it on request', async () => {
    const terminal = await recordShell('gone', join(dir, 'elsewhere', 'gone.cast'));
    const path = terminal.recordingPath!;
    await expect.poll(async () => (await entryAt(path))?.bytes ?? 0, { timeout: OUTPUT_MS, message: 'the recording size was never listed' }).toBeGreaterThan(0);
    const size = (await readFile(path)).length;
    await expect.poll(async () => JSON.parse(await readFile(stateFile, 'utf8')).recordings[0]?.bytes, { timeout: OUTPUT_MS, message: 'the final size was never saved' }).toBe(size);
    await rm(path);

    expect(await entryAt(path)).toMatchObject({ missing: true, bytes: size, title: terminal.title });
    const gone = await refusal('recordings.read', { path });
    expect(gone.code).toBe('not-found');
    expect(gone.message).toContain(path);
    expect(await call<RecordingEntry[]>('recordings.forget', { path })).toEqual([]);
  });

  it('marks the recording a terminal is writing now', async () => {
    const terminal = await call<TerminalInfo>('terminals.open', { target: { kind: 'local' }, cols: 80, rows: 24 });
    const path = join(dir, 'live.cast');
    await call('terminals.record', { id: terminal.id, path });
    expect(await entryAt(path)).toMatchObject({ inProgress: true, missing: false });
    await call('terminals.record', { id: terminal.id, path: null });
    expect(await entryAt(path)).toMatchObject({ inProgress: false });
    await call('terminals.close', { id: terminal.id });
  });
});

describe('opening a .cast file by path', () => {
  it('plays it and lists it from then on (also after a restart)', async () => {
    const path = join(dir, 'from-a-colleague.cast');
    await writeFile(path, validCast);
    const opened = await call<OpenedRecording>('recordings.open', { path });
    expect(opened.cast).toBe(validCast);
    expect(opened.note).toBeNull();
    expect(opened.entry).toMatchObject({ path, origin: 'opened', title: 'opened demo', durationSeconds: 1.25, startedAt: '2026-01-01T12:00:00.000Z' });
    expect(await entryAt(path)).toMatchObject({ origin: 'opened' });

    await core.close();
    core = await startCore();
    expect((await call<RecordingPlayback>('recordings.read', { path })).cast).toBe(validCast);
  });

  it('refuses a path the console never recorded nor opened, and reads it once opened', async () => {
    const path = join(dir, 'never-seen.cast');
    await writeFile(path, validCast);
    for (const stranger of [path, join(dir, 'state.json'), '/etc/passwd']) {
      const refused = await refusal('recordings.read', { path: stranger });
      expect(refused.code, stranger).toBe('invalid-payload');
      expect(refused.message, stranger).toMatch(/not a recording this console wrote or you opened/);
    }
    await call('recordings.open', { path });
    expect((await call<RecordingPlayback>('recordings.read', { path })).cast).toBe(validCast);
  });

  it.each([
    ['an event line in the middle is damaged', `${header()}\n[0.5, "o", "hello"]\n[0.7, "o", "hel\n[1.0, "o", "x"]\n`, /line 3 is not an asciicast event/],
    ['it is an asciicast v1 file', JSON.stringify({ version: 1, width: 80, height: 24, stdout: [[0.1, 'hi']] }, null, 2), /not a complete JSON header \(an asciicast v1 file/],
    ['it says version 3', `${JSON.stringify({ version: 3, term: { cols: 80, rows: 24 } })}\n[0.1, "o", "hi"]\n`, /header says version 3; this console plays asciicast version 2/],
    ['its header has no size', `${JSON.stringify({ version: 2 })}\n`, /no valid width and height/],
    ['it is not JSON at all', 'Script started on 2026-01-01\nls\n', /first line is not a JSON header/],
    ['it is empty', '', /it is empty/],
  ])('says what is wrong when %s, and does not list it', async (_case, text, problem) => {
    const path = join(dir, 'damaged.cast');
    await writeFile(path, text);
    const refused = await refusal('recordings.open', { path });
    expect(refused.code).toBe('recording-unplayable');
    expect(refused.message).toContain(path);
    expect(refused.message).toMatch(problem);
    expect(await entryAt(path)).toBeUndefined();
  });

  it('says a file that is not UTF-8 is not a recording', async () => {
    const path = join(dir, 'binary.cast');
    await writeFile(path, Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x00, 0x0a]));
    expect((await refusal('recordings.open', { path })).message).toMatch(/not UTF-8 text/);
  });

  it('refuses a file larger than the player holds without reading it', async () => {
    const path = join(dir, 'huge.cast');
    await writeFile(path, '');
    await truncate(path, MAX_PLAYBACK_BYTES + 5 * 1024 * 1024); // sparse: no disk used
    const refused = await refusal('recordings.open', { path });
    expect(refused.code).toBe('recording-unplayable');
    expect(refused.message).toMatch(/69 MiB, more than the 64 MiB the player can hold; play it with `asciinema play`/);
  });

  it('says so when there is no such file, and refuses what is not a .cast file', async () => {
    const missing = await refusal('recordings.open', { path: join(dir, 'nope.cast') });
    expect(missing).toMatchObject({ code: 'not-found', message: expect.stringContaining('nope.cast') });
    await writeFile(join(dir, 'notes.txt'), validCast);
    expect((await refusal('recordings.open', { path: join(dir, 'notes.txt') })).message).toMatch(/only asciicast recordings \(\.cast files\) can be opened/);
  });

  it('plays a recording whose last event was cut off, and says so', async () => {
    const path = join(dir, 'cut.cast');
    await writeFile(path, `${header()}\n[0.5, "o", "kept"]\n[0.9, "o", "cut o`);
    const opened = await call<OpenedRecording>('recordings.open', { path });
    expect(opened.cast).toBe(`${header()}\n[0.5, "o", "kept"]\n`);
    expect(opened.note).toMatch(/last event \(line 3\) was cut off/);
    expect(opened.entry.durationSeconds).toBe(0.5);
  });
});

describe('the recordings folder', () => {
  it('still lists .cast files the console did not write there, with the reason one will not play', async () => {
    const folder = join(dir, 'folder');
    await mkdir(folder);
    await call('settings.update', { recordingsDirectory: folder });
    await writeFile(join(folder, 'copied-in.cast'), validCast);
    await writeFile(join(folder, 'broken.cast'), 'not a recording\n');
    const entries = await listed();
    expect(entries.find((entry) => entry.name === 'copied-in.cast')).toMatchObject({ origin: 'folder', title: 'opened demo', problem: null });
    expect(entries.find((entry) => entry.name === 'broken.cast')).toMatchObject({ origin: 'folder', problem: expect.stringMatching(/not a JSON header/) });
    expect((await call<RecordingPlayback>('recordings.read', { path: join(folder, 'copied-in.cast') })).cast).toBe(validCast);
  });
});

describe('the saved list of recordings', () => {
  const remembered = (index: number) => ({ path: join('/recordings', `r${index}.cast`), origin: 'recorded', title: `t${index}`, at: new Date(Date.UTC(2026, 0, 1, 0, 0, index)).toISOString(), bytes: 10 });

  it('keeps every readable entry of a damaged list and reports the others', async () => {
    await core.close();
    await writeFile(stateFile, JSON.stringify({ schemaVersion: 1, settings: {}, labs: [], lastLabId: null, recordings: [remembered(1), { path: 42 }, remembered(2)] }));
    const notices: string[] = [];
    core = await startCore();
    for (const notice of await call<{ message: string }[]>('notices.pending', null)) notices.push(notice.message);
    expect((await listed()).map((entry) => entry.path).sort()).toEqual([remembered(1).path, remembered(2).path]);
    expect(notices.join('\n')).toMatch(/remembered recording #2 could not be read .*its file is untouched/);
  });

  it(`is bounded at ${MAX_REMEMBERED_RECORDINGS}, dropping the oldest`, async () => {
    await core.close();
    const many = Array.from({ length: MAX_REMEMBERED_RECORDINGS }, (_, index) => remembered(index));
    await writeFile(stateFile, JSON.stringify({ schemaVersion: 1, settings: {}, labs: [], lastLabId: null, recordings: many }));
    core = await startCore();
    const newest = await recordShell('one-more', join(dir, 'one-more.cast'));
    await core.close(); // waits for the list to be saved
    const saved = JSON.parse(await readFile(stateFile, 'utf8')).recordings as { path: string }[];
    expect(saved).toHaveLength(MAX_REMEMBERED_RECORDINGS);
    expect(saved[0]!.path).toBe(newest.recordingPath);
    expect(saved.at(-1)!.path).toBe(many.at(-2)!.path);
    core = await startCore();
  });
});
