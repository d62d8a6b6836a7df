// The recordings requests, and the core's memory of every recording it wrote: a terminal's
// recording is remembered the moment it starts (wherever the engineer saved it), a .cast file
// the engineer opens by path is remembered once it checks out as asciicast v2, and only those
// (and the recordings folder's files) are ever read back for the page.
import { stat } from 'node:fs/promises';
import type { RequestHandlers } from './request-dispatcher';
import type { KnownRecording } from '../contract/recordings';
import type { RecordingChange } from '../terminals/terminal-session';
import { canonicalRecordingPath, findRecording, forgetRecording, rememberOpened, rememberRecording, withRecordedSize } from '../terminals/recording-catalog';
import { describeRecording, listRecordings, readListedRecording, readRecordingFile } from '../terminals/recordings';

type RecordingRequests = 'recordings.list' | 'recordings.read' | 'recordings.open' | 'recordings.forget';

export interface RecordingKeeperOptions {
  /** The remembered list as saved now. */
  known(): readonly KnownRecording[];
  /** Saves a new list (with the rest of the console's state). */
  save(next: KnownRecording[]): Promise<void>;
  /** The recordings folder of the settings now. */
  folder(): string;
  /** Paths terminals are writing now. */
  inProgress(): string[];
  /** A remembered change could not be saved: say so, the recording itself is fine. */
  onSaveFailed(message: string): void;
}

export function createRecordingKeeper(options: RecordingKeeperOptions): {
  handlers: Pick<RequestHandlers, RecordingRequests>;
  onRecording(change: RecordingChange): void;
  /** Resolves once what terminals reported so far is saved (the core waits for it when it closes). */
  settled(): Promise<void>;
} {
  const update = (change: (list: readonly KnownRecording[]) => KnownRecording[]) => options.save(change(options.known()));
  // Terminals report in the background; the core's close waits for these so nothing is saved after it.
  const pending = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    const tracked = work.catch((error: unknown) =>
      options.onSaveFailed(`a recording could not be added to the Recordings list: ${error instanceof Error ? error.message : String(error)}`),
    );
    pending.add(tracked);
    void tracked.finally(() => pending.delete(tracked));
  };
  const inProgress = () => new Set(options.inProgress().map(canonicalRecordingPath));
  const list = () => listRecordings({ known: options.known(), folder: options.folder(), inProgress: inProgress() });

  return {
    onRecording(change) {
      if (change.kind === 'started') {
        track(update((known) => rememberRecording(known, { path: change.path, origin: 'recorded', title: change.title, at: change.at, bytes: null })));
        return;
      }
      track(
        stat(change.path).then(
          (info) => update((known) => withRecordedSize(known, change.path, info.size)),
          () => {}, // gone already: the list shows it as missing
        ),
      );
    },

    settled: async () => {
      while (pending.size > 0) await Promise.all(pending);
    },

    handlers: {
      'recordings.list': list,

      'recordings.read': ({ path }) => readListedRecording(path, { known: options.known(), folder: options.folder() }),

      'recordings.open': async ({ path }) => {
        const { cast, note, summary, bytes } = await readRecordingFile(path);
        const full = canonicalRecordingPath(path);
        await update((known) => rememberOpened(known, { path: full, origin: 'opened', title: summary.title, at: new Date().toISOString(), bytes }));
        const entry = await describeRecording(full, findRecording(options.known(), full), inProgress().has(full));
        return { entry, cast, note };
      },

      'recordings.forget': async ({ path }) => {
        await update((known) => forgetRecording(known, path));
        return list();
      },
    },
  };
}
