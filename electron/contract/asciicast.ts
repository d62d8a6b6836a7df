// What makes a file a playable asciicast v2 recording (https://docs.asciinema.org/manual/asciicast/v2/):
// a JSON header line {version: 2, width, height, …}, then one JSON line per event
// [seconds, code, text]. Pure, so the core (a path the engineer typed, a recording it wrote) and
// the page (a file chosen or dropped in the browser) check a file the same way, with the same
// words when it is not one.

/** A recording larger than this is not played whole (asciinema-player holds all of it in memory). */
export const MAX_PLAYBACK_BYTES = 64 * 1024 * 1024;

export interface AsciicastHeader {
  width: number;
  height: number;
  title: string | null;
  /** When recording began (the header's Unix timestamp), as ISO 8601. */
  startedAt: string | null;
}

export interface AsciicastSummary extends AsciicastHeader {
  /** The last event's time: how long the recording plays (before idle pauses are shortened). */
  durationSeconds: number;
}

export type AsciicastCheck =
  | {
      ok: true;
      /** The text to play: the file's, less a last event cut off mid-line (see note). */
      cast: string;
      summary: AsciicastSummary;
      /** Something the engineer should know although it plays, or null. */
      note: string | null;
    }
  | { ok: false; problem: string };

export type HeaderCheck = { ok: true; header: AsciicastHeader } | { ok: false; problem: string };

const NOT_TEXT = 'it is not UTF-8 text, so it is not an asciicast recording';

/** Bytes → text, or why it is not text. Invalid UTF-8 is refused rather than played as "�". */
export function decodeRecordingText(bytes: Uint8Array): { ok: true; text: string } | { ok: false; problem: string } {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, problem: NOT_TEXT };
  }
}

export const tooLargeProblem = (bytes: number): string =>
  `it is ${Math.round(bytes / 1048576)} MiB, more than the ${MAX_PLAYBACK_BYTES / 1048576} MiB the player can hold; play it with \`asciinema play\``;

/** The first line of a file, checked as an asciicast v2 header. Nothing of the file's content is echoed back. */
export function checkAsciicastHeader(firstLine: string): HeaderCheck {
  const line = firstLine.replace(/^\uFEFF/, '').trim();
  if (!line) return { ok: false, problem: 'it is empty, or its first line is blank: an asciicast file starts with a JSON header line' };
  let header: unknown;
  try {
    header = JSON.parse(line);
  } catch {
    return {
      ok: false,
      problem: line.startsWith('{')
        ? 'its first line is not a complete JSON header (an asciicast v1 file, which is one JSON document over many lines, or a damaged v2 file)'
        : 'its first line is not a JSON header: it is not an asciicast file',
    };
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    return { ok: false, problem: 'its first line is not a JSON object: it is not an asciicast header' };
  }
  const fields = header as Record<string, unknown>;
  if (fields.version !== 2) {
    const found = typeof fields.version === 'number' ? `version ${fields.version}` : 'no version';
    return { ok: false, problem: `its header says ${found}; this console plays asciicast version 2 (convert it first: see \`asciinema convert --help\`)` };
  }
  const width = fields.width;
  const height = fields.height;
  if (!isPositiveInteger(width) || !isPositiveInteger(height)) {
    return { ok: false, problem: 'its header has no valid width and height (terminal columns and rows)' };
  }
  const timestamp = fields.timestamp;
  return {
    ok: true,
    header: {
      width,
      height,
      title: typeof fields.title === 'string' && fields.title.trim() ? fields.title : null,
      startedAt: typeof timestamp === 'number' && Number.isFinite(timestamp) && timestamp > 0 ? new Date(timestamp * 1000).toISOString() : null,
    },
  };
}

/** The whole file: header, then every event line. */
export function checkAsciicast(text: string): AsciicastCheck {
  const firstBreak = text.indexOf('\n');
  const header = checkAsciicastHeader(firstBreak < 0 ? text : text.slice(0, firstBreak));
  if (!header.ok) return header;

  let durationSeconds = 0;
  let note: string | null = null;
  let cast = text;
  let lineNumber = 1;
  let start = firstBreak < 0 ? text.length : firstBreak + 1;
  while (start < text.length) {
    lineNumber += 1;
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end < 0 ? text.length : end).trim();
    if (line) {
      const seconds = eventSeconds(line);
      if (seconds === null) {
        // The recorder appends one line per event: a line cut off at the very end is a recording
        // that ended abruptly (the console or the machine stopped mid-write); the rest still plays.
        if (end < 0) {
          cast = text.slice(0, start);
          note = `its last event (line ${lineNumber}) was cut off — the recording ended abruptly; it plays without it`;
          break;
        }
        return { ok: false, problem: `line ${lineNumber} is not an asciicast event ([seconds, code, text]): the file is damaged from there` };
      }
      durationSeconds = Math.max(durationSeconds, seconds);
    }
    if (end < 0) break;
    start = end + 1;
  }
  return { ok: true, cast, summary: { ...header.header, durationSeconds }, note };
}

/** The time of an event line, or null when the line is not an event. */
export function eventSeconds(line: string): number | null {
  let event: unknown;
  try {
    event = JSON.parse(line);
  } catch {
    return null;
  }
  if (!Array.isArray(event) || event.length < 3) return null;
  const [seconds, code, data] = event as unknown[];
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return null;
  if (typeof code !== 'string' || typeof data !== 'string') return null;
  return seconds;
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}
