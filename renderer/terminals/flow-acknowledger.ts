// The page's half of terminal flow control (electron/terminals/flow-control.ts): count what xterm
// has actually written (its write callback, not when data arrived) and tell the core in steps,
// one request per FLOW_ACK_STEP_CHARS rather than one per chunk.
import { FLOW_ACK_STEP_CHARS } from '../../electron/terminals/flow-control';

export class FlowAcknowledger {
  private unreported = 0;

  constructor(private readonly send: (chars: number) => void) {}

  written(chars: number): void {
    this.unreported += chars;
    if (this.unreported >= FLOW_ACK_STEP_CHARS) this.flush();
  }

  /** Reports the rest now (the page is going away, or the view was reset). */
  flush(): void {
    if (this.unreported === 0) return;
    const chars = this.unreported;
    this.unreported = 0;
    this.send(chars);
  }

  /** Forgets what was written but not reported (after a re-attach the core starts counting anew). */
  discard(): void {
    this.unreported = 0;
  }
}
