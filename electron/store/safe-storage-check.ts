// Whether Electron's safeStorage really protects a secret on this machine. On Linux without a
// keyring (no GNOME Keyring, KWallet or libsecret), safeStorage still "encrypts", with the
// `basic_text` backend: a key hard-coded in Chromium, the same on every machine. That is obfuscation,
// not encryption, so the console then keeps passphrases in memory only, as if there were no store.

/** The part of Electron's safeStorage this reads. */
export interface SafeStorageBackendInfo {
  isEncryptionAvailable(): boolean;
  /** Linux only (Electron ≥ 28): 'basic_text', 'gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6' or 'unknown'. */
  getSelectedStorageBackend?(): string;
}

/** Backends that do not protect a secret from someone who can read the file. */
const UNPROTECTED_BACKENDS = new Set(['basic_text', 'unknown']);

export function safeStorageProtects(safeStorage: SafeStorageBackendInfo, platform: NodeJS.Platform = process.platform): boolean {
  if (!safeStorage.isEncryptionAvailable()) return false;
  if (platform !== 'linux') return true; // Keychain on macOS, DPAPI on Windows
  const backend = safeStorage.getSelectedStorageBackend?.();
  // An Electron that cannot say which backend it uses is not trusted with secrets on Linux.
  return backend !== undefined && !UNPROTECTED_BACKENDS.has(backend);
}
