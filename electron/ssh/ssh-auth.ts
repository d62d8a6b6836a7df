// Which credentials the console offers, in OpenSSH's order: the agent's keys, then key files
// (those named for the host, else the usual ~/.ssh/id_* files). An encrypted key file asks for
// its passphrase (the UI prompts; the answer stays in memory) before the connection starts.
import { access, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
// ssh2 is CommonJS: the bundled ESM entry can only take its default export.
import ssh2 from 'ssh2';
import type { ParsedKey } from 'ssh2';
import { ConsoleError } from '../contract/console-errors';
import { expandHome } from '../ssh-config/ssh-config-file';

/** Three tries, as OpenSSH gives, before a passphrase prompt gives up. */
const PASSPHRASE_ATTEMPTS = 3;
const DEFAULT_IDENTITY_FILES = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

export type AuthAttempt = { type: 'agent'; agent: string } | { type: 'publickey'; key: ParsedKey; file: string };

export interface PassphraseSource {
  /** Ask for the passphrase of a key file; null means the engineer declined. */
  passphraseFor(file: string, attempt: number, previousWasWrong: boolean): Promise<string | null>;
}

export interface AuthOptions {
  identityFiles: string[];
  /** Only the named files (IdentitiesOnly): the agent's other keys are not offered. */
  identitiesOnly: boolean;
  agentSocket: string | null;
  passphrases: PassphraseSource | null;
}

export const defaultAgentSocket = (): string | null => process.env.SSH_AUTH_SOCK || null;

export async function buildAuthAttempts(options: AuthOptions): Promise<{ attempts: AuthAttempt[]; described: string }> {
  const attempts: AuthAttempt[] = [];
  const notes: string[] = [];
  if (options.agentSocket && !options.identitiesOnly && (await exists(options.agentSocket))) {
    attempts.push({ type: 'agent', agent: options.agentSocket });
    notes.push('ssh-agent');
  }
  const explicit = options.identityFiles.map((file) => expandHome(file));
  const files = explicit.length > 0 ? explicit : DEFAULT_IDENTITY_FILES.map((name) => join(homedir(), '.ssh', name));
  for (const file of files) {
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch (error) {
      // A missing default key is normal; a missing named key is worth saying.
      if (explicit.length > 0) notes.push(`${file} (cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
      continue;
    }
    const key = await parseWithPassphrase(data, file, options.passphrases);
    if (key === null) {
      notes.push(`${file} (passphrase not given)`);
      continue;
    }
    attempts.push({ type: 'publickey', key, file });
    notes.push(file);
  }
  return { attempts, described: notes.length > 0 ? notes.join(', ') : 'no agent and no key file' };
}

async function parseWithPassphrase(data: Buffer, file: string, passphrases: PassphraseSource | null): Promise<ParsedKey | null> {
  const plain = pick(ssh2.utils.parseKey(data));
  if (!(plain instanceof Error)) return plain;
  if (!/encrypted|passphrase/i.test(plain.message)) {
    throw new ConsoleError('invalid-payload', `${file} is not a private key ssh can use (${plain.message})`);
  }
  if (!passphrases) {
    throw new ConsoleError('invalid-payload', `${file} is encrypted and there is no way to ask for its passphrase here; load it into ssh-agent instead`);
  }
  for (let attempt = 1; attempt <= PASSPHRASE_ATTEMPTS; attempt += 1) {
    const passphrase = await passphrases.passphraseFor(file, attempt, attempt > 1);
    if (passphrase === null) return null;
    const parsed = pick(ssh2.utils.parseKey(data, passphrase));
    if (!(parsed instanceof Error)) return parsed;
  }
  throw new ConsoleError('invalid-payload', `wrong passphrase for ${file} (${PASSPHRASE_ATTEMPTS} tries)`);
}

/** A file may hold several keys; the first is the one OpenSSH uses. */
const pick = (parsed: ParsedKey | ParsedKey[] | Error): ParsedKey | Error => (Array.isArray(parsed) ? (parsed[0] ?? new Error('no key in file')) : parsed);

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
