// What the Electron main process and the core's own process say to each other over their message
// port. The page's requests and the core's streams cross as they are (the contract's names and
// payloads, checked by the core's dispatcher as from any carrier); the rest is the process's own
// life: start with these options, ready, how many terminals are open, close, and the secret
// vault, whose encryption (Electron's safeStorage) exists in the main process only.
import type { NoticeLevel } from '../contract/payloads';
import type { RequestOutcome } from '../contract/console-contract';

/** What main hands the core process at start (what it passed createConsoleCore when the core ran in main). */
export interface CoreProcessOptions {
  /** The app's per-user data folder (Electron's app.getPath('userData')): saved labs and settings. */
  userDataFolder: string;
  /** A snapshot to show at start (--snapshot FILE), or null. */
  snapshotAtStart: string | null;
  /** Whether main has an OS-encrypted vault for passphrases the engineer asks to keep. */
  secretVault: boolean;
  /** Open the shipped demo lab when no lab is saved. */
  demoLab: boolean;
}

export type VaultOperation = { op: 'load'; name: string } | { op: 'save'; name: string; secret: string } | { op: 'forget'; name: string };

export type MainToCore =
  | { type: 'start'; options: CoreProcessOptions }
  | { type: 'request'; id: number; name: string; params: unknown }
  | { type: 'notify'; level: NoticeLevel; code: string; message: string }
  /** End the terminals and the lab link, save, then exit (the app quits). */
  | { type: 'close' }
  | { type: 'vault-answer'; id: number; ok: true; value: string | null }
  | { type: 'vault-answer'; id: number; ok: false; message: string };

export type CoreToMain =
  | { type: 'ready' }
  | { type: 'start-failed'; message: string }
  | { type: 'outcome'; id: number; outcome: RequestOutcome }
  | { type: 'stream'; stream: string; payload: unknown }
  /** Sent whenever it changes: main needs it at once, when a window closes, to ask or not. */
  | { type: 'terminal-count'; count: number }
  | { type: 'closed' }
  | ({ type: 'vault-call'; id: number } & VaultOperation);

const MAIN_TO_CORE_TYPES: ReadonlySet<string> = new Set(['start', 'request', 'notify', 'close', 'vault-answer']);
const CORE_TO_MAIN_TYPES: ReadonlySet<string> = new Set(['ready', 'start-failed', 'outcome', 'stream', 'terminal-count', 'closed', 'vault-call']);

const typeOf = (message: unknown): unknown => (typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined);

/** Both ends are this app's own code; a message of another shape is a bug, dropped with a log line. */
export const isMainToCore = (message: unknown): message is MainToCore => MAIN_TO_CORE_TYPES.has(String(typeOf(message)));
export const isCoreToMain = (message: unknown): message is CoreToMain => CORE_TO_MAIN_TYPES.has(String(typeOf(message)));
