// How fast a terminal's output is coming, to tell a flood from ordinary output: the page draws a
// flood less often (renderer/terminals/flood-frame-rate.ts), and the core holds a flood's plain
// text back from the page while it may still scroll out unseen (page-feed.ts).

/** Output arriving faster than this many characters a second is a flood (≈ 12,000 lines). */
export const FLOOD_CHARS_PER_SECOND = 1_000_000;
/** The rate is measured over windows of this length. */
const RATE_WINDOW_MS = 100;

export class OutputRate {
  private windowStartedAt = -Infinity;
  private charsInWindow = 0;
  private charsInLastWindow = 0;

  /** Output of this many characters arrived now. */
  arrived(chars: number, now = performance.now()): void {
    if (now - this.windowStartedAt >= RATE_WINDOW_MS) {
      // A window with no output at all in between counts as quiet.
      this.charsInLastWindow = now - this.windowStartedAt < 2 * RATE_WINDOW_MS ? this.charsInWindow : 0;
      this.charsInWindow = 0;
      this.windowStartedAt = now;
    }
    this.charsInWindow += chars;
  }

  /** True while output comes in faster than FLOOD_CHARS_PER_SECOND. */
  flooded(now = performance.now()): boolean {
    const limit = (FLOOD_CHARS_PER_SECOND * RATE_WINDOW_MS) / 1000;
    if (now - this.windowStartedAt >= 2 * RATE_WINDOW_MS) return false;
    return this.charsInWindow > limit || this.charsInLastWindow > limit;
  }
}
