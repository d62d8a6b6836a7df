// Saving the connected lab as a snapshot from the UI, and the snapshots the console remembers
// having opened or saved, across the UI/core boundary. The page's forms check a path with the same
// schemas the core validates it with.
import * as v from 'valibot';
import { SNAPSHOT_EXTENSION } from './snapshot';

/** PATH_MAX on Linux; a longer path is a mistake. */
const PATH_LIMIT = 4096;

/** A full path: "/…", "~/…" (this computer's home) or a Windows drive ("C:\…"). */
const FULL_PATH = /^(\/|~\/|[A-Za-z]:[\\/])/;

export const SnapshotSavePath = v.pipe(
  v.string('the snapshot file must be a path'),
  v.trim(),
  v.minLength(1, `give the path of the snapshot file to write (ending in ${SNAPSHOT_EXTENSION})`),
  v.maxLength(PATH_LIMIT, `the snapshot path is limited to ${PATH_LIMIT} characters`),
  v.check((path) => !/[\u0000-\u001f\u007f]/.test(path), 'the snapshot path must not contain control characters or line breaks'),
  v.check((path) => FULL_PATH.test(path), 'give the full path of the snapshot file, starting with / or ~/ (the console does not guess a folder)'),
  // Only .obxsnap files: a typo must never overwrite ~/.bashrc or a key.
  v.check((path) => path.toLowerCase().endsWith(SNAPSHOT_EXTENSION) && path.length > SNAPSHOT_EXTENSION.length + 1, `a snapshot is saved as a ${SNAPSHOT_EXTENSION} file: give a path ending in ${SNAPSHOT_EXTENSION}`),
);

export const SnapshotCaptureRequest = v.object({
  path: SnapshotSavePath,
  /** Recordings to keep with it (paths the Recordings view lists); their output masked, what was typed left out. */
  recordings: v.optional(v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(PATH_LIMIT))), v.maxLength(100, 'choose fewer recordings')), []),
});

/** How far a capture has got. */
export interface CaptureProgress {
  /** Machines known so far, the controller included (1 until juju status has answered). */
  machines: number;
  /** Machines at least one probe has read (or failed to read). */
  machinesRead: number;
  /** Probe outcomes so far. */
  probes: number;
  /** Commands recorded so far. */
  commands: number;
  /** Secrets masked so far in what the commands printed. */
  maskedValues: number;
  elapsedMs: number;
  /** True on the last report, once the snapshot's content is complete (the file is written next). */
  done: boolean;
}

/** A capture's progress as streamed to the page (snapshot.progress), with the file it will write. */
export interface SnapshotCaptureProgress extends CaptureProgress {
  /** The file it will write (absolute). */
  path: string;
}

/** A snapshot written: what it holds, its size, and how long it took from the request to the file. */
export interface SnapshotCaptured {
  path: string;
  labName: string;
  bytes: number;
  machines: number;
  /** Machines that could not be reached (their error is in the snapshot). */
  unreachable: number;
  probes: number;
  failedProbes: number;
  commands: number;
  /** Secret values masked, in command outputs and recordings together. */
  masked: number;
  /** Terminal recordings kept with it. */
  recordings: number;
  durationMs: number;
}

/** A snapshot the console opened or saved before, newest first (the lab switcher lists them). */
export const RecentSnapshot = v.object({
  /** Absolute. */
  path: v.pipe(v.string(), v.minLength(1), v.maxLength(PATH_LIMIT)),
  labName: v.pipe(v.string(), v.maxLength(1024)),
  /** When it was taken (the capture's end, ISO 8601). */
  takenAt: v.pipe(v.string(), v.maxLength(64)),
  kind: v.picklist(['capture', 'demo']),
  /** When the console last opened or saved it (ISO 8601). */
  usedAt: v.pipe(v.string(), v.isoTimestamp()),
});
export type RecentSnapshot = v.InferOutput<typeof RecentSnapshot>;

/** Enough to find last week's captures; more is a file browser's job. */
export const MAX_RECENT_SNAPSHOTS = 10;
