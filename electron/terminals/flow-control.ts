// Flow control between a remote program and the page, as VS Code's terminal does it: the gate
// closes when the page falls this far behind, and opens once it caught up. What closing means
// (pausing the program, or fast-forwarding) is page-feed.ts's choice. Without it a 100 MB `cat`
// would queue in the core's memory and freeze the page.

/**
 * Characters sent to the page but not yet acknowledged, above which reading pauses. The page's
 * xterm writes ~20–40 MB/s here, so this is ~25–50 ms of its work: Ctrl+C still shows within a
 * blink, and the page never holds more than this much unwritten output (2 MB as a string).
 * At 400,000 the page ran dry more often during a flood: measured here, 15% less throughput.
 */
export const FLOW_HIGH_WATERMARK_CHARS = 1_000_000;
/**
 * Below this many unacknowledged characters, reading resumes. Resuming while the page still has
 * this much to write hides the round trip (ack → core → channel → page): the page's xterm does
 * not sit idle waiting for the next output (VS Code's 5,000 left it idle on each cycle here).
 */
export const FLOW_LOW_WATERMARK_CHARS = 500_000;
/**
 * The page acknowledges in steps of this many characters (one request per step, not per chunk).
 * Each acknowledgement is a message the page sends, ~40 µs of its time: at 20,000 a 48 MB flood
 * cost it 0.1 s of sending. Never above the low watermark: the rest the page holds back is then
 * always below it, so a paused channel always resumes.
 */
export const FLOW_ACK_STEP_CHARS = 100_000;

export class FlowGate {
  private unacknowledged = 0;
  private paused = false;

  constructor(
    private readonly pause: () => void,
    private readonly resume: () => void,
  ) {}

  get pending(): number {
    return this.unacknowledged;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  sent(chars: number): void {
    this.unacknowledged += chars;
    if (!this.paused && this.unacknowledged > FLOW_HIGH_WATERMARK_CHARS) {
      this.paused = true;
      this.pause();
    }
  }

  acknowledged(chars: number): void {
    this.unacknowledged = Math.max(0, this.unacknowledged - chars);
    if (this.paused && this.unacknowledged < FLOW_LOW_WATERMARK_CHARS) {
      this.paused = false;
      this.resume();
    }
  }

  /** A page went away (reload): what it never acknowledged is in the replay buffer anyway. */
  reset(): void {
    this.acknowledged(this.unacknowledged);
  }
}
