// The app's secret vault, whose values are encrypted by Electron's safeStorage (Keychain, DPAPI,
// libsecret) before they touch the disk (saved labs and settings are in app-settings-store.ts).
// Loaded only by electron/main.ts, which hands over safeStorage, because electron-store needs the
// Electron runtime (importing it elsewhere would load the real electron package).
import ElectronStore from 'electron-store';
import { safeStorageProtects, type SafeStorageBackendInfo } from './safe-storage-check';
import type { SecretVault } from '../ssh/secret-vault';

/** The part of Electron's safeStorage the vault uses. */
export interface SafeStorageLike extends SafeStorageBackendInfo {
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** Owner-only, like the settings: the values are encrypted, the names say which keys they unlock. */
const SECRETS_FILE_MODE = 0o600;

export class ElectronSecretVault implements SecretVault {
  /**
   * A separate file: settings can be shared or backed up without the (encrypted) secrets. A damaged
   * one is cleared (the passphrases are asked again), never a reason for the console not to start.
   */
  private readonly store = new ElectronStore<Record<string, string>>({ name: 'orangebox-console-secrets', configFileMode: SECRETS_FILE_MODE, clearInvalidConfig: true });

  constructor(private readonly safeStorage: SafeStorageLike) {}

  /** Only when the OS really encrypts (not safeStorage's fixed-key basic_text on a Linux without a keyring). */
  static availableWith(safeStorage: SafeStorageLike): ElectronSecretVault | null {
    return safeStorageProtects(safeStorage) ? new ElectronSecretVault(safeStorage) : null;
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
