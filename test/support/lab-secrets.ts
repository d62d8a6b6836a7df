// The real lab's secrets, read from the lab itself, for tests that search what the console wrote:
// its nova secrets, the passwords in its secrets file (nova's and the OpenStack admin's), the
// admin password of its rc file (~ubuntu/novarc), the values of secret keys in every machine's
// nova.conf, and every private key under its folder (as overlapping windows of the key's body, so
// a leaked run of a key is found wherever it starts).
import { readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { LabManifest } from '../lab/lab-manifest';

export interface LabSecret {
  /** Says which secret, never the secret itself. */
  label: string;
  value: string;
}

/** A leak of a private key would be a run of its base64 body: every window of this many characters is searched… */
const KEY_WINDOW = 40;
/** …starting every this many characters, so any leaked run of KEY_WINDOW + KEY_STRIDE characters is caught. */
const KEY_STRIDE = 8;
/** The configuration keys whose values are the lab's secrets (nova.conf's passwords, any token). */
const SECRET_KEY = /^(?:[a-z_]*_)?(?:password|token|secret)$/;
/** Key files are small; the lab's folder also holds large files that are not keys. */
const MAX_KEY_FILE_BYTES = 64 * 1024;

export async function labSecrets(lab: LabManifest): Promise<LabSecret[]> {
  const found: LabSecret[] = [];
  for (const [name, value] of Object.entries(lab.nova.secrets)) found.push({ label: `nova secret ${name}`, value });
  for (const line of readFileSync(join(lab.labDir, 'state', 'secrets.env'), 'utf8').split('\n')) {
    const match = /^([A-Z_]+)=['"]?([^'"\n]+)['"]?$/.exec(line.trim());
    if (match) found.push({ label: `secrets.env ${match[1]}`, value: match[2]! });
  }
  for (const line of readFileSync(lab.openstack.rcFile, 'utf8').split('\n')) {
    const match = /^export OS_PASSWORD=['"]?([^'"\n]+)['"]?$/.exec(line.trim());
    if (match) found.push({ label: `OS_PASSWORD of ${lab.openstack.rcFile}`, value: match[1]! });
  }
  for (const machine of lab.machines) {
    const folder = join(lab.labDir, 'endpoints', `machine-${machine.id}`, 'etc-nova');
    for (const file of await readdir(folder).catch(() => [] as string[])) {
      readFileSync(join(folder, file), 'utf8').split('\n').forEach((line, index) => {
        const match = /^\s*([A-Za-z_]+)\s*=\s*(\S.*?)\s*$/.exec(line);
        if (match && SECRET_KEY.test(match[1]!)) found.push({ label: `${file} of machine ${machine.id} line ${index + 1} (${match[1]})`, value: match[2]! });
      });
    }
  }
  for (const file of await privateKeyFiles(lab.labDir)) {
    const body = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '' && !line.startsWith('-----')).join('');
    expect(body.length, file).toBeGreaterThan(KEY_WINDOW);
    for (let start = 0; start + KEY_WINDOW <= body.length; start += KEY_STRIDE) found.push({ label: `${KEY_WINDOW} characters of ${file} from ${start}`, value: body.slice(start, start + KEY_WINDOW) });
  }
  return found;
}

/** Every file under the lab's folder that holds a private key (the engineer's, Juju's, every sshd's host key). */
async function privateKeyFiles(folder: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if ((await stat(path)).size > MAX_KEY_FILE_BYTES) continue;
    if (readFileSync(path, 'latin1').includes('PRIVATE KEY-----')) files.push(path);
  }
  return files;
}
