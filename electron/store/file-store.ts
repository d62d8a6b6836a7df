// A ConsoleStore on a plain JSON file: saved labs, settings and remembered recordings, for the
// browser host, the desktop app (app-settings-store.ts) and tests. Writes are durable and atomic
// (durable-file.ts: temporary file, fsync, rename, fsync of the folder), so a crash mid-write leaves
// the previous file intact. After every good read or write the same contents are kept as
// `<file>.bak`, the last good copy. A damaged file (cut short, not JSON, fields that do not fit) is
// copied aside before anything overwrites it; the last good copy is restored if there is one,
// else whatever can be read is salvaged; either way the problems say what happened.
import { copyFile, readFile } from 'node:fs/promises';
import { ConsoleError } from '../contract/console-errors';
import { writeFileDurably, type DurableFileSystem } from './durable-file';
import { salvageStoredState, emptyStoredState, type ConsoleStore, type StoreLoadResult, type StoredState } from './stored-state';

/** Owner-only: the file names hosts, users and key paths of customer labs. */
const STORE_FILE_MODE = 0o600;
/** The last good copy sits beside the file. */
export const BACKUP_SUFFIX = '.bak';

type ReadOutcome = { kind: 'missing' } | { kind: 'good'; state: StoredState; text: string } | { kind: 'damaged'; reason: string; salvaged: StoreLoadResult };

export class FileStore implements ConsoleStore {
  readonly backupLocation: string;

  constructor(
    readonly location: string,
    private readonly fileSystem?: DurableFileSystem,
  ) {
    this.backupLocation = `${location}${BACKUP_SUFFIX}`;
  }

  async load(): Promise<StoreLoadResult> {
    const current = await this.read(this.location);
    if (current.kind === 'missing') return { state: emptyStoredState(), problems: [] };
    if (current.kind === 'good') {
      await this.keepGoodCopy(current.text);
      return { state: current.state, problems: [] };
    }

    const keptAt = await this.keepDamagedCopy();
    const damage = `the settings file ${this.location} was damaged (${current.reason}); it was kept as ${keptAt}`;
    const backup: ReadOutcome = await this.read(this.backupLocation).catch((error: unknown) => ({
      kind: 'damaged',
      reason: (error as Error).message,
      salvaged: { state: emptyStoredState(), problems: [] },
    }));
    if (backup.kind === 'good') {
      await this.write(this.location, backup.text);
      return { state: backup.state, problems: [`${damage}, and the last good copy (${this.backupLocation}) was restored: saved labs and settings are as they were then`] };
    }
    const noBackup = backup.kind === 'missing' ? 'there was no last good copy' : `the last good copy (${this.backupLocation}) is damaged too (${backup.reason})`;
    const salvaged = current.salvaged;
    return {
      state: salvaged.state,
      problems: [
        `${damage}; ${noBackup}, so the console ${salvaged.problems.length > 0 ? 'kept what it could read (what it could not follows)' : 'started with defaults'}`,
        ...salvaged.problems,
      ],
    };
  }

  async save(state: StoredState): Promise<void> {
    const text = `${JSON.stringify(state, null, 2)}\n`;
    try {
      await this.write(this.location, text);
    } catch (error) {
      throw new ConsoleError('store-unwritable', `cannot save settings to ${this.location}: ${(error as Error).message}`);
    }
    await this.keepGoodCopy(text);
  }

  private async read(location: string): Promise<ReadOutcome> {
    let text: string;
    try {
      text = await readFile(location, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      throw new ConsoleError('store-unreadable', `cannot read the settings file ${location}: ${(error as Error).message}`);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      const reason = text.trim() === '' ? 'it is empty' : `it is not valid JSON: ${(error as Error).message}`;
      return { kind: 'damaged', reason, salvaged: { state: emptyStoredState(), problems: [] } };
    }
    const salvaged = salvageStoredState(raw);
    if (salvaged.problems.length === 0) return { kind: 'good', state: salvaged.state, text };
    return { kind: 'damaged', reason: 'some of it does not fit the settings format', salvaged };
  }

  /** The last good copy; failing to write it never fails a load or a save (the file itself is safe). */
  private async keepGoodCopy(text: string): Promise<void> {
    await this.write(this.backupLocation, text).catch(() => {});
  }

  private write(location: string, text: string): Promise<void> {
    return writeFileDurably(location, text, STORE_FILE_MODE, this.fileSystem);
  }

  private async keepDamagedCopy(): Promise<string> {
    const keptAt = `${this.location}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await copyFile(this.location, keptAt);
    return keptAt;
  }
}
