// The recordings folder: where terminals are recorded (asciicast v2), listed for the Recordings
// view and read back for playback. Only .cast files inside the folder are ever read.
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { ConsoleError } from '../contract/console-errors';
import type { RecordingEntry } from '../contract/terminals';
import { expandHome } from '../ssh-config/ssh-config-file';

/** A recording larger than this is not sent to the page whole (asciinema-player holds it all). */
export const MAX_PLAYBACK_BYTES = 64 * 1024 * 1024;
/** The header is the first line; 64 KiB is far more than any asciicast header. */
const HEADER_PROBE_BYTES = 64 * 1024;

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

export async function listRecordings(directory: string): Promise<RecordingEntry[]> {
  const folder = expandHome(directory);
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ConsoleError('store-unreadable', `cannot read the recordings folder ${folder}: ${(error as Error).message}`);
  }
  const entries: RecordingEntry[] = [];
  for (const name of names.filter((candidate) => candidate.endsWith('.cast'))) {
    const path = join(folder, name);
    try {
      const info = await stat(path);
      if (!info.isFile()) continue;
      entries.push({ path, name, bytes: info.size, modifiedAt: info.mtime.toISOString(), ...(await readHeader(path)) });
    } catch {
      // Vanished meanwhile, or unreadable: not listed.
    }
  }
  return entries.sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt));
}

export async function readRecording(directory: string, path: string): Promise<string> {
  const folder = resolve(expandHome(directory));
  const full = resolve(path);
  if (!full.startsWith(folder + sep) || !full.endsWith('.cast')) {
    throw new ConsoleError('invalid-payload', `only recordings in ${folder} can be played`);
  }
  const info = await stat(full).catch(() => null);
  if (!info?.isFile()) throw new ConsoleError('not-found', `the recording ${full} is gone`);
  if (info.size > MAX_PLAYBACK_BYTES) throw new ConsoleError('invalid-payload', `${full} is ${Math.round(info.size / 1048576)} MiB, more than the ${MAX_PLAYBACK_BYTES / 1048576} MiB the player can hold; play it with \`asciinema play\``);
  return readFile(full, 'utf8');
}

async function readHeader(path: string): Promise<Pick<RecordingEntry, 'title' | 'durationSeconds'>> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(HEADER_PROBE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEADER_PROBE_BYTES, 0);
    const header = JSON.parse(buffer.subarray(0, bytesRead).toString('utf8').split('\n')[0] ?? '') as { title?: unknown };
    // The last event's time is the duration: read the file's tail.
    const { size } = await handle.stat();
    const tailStart = Math.max(0, size - HEADER_PROBE_BYTES);
    const tail = Buffer.alloc(size - tailStart);
    await handle.read(tail, 0, tail.length, tailStart);
    const lastLine = tail.toString('utf8').trimEnd().split('\n').at(-1) ?? '';
    let durationSeconds: number | null = null;
    try {
      const event = JSON.parse(lastLine) as unknown;
      if (Array.isArray(event) && typeof event[0] === 'number') durationSeconds = event[0];
    } catch {
      durationSeconds = null;
    }
    return { title: typeof header.title === 'string' ? header.title : null, durationSeconds };
  } catch {
    return { title: null, durationSeconds: null };
  } finally {
    await handle.close();
  }
}
