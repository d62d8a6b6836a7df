// What the page says about a snapshot being saved or saved: progress in a line, and the summary
// an engineer reads at the end ("Saved lab.obxsnap (412 KiB) in 3.2 s — 14 values masked").
import type { SnapshotCaptured, SnapshotCaptureProgress } from '../../electron/contract/snapshot-capture';
import type { RecordingEntry } from '../../electron/contract/recordings';

const KIB = 1024;
const MIB = 1024 * KIB;

/** "412 KiB", "1.3 MiB": the size as a file manager says it. */
export function describeFileSize(bytes: number): string {
  if (bytes < KIB) return `${bytes} bytes`;
  if (bytes < MIB) return `${(bytes / KIB).toFixed(1).replace(/\.0$/, '')} KiB`;
  return `${(bytes / MIB).toFixed(1).replace(/\.0$/, '')} MiB`;
}

/** The last part of a path, whichever separator it uses. */
export function fileNameOf(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** "Reading machines: 3 of 7 · 41 probes · 56 commands · 2.1 s". */
export function describeCaptureProgress(progress: SnapshotCaptureProgress): string {
  const seconds = (progress.elapsedMs / 1000).toFixed(1);
  if (progress.done) return `Everything read in ${seconds} s; writing the file…`;
  return `Machines read: ${progress.machinesRead} of ${progress.machines} · ${plural(progress.probes, 'probe')} · ${plural(progress.commands, 'command')} · ${seconds} s`;
}

/** "Saved lab.obxsnap (412 KiB) in 3.2 s — 14 values masked". */
export function describeCaptured(captured: SnapshotCaptured): string {
  return `Saved ${fileNameOf(captured.path)} (${describeFileSize(captured.bytes)}) in ${(captured.durationMs / 1000).toFixed(1)} s — ${plural(captured.masked, 'value')} masked`;
}

/** "7 Dec 2026, 10:05 · 2:14" for a recording offered to go with a snapshot. */
export function describeRecordedAt(entry: Pick<RecordingEntry, 'startedAt' | 'durationSeconds'>, locale?: string): string {
  const started = entry.startedAt ? new Date(entry.startedAt) : null;
  const when = started && !Number.isNaN(started.getTime()) ? started.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' }) : 'time unknown';
  if (entry.durationSeconds === null) return when;
  const seconds = Math.round(entry.durationSeconds);
  return `${when} · ${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** What it holds, and what could not be read (the snapshot keeps those errors too). */
export function describeCapturedContents(captured: SnapshotCaptured): string {
  const parts = [plural(captured.machines, 'machine'), `${plural(captured.probes, 'probe')}${captured.failedProbes ? ` (${captured.failedProbes} failed)` : ''}`, plural(captured.commands, 'command')];
  if (captured.unreachable) parts.push(`${plural(captured.unreachable, 'machine')} unreachable`);
  if (captured.recordings) parts.push(plural(captured.recordings, 'recording'));
  return parts.join(' · ');
}

/** "Opening lab.obxsnap: 1.5 MiB of 3 MiB sent" while a chosen or dropped file goes to the core. */
export function describeSending(sending: { name: string; sent: number; bytes: number }): string {
  if (sending.sent >= sending.bytes) return `Opening ${sending.name}: checking it…`;
  return `Opening ${sending.name}: ${describeFileSize(sending.sent)} of ${describeFileSize(sending.bytes)} sent`;
}
