// The desktop app asked to show a snapshot: `orangebox-console-app --snapshot FILE` (as `web
// --snapshot FILE` does in a browser), a .obxsnap file opened from the file manager (its path is
// the argument), the app started again with one while it runs (the running app opens it: one
// console per user), or macOS's "open-file". A file that does not open is said in a notice;
// the lab shown stays.
// Electron's objects are handed in (main.ts passes the real ones, tests a stand-in).
import { resolve } from 'node:path';
import type { ConsoleCore } from '../core/console-core';
import { SNAPSHOT_EXTENSION } from '../contract/snapshot';

export const SNAPSHOT_OPTION = '--snapshot';

/** The snapshot file an app's arguments name (relative to `cwd`), or null. */
export function snapshotFileFromArguments(argv: readonly string[], cwd: string): string | null {
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    if (argument === SNAPSHOT_OPTION && argv[index + 1]) return resolve(cwd, argv[index + 1]!);
    if (argument.startsWith(`${SNAPSHOT_OPTION}=`) && argument.length > SNAPSHOT_OPTION.length + 1) return resolve(cwd, argument.slice(SNAPSHOT_OPTION.length + 1));
  }
  // "Open with" from a file manager passes the file itself; Chromium's own switches start with --.
  const named = argv.find((argument) => !argument.startsWith('-') && argument.toLowerCase().endsWith(SNAPSHOT_EXTENSION));
  return named ? resolve(cwd, named) : null;
}

export interface PreventableEvent {
  preventDefault(): void;
}

/** The part of Electron's `app` this uses. */
export interface SnapshotLaunchApp {
  on(event: 'second-instance', listener: (event: unknown, argv: string[], workingDirectory: string) => void): unknown;
  on(event: 'open-file', listener: (event: PreventableEvent, path: string) => void): unknown;
}

/** Opens a snapshot the running app is asked for, then shows its window. */
export function wireSnapshotLaunch(app: SnapshotLaunchApp, core: Pick<ConsoleCore, 'dispatch' | 'notify'>, showWindow: () => void): void {
  const open = async (path: string) => {
    const opened = await core.dispatch('snapshots.open', { path });
    if (!opened.ok) core.notify('error', opened.error.code, opened.error.message);
    showWindow();
  };
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const file = snapshotFileFromArguments(argv, workingDirectory);
    if (file) void open(file);
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    void open(path);
  });
}
