// The page feed's two ways of handling a page that falls behind, with a channel that records
// pauses and a page that acknowledges only when told to.
import { afterEach, describe, expect, it } from 'vitest';
import { FLOW_HIGH_WATERMARK_CHARS } from './flow-control';
import { FLOOD_QUIET_MS, MAX_QUEUED_CHARS, PageFeed, type PageFeedReplay } from './page-feed';
import type { PendingOutput } from './replay-screen';

const CHUNK = 64 * 1024;
let feed: PageFeed | null = null;

function setUp(fastForward: boolean, replay?: PageFeedReplay) {
  const sent: string[] = [];
  const channel = { paused: false, pauses: 0, pause: () => ((channel.paused = true), (channel.pauses += 1)), resume: () => (channel.paused = false) };
  feed = new PageFeed((text) => sent.push(text), () => channel, () => fastForward, replay);
  const output = (text: string, dropped = false, plain = false): PendingOutput => ({ text, plain, lineFeeds: 0, carriageReturn: false, dropped });
  const sentChars = () => sent.reduce((sum, text) => sum + text.length, 0);
  return { sent, channel, output, sentChars };
}

/** Rounds of send-and-acknowledge a held flood may take to go out: a handful in practice. */
const MAX_CATCH_UP_ROUNDS = 10_000;

afterEach(() => feed?.dispose());

describe('page feed', () => {
  it('pauses the program once the page is a window behind, and resumes it once it caught up', () => {
    const { channel, output, sentChars } = setUp(false);
    let pushed = 0;
    // Bounded: should flow control never pause, the test fails here instead of pushing forever.
    while (!channel.paused && pushed < 4 * FLOW_HIGH_WATERMARK_CHARS) {
      feed!.push(output(String(pushed % 10).repeat(CHUNK)));
      pushed += CHUNK;
    }
    expect(channel.paused, `the program was never paused after ${pushed} characters`).toBe(true);
    expect(pushed).toBeGreaterThan(FLOW_HIGH_WATERMARK_CHARS);
    feed!.push(output('y'.repeat(CHUNK))); // one more was already on its way
    feed!.sendFrame();
    expect(sentChars()).toBe(pushed);
    feed!.acknowledged(pushed);
    expect(channel.paused).toBe(false);
    feed!.sendFrame();
    expect(sentChars()).toBe(pushed + CHUNK);
  });

  it('fast-forwarding, keeps reading while the page is behind and skips what the replay dropped, in order', () => {
    const { sent, channel, output, sentChars } = setUp(true);
    const outputs: PendingOutput[] = [];
    for (let index = 0; index < 40; index += 1) {
      const next = output(`<${index}>${'.'.repeat(CHUNK)}`);
      outputs.push(next);
      feed!.push(next);
    }
    expect(channel.pauses).toBe(0);
    const sentBefore = sentChars();
    expect(sentBefore).toBeLessThan(FLOW_HIGH_WATERMARK_CHARS + 2 * CHUNK);
    // The replay drops chunks 20–29 (they scroll out); the page catches up.
    for (const dropped of outputs.slice(20, 30)) dropped.dropped = true;
    feed!.acknowledged(sentBefore);
    while (sentChars() < 30 * CHUNK) {
      feed!.sendFrame();
      const unacknowledged = sentChars();
      feed!.acknowledged(unacknowledged);
      if (sentChars() === unacknowledged) break;
    }
    feed!.sendFrame();
    const order = sent.join('').match(/<\d+>/g)!.map((marker) => Number(marker.slice(1, -1)));
    expect(order).toEqual([...Array.from({ length: 20 }, (_, index) => index), ...Array.from({ length: 10 }, (_, index) => 30 + index)]);
  });

  it('fast-forwarding output that cannot be dropped, pauses the program once too much is queued', () => {
    const { channel, output } = setUp(true);
    let pushed = 0;
    while (!channel.paused && pushed < 4 * MAX_QUEUED_CHARS) {
      feed!.push(output('c'.repeat(CHUNK)));
      pushed += CHUNK;
    }
    expect(channel.paused).toBe(true);
    expect(pushed).toBeLessThanOrEqual(FLOW_HIGH_WATERMARK_CHARS + MAX_QUEUED_CHARS + 2 * CHUNK);
  });

  it('fast-forwarding, holds a flood of plain text back until it stops, then sends what was not dropped, in order', async () => {
    const { sent, output, sentChars } = setUp(true);
    const outputs: PendingOutput[] = [];
    for (let index = 0; index < 40; index += 1) {
      const next = output(`<${index}>${'.'.repeat(16 * 1024)}`, false, true);
      outputs.push(next);
      feed!.push(next);
    }
    feed!.sendFrame();
    // Only what came before the rate showed a flood went out.
    expect(sentChars()).toBeLessThan(10 * 16 * 1024);
    for (const dropped of outputs.slice(15, 35)) dropped.dropped = true;
    await new Promise((resolve) => setTimeout(resolve, 3 * FLOOD_QUIET_MS));
    feed!.sendFrame();
    const order = sent.join('').match(/<\d+>/g)!.map((marker) => Number(marker.slice(1, -1)));
    expect(order).toEqual([...Array.from({ length: 15 }, (_, index) => index), ...Array.from({ length: 5 }, (_, index) => 35 + index)]);
  });

  it('fast-forwarding, waits with the program paused while the replay parses, instead of sending the held flood', async () => {
    // The replay is still parsing what came before the flood, so it cannot drop yet.
    const replay = { isParsing: true, dropScrolledOutNow: () => {} };
    const { sent, channel, output, sentChars } = setUp(true, replay);
    const outputs: PendingOutput[] = [];
    for (let index = 0; !channel.paused && index < 200; index += 1) {
      const next = output(`<${index}>${'.'.repeat(CHUNK)}`, false, true);
      outputs.push(next);
      feed!.push(next);
    }
    expect(channel.paused).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 2 * FLOOD_QUIET_MS));
    // Paused, not quiet: the flood is still held.
    expect(channel.paused).toBe(true);
    expect(sentChars()).toBeLessThan(MAX_QUEUED_CHARS / 4);
    // The parse ends and the replay drops all but the last three pieces: the program goes on.
    for (const dropped of outputs.slice(0, -3)) dropped.dropped = true;
    replay.isParsing = false;
    await new Promise((resolve) => setTimeout(resolve, FLOOD_QUIET_MS / 2));
    expect(channel.paused).toBe(false);
    // It ends: the page gets what was not dropped, in order after what it had.
    await new Promise((resolve) => setTimeout(resolve, 3 * FLOOD_QUIET_MS));
    feed!.sendFrame();
    const order = sent.join('').match(/<\d+>/g)!.map((marker) => Number(marker.slice(1, -1)));
    expect(order.slice(-3)).toEqual([outputs.length - 3, outputs.length - 2, outputs.length - 1]);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(sentChars()).toBeLessThan(MAX_QUEUED_CHARS / 2);
  });

  it('fast-forwarding, sends the held flood after all once the replay has parsed and could not drop it', async () => {
    const replay = { isParsing: true, dropScrolledOutNow: () => {} };
    const { channel, output, sentChars } = setUp(true, replay);
    let pushed = 0;
    while (!channel.paused && pushed < 4 * MAX_QUEUED_CHARS) {
      feed!.push(output('p'.repeat(CHUNK), false, true));
      pushed += CHUNK;
    }
    expect(channel.paused).toBe(true);
    replay.isParsing = false; // and nothing was dropped (a scroll region, say)
    await new Promise((resolve) => setTimeout(resolve, 2 * FLOOD_QUIET_MS));
    feed!.sendFrame();
    expect(sentChars()).toBeGreaterThanOrEqual(FLOW_HIGH_WATERMARK_CHARS);
    feed!.acknowledged(sentChars());
    // Bounded: each round sends a window at least; far more rounds than that means the feed stalled.
    for (let round = 0; sentChars() < pushed && round < MAX_CATCH_UP_ROUNDS; round += 1) {
      feed!.sendFrame();
      feed!.acknowledged(sentChars());
    }
    expect(sentChars(), 'the held flood was never all sent').toBe(pushed);
    expect(channel.paused).toBe(false);
  });

  it('sends everything queued at once when a page attaches, and then starts counting afresh', () => {
    const { channel, output, sentChars } = setUp(true);
    for (let index = 0; index < 30; index += 1) feed!.push(output('a'.repeat(CHUNK)));
    expect(sentChars()).toBeLessThan(30 * CHUNK);
    feed!.sendAll();
    expect(sentChars()).toBe(30 * CHUNK);
    feed!.restart();
    feed!.push(output('after'));
    feed!.sendFrame();
    expect(sentChars()).toBe(30 * CHUNK + 5);
    expect(channel.paused).toBe(false);
  });
});
