// Main's handle on the core's process, for the two ways it is started: Electron's utilityProcess
// (the app) and Node's child_process.fork (tests, and the Electron stand-in). The relay
// (core-relay.ts) sees only this.
import { fork } from 'node:child_process';
import type { MainToCore } from './core-host-messages';

export interface CoreChild {
  readonly pid: number | undefined;
  post(message: MainToCore): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Once, when the process has ended: its exit code, or the signal that ended it. */
  onExit(listener: (exitCode: number | null, signal: string | null) => void): void;
  kill(): void;
}

/** The part of Electron's UtilityProcess used here. */
export interface UtilityProcessLike {
  readonly pid: number | undefined;
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export function fromUtilityProcess(child: UtilityProcessLike): CoreChild {
  return {
    get pid() {
      return child.pid;
    },
    post: (message) => child.postMessage(message),
    onMessage: (listener) => void child.on('message', listener),
    // Electron reports an exit code only (a process ended by a signal gets one too).
    onExit: (listener) => void child.on('exit', (code) => listener(code, null)),
    kill: () => void child.kill(),
  };
}

/** The part of a Node ChildProcess used here. */
export interface NodeChildLike {
  readonly pid?: number | undefined;
  readonly connected: boolean;
  send(message: unknown): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  kill(signal?: NodeJS.Signals): boolean;
}

export function fromNodeChild(child: NodeChildLike): CoreChild {
  // A send after the child died raises 'error' on it; the exit is what the relay reports.
  child.on('error', () => {});
  return {
    get pid() {
      return child.pid;
    },
    post: (message) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void child.on('exit', (code, signal) => listener(code, signal)),
    kill: () => void child.kill('SIGKILL'),
  };
}

/**
 * Starts the core entry as a Node child process. 'advanced' serialization is the structured clone
 * Electron's ports use, so terminal output may cross as bytes as it does in the app.
 */
export function forkCoreProcess(entry: string, execArgv: string[] = []): CoreChild {
  return fromNodeChild(fork(entry, [], { serialization: 'advanced', execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
}
