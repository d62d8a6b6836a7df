// The core process's end of its message port, for the two ways it is started: by Electron as a
// utilityProcess (process.parentPort, whose messages arrive as events carrying `data`), and by
// Node's child_process.fork (process.send and process.on('message'), the IPC channel tests use).
// The core serves the same contract over either (serve-core-over-port.ts).
import type { CoreToMain } from './core-host-messages';

export interface CorePort {
  post(message: CoreToMain): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Main went away (Node's IPC channel closed); Electron ends a utility process with its parent. */
  onParentGone(listener: () => void): void;
}

/** The part of Electron's process.parentPort (a MessagePortMain) used here. */
export interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
}

export function electronParentPort(parentPort: ParentPortLike): CorePort {
  return {
    post: (message) => parentPort.postMessage(message),
    onMessage: (listener) => void parentPort.on('message', (event) => listener(event.data)),
    onParentGone: () => {},
  };
}

/** The part of a forked Node process used here (`process` itself in the child). */
export interface NodeIpcProcess {
  send?(message: unknown): boolean;
  connected?: boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'disconnect', listener: () => void): unknown;
}

export function nodeIpcPort(child: NodeIpcProcess): CorePort {
  const send = child.send?.bind(child);
  if (!send) throw new Error('the core process was started without an IPC channel: start it with child_process.fork, or as an Electron utilityProcess');
  return {
    post: (message) => {
      if (child.connected !== false) send(message);
    },
    onMessage: (listener) => void child.on('message', listener),
    onParentGone: (listener) => void child.on('disconnect', listener),
  };
}

/** The port this process was started with: Electron's parentPort if it has one, else Node's IPC channel. */
export function portOfThisProcess(): CorePort {
  const parentPort = (process as { parentPort?: ParentPortLike }).parentPort;
  return parentPort ? electronParentPort(parentPort) : nodeIpcPort(process);
}
