// The flood frame rate on a real xterm.js (the version this console pins): it finds the two
// internal redraw requests it holds back, lets them through at once when output is ordinary, and
// at most once per FLOOD_FRAME_INTERVAL_MS during a flood, always drawing the last screen.
import { afterEach, describe, expect, it } from 'vitest';
import { Terminal } from '@xterm/xterm';
import { FLOOD_CHARS_PER_SECOND, FLOOD_FRAME_INTERVAL_MS, FloodFrameRate, QUIET_MS } from './flood-frame-rate';

interface Internals {
  _core: {
    _renderService: {
      _renderDebouncer: {
        refresh: (start: number | undefined, end: number | undefined, count: number) => void;
        addRefreshCallback: (callback: FrameRequestCallback) => number;
      };
    };
    _selectionService: { refresh: (isLinuxMouseSelection?: boolean) => void };
    _viewport: { _sync: (ydisp?: number) => void };
  };
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let term: Terminal | null = null;
let frameRate: FloodFrameRate | null = null;

/** A real xterm with its redraw requests counted where they leave for the animation frame. */
function openTerminal() {
  const element = document.createElement('div');
  document.body.appendChild(element);
  term = new Terminal({ cols: 80, rows: 24 });
  term.open(element);
  const core = (term as unknown as Internals)._core;
  const drawn = { rows: [] as Array<[number | undefined, number | undefined]>, selection: 0, callbacks: 0, viewportSyncs: [] as Array<number | undefined>, deferFrames: false };
  const nextFrame: FrameRequestCallback[] = [];
  const debouncer = core._renderService._renderDebouncer;
  const selection = core._selectionService;
  const viewport = core._viewport;
  viewport._sync = (ydisp) => void drawn.viewportSyncs.push(ydisp);
  debouncer.refresh = (start, end) => void drawn.rows.push([start, end]);
  // A callback let through runs at once here, as if the next frame had come (or waits for
  // runFrame, with deferFrames).
  debouncer.addRefreshCallback = (callback) => {
    drawn.callbacks += 1;
    if (drawn.deferFrames) nextFrame.push(callback);
    else callback(0);
    return drawn.callbacks;
  };
  const runFrame = () => nextFrame.splice(0).forEach((callback) => callback(0));
  selection.refresh = () => void (drawn.selection += 1);
  frameRate = new FloodFrameRate(term);
  return { drawn, debouncer, selection, viewport, runFrame };
}

afterEach(() => {
  frameRate?.dispose();
  term?.dispose();
  document.body.replaceChildren();
});

describe('flood frame rate', () => {
  it('finds the redraw requests of the pinned xterm.js', () => {
    openTerminal();
    expect(frameRate!.active).toBe(true);
  });

  it('draws ordinary output at once', () => {
    const { drawn, debouncer, selection } = openTerminal();
    term!.select(0, 0, 5);
    const selectionDraws = drawn.selection;
    frameRate!.arrived(20);
    debouncer.refresh(3, 3, 24);
    selection.refresh();
    expect(drawn.rows).toEqual([[3, 3]]);
    expect(drawn.selection).toBe(selectionDraws + 1);
  });

  it('skips the selection redraw every scrolled line asks for while nothing is or was selected', () => {
    const { drawn, selection } = openTerminal();
    frameRate!.arrived(20);
    for (let line = 0; line < 50; line += 1) selection.refresh();
    expect(drawn.selection).toBe(0);
    term!.select(0, 0, 5);
    term!.clearSelection();
    // The cleared selection must still be undrawn once.
    const afterClearing = drawn.selection;
    expect(afterClearing).toBeGreaterThan(0);
    selection.refresh();
    selection.refresh();
    expect(drawn.selection).toBe(afterClearing);
  });

  it('holds redraws back during a flood, draws at most once per slow frame, and draws the last screen', async () => {
    const { drawn, debouncer, selection, viewport } = openTerminal();
    term!.select(0, 0, 5); // a selection, so its redraws count
    const started = performance.now();
    const floodMs = 5 * FLOOD_FRAME_INTERVAL_MS;
    let requests = 0;
    let scrollBarQueued = false;
    // Output at ten times the flood rate, each chunk asking for redraws as xterm does. (The first
    // chunks of a flood are drawn at once, until a tenth of a second shows the rate: here the
    // flood is under way from the start.)
    frameRate!.arrived(FLOOD_CHARS_PER_SECOND);
    /** What xterm asks for after parsing a chunk of a flood. */
    const chunkParsed = () => {
      debouncer.refresh(20, 23, 24);
      debouncer.refresh(0, 5, 24);
      selection.refresh();
      viewport._sync();
      // The viewport queues one scroll bar update at a time, until it has run.
      if (!scrollBarQueued) {
        scrollBarQueued = true;
        debouncer.addRefreshCallback(() => (scrollBarQueued = false));
      }
    };
    while (performance.now() - started < floodMs) {
      frameRate!.arrived(FLOOD_CHARS_PER_SECOND / 100);
      chunkParsed();
      requests += 3;
      await wait(1);
    }
    // The flood's last output (right after a draw, or while one is waiting: held either way).
    chunkParsed();
    const drawsDuringFlood = drawn.rows.length;
    const selectionDrawsDuringFlood = drawn.selection;
    // Two callbacks a slow frame at most: the scroll bar's and the viewport's update.
    expect(drawn.callbacks).toBeLessThanOrEqual(2 * (Math.ceil(floodMs / FLOOD_FRAME_INTERVAL_MS) + 1));
    const viewportSyncsDuringFlood = drawn.viewportSyncs.length;
    expect(viewportSyncsDuringFlood).toBeLessThanOrEqual(Math.ceil(floodMs / FLOOD_FRAME_INTERVAL_MS) + 1);
    // A queued update with its position is never held.
    viewport._sync(42);
    expect(drawn.viewportSyncs.at(-1)).toBe(42);
    expect(requests).toBeGreaterThan(100);
    expect(drawsDuringFlood).toBeLessThanOrEqual(Math.ceil(floodMs / FLOOD_FRAME_INTERVAL_MS) + 1);
    expect(drawn.selection).toBeLessThanOrEqual(Math.ceil(floodMs / FLOOD_FRAME_INTERVAL_MS) + 1);
    // The rows asked for are merged, and the last of them are drawn within one slow frame.
    await wait(FLOOD_FRAME_INTERVAL_MS + 20);
    expect(drawn.rows.length).toBe(drawsDuringFlood + 1);
    expect(drawn.rows.at(-1)).toEqual([0, 23]);
    expect(drawn.selection).toBe(selectionDrawsDuringFlood + 1);
    expect(scrollBarQueued).toBe(false);
    expect(drawn.viewportSyncs.length).toBe(viewportSyncsDuringFlood + 2);
    expect(drawn.viewportSyncs.at(-1)).toBeUndefined();
  });

  it('draws what it held as soon as xterm goes quiet, not a whole slow frame later', async () => {
    const { drawn, debouncer } = openTerminal();
    frameRate!.arrived(FLOOD_CHARS_PER_SECOND);
    debouncer.refresh(0, 23, 24); // drawn at once: the first of the flood
    debouncer.refresh(10, 12, 24); // held: the flood's last chunk, then nothing more
    expect(drawn.rows).toEqual([[0, 23]]);
    await wait(QUIET_MS + (FLOOD_FRAME_INTERVAL_MS - QUIET_MS) / 2);
    expect(drawn.rows).toEqual([[0, 23], [10, 12]]);
  });

  it('updates the viewport once per frame for a burst of scrolled lines, flood or not', () => {
    const { drawn, viewport, runFrame } = openTerminal();
    drawn.deferFrames = true;
    frameRate!.arrived(3_000); // a few hundred lines: no flood
    for (let line = 0; line < 300; line += 1) viewport._sync();
    expect(drawn.viewportSyncs).toEqual([]);
    runFrame();
    expect(drawn.viewportSyncs).toEqual([undefined]);
    viewport._sync();
    runFrame();
    expect(drawn.viewportSyncs).toEqual([undefined, undefined]);
  });

  it('shows a mouse selection at once, even during a flood', () => {
    const { drawn, selection } = openTerminal();
    frameRate!.arrived(FLOOD_CHARS_PER_SECOND);
    selection.refresh();
    selection.refresh();
    const before = drawn.selection;
    selection.refresh(true);
    expect(drawn.selection).toBe(before + 1);
  });

  it('draws at once again when the flood is over', async () => {
    const { drawn, debouncer } = openTerminal();
    frameRate!.arrived(FLOOD_CHARS_PER_SECOND);
    debouncer.refresh(0, 23, 24);
    debouncer.refresh(0, 23, 24);
    await wait(2 * FLOOD_FRAME_INTERVAL_MS + 50);
    const before = drawn.rows.length;
    frameRate!.arrived(5);
    debouncer.refresh(7, 7, 24);
    expect(drawn.rows.length).toBe(before + 1);
    expect(drawn.rows.at(-1)).toEqual([7, 7]);
  });
});
