// The contract fuzzed over its real carrier (issue 12 §4): a real browser host and a real core with
// no lab, a page socket sending random and mutated frames for every request of the contract. Each
// frame is answered (an outcome with a coded error or a result, or a protocol error when there is
// no id to answer), the host keeps serving, and memory stays bounded.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errorCodes } from '../../../electron/contract/console-errors';
import type { ServerFrame } from '../../../electron/contract/wire-protocol';
import { startWebHost, type WebHost } from '../../../electron/web/web-host';
import { REQUEST_BURST } from '../../../electron/web/request-rate-limit';
import { makeCoreFixture, type CoreFixture } from '../../support/core-fixture';
import { openRawPageSocket, type RawPageSocket } from '../../support/raw-page-socket';
import { fuzzFrames, REQUEST_NAMES, type FuzzFrame } from './contract-payloads';

const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_260_612);
/** About 170 frames per request of the contract, and some that are no request at all. */
const FRAMES = 10_000;
/**
 * Frames per page socket: a new socket before the page's request budget (REQUEST_BURST) runs out,
 * so the frames reach the core rather than the rate limit (which has its own test).
 */
const FRAMES_PER_SOCKET = Math.floor(REQUEST_BURST / 2);
/**
 * How much the process (test, host and core are one process here) may grow over the run: measured
 * ~40–60 MB, the heap's own slack. A core keeping a little of each frame (its params, its answer, a
 * listener per socket) of some 15 KB a frame adds 150 MB over 10,000 frames and fails this; small leaks of a
 * few bytes a frame are below what RSS can tell from a garbage-collected heap.
 */
const RSS_GROWTH_BOUND = 192 * 1024 * 1024;

let fixture: CoreFixture;
let host: WebHost;
let rendererDir: string;

beforeAll(async () => {
  fixture = await makeCoreFixture();
  rendererDir = await mkdtemp(join(tmpdir(), 'obx-renderer-'));
  host = await startWebHost({ core: fixture.core, rendererDir });
});

afterAll(async () => {
  await host?.close();
  await fixture?.dispose();
  await rm(rendererDir, { recursive: true, force: true });
});

function send(page: RawPageSocket, frame: FuzzFrame): void {
  if (frame.kind === 'text') page.socket.send(frame.text);
  else if (frame.kind === 'binary') page.socket.send(frame.bytes, { binary: true });
  else page.socket.send(JSON.stringify({ type: 'request', id: frame.id, name: frame.name, params: frame.params }));
}

/** What is wrong with the answer to `frame`; empty when it is a proper one. */
function answerFaults(frame: FuzzFrame, answer: ServerFrame): string[] {
  const sentId = frame.kind === 'request' && typeof frame.id === 'number' && Number.isInteger(frame.id) ? frame.id : null;
  if (answer.type === 'protocol-error') {
    if (typeof answer.message !== 'string' || answer.message === '') return ['a protocol error without a message'];
    return sentId !== null && frame.kind === 'request' && Number.isSafeInteger(sentId) && sentId >= 0 ? [`request ${sentId} got a protocol error, not its outcome`] : [];
  }
  if (answer.type !== 'outcome') return [`a ${answer.type} frame where an answer was due`];
  const faults: string[] = [];
  if (sentId !== null && answer.id !== sentId) faults.push(`the outcome is for id ${answer.id}, not ${sentId}`);
  const outcome = answer.outcome as { ok: boolean; error?: { code?: unknown; message?: unknown } };
  if (outcome.ok === false) {
    if (!(errorCodes as readonly unknown[]).includes(outcome.error?.code)) faults.push(`an error without a known code: ${JSON.stringify(outcome.error)}`);
    if (typeof outcome.error?.message !== 'string' || outcome.error.message === '') faults.push('an error without a message');
    if (outcome.error?.code === 'internal') faults.push(`the core failed inside (a bug): ${String(outcome.error.message)}`);
  } else if (outcome.ok !== true) faults.push(`an outcome that is neither ok nor an error: ${JSON.stringify(outcome).slice(0, 200)}`);
  return faults;
}

describe('the contract over the real WebSocket, fuzzed', () => {
  it(`answers ${FRAMES} random and mutated frames for all ${REQUEST_NAMES.length} requests, keeps serving, and stays within its memory bound`, { timeout: 300_000 }, async () => {
    let page = await openRawPageSocket(host);
    let sentOnPage = 0;
    const rssBefore = process.memoryUsage().rss;
    const answeredBy = new Map<string, number>();
    const answers = new Map<string, number>();

    await (async () => {
      const details = await fc.check(
        fc.asyncProperty(fuzzFrames, async (frame) => {
          if (sentOnPage === FRAMES_PER_SOCKET) {
            page.socket.close();
            page = await openRawPageSocket(host);
            sentOnPage = 0;
          }
          sentOnPage += 1;
          send(page, frame);
          const answer = await page.nextAnswer();
          const faults = answerFaults(frame, answer);
          if (faults.length > 0) throw new Error(`${JSON.stringify(frame).slice(0, 300)}\n${faults.join('\n')}`);
          if (frame.kind === 'request' && typeof frame.name === 'string') answeredBy.set(frame.name, (answeredBy.get(frame.name) ?? 0) + 1);
          const code = answer.type === 'outcome' ? (answer.outcome.ok ? 'ok' : answer.outcome.error.code) : answer.type;
          answers.set(code, (answers.get(code) ?? 0) + 1);
        }),
        { seed: FUZZ_SEED, numRuns: FRAMES, endOnFailure: true },
      );
      if (details.failed) throw new Error(`contract fuzzing failed after ${details.numRuns} frames (replay: seed ${details.seed}, path "${details.counterexamplePath}"):\n${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`);
    })();

    // Every request of the contract was tried, the socket is still open, and the host still answers.
    expect(REQUEST_NAMES.filter((name) => !answeredBy.has(name))).toEqual([]);
    expect(page.socket.readyState).toBe(page.socket.OPEN);
    page.socket.send(JSON.stringify({ type: 'request', id: 1, name: 'app.about', params: null }));
    expect(await page.nextAnswer()).toMatchObject({ type: 'outcome', id: 1, outcome: { ok: true, result: { name: 'OrangeBox Console' } } });
    const growth = process.memoryUsage().rss - rssBefore;
    console.info(`contract fuzz: ${FRAMES} frames answered ${JSON.stringify(Object.fromEntries(answers))}; RSS grew ${(growth / 1024 / 1024).toFixed(1)} MB (bound ${RSS_GROWTH_BOUND / 1024 / 1024} MB)`);
    expect(growth).toBeLessThan(RSS_GROWTH_BOUND);
    page.socket.close();
  });
});
