// The Recordings view's state: every recording the core knows (whatever folder it is in), the
// files opened in this window, and the one being played.
import type { ConsoleApi } from '../../electron/contract/console-contract';
import type { RecordingEntry } from '../../electron/contract/recordings';
import { readLocalCastFile, type CastFileSource, type LocalRecording } from './local-cast-file';
import { recordingList, type ListedRecording } from './recording-list';

export interface PlayingRecording {
  key: string;
  title: string;
  /** Where it is (a path), or where it came from. */
  where: string;
  cast: string;
  note: string | null;
}

export class RecordingsState {
  entries = $state<RecordingEntry[]>([]);
  /** Files chosen or dropped in this window: the page holds their text (the browser gives no path). */
  localFiles = $state<LocalRecording[]>([]);
  loading = $state(false);
  error = $state<string | null>(null);
  playing = $state<PlayingRecording | null>(null);

  readonly listed: ListedRecording[] = $derived(recordingList(this.entries, this.localFiles));

  private api: ConsoleApi | null = null;

  attach(api: ConsoleApi): void {
    this.api = api;
  }

  async refresh(): Promise<void> {
    this.loading = true;
    this.error = null;
    try {
      this.entries = await this.requireApi().request('recordings.list', null);
    } catch (error) {
      this.error = messageOf(error);
    } finally {
      this.loading = false;
    }
  }

  /** Another snapshot (or a live lab) is shown: its recordings replace the last one's, and a
   *  recording of the snapshot left stops playing (it is no longer readable). */
  async labShownChanged(): Promise<void> {
    await this.refresh();
    const playing = this.playing;
    if (playing && !this.listed.some((listed) => listed.key === playing.key)) this.playing = null;
  }

  async play(listed: ListedRecording): Promise<void> {
    this.error = null;
    const local = this.localFiles.find((file) => file.key === listed.key);
    if (local) {
      this.playing = { key: local.key, title: local.summary.title ?? local.name, where: listed.where, cast: local.cast, note: local.note };
      return;
    }
    if (listed.missing || !listed.path) {
      this.error = `${listed.path ?? listed.name} is gone (moved or deleted). Open it where it is now, or forget it.`;
      return;
    }
    try {
      const { cast, note } = await this.requireApi().request('recordings.read', { path: listed.path });
      this.playing = { key: listed.key, title: listed.title ?? listed.name, where: listed.path, cast, note };
    } catch (error) {
      this.error = messageOf(error);
    }
  }

  /** Opens a .cast file by path (the core reads and checks it, and lists it from now on); a problem comes back for the form. */
  async openPath(path: string): Promise<string | null> {
    const trimmed = path.trim();
    if (!trimmed) return 'give the path of a .cast file';
    try {
      const { entry, cast, note } = await this.requireApi().request('recordings.open', { path: trimmed });
      this.entries = [entry, ...this.entries.filter((known) => known.path !== entry.path)];
      this.playing = { key: entry.path, title: entry.title ?? entry.name, where: entry.path, cast, note };
      this.error = null;
      return null;
    } catch (error) {
      return messageOf(error);
    }
  }

  /** Opens a file chosen or dropped in the page: checked and played here. */
  async openFile(file: CastFileSource): Promise<string | null> {
    const reading = await readLocalCastFile(file);
    if (!reading.ok) return reading.problem;
    const { recording } = reading;
    this.localFiles = [recording, ...this.localFiles.filter((known) => known.key !== recording.key)];
    this.playing = { key: recording.key, title: recording.summary.title ?? recording.name, where: recording.name, cast: recording.cast, note: recording.note };
    this.error = null;
    return null;
  }

  /** Drops a recording from the list (its file, if any, is not touched). */
  async forget(listed: ListedRecording): Promise<void> {
    this.error = null;
    if (listed.origin === 'this-window') {
      this.localFiles = this.localFiles.filter((file) => file.key !== listed.key);
    } else if (listed.path) {
      try {
        this.entries = await this.requireApi().request('recordings.forget', { path: listed.path });
      } catch (error) {
        this.error = messageOf(error);
        return;
      }
    }
    if (this.playing?.key === listed.key) this.playing = null;
  }

  private requireApi(): ConsoleApi {
    return this.api ?? never();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function never(): never {
  throw new Error('the recordings view is not attached to the console core yet');
}
