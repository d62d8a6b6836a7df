// What one line of the Recordings list says: recordings the core knows (wherever they are) and
// files opened in this window, in one shape, newest first, with the words for where each lives
// and why one will not play.
import type { RecordingEntry, RecordingOrigin } from '../../electron/contract/recordings';
import type { LocalRecording } from './local-cast-file';

export interface ListedRecording {
  /** The core's path, or a local file's key. */
  key: string;
  name: string;
  title: string | null;
  /** The folder it lies in, or where it came from when there is no path. */
  where: string;
  /** The full path, shown on hover; null for a file opened in this window. */
  path: string | null;
  origin: RecordingOrigin | 'this-window';
  startedAt: string | null;
  bytes: number | null;
  durationSeconds: number | null;
  missing: boolean;
  inProgress: boolean;
  problem: string | null;
}

export function listedFromCore(entry: RecordingEntry): ListedRecording {
  return {
    key: entry.path,
    name: entry.name,
    title: entry.title,
    where: folderOf(entry.path),
    path: entry.path,
    origin: entry.origin,
    startedAt: entry.startedAt ?? entry.modifiedAt,
    bytes: entry.bytes,
    durationSeconds: entry.durationSeconds,
    missing: entry.missing,
    inProgress: entry.inProgress,
    problem: entry.problem,
  };
}

export function listedFromFile(recording: LocalRecording): ListedRecording {
  return {
    key: recording.key,
    name: recording.name,
    title: recording.summary.title,
    where: 'opened in this window from a file on this computer',
    path: null,
    origin: 'this-window',
    startedAt: recording.summary.startedAt ?? recording.modifiedAt,
    bytes: recording.bytes,
    durationSeconds: recording.summary.durationSeconds,
    missing: false,
    inProgress: false,
    problem: null,
  };
}

/** Files opened in this window first (just chosen, the engineer looks for them), then the core's, newest first. */
export function recordingList(core: readonly RecordingEntry[], local: readonly LocalRecording[]): ListedRecording[] {
  const newestFirst = (a: ListedRecording, b: ListedRecording) => (b.startedAt ?? '').localeCompare(a.startedAt ?? '');
  return [...local.map(listedFromFile), ...core.map(listedFromCore).sort(newestFirst)];
}

/** "/home/me/visits/acme/shell.cast" → "/home/me/visits/acme" */
export function folderOf(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return slash <= 0 ? path.slice(0, slash + 1) || '.' : path.slice(0, slash);
}

/** The line under a recording's title: when, how long, how big — and what is special about it. */
export function recordingFacts(listed: ListedRecording, locale?: string): string {
  const when = listed.startedAt ? new Date(listed.startedAt).toLocaleString(locale) : 'time unknown';
  const size = listed.bytes === null ? null : listed.missing ? `was ${formatBytes(listed.bytes)}` : formatBytes(listed.bytes);
  return [when, listed.missing ? null : formatDuration(listed.durationSeconds), size].filter((part) => part !== null).join(' · ');
}

/** A short label for what sets a recording apart, or null for an ordinary one. */
export function recordingBadge(listed: ListedRecording): { text: string; tone: 'bad' | 'warn' | 'info' } | null {
  if (listed.missing) return { text: 'missing', tone: 'bad' };
  if (listed.problem) return { text: 'will not play', tone: 'bad' };
  if (listed.inProgress) return { text: 'recording now', tone: 'warn' };
  if (listed.origin === 'opened' || listed.origin === 'this-window') return { text: 'opened', tone: 'info' };
  if (listed.origin === 'snapshot') return { text: 'in the snapshot', tone: 'info' };
  return null;
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1048576 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1048576).toFixed(1)} MiB`;
}
