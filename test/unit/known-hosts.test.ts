// known_hosts checked as OpenSSH does, on files written by OpenSSH's own ssh-keygen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnownHosts, fingerprintOf, keyTypeOf, type HostKey } from '../../electron/ssh/known-hosts';
import { hashKnownHostsFor } from '../../electron/ssh-config/ssh-config-file';

let dir: string;
let keyA: HostKey;
let keyB: HostKey;
let keyRsa: HostKey;
let keyA_line: string;

function makeKey(name: string, type: string): { key: HostKey; publicLine: string; fingerprint: string } {
  const path = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', path, ...(type === 'rsa' ? ['-b', '2048'] : [])]);
  const publicLine = execFileSync('cat', [`${path}.pub`], { encoding: 'utf8' }).trim();
  const [keyType, base64] = publicLine.split(' ');
  const fingerprint = execFileSync('ssh-keygen', ['-lf', `${path}.pub`], { encoding: 'utf8' }).split(' ')[1]!;
  return { key: { type: keyType!, blob: Buffer.from(base64!, 'base64') }, publicLine, fingerprint };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'obx-known-'));
  const a = makeKey('a', 'ed25519');
  keyA = a.key;
  keyA_line = a.publicLine;
  keyB = makeKey('b', 'ed25519').key;
  keyRsa = makeKey('r', 'rsa').key;
  expect(fingerprintOf(keyA.blob)).toBe(a.fingerprint);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const keyPart = (key: HostKey) => `${key.type} ${key.blob.toString('base64')}`;

describe('known_hosts', () => {
  it('reads the key type from the wire blob and prints fingerprints as ssh-keygen does', () => {
    expect(keyTypeOf(keyA.blob)).toBe('ssh-ed25519');
    expect(keyTypeOf(keyRsa.blob)).toBe('ssh-rsa');
    expect(keyTypeOf(Buffer.from([0, 0]))).toBe('unknown');
  });

  it('knows a plain entry, and says which line matched', async () => {
    const file = join(dir, 'plain');
    await writeFile(file, `# comment\n127.0.1.9 ${keyPart(keyB)}\n127.0.1.1,orangebox64 ${keyPart(keyA)}\n`);
    expect(await new KnownHosts([file]).verify('OrangeBox64', 22, keyA)).toEqual({ status: 'known', file, line: 3 });
  });

  it('uses [host]:port for other ports and does not confuse the two', async () => {
    const file = join(dir, 'ports');
    await writeFile(file, `[127.0.1.1]:2222 ${keyPart(keyA)}\n`);
    const knownHosts = new KnownHosts([file]);
    expect((await knownHosts.verify('127.0.1.1', 2222, keyA)).status).toBe('known');
    expect((await knownHosts.verify('127.0.1.1', 22, keyA)).status).toBe('unknown');
  });

  it('matches entries hashed by ssh-keygen -H', async () => {
    const file = join(dir, 'hashed');
    await writeFile(file, `127.0.1.5 ${keyPart(keyA)}\n[127.0.1.6]:2200 ${keyPart(keyB)}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('127.0.1.5');
    expect(text).toMatch(/^\|1\|/);
    const knownHosts = new KnownHosts([file]);
    expect((await knownHosts.verify('127.0.1.5', 22, keyA)).status).toBe('known');
    expect((await knownHosts.verify('127.0.1.6', 2200, keyB)).status).toBe('known');
    expect((await knownHosts.verify('127.0.1.7', 22, keyA)).status).toBe('unknown');
  });

  it('reports a CHANGED key with the file and line of the old one', async () => {
    const file = join(dir, 'changed');
    await writeFile(file, `\n\n127.0.1.2 ${keyPart(keyA)}\n`);
    expect(await new KnownHosts([file]).verify('127.0.1.2', 22, keyB)).toEqual({ status: 'changed', file, line: 3, knownType: 'ssh-ed25519' });
  });

  it('treats a key of a new type as unknown, naming the types it does know', async () => {
    const file = join(dir, 'types');
    await writeFile(file, `127.0.1.2 ${keyPart(keyA)}\n`);
    const knownHosts = new KnownHosts([file]);
    expect(await knownHosts.verify('127.0.1.2', 22, keyRsa)).toEqual({ status: 'unknown', knownTypes: ['ssh-ed25519'], certAuthorities: [] });
    expect(await knownHosts.knownTypesFor('127.0.1.2', 22)).toEqual(['ssh-ed25519']);
  });

  it('refuses a @revoked key wherever it is listed', async () => {
    const file = join(dir, 'revoked');
    await writeFile(file, `127.0.1.3 ${keyPart(keyA)}\n@revoked * ${keyPart(keyA)}\n`);
    expect(await new KnownHosts([file]).verify('127.0.1.3', 22, keyA)).toEqual({ status: 'revoked', file, line: 2 });
  });

  it('honours wildcard and negated patterns', async () => {
    const file = join(dir, 'patterns');
    await writeFile(file, `127.0.1.*,!127.0.1.66 ${keyPart(keyA)}\n`);
    const knownHosts = new KnownHosts([file]);
    expect((await knownHosts.verify('127.0.1.40', 22, keyA)).status).toBe('known');
    expect((await knownHosts.verify('127.0.1.66', 22, keyA)).status).toBe('unknown');
  });

  it('appends an accepted key in a form OpenSSH itself then recognises', async () => {
    const file = join(dir, 'accepted', 'known_hosts');
    const knownHosts = new KnownHosts([file], async () => false);
    await knownHosts.accept('127.0.1.8', 2201, keyA);
    expect((await knownHosts.verify('127.0.1.8', 2201, keyA)).status).toBe('known');
    const found = execFileSync('ssh-keygen', ['-F', '[127.0.1.8]:2201', '-f', file], { encoding: 'utf8' });
    expect(found).toContain(keyA_line.split(' ')[1]);
  });

  it('reads several files (user and global) and tolerates a missing one', async () => {
    const first = join(dir, 'missing');
    const second = join(dir, 'global');
    await copyFile(join(dir, 'plain'), second);
    expect((await new KnownHosts([first, second]).verify('127.0.1.1', 22, keyA)).status).toBe('known');
  });

  it('starts the new entry on a line of its own when the file does not end with a newline', async () => {
    const file = join(dir, 'no-final-newline');
    await writeFile(file, `127.0.1.1 ${keyPart(keyA)}`);
    const knownHosts = new KnownHosts([file], async () => false);
    await knownHosts.accept('127.0.1.9', 22, keyB);
    expect(await readFile(file, 'utf8')).toBe(`127.0.1.1 ${keyPart(keyA)}\n127.0.1.9 ${keyPart(keyB)}\n`);
    expect((await knownHosts.verify('127.0.1.1', 22, keyA)).status).toBe('known');
    expect((await knownHosts.verify('127.0.1.9', 22, keyB)).status).toBe('known');
  });

  it('writes hashed entries when HashKnownHosts says yes, and keeps a hashed file hashed when nothing says; OpenSSH finds both', async () => {
    const configured = join(dir, 'hash-configured');
    await new KnownHosts([configured], async () => true).accept('127.0.1.10', 2222, keyA);
    const line = (await readFile(configured, 'utf8')).trim();
    expect(line).toMatch(/^\|1\|[A-Za-z0-9+/=]+\|[A-Za-z0-9+/=]+ ssh-ed25519 /);
    expect(line).not.toContain('127.0.1.10');
    expect(execFileSync('ssh-keygen', ['-F', '[127.0.1.10]:2222', '-f', configured], { encoding: 'utf8' })).toContain(keyPart(keyA).split(' ')[1]);

    const hashedFile = join(dir, 'hashed-by-keygen');
    await writeFile(hashedFile, `127.0.1.11 ${keyPart(keyA)}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', hashedFile], { stdio: 'ignore' });
    const knownHosts = new KnownHosts([hashedFile], async () => null);
    await knownHosts.accept('127.0.1.12', 22, keyB);
    const lines = (await readFile(hashedFile, 'utf8')).trim().split('\n');
    expect(lines.every((entry) => entry.startsWith('|1|'))).toBe(true);
    expect((await knownHosts.verify('127.0.1.12', 22, keyB)).status).toBe('known');
    expect(execFileSync('ssh-keygen', ['-F', '127.0.1.12', '-f', hashedFile], { encoding: 'utf8' })).toContain(keyPart(keyB).split(' ')[1]);
  });

  it('reads HashKnownHosts as OpenSSH does: the user\'s file first, first value wins, per host', async () => {
    const user = join(dir, 'user-ssh-config');
    const system = join(dir, 'system-ssh-config');
    await writeFile(user, 'Host lab-*\n    HashKnownHosts no\n');
    await writeFile(system, 'Host *\n    HashKnownHosts yes\n');
    expect(await hashKnownHostsFor('lab-controller', [user, system])).toBe(false);
    expect(await hashKnownHostsFor('10.0.0.5', [user, system])).toBe(true);
    expect(await hashKnownHostsFor('10.0.0.5', [user, join(dir, 'no-such-config')])).toBeNull();
  });

  it('answers a new key with the @cert-authority lines that cover the host, so its certificate can be checked', async () => {
    const file = join(dir, 'with-ca');
    await writeFile(file, `# the lab's host CA\n@cert-authority *.lab.example,10.0.0.* ${keyPart(keyB)}\n`);
    const knownHosts = new KnownHosts([file]);
    expect(await knownHosts.verify('10.0.0.5', 22, keyA)).toEqual({ status: 'unknown', knownTypes: [], certAuthorities: [{ file, line: 2, key: keyB.blob }] });
    expect(await knownHosts.verify('192.168.1.5', 22, keyA)).toEqual({ status: 'unknown', knownTypes: [], certAuthorities: [] });
    // A CA key is not a host key: offered as one, it is still unknown.
    expect((await knownHosts.verify('10.0.0.5', 22, keyB)).status).toBe('unknown');
  });
});
