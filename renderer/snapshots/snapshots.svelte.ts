// The page's side of snapshots: saving the connected lab (the dialog's path, progress and
// summary), opening one by path, and the snapshots opened or saved before (kept by the core).
import type { ConsoleApi } from '../../electron/contract/console-contract';
import type { ConnectionState } from '../../electron/contract/payloads';
import type { RecordingEntry } from '../../electron/contract/recordings';
import { sendSnapshotFile, type SendProgress, type SnapshotFileSource } from './send-snapshot-file';
import type { RecentSnapshot, SnapshotCaptured, SnapshotCaptureProgress } from '../../electron/contract/snapshot-capture';

export type SaveSnapshotStep =
  | { step: 'closed' }
  | { step: 'choosing'; path: string; problem: string | null; recordings: RecordingEntry[] }
  | { step: 'saving'; path: string; progress: SnapshotCaptureProgress | null }
  | { step: 'saved'; captured: SnapshotCaptured; problem: string | null };

export class SnapshotsState {
  recent = $state<RecentSnapshot[]>([]);
  save = $state<SaveSnapshotStep>({ step: 'closed' });

  private api: ConsoleApi | null = null;

  attach(api: ConsoleApi): void {
    this.api = api;
    api.listen('snapshots.recentChanged', (recent) => (this.recent = recent));
    api.listen('snapshot.progress', (progress) => {
      if (this.save.step === 'saving' && this.save.path === progress.path) this.save = { ...this.save, progress };
    });
    // Not a reason to stop the page: the list fills on the next change.
    void Promise.resolve()
      .then(() => api.request('snapshots.recent', null))
      .then((recent) => (this.recent = recent ?? []))
      .catch(() => {});
  }

  /** Opens the dialog with the core's suggested path (the engineer may change it). */
  async startSaving(): Promise<void> {
    if (this.save.step === 'saving') return;
    this.save = { step: 'choosing', path: '', problem: null, recordings: [] };
    try {
      const path = await this.requireApi().request('snapshots.suggestPath', null);
      if (this.save.step === 'choosing' && this.save.path === '') this.save = { ...this.save, path };
    } catch (error) {
      if (this.save.step === 'choosing') this.save = { ...this.save, problem: messageOf(error) };
    }
    // The recordings that could go with it; without the list the snapshot is saved without them.
    const listed = await this.requireApi().request('recordings.list', null).catch(() => []);
    if (this.save.step === 'choosing') this.save = { ...this.save, recordings: recordingsToKeep(listed) };
  }

  /** Captures to the path chosen (with the recordings ticked); a refusal stays in the dialog, with the path, to be corrected. */
  async saveTo(path: string, recordings: string[] = []): Promise<void> {
    const offered = this.save.step === 'choosing' ? this.save.recordings : [];
    this.save = { step: 'saving', path: path.trim(), progress: null };
    try {
      const captured = await this.requireApi().request('snapshots.capture', { path, recordings });
      this.save = { step: 'saved', captured, problem: null };
    } catch (error) {
      this.save = { step: 'choosing', path, problem: messageOf(error), recordings: offered };
    }
  }

  /** Closing while it saves only hides the dialog: the capture goes on in the core. */
  close(): void {
    this.save = { step: 'closed' };
  }

  /** A file chosen or dropped on its way to the core (shown while it goes), or null. */
  sending = $state<({ name: string } & SendProgress) | null>(null);

  /** Opens a file chosen or dropped in the page (its path when the host knows it, else its bytes). */
  async send(file: SnapshotFileSource): Promise<{ ok: true; connection: ConnectionState } | { ok: false; message: string }> {
    this.sending = { name: file.name, sent: 0, bytes: file.size };
    try {
      const connection = await sendSnapshotFile(this.requireApi(), file, (progress) => (this.sending = { name: file.name, ...progress }));
      return { ok: true, connection };
    } catch (error) {
      return { ok: false, message: messageOf(error) };
    } finally {
      this.sending = null;
    }
  }

  /** Opens a snapshot file as the lab shown; the core's reason for refusing it comes back as text. */
  async open(path: string): Promise<{ ok: true; connection: ConnectionState } | { ok: false; message: string }> {
    try {
      return { ok: true, connection: await this.requireApi().request('snapshots.open', { path }) };
    } catch (error) {
      return { ok: false, message: messageOf(error) };
    }
  }

  private requireApi(): ConsoleApi {
    if (!this.api) throw new Error('the console API is not attached yet');
    return this.api;
  }
}

/** Recordings the console wrote that can be read now (finished, still there, playable), newest first. */
export const MAX_OFFERED_RECORDINGS = 20;
function recordingsToKeep(listed: RecordingEntry[]): RecordingEntry[] {
  return listed
    .filter((entry) => entry.origin === 'recorded' && !entry.missing && !entry.inProgress && !entry.problem)
    .sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''))
    .slice(0, MAX_OFFERED_RECORDINGS);
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
