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

/**
 * Terminal output goes to the page as binary frames, not JSON: the page's xterm.js reads UTF-8
 * bytes itself, so the page neither decodes the frame into a string nor parses JSON, and the core
 * does not escape the text (measured: a fifth more throughput over a bare WebSocket when the other
 * core is busy). Layout: the kind byte, the text's length in UTF-16 code units (what flow control
 * counts; uint32, little-endian), the id's length and the id (ASCII), then the text as UTF-8.
 */
export const TERMINAL_DATA_FRAME_KIND = 1;
const TERMINAL_FRAME_HEADER_BYTES = 6;

export interface TerminalDataFrame {
  id: string;
  chars: number;
  data: Uint8Array;
}

/** Writes the frame header for `id` into the start of `frame` (sized by terminalFrameHeaderBytes). */
export function writeTerminalFrameHeader(frame: Uint8Array, id: string, chars: number): number {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  view.setUint8(0, TERMINAL_DATA_FRAME_KIND);
  view.setUint32(1, chars, true);
  view.setUint8(5, id.length);
  for (let index = 0; index < id.length; index += 1) frame[TERMINAL_FRAME_HEADER_BYTES + index] = id.charCodeAt(index);
  return TERMINAL_FRAME_HEADER_BYTES + id.length;
}

export function terminalFrameHeaderBytes(id: string): number {
  return TERMINAL_FRAME_HEADER_BYTES + id.length;
}

/** Reads a binary frame from the core; null when it is not a well-formed terminal data frame. */
export function readTerminalDataFrame(frame: ArrayBuffer | Uint8Array): TerminalDataFrame | null {
  const bytes = frame instanceof Uint8Array ? frame : new Uint8Array(frame);
  if (bytes.byteLength < TERMINAL_FRAME_HEADER_BYTES || bytes[0] !== TERMINAL_DATA_FRAME_KIND) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const idLength = view.getUint8(5);
  const dataStart = TERMINAL_FRAME_HEADER_BYTES + idLength;
  if (bytes.byteLength < dataStart) return null;
  let id = '';
  for (let index = TERMINAL_FRAME_HEADER_BYTES; index < dataStart; index += 1) id += String.fromCharCode(bytes[index]!);
  return { id, chars: view.getUint32(1, true), data: bytes.subarray(dataStart) };
}
