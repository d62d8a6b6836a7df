// A snapshot file chosen or dropped in the page, sent to the core in pieces. A browser gives the
// page a file's bytes, never its path, so the core cannot open it where it lies; and one message
// from the page is bounded at 1 MiB (wire-protocol.ts), far below what a snapshot may weigh. So the
// page sends it in pieces, the core checks the whole as it checks any file, keeps it in the
// snapshots folder (so "Recent" opens it again) and opens it.
import * as v from 'valibot';
import { MAX_CLIENT_FRAME_BYTES } from './wire-protocol';

/**
 * Raw bytes per piece. Base64 makes 4 characters of every 3 bytes: 512 KiB becomes 683 KiB of
 * text, leaving a third of the 1 MiB frame for the JSON around it. Bigger pieces would not be
 * faster on loopback; smaller ones would mean more round trips for a 100 MB file.
 */
export const SNAPSHOT_PIECE_BYTES = 512 * 1024;
const PIECE_TEXT_LIMIT = Math.ceil(SNAPSHOT_PIECE_BYTES / 3) * 4;
if (PIECE_TEXT_LIMIT >= MAX_CLIENT_FRAME_BYTES * 0.9) throw new Error('a snapshot piece must fit one page message');

/** A file name as the engineer's file system has it (NAME_MAX). */
const FILE_NAME_LIMIT = 255;
/** Transfers are told apart by an id the core hands out. */
const TransferId = v.pipe(v.string(), v.regex(/^receive-[0-9a-f]{12}$/, 'not a snapshot transfer of this console'));

export const SnapshotSendStart = v.object({
  name: v.pipe(v.string(), v.minLength(1, 'the file has no name'), v.maxLength(FILE_NAME_LIMIT, 'that file name is longer than 255 characters')),
  bytes: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

export const SnapshotSendPiece = v.object({
  transferId: TransferId,
  /** Where the piece starts in the file: pieces arrive in order, and a gap or a repeat is refused. */
  offset: v.pipe(v.number(), v.integer(), v.minValue(0)),
  base64: v.pipe(v.string(), v.maxLength(PIECE_TEXT_LIMIT, `a piece is at most ${SNAPSHOT_PIECE_BYTES} bytes`)),
});

export const SnapshotSendRef = v.object({ transferId: TransferId });

export interface SnapshotSendStarted {
  transferId: string;
}
