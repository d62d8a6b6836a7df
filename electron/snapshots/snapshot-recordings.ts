// The terminal recordings a snapshot carries, listed and played like any other: each is named by
// a path inside the snapshot file ("<file>/<name>"), which no real file has, so the Recordings
// requests can tell them from files on disk. They are checked as asciicast v2 like any file.
import { checkAsciicast } from '../contract/asciicast';
import { ConsoleError } from '../contract/console-errors';
import type { RecordingEntry, RecordingPlayback } from '../contract/recordings';
import type { SnapshotRecording } from '../contract/snapshot';

/** What a snapshot without a file (the bundled demo) calls itself in a recording's path. */
const NO_FILE = 'snapshot';

export class SnapshotRecordings {
  private readonly byPath: Map<string, SnapshotRecording>;

  constructor(
    recordings: readonly SnapshotRecording[],
    private readonly file: string | null,
    /** When the snapshot was taken: the time of a recording whose header says none. */
    private readonly takenAt: string,
  ) {
    this.byPath = new Map(recordings.map((recording) => [this.pathOf(recording), recording]));
  }

  entries(): RecordingEntry[] {
    return [...this.byPath].map(([path, recording]) => {
      const checked = checkAsciicast(recording.cast);
      return {
        path,
        name: recording.name,
        origin: 'snapshot',
        title: (checked.ok ? checked.summary.title : null) ?? recording.title,
        startedAt: (checked.ok ? checked.summary.startedAt : null) ?? this.takenAt,
        modifiedAt: null,
        bytes: Buffer.byteLength(recording.cast),
        durationSeconds: checked.ok ? checked.summary.durationSeconds : null,
        missing: false,
        inProgress: false,
        problem: checked.ok ? null : checked.problem,
      };
    });
  }

  /** The recording's text for the player, or null when the path is not one of this snapshot's. */
  read(path: string): RecordingPlayback | null {
    const recording = this.byPath.get(path);
    if (!recording) return null;
    const checked = checkAsciicast(recording.cast);
    if (!checked.ok) throw new ConsoleError('recording-unplayable', `${recording.name} in the snapshot cannot be played: ${checked.problem}`);
    return { cast: checked.cast, note: checked.note };
  }

  has(path: string): boolean {
    return this.byPath.has(path);
  }

  private pathOf(recording: SnapshotRecording): string {
    return `${this.file ?? NO_FILE}/${recording.name}`;
  }
}
