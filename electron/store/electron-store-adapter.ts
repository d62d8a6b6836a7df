// The app's ConsoleStore: electron-store (atomic writes, the OS's per-user app-data folder) with
// the same schema and salvage rules as the file store. Loaded only by electron/main.ts, because
// electron-store needs the Electron runtime.
import ElectronStore from 'electron-store';
import { salvageStoredState, type ConsoleStore, type StoreLoadResult, type StoredState } from './stored-state';

export class ElectronConsoleStore implements ConsoleStore {
  private readonly store = new ElectronStore<Record<string, unknown>>({ name: 'orangebox-console' });

  get location(): string {
    return this.store.path;
  }

  async load(): Promise<StoreLoadResult> {
    return salvageStoredState(this.store.store);
  }

  async save(state: StoredState): Promise<void> {
    this.store.store = state as unknown as Record<string, unknown>;
  }
}
