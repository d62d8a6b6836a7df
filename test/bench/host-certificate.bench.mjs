// What checking a host certificate costs a first connection: reading and verifying one certificate
// per CA key type (node:crypto), and the whole out-of-band check against a real sshd on loopback
// (ssh-keyscan -c -t, one handshake for the presented key's type, then the verification). The check runs
// only for a key known_hosts does not hold, i.e. once per machine; it replaces a question.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleHarness, summarise, timeEach } from './bench-harness.mjs';

/** Verification is sub-millisecond: enough runs for a stable median. */
const VERIFY_RUNS = 200;
/** Each full check spawns keyscan and makes an SSH handshake: fewer runs. */
const CHECK_RUNS = 10;
/** This benchmark's own sshd: a loopback address no test uses at the same time. */
const ADDRESS = '127.0.5.40';
const PORT = 2222;

const CA_KINDS = [
  { name: 'ed25519', args: ['-t', 'ed25519'] },
  { name: 'ecdsa nistp256', args: ['-t', 'ecdsa', '-b', '256'] },
  { name: 'ecdsa nistp521', args: ['-t', 'ecdsa', '-b', '521'] },
  { name: 'rsa 3072, rsa-sha2-512', args: ['-t', 'rsa', '-b', '3072'], sign: ['-t', 'rsa-sha2-512'] },
];

export async function run() {
  const harness = await bundleHarness('host-certificate', [
    `export { parseHostCertificate, signatureIsValid } from 'electron/ssh/host-certificate';`,
    `export { certifyHostKey } from 'electron/ssh/host-key-certification';`,
    `export { fetchHostCertificates } from 'electron/ssh/host-certificate-fetch';`,
    `export { startTemporarySshd } from 'test/support/temporary-sshd';`,
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'obx-bench-hostcert-'));
  const blobOf = (file) => Buffer.from(execFileSync('cat', [file], { encoding: 'utf8' }).split(' ')[1], 'base64');
  try {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host')]);
    const rows = [];
    for (const [index, kind] of CA_KINDS.entries()) {
      const ca = join(dir, `ca${index}`);
      execFileSync('ssh-keygen', ['-q', ...kind.args, '-N', '', '-f', ca]);
      execFileSync('ssh-keygen', ['-q', '-s', ca, '-I', 'bench', '-h', '-n', ADDRESS, '-V', '-5m:+1h', ...(kind.sign ?? []), join(dir, 'host.pub')]);
      const certificate = blobOf(join(dir, 'host-cert.pub'));
      const caBlob = blobOf(`${ca}.pub`);
      const samples = await timeEach(VERIFY_RUNS, () => {
        if (!harness.signatureIsValid(harness.parseHostCertificate(certificate), caBlob)) throw new Error(`${kind.name}: the signature did not verify`);
      });
      rows.push({ step: `parse + verify, CA ${kind.name}`, runs: VERIFY_RUNS, ...summarise(samples) });
    }

    const caPath = join(dir, 'ca0');
    const sshd = await harness.startTemporarySshd({ address: ADDRESS, port: PORT, user: 'root', authorizedKeys: '', hostCertificate: { caKey: caPath, principals: ADDRESS, validity: '-5m:+1h' } });
    try {
      const hostKey = Buffer.from(sshd.hostKeyPublic.split(' ')[1], 'base64');
      const authorities = [{ file: 'bench', line: 1, key: blobOf(`${caPath}.pub`) }];
      const samples = await timeEach(CHECK_RUNS, async () => {
        const result = await harness.certifyHostKey({
          host: ADDRESS,
          presentedKey: hostKey,
          authorities,
          fetch: () => harness.fetchHostCertificates(ADDRESS, PORT, { keyType: 'ssh-ed25519' }),
          revocationOf: async () => null,
        });
        if (result.status !== 'certified') throw new Error(`the check did not certify: ${JSON.stringify(result)}`);
      });
      rows.push({ step: 'whole check: ssh-keyscan -c + verify (real sshd, loopback)', runs: CHECK_RUNS, ...summarise(samples) });
    } finally {
      await sshd.stop();
    }
    console.table(rows.map((row) => ({ step: row.step, runs: row.runs, 'median ms': row.median.toFixed(2), 'max ms': row.max.toFixed(2) })));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
