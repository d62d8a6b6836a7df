// At most N channels open at once on one SSH connection; the rest wait their turn in order.
// Stock OpenSSH allows MaxSessions 10 per connection and answers the 11th with "Channel open
// failure", so a burst of probes must queue rather than fail. It counts sessions (commands,
// terminals): forwarded connections (jumps) are not sessions to OpenSSH and do not pass through it.

export class ChannelGate {
  private open = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  get inUse(): number {
    return this.open;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Resolves with the release function once a slot is free. */
  async acquire(): Promise<() => void> {
    if (this.open >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.open += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.open -= 1;
      this.waiting.shift()?.();
    };
  }

  /** Wakes every waiter when the connection dies; each then fails on the dead connection. */
  drain(): void {
    for (const wake of this.waiting.splice(0)) wake();
  }
}
