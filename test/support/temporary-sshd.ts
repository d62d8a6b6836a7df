// A throwaway OpenSSH server on a loopback address, for tests that need an endpoint the lab does
// not have (a bastion that allows forwarding, a host whose key just changed). Started and
// stopped by PID; its own host key in a temporary folder, certified by a CA when asked
// (ssh-keygen -s … -h, HostCertificate in sshd_config).
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile, readFile, mkdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** sshd listens within ~50 ms; 10 s means it failed. */
const LISTEN_TIMEOUT_MS = 10_000;

export interface TemporarySshd {
  address: string;
  port: number;
  hostKeyPublic: string;
  logFile: string;
  log(): Promise<string>;
  stop(): Promise<void>;
}

/** A host certificate for the sshd's host key, made with `ssh-keygen -s caKey -I identity -h -n principals -V validity`. */
export interface HostCertificateRequest {
  /** The CA's private key file. */
  caKey: string;
  /** Comma-separated, as -n takes them; empty: none (a certificate OpenSSH refuses). */
  principals: string;
  /** As -V takes it, e.g. -5m:+1h, or 20200101:20200102 for an expired one. */
  validity: string;
  identity?: string;
}

export async function startTemporarySshd(options: {
  address: string;
  port?: number;
  user: string;
  authorizedKeys: string;
  extraConfig?: string[];
  hostKeyPath?: string;
  hostCertificate?: HostCertificateRequest;
}): Promise<TemporarySshd> {
  const dir = await mkdtemp(join(tmpdir(), 'obx-sshd-'));
  // sshd reads authorized_keys as the logging-in user, not as root.
  await chmod(dir, 0o755);
  const port = options.port ?? 22;
  const hostKey = options.hostKeyPath ?? join(dir, 'ssh_host_ed25519_key');
  if (!options.hostKeyPath) execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
  const certificate = options.hostCertificate;
  if (certificate) {
    if (options.hostKeyPath) throw new Error('a host certificate is made for the sshd\'s own generated host key: give no hostKeyPath');
    const principals = certificate.principals === '' ? [] : ['-n', certificate.principals];
    execFileSync('ssh-keygen', ['-q', '-s', certificate.caKey, '-I', certificate.identity ?? 'temporary sshd', '-h', ...principals, '-V', certificate.validity, `${hostKey}.pub`]);
  }
  await writeFile(join(dir, 'authorized_keys'), options.authorizedKeys, { mode: 0o644 });
  const logFile = join(dir, 'sshd.log');
  const config = join(dir, 'sshd_config');
  await writeFile(
    config,
    [
      `ListenAddress ${options.address}`,
      `Port ${port}`,
      `HostKey ${hostKey}`,
      ...(certificate ? [`HostCertificate ${hostKey}-cert.pub`] : []),
      'PidFile none',
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      `AllowUsers ${options.user}`,
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'PrintMotd no',
      'LogLevel VERBOSE',
      ...(options.extraConfig ?? []),
      '',
    ].join('\n'),
  );
  await mkdir('/run/sshd', { recursive: true });
  const child: ChildProcess = spawn('/usr/sbin/sshd', ['-D', '-f', config, '-E', logFile], { stdio: 'ignore' });
  const deadline = Date.now() + LISTEN_TIMEOUT_MS;
  while (!(await listening(options.address, port))) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill();
      throw new Error(`temporary sshd on ${options.address}:${port} did not start: ${await readFile(logFile, 'utf8').catch(() => '')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    address: options.address,
    port,
    hostKeyPublic: (await readFile(`${hostKey}.pub`, 'utf8')).trim(),
    logFile,
    log: () => readFile(logFile, 'utf8').catch(() => ''),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function listening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
