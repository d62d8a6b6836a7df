// The contract carried over a WebSocket (browser host). Electron's IPC carries the same
// requests and outcomes with its own framing (see IPC_* channels in console-contract.ts).
import * as v from 'valibot';
import type { RequestOutcome } from './console-contract';

/** Requests are small (settings, names, keystrokes); a larger frame is refused, not buffered. */
export const MAX_CLIENT_FRAME_BYTES = 1024 * 1024;

export const ClientFrame = v.object({
  type: v.literal('request'),
  /** Chosen by the client; echoed on the outcome. */
  id: v.pipe(v.number(), v.integer(), v.minValue(0)),
  name: v.string(),
  params: v.optional(v.unknown()),
});
export type ClientFrame = v.InferOutput<typeof ClientFrame>;

export type ServerFrame =
  | { type: 'outcome'; id: number; outcome: RequestOutcome }
  | { type: 'stream'; stream: string; payload: unknown }
  /** A frame the server could not read at all (no id to answer): said once, then ignored. */
  | { type: 'protocol-error'; message: string };

/** Path of the WebSocket endpoint on the browser host. */
export const WEBSOCKET_PATH = '/api';
