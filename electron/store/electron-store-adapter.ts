// The app's stores: electron-store (atomic writes, the OS's per-user app-data folder) for saved
// labs and settings, with the same schema and salvage rules as the file store; and the secret
// vault, whose values are encrypted by Electron's safeStorage (Keychain, DPAPI, libsecret) before
// they touch the disk. Loaded only by electron/main.ts, which hands over safeStorage, because
// electron-store needs the Electron runtime.
import ElectronStore from 'electron-store';
import { salvageStoredState, type ConsoleStore, type StoreLoadResult, type StoredState } from './stored-state';
import type { SecretVault } from '../ssh/secret-vault';

/** The part of Electron's safeStorage the vault uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

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

export class ElectronSecretVault implements SecretVault {
  /** A separate file: settings can be shared or backed up without the (encrypted) secrets. */
  private readonly store = new ElectronStore<Record<string, string>>({ name: 'orangebox-console-secrets' });

  constructor(private readonly safeStorage: SafeStorageLike) {}

  /** Only when the OS really encrypts (on Linux without a keyring, safeStorage would not). */
  static availableWith(safeStorage: SafeStorageLike): ElectronSecretVault | null {
    return safeStorage.isEncryptionAvailable() ? new ElectronSecretVault(safeStorage) : null;
  }

  async load(name: string): Promise<string | null> {
    const encrypted = this.store.get(name);
    if (typeof encrypted !== 'string') return null;
    try {
      return this.safeStorage.decryptString(Buffer.from(encrypted, 'base64'));
    } catch {
      this.store.delete(name); // written under another OS account or keyring: useless
      return null;
    }
  }

  async save(name: string, secret: string): Promise<void> {
    this.store.set(name, this.safeStorage.encryptString(secret).toString('base64'));
  }

  async forget(name: string): Promise<void> {
    this.store.delete(name);
  }
}
