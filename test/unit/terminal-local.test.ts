// Terminals on this computer (node-pty), through the real core: a flood stays within the flow
// control window while the page lags; "always record" records from the first byte; recordings
// are listed and read back, and a file the console neither wrote nor was asked to open is not read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import xtermHeadless from '@xterm/headless';
import { createConsoleCore, type ConsoleCore } from '../../electron/core/console-core';
import { FileStore } from '../../electron/store/file-store';
import type { RequestOutcome } from '../../electron/contract/console-contract';
import type { TerminalInfo } from '../../electron/contract/terminals';
import type { RecordingEntry } from '../../electron/contract/recordings';
import { FLOW_HIGH_WATERMARK_CHARS } from '../../electron/terminals/flow-control';
import { slugOf } from '../../electron/terminals/recordings';

const { Terminal } = xtermHeadless;
/** Big enough to fill the window many times over; small enough for a unit run. */
const FLOOD_BYTES = 8 * 1024 * 1024;
/** How far behind the page acknowledges. */
const PAGE_LAG_MS = 20;
/** A login shell's profile (root's here runs pyenv) can take seconds on a busy machine before it reads a line. */
const SHELL_START_MS = 20_000;
/** ssh2/node-pty hand over chunks of up to 64 KiB: at most one more arrives after the pause. */
const LARGEST_CHUNK_CHARS = 64 * 1024;

let dir: string;
let core: ConsoleCore;
const received = new Map<string, number>();
const acknowledged = new Map<string, number>();
const texts = new Map<string, string>();
let worstUnacknowledged = 0;
const pages = new Map<string, InstanceType<typeof Terminal>>();
/** Terminals whose page acknowledges this late (a page far slower than the flood). */
const slowPages = new Map<string, number>();

/** The lines a page's xterm holds (scrollback and screen), once it has written everything. */
async function pageLines(id: string): Promise<string[]> {
  const page = pages.get(id)!;
  await new Promise<void>((resolve) => page.write('', resolve));
  const buffer = page.buffer.active;
  return Array.from({ length: buffer.length }, (_, index) => buffer.getLine(index)?.translateToString(true) ?? '');
}

async function call<T>(name: string, params: unknown): Promise<T> {
  const outcome = (await core.dispatch(name, params)) as RequestOutcome<T>;
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`);
  return outcome.result;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'obx-local-term-'));
  core = await createConsoleCore({ host: 'browser', store: new FileStore(join(dir, 'state.json')), agentSocket: null });
  core.streams.attach((stream, payload) => {
    if (stream !== 'terminal.data') return;
    const { id, data } = payload as { id: string; data: string };
    received.set(id, (received.get(id) ?? 0) + data.length);
    texts.set(id, ((texts.get(id) ?? '') + data).slice(-4000));
    worstUnacknowledged = Math.max(worstUnacknowledged, (received.get(id) ?? 0) - (acknowledged.get(id) ?? 0));
    let page = pages.get(id);
    if (!page) pages.set(id, (page = new Terminal({ cols: 120, rows: 40, scrollback: 1000, allowProposedApi: true })));
    // A page acknowledges what it has written, like the renderer does, and lags a little
    // behind (a busy page): without flow control the core would race ahead by megabytes.
    page.write(data, () =>
      setTimeout(() => {
        acknowledged.set(id, (acknowledged.get(id) ?? 0) + data.length);
        void core.dispatch('terminals.ack', { id, chars: data.length });
      }, slowPages.get(id) ?? PAGE_LAG_MS),
    );
  });
});

afterAll(async () => {
  await core?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a local terminal', () => {
  it('carries a flood to the end, every byte, without the core getting more than one window ahead of the page', async () => {
    await call('settings.update', { fastForwardFloods: false });
    const terminal = await call<TerminalInfo>('terminals.open', { target: { kind: 'local' }, cols: 120, rows: 40 });
    await call('terminals.input', { id: terminal.id, data: `head -c ${FLOOD_BYTES} /dev/urandom | base64 -w 76; echo FLOOD-DONE-$((1+1))\r` });
    await expect.poll(() => texts.get(terminal.id) ?? '', { timeout: 120_000, interval: 200 }).toContain('FLOOD-DONE-2');
    expect(received.get(terminal.id)).toBeGreaterThan(FLOOD_BYTES * 1.3); // base64 of the flood arrived
    expect(worstUnacknowledged).toBeLessThanOrEqual(FLOW_HIGH_WATERMARK_CHARS + LARGEST_CHUNK_CHARS);
    await call('terminals.close', { id: terminal.id });
    await call('settings.update', { fastForwardFloods: true });
  }, 150_000);

  it.each([
    ['a page that falls behind (it acknowledges 200 ms late)', 200],
    ['a page that keeps up (the flood is held back from it all the same)', PAGE_LAG_MS],
  ])('fast-forwards a flood for %s: it gets less, and ends with the same lines', async (_page, lagMs) => {
    const terminal = await call<TerminalInfo>('terminals.open', { target: { kind: 'local' }, cols: 120, rows: 40 });
    slowPages.set(terminal.id, lagMs);
    worstUnacknowledged = 0;
    const count = 400_000;
    await call('terminals.input', { id: terminal.id, data: `seq 1 ${count}; echo SEQ-DONE-$((1+1))\r` });
    await expect.poll(() => texts.get(terminal.id) ?? '', { timeout: 120_000, interval: 200 }).toContain('SEQ-DONE-2');
    const produced = Array.from({ length: count }, (_, index) => `${index + 1}\r\n`).join('').length;
    expect(received.get(terminal.id)).toBeLessThan(produced / 2);
    expect(worstUnacknowledged).toBeLessThanOrEqual(FLOW_HIGH_WATERMARK_CHARS + LARGEST_CHUNK_CHARS);
    // The page's scrollback (1,000 lines) ends with the flood's last lines, in order, no gap.
    const lines = await pageLines(terminal.id);
    const last = lines.indexOf(String(count));
    expect(last).toBeGreaterThan(900);
    expect(lines[last + 1]).toBe('SEQ-DONE-2');
    const numbers = lines.slice(0, last + 1).filter((line) => /^\d+$/.test(line)).map(Number);
    expect(numbers.length).toBeGreaterThan(900);
    numbers.forEach((value, index) => expect(value).toBe(count - numbers.length + 1 + index));
    await call('terminals.close', { id: terminal.id });
  }, 150_000);

  it('records every new terminal when "always record" is on, and lists and plays recordings', async () => {
    const folder = join(dir, 'recordings');
    await call('settings.update', { alwaysRecord: true, recordingsDirectory: folder });
    const terminal = await call<TerminalInfo>('terminals.open', { target: { kind: 'local' }, cols: 90, rows: 25 });
    expect(terminal.recordingPath).toMatch(new RegExp(`^${folder}/${slugOf(terminal.title)}-\\d{8}-\\d{6}\\.cast$`));
    await call('terminals.input', { id: terminal.id, data: 'echo always-$((20+1))\r' });
    await expect.poll(() => texts.get(terminal.id) ?? '', { timeout: SHELL_START_MS, message: 'the shell never ran the command' }).toContain('always-21');
    await call('terminals.close', { id: terminal.id });

    const list = await call<RecordingEntry[]>('recordings.list', null);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ path: terminal.recordingPath, title: terminal.title });
    expect(list[0]!.durationSeconds).toBeGreaterThan(0);
    const { cast } = await call<{ cast: string }>('recordings.read', { path: terminal.recordingPath });
    expect(JSON.parse(cast.split('\n')[0]!)).toMatchObject({ version: 2, width: 90, height: 25 });
    expect(cast).toContain('always-21');
    // "Always record" never records what is typed (a password at a prompt is input).
    expect(cast.split('\n').slice(1).some((line) => line.startsWith('[') && (JSON.parse(line) as unknown[])[1] === 'i')).toBe(false);
    await call('settings.update', { alwaysRecord: false });
  }, SHELL_START_MS * 2);

  it('records what is typed only when asked for that recording', async () => {
    const terminal = await call<TerminalInfo>('terminals.open', { target: { kind: 'local' }, cols: 90, rows: 25 });
    const typedEvents = async (file: string) => (await readFile(file, 'utf8')).split('\n').slice(1).filter((line) => line.startsWith('[')).filter((line) => (JSON.parse(line) as unknown[])[1] === 'i');
    const withKeys = join(dir, 'with-keys.cast');
    const started = await call<TerminalInfo>('terminals.record', { id: terminal.id, path: withKeys, input: true });
    expect(started.recordingInput).toBe(true);
    await call('terminals.input', { id: terminal.id, data: 'echo keys-$((30+3))\r' });
    await expect.poll(() => texts.get(terminal.id) ?? '', { timeout: SHELL_START_MS, message: 'the shell never ran the command' }).toContain('keys-33');
    await call('terminals.record', { id: terminal.id, path: null });
    expect((await typedEvents(withKeys)).join('')).toContain('echo keys-$((30+3))');

    const outputOnly = join(dir, 'output-only.cast');
    expect((await call<TerminalInfo>('terminals.record', { id: terminal.id, path: outputOnly })).recordingInput).toBe(false);
    await call('terminals.input', { id: terminal.id, data: 'echo plain-$((40+4))\r' });
    await expect.poll(() => texts.get(terminal.id) ?? '', { timeout: SHELL_START_MS, message: 'the shell never ran the command' }).toContain('plain-44');
    await call('terminals.close', { id: terminal.id });
    expect(await readFile(outputOnly, 'utf8')).toContain('plain-44');
    expect(await typedEvents(outputOnly)).toEqual([]);
  }, 3 * SHELL_START_MS);

  it('refuses to read a file the console neither recorded nor was asked to open', async () => {
    await writeFile(join(dir, 'outside.cast'), '{"version":2}\n');
    for (const path of [join(dir, 'outside.cast'), join(dir, 'recordings', '..', 'state.json'), '/etc/passwd']) {
      const outcome = await core.dispatch('recordings.read', { path });
      expect(outcome, path).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    }
    expect(await readFile(join(dir, 'outside.cast'), 'utf8')).toContain('version');
  });
});

describe('a terminal whose output piled up while no page was attached', () => {
  it('answers again once a page attaches (flow control restarts on attach)', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'obx-unattached-'));
    const lonely = await createConsoleCore({ host: 'browser', store: new FileStore(join(folder, 'state.json')), agentSocket: null });
    let seen = '';
    let acking = false;
    lonely.streams.attach((stream, payload) => {
      if (stream !== 'terminal.data') return;
      const { id, data } = payload as { id: string; data: string };
      seen = (seen + data).slice(-2000);
      if (acking) void lonely.dispatch('terminals.ack', { id, chars: data.length });
    });
    try {
      // The program is paused while no page acknowledges (with fast-forward, a plain flood like
      // this one would mostly be dropped and fit in the window).
      await lonely.dispatch('settings.update', { fastForwardFloods: false });
      const opened = (await lonely.dispatch('terminals.open', { target: { kind: 'local' }, cols: 80, rows: 24 })) as RequestOutcome<TerminalInfo>;
      if (!opened.ok) throw new Error(opened.error.message);
      const id = opened.result.id;
      // No page acknowledges: far more than the high watermark is produced (lines of 6–7
      // characters), so reading pauses.
      await lonely.dispatch('terminals.input', { id, data: `seq 1 ${Math.ceil(FLOW_HIGH_WATERMARK_CHARS / 3)}; echo SEQ-$((2+3))-DONE\r` });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(seen).not.toContain('SEQ-5-DONE');
      // A page comes: it attaches, then acknowledges what it writes.
      acking = true;
      const attached = (await lonely.dispatch('terminals.attach', { id })) as RequestOutcome<{ screen: string }>;
      expect(attached.ok).toBe(true);
      await expect.poll(() => seen, { timeout: 20_000 }).toContain('SEQ-5-DONE');
    } finally {
      await lonely.close();
      await rm(folder, { recursive: true, force: true });
    }
  }, 40_000);
});
