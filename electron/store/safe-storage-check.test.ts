// A passphrase is kept beyond this run only where the OS really encrypts it.
import { describe, expect, it } from 'vitest';
import { safeStorageProtects } from './safe-storage-check';

const storage = (available: boolean, backend?: string) => ({
  isEncryptionAvailable: () => available,
  ...(backend === undefined ? {} : { getSelectedStorageBackend: () => backend }),
});

describe('whether safeStorage protects a secret', () => {
  it('trusts a Linux keyring, and refuses basic_text (a fixed key, the same on every machine) and an unknown backend', () => {
    expect(safeStorageProtects(storage(true, 'gnome_libsecret'), 'linux')).toBe(true);
    expect(safeStorageProtects(storage(true, 'kwallet5'), 'linux')).toBe(true);
    expect(safeStorageProtects(storage(true, 'basic_text'), 'linux')).toBe(false);
    expect(safeStorageProtects(storage(true, 'unknown'), 'linux')).toBe(false);
    expect(safeStorageProtects(storage(true), 'linux')).toBe(false);
  });

  it('trusts Keychain and DPAPI when encryption is available, and nothing when it is not', () => {
    expect(safeStorageProtects(storage(true), 'darwin')).toBe(true);
    expect(safeStorageProtects(storage(true), 'win32')).toBe(true);
    expect(safeStorageProtects(storage(false), 'darwin')).toBe(false);
    expect(safeStorageProtects(storage(false, 'gnome_libsecret'), 'linux')).toBe(false);
  });
});
