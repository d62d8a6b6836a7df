// A .cast file the engineer chose or dropped in the page: read and checked here, played here.
// The browser gives the page a file's bytes, never its path, so the core could not read it again;
// sending it over instead would push up to 64 MiB through a carrier whose page-to-core messages
// are bounded at 1 MiB. The same check as the core's (electron/contract/asciicast.ts) decides.
import { MAX_PLAYBACK_BYTES, checkAsciicast, decodeRecordingText, tooLargeProblem, type AsciicastSummary } from '../../electron/contract/asciicast';

/** The part of a DOM File this reads (a File satisfies it; tests pass their own). */
export interface CastFileSource {
  name: string;
  size: number;
  lastModified: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface LocalRecording {
  /** Unique per file and version: the same file dropped twice is one entry. */
  key: string;
  name: string;
  bytes: number;
  modifiedAt: string;
  summary: AsciicastSummary;
  cast: string;
  note: string | null;
}

export type LocalReading = { ok: true; recording: LocalRecording } | { ok: false; problem: string };

export async function readLocalCastFile(file: CastFileSource): Promise<LocalReading> {
  const refuse = (problem: string): LocalReading => ({ ok: false, problem: `${file.name} cannot be played: ${problem}` });
  // Checked before reading: a huge file is refused without loading it into the page.
  if (file.size > MAX_PLAYBACK_BYTES) return refuse(tooLargeProblem(file.size));
  let bytes: ArrayBuffer;
  try {
    bytes = await file.arrayBuffer();
  } catch (error) {
    return refuse(`the browser could not read it (${error instanceof Error ? error.message : String(error)})`);
  }
  const decoded = decodeRecordingText(new Uint8Array(bytes));
  if (!decoded.ok) return refuse(decoded.problem);
  const checked = checkAsciicast(decoded.text);
  if (!checked.ok) return refuse(checked.problem);
  return {
    ok: true,
    recording: {
      key: `file:${file.name}:${file.size}:${file.lastModified}`,
      name: file.name,
      bytes: file.size,
      modifiedAt: new Date(file.lastModified).toISOString(),
      summary: checked.summary,
      cast: checked.cast,
      note: checked.note,
    },
  };
}
