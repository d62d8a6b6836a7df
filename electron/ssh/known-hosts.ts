// Host keys checked the way OpenSSH checks them against known_hosts: plain and hashed (|1|salt|hash)
// host entries, `[host]:port` for non-standard ports, patterns with * ? and !, the @revoked marker.
// A new key is answered with the @cert-authority lines covering the host, so the host's certificate
// can be checked against them (host-key-certification.ts: ssh2 itself negotiates no certificate).
// The answer says which file and line decided, so a refusal can tell the engineer where to look.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { hashKnownHostsFor, hostMatches } from '../ssh-config/ssh-config-file';

const DEFAULT_SSH_PORT = 22;

export interface HostKey {
  /** e.g. ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa */
  type: string;
  /** The public key blob (what known_hosts holds in base64). */
  blob: Buffer;
}

export type HostKeyVerdict =
  | { status: 'known'; file: string; line: number }
  | { status: 'unknown'; knownTypes: string[]; certAuthorities: CertAuthorityLine[] }
  | { status: 'changed'; file: string; line: number; knownType: string }
  | { status: 'revoked'; file: string; line: number };

/** A `@cert-authority` line: the CA key it trusts for the hosts it names. */
export interface CertAuthorityLine {
  file: string;
  line: number;
  /** The CA's public key, in wire form. */
  key: Buffer;
}

interface KnownHostsEntry {
  file: string;
  line: number;
  marker: '@revoked' | '@cert-authority' | null;
  hosts: string;
  keyType: string;
  keyBase64: string;
}

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` otherwise. */
/** OpenSSH lower-cases host names before every lookup (plain and hashed). */
export const knownHostsName = (host: string, port: number): string => {
  const lower = host.toLowerCase();
  return port === DEFAULT_SSH_PORT ? lower : `[${lower}]:${port}`;
};

/** "SHA256:…" as `ssh-keygen -lf` and OpenSSH's prompts print it. */
export const fingerprintOf = (blob: Buffer): string => `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;

/** The key type is the first string inside the SSH wire-format blob. */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const length = blob.readUInt32BE(0);
  return length > 0 && length < 64 && blob.length >= 4 + length ? blob.subarray(4, 4 + length).toString('latin1') : 'unknown';
}

function parseKnownHosts(text: string, file: string): KnownHostsEntry[] {
  const entries: KnownHostsEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const fields = trimmed.split(/\s+/);
    let marker: KnownHostsEntry['marker'] = null;
    if (fields[0] === '@revoked' || fields[0] === '@cert-authority') marker = fields.shift() as KnownHostsEntry['marker'];
    const [hosts, keyType, keyBase64] = fields;
    if (!hosts || !keyType || !keyBase64) return; // OpenSSH skips malformed lines too
    entries.push({ file, line: index + 1, marker, hosts, keyType, keyBase64 });
  });
  return entries;
}

/** A file whose entries are all hashed (ssh-keygen -H, or HashKnownHosts yes) stays so. */
function isHashedFile(text: string): boolean {
  const entries = parseKnownHosts(text, '');
  return entries.length > 0 && entries.every((entry) => entry.hosts.startsWith('|1|'));
}

function hostFieldMatches(hosts: string, name: string): boolean {
  if (hosts.startsWith('|1|')) {
    const [, , salt, hash] = hosts.split('|');
    if (!salt || !hash) return false;
    const digest = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
    return digest === hash;
  }
  return hostMatches(hosts.split(','), name);
}

/** OpenSSH's hashed host field: |1|base64(salt)|base64(HMAC-SHA1(salt, name)), a 20-byte salt. */
export function hashedHostField(name: string, salt: Buffer = randomBytes(20)): string {
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

/** Whether new entries are hashed (OpenSSH's HashKnownHosts) for a host, if the caller knows. */
export type HashKnownHostsSetting = (host: string) => Promise<boolean | null>;

export class KnownHosts {
  /**
   * The first file is where accepted keys are written (~/.ssh/known_hosts). `hashSetting` says what
   * the engineer's OpenSSH config sets for HashKnownHosts (by default read from ~/.ssh/config and
   * /etc/ssh/ssh_config); when it says nothing, a file that holds hashed entries and no plain ones
   * is kept hashed.
   */
  constructor(
    readonly files: string[],
    private readonly hashSetting: HashKnownHostsSetting = (host) => hashKnownHostsFor(host),
  ) {}

  async verify(host: string, port: number, key: HostKey): Promise<HostKeyVerdict> {
    const name = knownHostsName(host, port);
    const offered = key.blob.toString('base64');
    const entries = (await this.readAll()).filter((entry) => entry.marker !== '@cert-authority' && hostFieldMatches(entry.hosts, name));

    // A revoked key is refused wherever it appears, before anything else.
    const revoked = await this.revocationOf(key.blob);
    if (revoked) return { status: 'revoked', ...revoked };

    const match = entries.find((entry) => entry.marker === null && entry.keyType === key.type && entry.keyBase64 === offered);
    if (match) return { status: 'known', file: match.file, line: match.line };
    const sameType = entries.find((entry) => entry.marker === null && entry.keyType === key.type);
    if (sameType) return { status: 'changed', file: sameType.file, line: sameType.line, knownType: sameType.keyType };
    // OpenSSH would trust a host certificate signed by a @cert-authority of this host: the caller checks one.
    const authorities = (await this.readAll()).filter((entry) => entry.marker === '@cert-authority' && hostFieldMatches(entry.hosts, name));
    return {
      status: 'unknown',
      knownTypes: [...new Set(entries.filter((entry) => entry.marker === null).map((entry) => entry.keyType))],
      certAuthorities: authorities.map((entry) => ({ file: entry.file, line: entry.line, key: Buffer.from(entry.keyBase64, 'base64') })),
    };
  }

  /** The @revoked line that lists this key (a host key or a CA key), if any. */
  async revocationOf(blob: Buffer): Promise<{ file: string; line: number } | null> {
    const offered = blob.toString('base64');
    const revoked = (await this.readAll()).find((entry) => entry.marker === '@revoked' && entry.keyBase64 === offered);
    return revoked ? { file: revoked.file, line: revoked.line } : null;
  }

  /** Key types already known for a host: offered first in key exchange, as OpenSSH does. */
  async knownTypesFor(host: string, port: number): Promise<string[]> {
    const name = knownHostsName(host, port);
    return [...new Set((await this.readAll()).filter((entry) => entry.marker === null && hostFieldMatches(entry.hosts, name)).map((entry) => entry.keyType))];
  }

  async accept(host: string, port: number, key: HostKey): Promise<{ file: string }> {
    const file = this.files[0];
    if (!file) throw new Error('no known_hosts file is configured');
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const existing = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    const name = knownHostsName(host, port);
    const hashed = (await this.hashSetting(host)) ?? isHashedFile(existing);
    // A last line without its newline would swallow the new entry (and that host would then read as CHANGED).
    const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
    await appendFile(file, `${separator}${hashed ? hashedHostField(name) : name} ${key.type} ${key.blob.toString('base64')}\n`, { mode: 0o600 });
    return { file };
  }

  private async readAll(): Promise<KnownHostsEntry[]> {
    const all: KnownHostsEntry[] = [];
    for (const file of this.files) {
      try {
        all.push(...parseKnownHosts(await readFile(file, 'utf8'), file));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return all;
  }
}
