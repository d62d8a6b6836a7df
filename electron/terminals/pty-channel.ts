// One interactive program under a pseudo-terminal, wherever it runs (an SSH channel with a pty,
// or node-pty on this computer). Terminal sessions talk only to this.
import type { ConsoleError } from '../contract/console-errors';

export interface PtySize {
  cols: number;
  rows: number;
}

export interface PtyExit {
  /** The program's exit status, when it exited by itself. */
  code: number | null;
  signal: string | null;
  /** Set when the connection under it died (the program may still run on the far side). */
  lost: ConsoleError | null;
}

export interface PtyChannel {
  write(data: string): void;
  resize(size: PtySize): void;
  /** Stop reading output (flow control): the far side blocks once its buffers fill. */
  pause(): void;
  resume(): void;
  close(): void;
  onData(listener: (chunk: Buffer) => void): void;
  onExit(listener: (exit: PtyExit) => void): void;
}

/** What every terminal asks for: xterm's capabilities, 256 colours. */
export const TERMINAL_TYPE = 'xterm-256color';
