// Under a flood, a terminal is redrawn a few times a second instead of at every animation frame,
// as iTerm2's adaptive frame rate does. Nobody reads a flood line by line, and each redraw of a
// full screen costs the page several milliseconds (rows rebuilt, style, layout, paint): measured
// here, a quarter of the page's time went into redraws during a flood, time that parsing the
// output needed. Typing and ordinary output are drawn at once as before: the slower rate applies
// only while output arrives faster than anyone reads, and the last screen of a flood is always
// drawn within one slow frame.
//
// xterm.js has no option for this. Four things make it draw: its RenderService collects rows to
// redraw in a RenderDebouncer that asks for the next animation frame; every scrolled line asks
// the SelectionService for a frame too (which redraws every row, selection or not); every
// scrolled line has the Viewport queue a callback on the debouncer's next frame to update the
// scroll bar (a style, layout and paint of its own); and every scrolled line makes the Viewport
// update its scrollable element at once, which, while the scrollback is still filling up, shows
// the scroll bar and re-arms a timer to hide it: two timer calls per line, measured here as tasks
// of 50–220 ms in a fresh terminal's first flood. While flooded, all four are held back and made
// together once per slow frame. The last is also coalesced to one per animation frame when there
// is no flood: a burst of a few hundred lines cost 10–20 ms of timers for a scroll bar nobody
// sees move line by line. They are xterm.js internals: if a future xterm.js no longer
// has them, nothing is throttled (and flood-frame-rate.component.test.ts fails, so it does not go
// unnoticed).
import type { Terminal } from '@xterm/xterm';
import { OutputRate } from '../../electron/terminals/output-rate';

export { FLOOD_CHARS_PER_SECOND } from '../../electron/terminals/output-rate';
/** While flooded, redraws are at least this far apart (10 a second: visibly moving). */
export const FLOOD_FRAME_INTERVAL_MS = 100;
/**
 * Held redraws are made sooner once xterm has asked for none for this long (a frame): the flood
 * is over, or the page is waiting for more, and the screen should show where it stands.
 */
export const QUIET_MS = 16;
/** What a held frame callback request answers in place of an animation frame id. */
const HELD_FRAME_REQUEST = -1;

interface RenderDebouncer {
  refresh(rowStart: number | undefined, rowEnd: number | undefined, rowCount: number): void;
  addRefreshCallback(callback: FrameRequestCallback): number;
}

interface SelectionService {
  refresh(isLinuxMouseSelection?: boolean): void;
}

interface Viewport {
  /** With a position: a queued update; without: the buffer scrolled (at every line). */
  _sync(ydisp?: number): void;
}

interface XtermInternals {
  _core?: { _renderService?: { _renderDebouncer?: RenderDebouncer }; _selectionService?: SelectionService; _viewport?: Viewport };
}

export class FloodFrameRate {
  private readonly rate = new OutputRate();
  private lastDrawAt = 0;
  /** Rows asked for while held (undefined: none), and the row count they were asked with. */
  private heldStart: number | undefined;
  private heldEnd: number | undefined;
  private heldCount = 0;
  private heldSelection = false;
  private heldCallbacks: FrameRequestCallback[] = [];
  /** Whether the last selection redraw let through showed a selection. */
  private selectionShown = false;
  /** A scrolled line's viewport update waits for the next (or the next slow) frame. */
  private viewportSyncQueued = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Row redraws asked for since the held redraw last looked (xterm asks after each parsed chunk). */
  private asked = 0;
  private readonly refreshRows: RenderDebouncer['refresh'] | null = null;
  private readonly onNextFrame: RenderDebouncer['addRefreshCallback'] | null = null;
  private readonly refreshSelection: SelectionService['refresh'] | null = null;
  private readonly syncViewport: Viewport['_sync'] | null = null;

  constructor(private readonly term: Terminal) {
    const core = (term as unknown as XtermInternals)._core;
    const debouncer = core?._renderService?._renderDebouncer;
    const selection = core?._selectionService;
    const viewport = core?._viewport;
    if (typeof debouncer?.refresh !== 'function' || typeof debouncer.addRefreshCallback !== 'function' || typeof selection?.refresh !== 'function' || typeof viewport?._sync !== 'function') return;
    this.refreshRows = debouncer.refresh.bind(debouncer);
    this.onNextFrame = debouncer.addRefreshCallback.bind(debouncer);
    this.refreshSelection = selection.refresh.bind(selection);
    this.syncViewport = viewport._sync.bind(viewport);
    debouncer.refresh = (start, end, count) => this.rowsRequested(start, end, count);
    debouncer.addRefreshCallback = (callback) => this.callbackRequested(callback);
    selection.refresh = (isLinuxMouseSelection) => this.selectionRequested(isLinuxMouseSelection);
    viewport._sync = (ydisp) => this.viewportSyncRequested(ydisp);
  }

  /** True when this xterm.js lets redraws be held back (its internals are as expected). */
  get active(): boolean {
    return this.refreshRows !== null;
  }

  /** Output of this many characters arrived now. */
  arrived(chars: number, now = performance.now()): void {
    this.rate.arrived(chars, now);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private rowsRequested(start: number | undefined, end: number | undefined, count: number): void {
    this.asked += 1;
    if (this.drawsNow()) return this.refreshRows!(start, end, count);
    this.heldStart = Math.min(this.heldStart ?? Infinity, start ?? 0);
    this.heldEnd = Math.max(this.heldEnd ?? -Infinity, end ?? count - 1);
    this.heldCount = count;
  }

  /** The answer stands for an animation frame request (xterm only checks that it has one). */
  private callbackRequested(callback: FrameRequestCallback): number {
    if (this.drawsNow()) return this.onNextFrame!(callback);
    this.heldCallbacks.push(callback);
    return HELD_FRAME_REQUEST;
  }

  private viewportSyncRequested(ydisp?: number): void {
    // A queued update (it already waited for a frame) goes through; a scrolled line waits.
    if (ydisp !== undefined) return this.syncViewport!(ydisp);
    if (this.viewportSyncQueued) return;
    this.viewportSyncQueued = true;
    this.callbackRequested(() => {
      this.viewportSyncQueued = false;
      this.syncViewport!();
    });
  }

  private selectionRequested(isLinuxMouseSelection?: boolean): void {
    // Asked for at every scrolled line: already held is the common case, and must be cheap.
    if (this.heldSelection && !isLinuxMouseSelection) return;
    // No selection shown and none now: the redraw would paint every row exactly as the row
    // redraw of the same frame does (measured: two full redraws a frame).
    if (!isLinuxMouseSelection && !this.selectionShown && !this.term.hasSelection()) return;
    // A mouse selection is the engineer's own doing: shown at once.
    if (isLinuxMouseSelection || this.drawsNow()) return this.drawSelection(isLinuxMouseSelection);
    this.heldSelection = true;
  }

  private drawSelection(isLinuxMouseSelection?: boolean): void {
    this.refreshSelection!(isLinuxMouseSelection);
    this.selectionShown = this.term.hasSelection();
  }

  /** True when a redraw may go ahead now; otherwise the held redraw is scheduled. */
  private drawsNow(): boolean {
    if (this.timer) return false;
    const now = performance.now();
    if (!this.rate.flooded(now) || now - this.lastDrawAt >= FLOOD_FRAME_INTERVAL_MS) {
      this.lastDrawAt = now;
      return true;
    }
    this.scheduleHeld(now);
    return false;
  }

  private scheduleHeld(now: number): void {
    this.asked = 0;
    this.timer = setTimeout(() => this.heldDue(), Math.max(0, Math.min(this.lastDrawAt + FLOOD_FRAME_INTERVAL_MS, now + QUIET_MS) - now));
  }

  /** A slow frame is due, or xterm has gone quiet: draw; otherwise look again a little later. */
  private heldDue(): void {
    const now = performance.now();
    if (this.asked > 0 && now - this.lastDrawAt < FLOOD_FRAME_INTERVAL_MS) return this.scheduleHeld(now);
    this.drawHeld();
  }

  private drawHeld(): void {
    this.timer = null;
    this.lastDrawAt = performance.now();
    if (this.heldStart !== undefined) {
      // Rows can only have shrunk in between (a resize redraws everything anyway).
      this.refreshRows!(this.heldStart, Math.min(this.heldEnd ?? 0, this.heldCount - 1), this.heldCount);
    }
    if (this.heldSelection) this.drawSelection();
    for (const callback of this.heldCallbacks.splice(0)) this.onNextFrame!(callback);
    this.heldStart = this.heldEnd = undefined;
    this.heldSelection = false;
  }
}
