// Snapshots from the UI: capturing the connected live lab into a file (through the core's own link
// and routes: no second connection), the path a capture goes to by default, and the snapshots
// opened or saved before. Opening one is the core's (it replaces the lab shown).
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { ConsoleError } from '../contract/console-errors';
import type { LatestPingRuns } from '../contract/diagnostics';
import type { SnapshotContent } from '../contract/snapshot';
import { MAX_RECENT_SNAPSHOTS, type RecentSnapshot, type SnapshotCaptured, type SnapshotCaptureProgress } from '../contract/snapshot-capture';
import { captureSnapshot, type CaptureOptions } from '../snapshots/capture';
import { writeSnapshotFile } from '../snapshots/snapshot-file';
import { recordingParts } from '../snapshots/snapshot-recording-parts';
import type { RecordingPlayback } from '../contract/recordings';
import { expandHome } from '../ssh-config/ssh-config-file';
import type { RequestHandlers } from './request-dispatcher';

/** Where captures go unless the engineer says otherwise (created on first use, owner-only). */
export const DEFAULT_SNAPSHOT_FOLDER_NAME = 'OrangeBox snapshots';
/** The default folder holds customers' lab details: owner-only, like the files in it. */
const SNAPSHOT_FOLDER_MODE = 0o700;

/** What a capture reads through: the core's connected lab, or why there is none to capture. */
export type CaptureSource =
  | ({ live: true } & Pick<CaptureOptions, 'lab' | 'controller' | 'routeContext' | 'routeChoice' | 'openRoute'>)
  | { live: false; refusal: ConsoleError };

export interface SnapshotHandlerOptions {
  source(): CaptureSource;
  /** The name of the lab shown (for the default file name), or null. */
  labName(): string | null;
  /** The latest ping and matrix runs, kept with the capture. */
  latestPingRuns(): LatestPingRuns;
  onProgress(progress: SnapshotCaptureProgress): void;
  /** Reads a recording the Recordings view lists (others are refused), to keep it with a capture. */
  readRecording(path: string): Promise<RecordingPlayback>;
  recent(): RecentSnapshot[];
  saveRecent(next: RecentSnapshot[]): Promise<void>;
  home: string;
  now?: () => Date;
}

type SnapshotRequests = 'snapshots.capture' | 'snapshots.suggestPath' | 'snapshots.recent';

export interface SnapshotHandlers {
  handlers: Pick<RequestHandlers, SnapshotRequests>;
  /** A snapshot was opened from a file: it goes to the top of the recent list. */
  remember(path: string, content: SnapshotContent): Promise<void>;
  /** The live lab a capture would read, or why there is none (an export for support reads it too). */
  captureSource(): CaptureSource;
}

export function createSnapshotHandlers(options: SnapshotHandlerOptions): SnapshotHandlers {
  const now = options.now ?? (() => new Date());
  const defaultFolder = join(options.home, DEFAULT_SNAPSHOT_FOLDER_NAME);
  /** One capture at a time: two would read the same lab twice over one link for nothing. */
  let capturing: string | null = null;

  const remember = async (path: string, content: Pick<SnapshotContent, 'meta'>) => {
    const entry: RecentSnapshot = { path, labName: content.meta.labName, takenAt: content.meta.captureEndedAt, kind: content.meta.kind, usedAt: now().toISOString() };
    const next = [entry, ...options.recent().filter((other) => other.path !== path)].slice(0, MAX_RECENT_SNAPSHOTS);
    await options.saveRecent(next);
  };

  /** The folder must exist (the default one is made): said before a capture that takes seconds. */
  const prepareFolder = async (file: string) => {
    const folder = dirname(file);
    if (folder === defaultFolder) await mkdir(folder, { recursive: true, mode: SNAPSHOT_FOLDER_MODE });
    const folderInfo = await stat(folder).catch(() => null);
    if (!folderInfo?.isDirectory()) throw new ConsoleError('snapshot-unwritable', `cannot save the snapshot to ${file}: the folder ${folder} does not exist. Create it, or choose another folder.`);
    if (await stat(file).catch(() => null)) throw new ConsoleError('snapshot-unwritable', `${file} already exists: the console does not overwrite a snapshot. Choose another name.`);
  };

  const capture = async (file: string, recordingPaths: readonly string[]): Promise<SnapshotCaptured> => {
    const source = options.source();
    if (!source.live) throw source.refusal;
    if (capturing) throw new ConsoleError('snapshot-unwritable', `a snapshot is already being saved (to ${capturing}); wait for it to finish`);
    capturing = file;
    const started = performance.now();
    try {
      await prepareFolder(file);
      // Read before the lab: a recording that cannot go in stops the capture at once.
      const kept = await recordingParts(recordingPaths, options.readRecording);
      let masked = 0;
      const content = await captureSnapshot({
        lab: source.lab,
        controller: source.controller,
        routeContext: source.routeContext,
        routeChoice: source.routeChoice,
        ...(source.openRoute ? { openRoute: source.openRoute } : {}),
        diagnostics: options.latestPingRuns(),
        recordings: kept.recordings,
        onProgress: (progress) => {
          masked = progress.maskedValues;
          options.onProgress({ path: file, ...progress });
        },
      });
      await writeSnapshotFile(file, content);
      const bytes = (await stat(file)).size;
      await remember(file, content);
      const { inventory } = content;
      return {
        path: file,
        labName: content.meta.labName,
        bytes,
        machines: inventory.machines.length,
        unreachable: inventory.machines.filter((machine) => machine.routeError).length,
        probes: inventory.probes.length,
        failedProbes: inventory.probes.filter((outcome) => outcome.status === 'failed').length,
        commands: content.commands.length,
        masked: masked + kept.masked,
        recordings: kept.recordings.length,
        durationMs: Math.round(performance.now() - started),
      };
    } finally {
      capturing = null;
    }
  };

  return {
    remember,
    captureSource: () => options.source(),
    handlers: {
      'snapshots.capture': ({ path, recordings }) => capture(resolvePath(expandHome(path, options.home)), recordings),
      'snapshots.suggestPath': () => join(defaultFolder, `${fileNamePart(options.labName() ?? 'lab')}-${timePart(now())}.obxsnap`),
      'snapshots.recent': () => options.recent(),
    },
  };
}

/** A lab's name as part of a file name: letters, digits, dots and dashes only. */
function fileNamePart(name: string): string {
  return name.normalize('NFKD').replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^[-.]+|-+$/g, '').slice(0, 60) || 'lab';
}

/** 2026-12-07-1430: sorts by time, and has no ':' (which some file systems refuse). */
export function timePart(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}
