// The core's pushes (connection changes, notices, later terminal data) fan out to every
// attached carrier: Electron windows, browser-host WebSocket clients, tests.
import type { StreamName, StreamPayload } from '../contract/console-contract';

export type StreamListener = <N extends StreamName>(stream: N, payload: StreamPayload<N>) => void;

export class StreamHub {
  private readonly listeners = new Set<StreamListener>();

  /** Returns the unsubscribe function. */
  attach(listener: StreamListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  push<N extends StreamName>(stream: N, payload: StreamPayload<N>): void {
    for (const listener of this.listeners) {
      try {
        listener(stream, payload);
      } catch {
        // A carrier that fails to deliver (closed socket, destroyed window) must not stop the
        // others; carriers detach themselves when they close.
      }
    }
  }
}
