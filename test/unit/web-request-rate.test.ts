// The browser host's request rate per page: a flood of requests is answered `rate-limited` at once,
// and a real shell's input and output keep flowing through it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerFrame } from '../../electron/contract/wire-protocol';
import type { TerminalInfo } from '../../electron/contract/terminals';
import { startWebHost, type WebHost } from '../../electron/web/web-host';
import { REQUEST_BURST, REQUESTS_PER_SECOND, RequestRateLimit } from '../../electron/web/request-rate-limit';
import { makeCoreFixture, type CoreFixture } from '../support/core-fixture';
import { openRawPageSocket, type RawPageSocket } from '../support/raw-page-socket';

/** A login shell's profile can take seconds on a busy machine before it reads a line. */
const SHELL_START_MS = 20_000;
/** Far past the page's budget: most of these must be refused. */
const FLOOD_REQUESTS = 5_000;
/** Typed lines interleaved with the flood, one every this many flood requests. */
const FLOOD_PER_TYPED_LINE = 250;

describe('the request rate limit (a token bucket per page)', () => {
  it('lets a burst through, refuses past it, refills at its rate, and never counts terminal I/O', () => {
    let now = 0;
    const limit = new RequestRateLimit(() => now);
    for (let index = 0; index < REQUEST_BURST; index += 1) expect(limit.allows('labs.list')).toBe(true);
    expect(limit.allows('inventory.refresh')).toBe(false);
    for (const name of ['terminals.input', 'terminals.ack', 'terminals.resize']) expect(limit.allows(name), name).toBe(true);
    now += 1000 / REQUESTS_PER_SECOND;
    expect(limit.allows('labs.list')).toBe(true);
    expect(limit.allows('labs.list')).toBe(false);
    now += 60_000;
    for (let index = 0; index < REQUEST_BURST; index += 1) expect(limit.allows('labs.list')).toBe(true);
    expect(limit.allows('labs.list')).toBe(false);
  });
});

describe('a page flooding the browser host with requests', () => {
  let fixture: CoreFixture;
  let host: WebHost;
  let rendererDir: string;
  let page: RawPageSocket;

  beforeAll(async () => {
    fixture = await makeCoreFixture({ agentSocket: null });
    rendererDir = await mkdtemp(join(tmpdir(), 'obx-renderer-'));
    host = await startWebHost({ core: fixture.core, rendererDir });
    page = await openRawPageSocket(host);
  });

  afterAll(async () => {
    page?.socket.close();
    await host?.close();
    await fixture?.dispose();
    await rm(rendererDir, { recursive: true, force: true });
  });

  const outcomeOf = (id: number) => page.answers.find((frame): frame is Extract<ServerFrame, { type: 'outcome' }> => frame.type === 'outcome' && frame.id === id);

  it('answers the flood rate-limited past its budget, while a real shell’s typing and output go on', { timeout: 120_000 }, async () => {
    let nextId = 1;
    const request = (name: string, params: unknown) => {
      const id = nextId++;
      page.socket.send(JSON.stringify({ type: 'request', id, name, params }));
      return id;
    };
    const openId = request('terminals.open', { target: { kind: 'local' }, cols: 100, rows: 30 });
    await page.until('the local terminal opens', () => outcomeOf(openId) !== undefined, SHELL_START_MS);
    const opened = outcomeOf(openId)!.outcome;
    if (!opened.ok) throw new Error(`terminals.open: ${opened.error.message}`);
    const terminal = opened.result as TerminalInfo;

    // The flood, with a line typed into the shell every FLOOD_PER_TYPED_LINE requests, all sent at once.
    const floodIds: number[] = [];
    const inputIds: number[] = [];
    const markers: string[] = [];
    for (let index = 0; index < FLOOD_REQUESTS; index += 1) {
      floodIds.push(request(index % 2 ? 'recordings.list' : 'app.about', null));
      if (index % FLOOD_PER_TYPED_LINE === FLOOD_PER_TYPED_LINE - 1) {
        const marker = `flood-marker-${index}`;
        markers.push(marker);
        // Written as two parts so the echo of the typed line is not what is found: only the output is.
        inputIds.push(request('terminals.input', { id: terminal.id, data: `echo ${marker.slice(0, 6)}''${marker.slice(6)}\r` }));
      }
    }

    await page.until('every flood request answered', () => floodIds.every((id) => outcomeOf(id) !== undefined), 60_000);
    const limited = floodIds.filter((id) => { const outcome = outcomeOf(id)!.outcome; return !outcome.ok && outcome.error.code === 'rate-limited'; });
    // The budget and what refilled while the flood was read went through; the rest was refused.
    expect(limited.length).toBeGreaterThan(FLOOD_REQUESTS / 2);
    expect(outcomeOf(limited[0]!)!.outcome).toEqual({ ok: false, error: { code: 'rate-limited', message: expect.stringContaining('terminals go on') } });
    // Every keystroke went to the shell, and the shell answered every line.
    await page.until('every typed line accepted', () => inputIds.every((id) => outcomeOf(id) !== undefined));
    expect(inputIds.map((id) => outcomeOf(id)!.outcome)).toEqual(inputIds.map(() => ({ ok: true, result: null })));
    await page.until('the shell’s output of every typed line', () => markers.every((marker) => page.terminalText.get(terminal.id)?.includes(marker)), SHELL_START_MS);
    expect(page.socket.readyState).toBe(page.socket.OPEN);
  });
});
