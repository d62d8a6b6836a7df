// What a terminal sends to its page, and when: output in throttled frames, flow control (the page
// acknowledges what its xterm has written), and what happens when the page falls behind.
//
// Falling behind, there are two ways, chosen by the "fast-forward floods" setting:
// - pause: stop reading the program's output until the page catches up (VS Code's way). The
//   program is slowed to the page's pace, and every byte goes through the page's xterm.
// - fast-forward: keep reading, queue the output, and let the replay buffer drop what scrolls out
//   of every scrollback unseen (replay-screen.ts decides, and marks it `dropped`). The page then
//   gets the rest, in order: it ends with the same screen and scrollback, the flood ends as fast
//   as the program writes it, and Ctrl+C is not stuck behind megabytes. Output that cannot be
//   dropped (colours on every line, say) still pauses the channel once too much is queued.
//   And not only when the page is behind: during a flood of plain text the page would otherwise
//   spend the cores' time parsing lines nobody sees, so that text is held back until the replay
//   buffer has dropped what it can, with a glimpse of it sent ten times a second (the screen
//   keeps moving), and the rest once the flood stops.
import type { PendingOutput } from './replay-screen';
import { FLOW_LOW_WATERMARK_CHARS, FlowGate } from './flow-control';
import { OutputRate } from './output-rate';

/**
 * Output goes to the page in frames, throttled: the first output after a quiet spell leaves at
 * once (a keystroke's echo is never held back), and while output keeps coming it is gathered
 * and sent at most once per this interval. Under a flood the page then gets a few large frames
 * instead of thousands of 2–4 KB ones: each frame costs it a message and an xterm write task,
 * which measured here cost more than parsing the bytes themselves.
 */
const FRAME_INTERVAL_MS = 8;
/** A frame is sent at once when it reaches this size, small enough to parse between paints. */
const MAX_FRAME_CHARS = 128 * 1024;
/**
 * Fast-forwarding, output queued for the page (and not dropped) beyond this pauses the channel:
 * the bound on what a terminal holds for a page that is behind (8 MB as strings).
 */
export const MAX_QUEUED_CHARS = 4 * 1024 * 1024;
/** A flood's held text goes out once the output has been quiet this long (a flood pauses briefly). */
export const FLOOD_QUIET_MS = 20;
/** While a flood is held back, the page gets this much of it this often, oldest first. */
export const GLIMPSE_INTERVAL_MS = 100;
const GLIMPSE_CHARS = 32 * 1024;

/**
 * Held back behind a replay buffer that is still parsing, the program is paused for this long at a
 * time, then the queue is looked at again.
 */
const REPLAY_WAIT_MS = 5;

export interface PageFeedChannel {
  pause(): void;
  resume(): void;
}

/** What the feed needs of the terminal's replay buffer (replay-screen.ts). */
export interface PageFeedReplay {
  /** Drops now whatever has scrolled out (a held flood is about to go out). */
  dropScrolledOutNow(): void;
  /** Parsing output it was given; it drops what scrolled out once that is done. */
  readonly isParsing: boolean;
}

const NO_REPLAY: PageFeedReplay = { dropScrolledOutNow: () => {}, isParsing: false };

export class PageFeed {
  private readonly flow: FlowGate;
  /** Output waiting while the page is behind, oldest first, from `head` on. */
  private queue: PendingOutput[] = [];
  private head = 0;
  /** Characters in the queue, dropped ones included until they are passed over. */
  private queuedChars = 0;
  private channelPaused = false;
  /** Output gathered into the next frame (see MAX_FRAME_CHARS). */
  private outgoing: string[] = [];
  private outgoingChars = 0;
  private sendTimer: NodeJS.Timeout | null = null;
  /** When a frame last left (0: never); output within FRAME_INTERVAL_MS of it is gathered. */
  private lastSentAt = 0;
  private readonly rate = new OutputRate();
  /** A flood's plain text is being held back (fast-forward only). */
  private holding = false;
  private holdTimer: NodeJS.Timeout | null = null;
  private lastOutputAt = 0;
  private lastGlimpseAt = 0;

  constructor(
    private readonly send: (text: string) => void,
    private readonly channel: () => PageFeedChannel | null,
    private readonly fastForward: () => boolean,
    private readonly replay: PageFeedReplay = NO_REPLAY,
  ) {
    this.flow = new FlowGate(
      () => this.fellBehind(),
      () => this.caughtUp(),
    );
  }

  push(output: PendingOutput): void {
    if (!output.text) return;
    const now = performance.now();
    this.rate.arrived(output.text.length, now);
    this.lastOutputAt = now;
    const hold = output.plain && this.fastForward() && this.rate.flooded(now);
    if (!hold && this.holding) this.stopHolding();
    if (!hold && this.head === this.queue.length && !this.flow.isPaused) return this.frame(output.text);
    this.queue.push(output);
    this.queuedChars += output.text.length;
    if (hold && !this.holding) this.startHolding(now);
    if (this.queuedChars > MAX_QUEUED_CHARS) {
      this.compact();
      // Held text the replay could not drop (a scroll region, say) goes out after all; while the
      // replay is still parsing what came before, the program waits for it instead (whileHolding).
      if (this.queuedChars > MAX_QUEUED_CHARS && this.holding && !this.replay.isParsing) this.stopHolding();
      if (this.queuedChars > MAX_QUEUED_CHARS && !this.channelPaused) this.pauseChannel();
    }
  }

  acknowledged(chars: number): void {
    this.flow.acknowledged(chars);
  }

  /**
   * Everything queued and gathered leaves now, whatever the page's backlog: a page is attaching,
   * and its snapshot holds all of it (it knows what arrives before the snapshot as superseded),
   * while any other page showing this terminal still needs it.
   */
  sendAll(): void {
    this.endHolding();
    for (const output of this.takeQueue()) if (!output.dropped) this.frame(output.text);
    this.sendFrame();
  }

  /** Sends what is gathered for the next frame now (before a state change, say). */
  sendFrame(): void {
    if (this.sendTimer) clearTimeout(this.sendTimer);
    this.sendTimer = null;
    if (this.outgoingChars === 0) return;
    this.lastSentAt = performance.now();
    const text = this.outgoing.length === 1 ? this.outgoing[0]! : this.outgoing.join('');
    this.outgoing = [];
    this.outgoingChars = 0;
    this.send(text);
  }

  /** A page (re)attached: what an old page never acknowledged is in its snapshot. */
  restart(): void {
    this.flow.reset();
    if (this.channelPaused) this.resumeChannel();
  }

  /** A new channel (reopened terminal) starts unpaused. */
  channelChanged(): void {
    this.channelPaused = false;
    this.flow.reset();
  }

  /** The terminal closed: nothing more is sent. */
  dispose(): void {
    if (this.sendTimer) clearTimeout(this.sendTimer);
    this.sendTimer = null;
    this.endHolding();
    this.outgoing = [];
    this.outgoingChars = 0;
    this.takeQueue();
  }

  private fellBehind(): void {
    if (!this.fastForward()) this.pauseChannel();
  }

  private caughtUp(): void {
    if (!this.holding) this.sendQueued(Infinity);
    if (this.channelPaused && !this.flow.isPaused && this.queuedChars < FLOW_LOW_WATERMARK_CHARS) this.resumeChannel();
  }

  /** Sends queued output, oldest first, up to `limit` characters and as flow control allows. */
  private sendQueued(limit: number): void {
    let sent = 0;
    while (this.head < this.queue.length && !this.flow.isPaused && sent < limit) {
      const output = this.queue[this.head]!;
      this.head += 1;
      this.queuedChars -= output.text.length;
      if (output.dropped) continue;
      this.frame(output.text);
      sent += output.text.length;
    }
    if (this.head === this.queue.length) this.takeQueue();
  }

  private endHolding(): void {
    this.holding = false;
    if (this.holdTimer) clearTimeout(this.holdTimer);
    this.holdTimer = null;
  }

  private startHolding(now: number): void {
    this.holding = true;
    this.lastGlimpseAt = now;
    this.holdTimer ??= setTimeout(() => this.whileHolding(), FLOOD_QUIET_MS);
  }

  /**
   * Runs while a flood is held: a glimpse when one is due, and the end of holding as soon as the
   * output has been quiet for FLOOD_QUIET_MS (the timer aims at that moment, not a fixed tick:
   * the flood's end reaches the page sooner).
   */
  private whileHolding(): void {
    this.holdTimer = null;
    const now = performance.now();
    if (this.channelPaused) {
      // Paused with too much held: the replay was parsing what came before the flood, and drops
      // what scrolled out once done. Then the program goes on; if it could not drop, the held
      // text goes out after all.
      this.compact();
      if (this.queuedChars <= MAX_QUEUED_CHARS / 2) {
        this.lastOutputAt = now;
        this.resumeChannel();
      } else if (!this.replay.isParsing) return this.stopHolding();
    } else if (now >= this.lastOutputAt + FLOOD_QUIET_MS) return this.stopHolding();
    if (now - this.lastGlimpseAt >= GLIMPSE_INTERVAL_MS) {
      this.lastGlimpseAt = now;
      this.sendQueued(GLIMPSE_CHARS);
    }
    const next = this.channelPaused ? now + REPLAY_WAIT_MS : Math.min(this.lastOutputAt + FLOOD_QUIET_MS, this.lastGlimpseAt + GLIMPSE_INTERVAL_MS);
    this.holdTimer = setTimeout(() => this.whileHolding(), Math.max(1, next - now));
  }

  /** The flood stopped (or turned into output that cannot be dropped): what is held goes out. */
  private stopHolding(): void {
    this.endHolding();
    this.replay.dropScrolledOutNow();
    this.sendQueued(Infinity);
  }

  private frame(text: string): void {
    this.flow.sent(text.length);
    this.outgoing.push(text);
    this.outgoingChars += text.length;
    if (this.sendTimer) {
      if (this.outgoingChars >= MAX_FRAME_CHARS) this.sendFrame();
      return;
    }
    const sinceLast = performance.now() - this.lastSentAt;
    if (sinceLast >= FRAME_INTERVAL_MS || this.outgoingChars >= MAX_FRAME_CHARS) this.sendFrame();
    else this.sendTimer = setTimeout(() => this.sendFrame(), FRAME_INTERVAL_MS - sinceLast);
  }

  /** Forgets what was sent and what the replay dropped, and counts what is left. */
  private compact(): void {
    this.queue = this.queue.slice(this.head).filter((output) => !output.dropped);
    this.head = 0;
    this.queuedChars = this.queue.reduce((sum, output) => sum + output.text.length, 0);
  }

  private takeQueue(): PendingOutput[] {
    const rest = this.queue.slice(this.head);
    this.queue = [];
    this.head = 0;
    this.queuedChars = 0;
    return rest;
  }

  private pauseChannel(): void {
    this.channelPaused = true;
    this.channel()?.pause();
  }

  private resumeChannel(): void {
    this.channelPaused = false;
    this.channel()?.resume();
  }
}
