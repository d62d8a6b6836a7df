// A ConsoleStore on a plain JSON file: used by the browser host and by tests, with the same
// schema as the app's electron-store. Writes are atomic (temp file, fsync, rename) so a crash
// mid-write leaves the previous file intact; a damaged file is copied aside before anything
// overwrites it.
import { copyFile, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ConsoleError } from '../contract/console-errors';
import { salvageStoredState, emptyStoredState, type ConsoleStore, type StoreLoadResult, type StoredState } from './stored-state';

/** Owner-only: the file names hosts, users and key paths of customer labs. */
const STORE_FILE_MODE = 0o600;

export class FileStore implements ConsoleStore {
  constructor(readonly location: string) {}

  async load(): Promise<StoreLoadResult> {
    let text: string;
    try {
      text = await readFile(this.location, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: emptyStoredState(), problems: [] };
      throw new ConsoleError('store-unreadable', `cannot read the settings file ${this.location}: ${(error as Error).message}`);
    }

    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      const keptAt = await this.keepDamagedCopy();
      return {
        state: emptyStoredState(),
        problems: [`the settings file ${this.location} is not valid JSON (${(error as Error).message}); it was kept as ${keptAt} and the console started with defaults`],
      };
    }
    const salvaged = salvageStoredState(raw);
    if (salvaged.problems.length > 0) {
      const keptAt = await this.keepDamagedCopy();
      salvaged.problems.push(`the original file was kept as ${keptAt}`);
    }
    return salvaged;
  }

  async save(state: StoredState): Promise<void> {
    const temporary = `${this.location}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      await mkdir(dirname(this.location), { recursive: true, mode: 0o700 });
      const handle = await open(temporary, 'w', STORE_FILE_MODE);
      try {
        await handle.writeFile(`${JSON.stringify(state, null, 2)}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, this.location);
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => {}); // the original error is what matters
      throw new ConsoleError('store-unwritable', `cannot save settings to ${this.location}: ${(error as Error).message}`);
    }
  }

  private async keepDamagedCopy(): Promise<string> {
    const keptAt = `${this.location}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await copyFile(this.location, keptAt);
    return keptAt;
  }
}
