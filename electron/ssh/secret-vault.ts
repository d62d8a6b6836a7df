// Where a passphrase goes when the engineer asks the console to remember it beyond this run:
// only an OS-encrypted store (Electron's safeStorage: Keychain, DPAPI, libsecret). Without one,
// passphrases live in memory only and the UI does not offer to remember them.
export interface SecretVault {
  load(name: string): Promise<string | null>;
  save(name: string, secret: string): Promise<void>;
  forget(name: string): Promise<void>;
}
