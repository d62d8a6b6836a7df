// A page's WebSocket to a real browser host, at the frame level: send any text or bytes, and wait
// for the next answer (an outcome or a protocol error) or for terminal output. For tests that send
// what the renderer's typed bridge never would.
import WebSocket from 'ws';
import { readTerminalDataFrame, type ServerFrame } from '../../electron/contract/wire-protocol';
import type { WebHost } from '../../electron/web/web-host';

/** Loopback on a loaded 2-core machine: an answer slower than this is a hang, not a slow core. */
export const ANSWER_MS = 15_000;

export interface RawPageSocket {
  socket: WebSocket;
  /** Answers (outcomes and protocol errors) in arrival order; streams are left out. */
  answers: ServerFrame[];
  /** Terminal output so far, per terminal id, as text. */
  terminalText: Map<string, string>;
  /** Resolves with the next answer not yet taken. */
  nextAnswer(): Promise<ServerFrame>;
  /** Resolves once `predicate` holds, polled on each frame; rejects after ANSWER_MS with `what`. */
  until(what: string, predicate: () => boolean, ms?: number): Promise<void>;
  closedWith: Promise<number>;
}

export async function openRawPageSocket(host: WebHost): Promise<RawPageSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api?token=${host.token}`, { headers: { Origin: `http://127.0.0.1:${host.port}` } });
  const answers: ServerFrame[] = [];
  const terminalText = new Map<string, string>();
  let taken = 0;
  const waiters = new Set<() => void>();
  socket.on('message', (data, isBinary) => {
    if (isBinary) {
      const frame = readTerminalDataFrame(data as Buffer);
      if (frame) terminalText.set(frame.id, (terminalText.get(frame.id) ?? '') + Buffer.from(frame.data).toString('utf8'));
    } else {
      const frame = JSON.parse(String(data)) as ServerFrame;
      if (frame.type !== 'stream') answers.push(frame);
    }
    for (const wake of [...waiters]) wake();
  });
  socket.on('error', () => {});
  const closedWith = new Promise<number>((resolve) => socket.once('close', resolve));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });

  const until = (what: string, predicate: () => boolean, ms = ANSWER_MS) =>
    new Promise<void>((resolve, reject) => {
      if (predicate()) return resolve();
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`${what}: not within ${ms} ms (socket state ${socket.readyState})`));
      }, ms);
      waiters.add(check);
    });

  return {
    socket,
    answers,
    terminalText,
    closedWith,
    until,
    nextAnswer: async () => {
      await until('an answer from the core', () => answers.length > taken);
      return answers[taken++]!;
    },
  };
}
