// The desktop app's saved labs and settings, in the OS's per-user app-data folder, in the console's
// own file store: atomic, owner-only, a damaged file kept aside and the console started with what
// could be salvaged (the same code the browser host uses). electron-store wrote 0644 and threw while
// constructing on a damaged file, so the core never started.
import { join } from 'node:path';
import { FileStore } from './file-store';

/** The name electron-store gave the settings file before: existing labs and settings are read on. */
const SETTINGS_FILE = 'orangebox-console.json';
export class ElectronConsoleStore extends FileStore {
  constructor(userDataFolder: string) {
    super(join(userDataFolder, SETTINGS_FILE));
  }
}

