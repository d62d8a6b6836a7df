// The Recordings view's state: the recordings folder's .cast files and the one being played.
import type { ConsoleApi } from '../../electron/contract/console-contract';
import type { RecordingEntry } from '../../electron/contract/terminals';

export class RecordingsState {
  entries = $state<RecordingEntry[]>([]);
  loading = $state(false);
  error = $state<string | null>(null);
  playing = $state<{ entry: RecordingEntry; cast: string } | null>(null);

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
      this.error = error instanceof Error ? error.message : String(error);
    } finally {
      this.loading = false;
    }
  }

  private requireApi(): ConsoleApi {
    return this.api ?? never();
  }

  async play(entry: RecordingEntry): Promise<void> {
    this.error = null;
    try {
      this.playing = { entry, cast: await this.requireApi().request('recordings.read', { path: entry.path }) };
    } catch (error) {
      this.error = error instanceof Error ? error.message : String(error);
    }
  }
}

function never(): never {
  throw new Error('the recordings view is not attached to the console core yet');
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1048576 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1048576).toFixed(1)} MiB`;
}
