// How many requests one page may send the core over its WebSocket: a token bucket per connection.
// A page flooding the core (a bug in a loop, or a hostile script that has the token) is answered at
// once with `rate-limited` instead of queueing work, so the core stays free for the terminals.
// Terminal keystrokes, acknowledgements and resizes are never counted: typing into a shell (or a
// paste of a few thousand lines) must not wait behind anything else.
import type { RequestName } from '../contract/console-contract';

/**
 * Requests a page may send at once. The page's start sends some twenty; sending a snapshot file
 * sends its 512 KB pieces one after another. Four hundred leaves a wide margin over both.
 */
export const REQUEST_BURST = 400;

/**
 * Requests per second a page may go on sending. Pieces of a snapshot on loopback arrive at some
 * tens per second; no page action sends more than that for long.
 */
export const REQUESTS_PER_SECOND = 200;

/** Terminal I/O: never limited (see above). */
export const UNLIMITED_REQUESTS: ReadonlySet<RequestName> = new Set<RequestName>(['terminals.input', 'terminals.ack', 'terminals.resize']);

export class RequestRateLimit {
  private tokens = REQUEST_BURST;
  private refilledAt: number;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.refilledAt = this.now();
  }

  /** True when `name` may run now (and counts it); false when the page is over its rate. */
  allows(name: string): boolean {
    if (UNLIMITED_REQUESTS.has(name as RequestName)) return true;
    const now = this.now();
    this.tokens = Math.min(REQUEST_BURST, this.tokens + ((now - this.refilledAt) / 1000) * REQUESTS_PER_SECOND);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
