// Host certificates read and verified as OpenSSH does, on certificates made at run time by
// OpenSSH's own ssh-keygen for every CA key type and signature algorithm the console accepts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_CERTIFICATE_BYTES, certificateProblem, parseHostCertificate, signatureIsValid } from '../../electron/ssh/host-certificate';
import { certifyHostKey, type CertificationInput } from '../../electron/ssh/host-key-certification';
import { fetchHostCertificates } from '../../electron/ssh/host-certificate-fetch';
import { KnownHosts, fingerprintOf, hashedHostField } from '../../electron/ssh/known-hosts';

let dir: string;
let counter = 0;

/** A fresh key pair by ssh-keygen; returns its path and public blob. */
function makeKey(type: string, bits?: number): { path: string; blob: Buffer; line: string } {
  const path = join(dir, `key-${(counter += 1)}`);
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', path, ...(bits ? ['-b', String(bits)] : [])]);
  const line = execFileSync('cat', [`${path}.pub`], { encoding: 'utf8' }).trim();
  return { path, blob: Buffer.from(line.split(' ')[1]!, 'base64'), line: line.split(' ').slice(0, 2).join(' ') };
}

/** ssh-keygen -s: a certificate of `hostKey` signed by `caPath`; returns its blob. */
function certify(caPath: string, hostKey: string, options: { principals?: string; validity?: string; host?: boolean; algorithm?: string; id?: string } = {}): Buffer {
  execFileSync('ssh-keygen', [
    '-q',
    '-s',
    caPath,
    '-I',
    options.id ?? 'lab host',
    ...(options.host === false ? [] : ['-h']),
    ...(options.principals === undefined ? ['-n', 'node1.lab.example,127.0.5.*'] : options.principals === '' ? [] : ['-n', options.principals]),
    '-V',
    options.validity ?? '-5m:+1h',
    ...(options.algorithm ? ['-t', options.algorithm] : []),
    `${hostKey}.pub`,
  ]);
  const line = execFileSync('cat', [`${hostKey}-cert.pub`], { encoding: 'utf8' });
  return Buffer.from(line.split(' ')[1]!, 'base64');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'obx-hostcert-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const now = () => new Date();
const CA_KINDS: { name: string; type: string; bits?: number; algorithm?: string; expected: string }[] = [
  { name: 'ed25519', type: 'ed25519', expected: 'ssh-ed25519' },
  { name: 'ecdsa nistp256', type: 'ecdsa', bits: 256, expected: 'ecdsa-sha2-nistp256' },
  { name: 'ecdsa nistp384', type: 'ecdsa', bits: 384, expected: 'ecdsa-sha2-nistp384' },
  { name: 'ecdsa nistp521', type: 'ecdsa', bits: 521, expected: 'ecdsa-sha2-nistp521' },
  { name: 'rsa, rsa-sha2-256', type: 'rsa', bits: 2048, algorithm: 'rsa-sha2-256', expected: 'rsa-sha2-256' },
  { name: 'rsa, rsa-sha2-512', type: 'rsa', bits: 2048, algorithm: 'rsa-sha2-512', expected: 'rsa-sha2-512' },
];
const HOST_KINDS = [
  { type: 'ed25519' },
  { type: 'ecdsa', bits: 256 },
  { type: 'ecdsa', bits: 384 },
  { type: 'ecdsa', bits: 521 },
  { type: 'rsa', bits: 2048 },
];

describe('host certificate parser and verifier', () => {
  it.each(CA_KINDS)('verifies a CA signature of kind $name, and refuses another CA and a changed byte', (kind) => {
    const ca = makeKey(kind.type, kind.bits);
    const otherCa = makeKey(kind.type, kind.bits);
    const host = makeKey('ed25519');
    const blob = certify(ca.path, host.path, { algorithm: kind.algorithm, id: 'node1 host key' });
    const certificate = parseHostCertificate(blob);
    expect(certificate.signatureAlgorithm).toBe(kind.expected);
    expect(certificate.signatureKey.equals(ca.blob)).toBe(true);
    expect(signatureIsValid(certificate, ca.blob)).toBe(true);
    expect(signatureIsValid(certificate, otherCa.blob)).toBe(false);
    // The key id is inside what the CA signed: change one letter and the signature no longer holds.
    const tampered = Buffer.from(blob);
    const at = tampered.indexOf('node1 host key');
    tampered[at] = 'N'.charCodeAt(0);
    expect(signatureIsValid(parseHostCertificate(tampered), ca.blob)).toBe(false);
  });

  it.each(HOST_KINDS)('reads a certificate of a $type $bits host key as ssh-keygen -L does, and finds the plain key it certifies', (kind) => {
    const ca = makeKey('ed25519');
    const host = makeKey(kind.type, kind.bits);
    const certificate = parseHostCertificate(certify(ca.path, host.path, { id: 'the id' }));
    expect(certificate.certifiedKey.equals(host.blob)).toBe(true);
    expect(certificate.certType).toBe(2);
    expect(certificate.keyId).toBe('the id');
    expect(certificate.principals).toEqual(['node1.lab.example', '127.0.5.*']);
    const listed = execFileSync('ssh-keygen', ['-L', '-f', `${host.path}-cert.pub`], { encoding: 'utf8' });
    expect(listed).toContain(`Signing CA: ED25519 ${fingerprintOf(ca.blob)}`);
    expect(listed).toContain(`Public key: ${listed.match(/Public key: (\S+)-CERT/)![1]}-CERT ${fingerprintOf(host.blob)}`);
    expect(signatureIsValid(certificate, ca.blob)).toBe(true);
    expect(certificateProblem(certificate, { name: 'node1.lab.example', presentedKey: host.blob, now: now() })).toBeNull();
    expect(certificateProblem(certificate, { name: '127.0.5.9', presentedKey: host.blob, now: now() })).toBeNull();
  });

  it('names each reason OpenSSH would refuse a certificate for', () => {
    const ca = makeKey('ed25519');
    const host = makeKey('ed25519');
    const other = makeKey('ed25519');
    const check = (options: Parameters<typeof certify>[2], name = 'node1.lab.example', presented = host.blob) =>
      certificateProblem(parseHostCertificate(certify(ca.path, host.path, options)), { name, presentedKey: presented, now: now() });
    expect(check({ validity: '20200101:20200102' })).toMatch(/^it expired on 2020-01-02/);
    expect(check({ validity: '+1d:+2d' })).toMatch(/^it is not valid before /);
    expect(check({}, 'node2.lab.example')).toBe('its principals (node1.lab.example, 127.0.5.*) do not include node2.lab.example');
    expect(check({ principals: '' })).toBe('it lists no principals (OpenSSH refuses such a host certificate)');
    expect(check({ host: false, principals: 'node1.lab.example' })).toBe('it is a user certificate (type 1), not a host certificate');
    expect(check({}, 'node1.lab.example', other.blob)).toBe('it certifies another key than the one this connection was shown');
    expect(check({ validity: 'always:forever' })).toBeNull();
  });

  it('refuses SHA-1 (ssh-rsa) CA signatures, as OpenSSH does by default', () => {
    const ca = makeKey('rsa', 2048);
    const host = makeKey('ed25519');
    const certificate = parseHostCertificate(certify(ca.path, host.path, { algorithm: 'ssh-rsa' }));
    expect(() => signatureIsValid(certificate, ca.blob)).toThrow(/signed with ssh-rsa, which OpenSSH does not accept/);
  });

  it('says what is wrong with damaged or oversized input instead of reading past it', () => {
    const ca = makeKey('ed25519');
    const host = makeKey('ed25519');
    const blob = certify(ca.path, host.path);
    expect(() => parseHostCertificate(blob.subarray(0, blob.length - 10))).toThrow('the certificate is cut short');
    expect(() => parseHostCertificate(Buffer.concat([blob, Buffer.from([0])]))).toThrow('bytes after its signature');
    expect(() => parseHostCertificate(host.blob)).toThrow('ssh-ed25519 is not a certificate type');
    expect(() => parseHostCertificate(Buffer.alloc(MAX_CERTIFICATE_BYTES + 1))).toThrow(/more than the 16384/);
  });
});

describe('certifying a presented host key', () => {
  const input = (overrides: Partial<CertificationInput> & Pick<CertificationInput, 'presentedKey' | 'authorities'>): CertificationInput => ({
    host: 'Node1.Lab.Example',
    fetch: async () => ({ problem: 'unused' }),
    revocationOf: async () => null,
    ...overrides,
  });

  it('certifies with the CA line that signed, refuses a @revoked CA, and says which CA signed when no line names it', async () => {
    const ca = makeKey('ecdsa', 256);
    const stranger = makeKey('ed25519');
    const host = makeKey('ed25519');
    const otherTypeHost = makeKey('ecdsa', 256);
    const certificates = [certify(stranger.path, otherTypeHost.path), certify(ca.path, host.path, { id: 'node1' })];
    const authorities = [{ file: '/k', line: 4, key: ca.blob }];
    expect(await certifyHostKey(input({ presentedKey: host.blob, authorities, fetch: async () => ({ certificates }) }))).toEqual({
      status: 'certified',
      caFingerprint: fingerprintOf(ca.blob),
      file: '/k',
      line: 4,
      keyId: 'node1',
    });
    const revoked = await certifyHostKey(input({ presentedKey: host.blob, authorities, fetch: async () => ({ certificates }), revocationOf: async (blob) => (blob.equals(ca.blob) ? { file: '/k', line: 9 } : null) }));
    expect(revoked).toEqual({ status: 'revoked', caFingerprint: fingerprintOf(ca.blob), file: '/k', line: 9 });
    const foreign = await certifyHostKey(input({ presentedKey: otherTypeHost.blob, authorities, fetch: async () => ({ certificates }) }));
    expect(foreign).toEqual({ status: 'uncertified', problem: `the certificate is signed by CA ${fingerprintOf(stranger.blob)}, not by the CA of /k line 4` });
    const none = await certifyHostKey(input({ presentedKey: makeKey('ed25519').blob, authorities, fetch: async () => ({ certificates }) }));
    expect(none).toEqual({ status: 'uncertified', problem: "none of the machine's 2 certificate(s) certifies the key this connection was shown" });
  });

  it('passes on why the certificates could not be fetched', async () => {
    expect(await fetchHostCertificates('127.0.5.1', 22, { keyscan: join(dir, 'no-such-keyscan') })).toEqual({ problem: 'ssh-keyscan is not installed (package openssh-client)' });
    expect(await fetchHostCertificates('-oProxyCommand=x', 22)).toEqual({ problem: '"-oProxyCommand=x" is not a host name ssh-keyscan can be given' });
    expect(await fetchHostCertificates('a,b', 22)).toEqual({ problem: '"a,b" is not a host name ssh-keyscan can be given' });
  });

  it('reads keyscan lines with or without the host name in front, and stops one that prints too much', async () => {
    const ca = makeKey('ed25519');
    const host = makeKey('ed25519');
    const certificate = certify(ca.path, host.path);
    // Stand-ins for other keyscan versions: the real one (OpenSSH 9.2) runs in test/lab/host-certificates.test.ts.
    const older = join(dir, 'keyscan-older');
    await writeFile(older, `#!/bin/sh\necho "# 127.0.5.1:22 SSH-2.0-OpenSSH_8.9" >&2\necho "[127.0.5.1]:2222 ssh-ed25519-cert-v01@openssh.com ${certificate.toString('base64')}"\n`, { mode: 0o755 });
    const fetched = await fetchHostCertificates('127.0.5.1', 2222, { keyscan: older, keyType: 'ssh-ed25519' });
    expect('certificates' in fetched && fetched.certificates.map((blob) => blob.equals(certificate))).toEqual([true]);
    const flood = join(dir, 'keyscan-flood');
    await writeFile(flood, '#!/bin/sh\nhead -c 1000000 /dev/zero | tr "\\0" x\n', { mode: 0o755 });
    expect(await fetchHostCertificates('127.0.5.1', 22, { keyscan: flood })).toEqual({ problem: 'ssh-keyscan printed more than 256 KiB' });
  });
});

describe('@cert-authority lines in known_hosts', () => {
  it('are matched as OpenSSH matches them: patterns, negation, [host]:port and hashed names', async () => {
    const ca = makeKey('ed25519');
    const caLine = ca.line;
    const file = join(dir, 'known_hosts_ca');
    // ssh-keygen -H leaves marker lines as they are; a hashed one is written by hand, as some tools do.
    await writeFile(file, `@cert-authority *.lab.example,!bad.lab.example ${caLine}\n@cert-authority [127.0.5.3]:2222 ${caLine}\n@cert-authority ${hashedHostField('127.0.5.4')} ${caLine}\n`);
    expect(execFileSync('ssh-keygen', ['-F', '127.0.5.4', '-f', file], { encoding: 'utf8' })).toContain('@cert-authority |1|');
    const knownHosts = new KnownHosts([file]);
    const host = makeKey('ed25519');
    const linesFor = async (name: string, port: number) => {
      const verdict = await knownHosts.verify(name, port, { type: 'ssh-ed25519', blob: host.blob });
      return verdict.status === 'unknown' ? verdict.certAuthorities.map((line) => line.line) : verdict.status;
    };
    expect(await linesFor('node1.lab.example', 22)).toEqual([1]);
    expect(await linesFor('bad.lab.example', 22)).toEqual([]);
    expect(await linesFor('127.0.5.3', 2222)).toEqual([2]);
    expect(await linesFor('127.0.5.3', 22)).toEqual([]);
    expect(await linesFor('127.0.5.4', 22)).toEqual([3]);
    const verdict = await knownHosts.verify('node1.lab.example', 22, { type: 'ssh-ed25519', blob: host.blob });
    expect(verdict.status === 'unknown' && verdict.certAuthorities[0]!.key.equals(ca.blob)).toBe(true);
  });
});
