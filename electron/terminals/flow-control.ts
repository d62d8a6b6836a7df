// Flow control between a remote program and the page, as VS Code's terminal does it: the core
// stops reading the channel when the page falls this far behind, and resumes once it caught up.
// Without it a 100 MB `cat` would queue in the core's memory and freeze the page.

/** Characters sent to the page but not yet acknowledged, above which reading pauses. */
export const FLOW_HIGH_WATERMARK_CHARS = 100_000;
/** Below this many unacknowledged characters, reading resumes. */
export const FLOW_LOW_WATERMARK_CHARS = 5_000;
/** The page acknowledges in steps of this many characters (one request per step, not per chunk). */
export const FLOW_ACK_STEP_CHARS = 5_000;

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
