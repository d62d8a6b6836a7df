// Recordings across the UI/core boundary: what the Recordings view lists, what the core remembers
// of every recording it wrote or the engineer opened (saved with the settings), and the payloads
// that name one.
import * as v from 'valibot';

/** Paths as long as any OS allows; a longer one is a mistake or an attack. */
const RecordingPath = v.pipe(v.string(), v.minLength(1, 'give the path of a .cast file'), v.maxLength(4096));

/**
 * How the console knows a recording: it wrote it (a terminal's Record, or "always record"), the
 * engineer opened it by path, it lies in the recordings folder of the settings, or the snapshot
 * shown carries it.
 */
export type RecordingOrigin = 'recorded' | 'opened' | 'folder' | 'snapshot';

/** One remembered recording, as saved between runs (electron/store/stored-state.ts). */
export const KnownRecording = v.object({
  /** Absolute, "~" expanded. */
  path: RecordingPath,
  origin: v.picklist(['recorded', 'opened']),
  /** The terminal's label ("lxc exec instance-0000000c on node03ob64"), or an opened file's header title. */
  title: v.nullable(v.pipe(v.string(), v.maxLength(1024))),
  /** When recording began, or when the engineer opened it (ISO 8601). */
  at: v.pipe(v.string(), v.isoTimestamp()),
  /** Size when last seen (after recording stopped, or when opened): shown if the file is gone. */
  bytes: v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0))),
});
export type KnownRecording = v.InferOutput<typeof KnownRecording>;

export interface RecordingEntry {
  path: string;
  /** The file name. */
  name: string;
  origin: RecordingOrigin;
  /** From the asciicast header, else what the console remembered (the terminal's label). */
  title: string | null;
  /** When it was recorded (header timestamp or remembered), else the file's modification time. */
  startedAt: string | null;
  modifiedAt: string | null;
  /** The size now, or the last known size when the file is missing. */
  bytes: number | null;
  durationSeconds: number | null;
  /** The file is gone (moved or deleted since): listed so nothing vanishes without a word. */
  missing: boolean;
  /** A terminal is writing it now. */
  inProgress: boolean;
  /** Why it will not play (not asciicast v2, unreadable), found from its first line; or null. */
  problem: string | null;
}

/** A recording's text for the player, and what to know about it (a cut-off last event). */
export interface RecordingPlayback {
  cast: string;
  note: string | null;
}

export interface OpenedRecording extends RecordingPlayback {
  entry: RecordingEntry;
}

export const RecordingRef = v.object({ path: RecordingPath });
