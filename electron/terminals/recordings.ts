// Recording files on disk: where a new recording goes, what the Recordings view lists (every
// recording the console remembers, wherever it is, and the .cast files of the recordings folder),
// and reading one back for playback. Only files the console wrote, the engineer opened, or that lie
// in the recordings folder are ever read, and only if they are asciicast v2.
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import type { Stats } from 'node:fs';
import { ConsoleError } from '../contract/console-errors';
import { MAX_PLAYBACK_BYTES, checkAsciicast, checkAsciicastHeader, decodeRecordingText, eventSeconds, tooLargeProblem, type AsciicastSummary } from '../contract/asciicast';
import type { KnownRecording, RecordingEntry, RecordingPlayback } from '../contract/recordings';
import { expandHome } from '../ssh-config/ssh-config-file';
import { canonicalRecordingPath, findRecording } from './recording-catalog';

/** The header is the first line; 64 KiB is far more than any asciicast header (and the last event is read from as much of the tail). */
const HEADER_PROBE_BYTES = 64 * 1024;
/** Files described at once while listing: enough to hide disk latency, few enough file handles. */
const LISTING_CONCURRENCY = 16;
/** Only these are recordings (and only these are ever opened by path): never ~/.bashrc or a key by a typo. */
export const RECORDING_EXTENSION = '.cast';

/** "lxc exec instance-0000000c on node03ob64" → "lxc-exec-instance-0000000c-on-node03ob64" */
export const slugOf = (title: string): string =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80) || 'terminal';

export function recordingPathFor(directory: string, title: string, at = new Date()): string {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return join(expandHome(directory), `${slugOf(title)}-${stamp}.cast`);
}

export interface RecordingSources {
  /** What the console remembers (saved with the settings), newest first. */
  known: readonly KnownRecording[];
  /** The recordings folder of the settings ("~" allowed). */
  folder: string;
  /** Paths terminals are writing now. */
  inProgress: ReadonlySet<string>;
}

/** Every remembered recording (gone ones marked missing) and the folder's other .cast files, newest first. */
export async function listRecordings({ known, folder, inProgress }: RecordingSources): Promise<RecordingEntry[]> {
  const inFolder = (await castFilesIn(folder)).filter((path) => !findRecording(known, path));
  const entries = await mapWithLimit(
    [...known.map((recording) => ({ path: recording.path, recording })), ...inFolder.map((path) => ({ path, recording: null }))],
    LISTING_CONCURRENCY,
    ({ path, recording }) => describeRecording(path, recording, inProgress.has(path)),
  );
  const when = (entry: RecordingEntry) => entry.startedAt ?? entry.modifiedAt ?? '';
  return entries.sort((a, b) => when(b).localeCompare(when(a)));
}

/** Whether the page may have this file's text: the console wrote it, the engineer opened it, or it is in the recordings folder. */
export function mayPlay(path: string, known: readonly KnownRecording[], folder: string): boolean {
  const full = canonicalRecordingPath(path);
  if (findRecording(known, full)) return true;
  return full.endsWith(RECORDING_EXTENSION) && full.startsWith(canonicalRecordingPath(folder) + sep);
}

/** A listed recording's text for the player; anything else is refused without being read. */
export async function readListedRecording(path: string, sources: Omit<RecordingSources, 'inProgress'>): Promise<RecordingPlayback> {
  const full = canonicalRecordingPath(path);
  if (!mayPlay(full, sources.known, sources.folder)) {
    throw new ConsoleError(
      'invalid-payload',
      `${full} is not a recording this console wrote or you opened; open it with "Open a .cast file" in Recordings to play it`,
    );
  }
  const { cast, note } = await readRecordingFile(full);
  return { cast, note };
}

/** Reads and checks one .cast file: a clear ConsoleError when it is missing, too large, not text or not asciicast v2. */
export async function readRecordingFile(path: string): Promise<RecordingPlayback & { summary: AsciicastSummary; bytes: number }> {
  const full = canonicalRecordingPath(path);
  if (!full.endsWith(RECORDING_EXTENSION)) {
    throw new ConsoleError('invalid-payload', `${full} does not end in ${RECORDING_EXTENSION}: only asciicast recordings (.cast files) can be opened`);
  }
  const info = await stat(full).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') throw new ConsoleError('not-found', `there is no file ${full} (moved or deleted?)`);
    throw new ConsoleError('recording-unplayable', `cannot read ${full}: ${error.message}`);
  });
  if (!info.isFile()) throw new ConsoleError('recording-unplayable', `${full} is not a file`);
  if (info.size > MAX_PLAYBACK_BYTES) throw new ConsoleError('recording-unplayable', `${full} cannot be played here: ${tooLargeProblem(info.size)}`);
  const bytes = await readFile(full).catch((error: Error) => {
    throw new ConsoleError('recording-unplayable', `cannot read ${full}: ${error.message}`);
  });
  const decoded = decodeRecordingText(bytes);
  if (!decoded.ok) throw new ConsoleError('recording-unplayable', `${full} cannot be played: ${decoded.problem}`);
  const checked = checkAsciicast(decoded.text);
  if (!checked.ok) throw new ConsoleError('recording-unplayable', `${full} cannot be played: ${checked.problem}`);
  return { cast: checked.cast, note: checked.note, summary: checked.summary, bytes: bytes.length };
}

async function castFilesIn(directory: string): Promise<string[]> {
  const folder = canonicalRecordingPath(directory);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw new ConsoleError('store-unreadable', `cannot read the recordings folder ${folder}: ${(error as Error).message}`);
  }
  return names.filter((name) => name.endsWith(RECORDING_EXTENSION)).map((name) => join(folder, name));
}

/** One recording as the list shows it: what is remembered of it, and what its file says now. */
export async function describeRecording(path: string, recording: KnownRecording | null, inProgress: boolean): Promise<RecordingEntry> {
  const base: RecordingEntry = {
    path,
    name: basename(path),
    origin: recording?.origin ?? 'folder',
    title: recording?.title ?? null,
    // When it was recorded, or (an opened file whose header says nothing) when it was opened.
    startedAt: recording?.at ?? null,
    modifiedAt: null,
    bytes: recording?.bytes ?? null,
    durationSeconds: null,
    missing: false,
    inProgress,
    problem: null,
  };
  let info: Stats;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // A recording just started may not have reached the disk yet (the file opens asynchronously).
    if (inProgress && code === 'ENOENT') return { ...base, bytes: 0, durationSeconds: 0 };
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ...base, missing: true };
    return { ...base, problem: `cannot be read: ${(error as Error).message}` };
  }
  if (!info.isFile()) return { ...base, problem: 'is not a file' };
  const described = { ...base, bytes: info.size, modifiedAt: info.mtime.toISOString() };
  const read = await readEnds(path, info.size).catch((error: Error) => ({ problem: `cannot be read: ${error.message}` }) as const);
  if ('problem' in read) return { ...described, problem: read.problem, startedAt: described.startedAt ?? described.modifiedAt };
  return {
    ...described,
    title: read.title ?? described.title,
    startedAt: (recording?.origin === 'recorded' ? recording.at : read.startedAt ?? recording?.at) ?? described.modifiedAt,
    durationSeconds: read.durationSeconds,
  };
}

type EndsRead = { title: string | null; startedAt: string | null; durationSeconds: number | null } | { problem: string };

/** The header (first line) and the last event's time (from the tail), without reading the whole file. */
async function readEnds(path: string, size: number): Promise<EndsRead> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(HEADER_PROBE_BYTES, size));
    await handle.read(head, 0, head.length, 0);
    const lineEnd = head.indexOf(0x0a);
    if (lineEnd < 0 && size > HEADER_PROBE_BYTES) return { problem: `its first line is longer than ${HEADER_PROBE_BYTES / 1024} KiB: it is not an asciicast header` };
    const decoded = decodeRecordingText(head.subarray(0, lineEnd < 0 ? head.length : lineEnd));
    if (!decoded.ok) return { problem: decoded.problem };
    const header = checkAsciicastHeader(decoded.text);
    if (!header.ok) return { problem: header.problem };

    const tailStart = Math.max(0, size - HEADER_PROBE_BYTES);
    const tail = Buffer.alloc(size - tailStart);
    await handle.read(tail, 0, tail.length, tailStart);
    // The last line may be cut off (a recording being written, or one that ended abruptly): the
    // last line that is an event gives the duration.
    const lines = tail.toString('utf8').split('\n');
    let durationSeconds: number | null = null;
    for (let index = lines.length - 1; index >= (tailStart === 0 ? 1 : 0) && durationSeconds === null; index -= 1) {
      durationSeconds = eventSeconds(lines[index]!.trim());
    }
    return { title: header.header.title, startedAt: header.header.startedAt, durationSeconds: durationSeconds ?? 0 };
  } finally {
    await handle.close();
  }
}

async function mapWithLimit<T, R>(items: readonly T[], limit: number, each: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await each(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
