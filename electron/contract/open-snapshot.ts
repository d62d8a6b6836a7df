// A snapshot open in the console, across the UI/core boundary: the request that opens one from a
// file, and what the connection state says about it (the page's banner and read-only buttons).
import * as v from 'valibot';

/** PATH_MAX on Linux; a longer path is a mistake. */
const PATH_LIMIT = 4096;

export const SnapshotOpenRequest = v.object({
  path: v.pipe(
    v.string('the snapshot file must be a path'),
    v.trim(),
    v.minLength(1, 'give the path of a snapshot file (.obxsnap)'),
    v.maxLength(PATH_LIMIT, `the snapshot path is limited to ${PATH_LIMIT} characters`),
    v.check((path) => !/[\u0000-\u001f\u007f]/.test(path), 'the snapshot path must not contain control characters or line breaks'),
  ),
});

/** What the connection state says while a snapshot is open instead of a live lab. */
export interface OpenSnapshot {
  /** The lab it was taken of. */
  labName: string;
  /** When the capture ended: the time the page shows it as "taken". */
  takenAt: string;
  /** A capture of a live lab, or the demo lab the console ships. */
  kind: 'capture' | 'demo';
  /** The file it was read from (absolute), or null when it came from elsewhere (the bundled demo). */
  file: string | null;
}
