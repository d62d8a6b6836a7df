// Terminal recordings the engineer chose to keep with a capture (Save snapshot's "recordings to
// include", `snapshot capture --recording FILE`). A recording is what a terminal printed, so it is
// masked like every other output before it is written; and what the engineer typed (input events,
// when a recording kept them) never goes into a snapshot: a password typed at a sudo prompt is
// input. A recording that cannot be read stops the capture before the lab is read, with the reason.
import { basename } from 'node:path';
import type { RecordingPlayback } from '../contract/recordings';
import type { SnapshotRecording } from '../contract/snapshot';
import { checkAsciicastHeader } from '../contract/asciicast';
import { ConsoleError } from '../contract/console-errors';
import { maskRecordingOutput } from './support-bundle/bundle-masking';

/** More than a handful is a support case for a file share, not one snapshot (each may be 64 MiB). */
export const MAX_RECORDINGS_PER_SNAPSHOT = 20;

export interface RecordingParts {
  recordings: SnapshotRecording[];
  /** Secret values masked in their output. */
  masked: number;
  /** Input events left out (what was typed). */
  inputEventsLeftOut: number;
}

/** Reads each recording (through the caller's reader, which decides which files may be read), and makes its part. */
export async function recordingParts(paths: readonly string[], read: (path: string) => Promise<RecordingPlayback>): Promise<RecordingParts> {
  const unique = [...new Set(paths)];
  if (unique.length > MAX_RECORDINGS_PER_SNAPSHOT) {
    throw new ConsoleError('invalid-payload', `a snapshot keeps at most ${MAX_RECORDINGS_PER_SNAPSHOT} recordings (${unique.length} chosen); choose fewer`);
  }
  const parts: RecordingParts = { recordings: [], masked: 0, inputEventsLeftOut: 0 };
  const names = new Set<string>();
  for (const path of unique) {
    const { cast } = await read(path).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ConsoleError(error instanceof ConsoleError ? error.code : 'recording-unplayable', `the recording ${path} cannot go into the snapshot: ${reason}`);
    });
    const { text, inputEvents } = withoutInput(cast);
    const header = checkAsciicastHeader(text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n')));
    const title = header.ok ? (header.header.title ?? basename(path)) : basename(path);
    const masked = maskRecordingOutput({ name: uniqueName(basename(path), names), title, cast: text });
    parts.recordings.push(masked.recording);
    parts.masked += masked.masked;
    parts.inputEventsLeftOut += inputEvents;
  }
  return parts;
}

/** The cast without its input events ([t, "i", data]); every other line as it was. */
export function withoutInput(cast: string): { text: string; inputEvents: number } {
  let inputEvents = 0;
  const kept = cast.split('\n').filter((line, index) => {
    if (index === 0 || !line.startsWith('[')) return true;
    try {
      const event = JSON.parse(line) as unknown;
      if (Array.isArray(event) && event[1] === 'i') {
        inputEvents += 1;
        return false;
      }
    } catch {
      // Not an event: kept as it is (the player says what is wrong with it).
    }
    return true;
  });
  return { text: kept.join('\n'), inputEvents };
}

/** Two recordings of the same file name from different folders are both kept. */
function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let copy = 2; taken.has(candidate); copy += 1) candidate = name.replace(/(\.cast)?$/, `-${copy}$1`);
  taken.add(candidate);
  return candidate;
}
