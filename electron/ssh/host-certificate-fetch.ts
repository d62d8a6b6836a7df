// A machine's host certificates, asked for out of band with OpenSSH's own `ssh-keyscan -c` (ssh2
// negotiates no certificate algorithm, so the handshake never carries one). Reached the way the
// connection is: directly, or through the jump host's forwarded channel via a loopback relay that
// only this keyscan uses. What comes back is unauthenticated: host-certificate.ts verifies it.
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/** ssh-keyscan's own per-connection timeout (-T): a lab machine answers in well under a second. */
export const KEYSCAN_TIMEOUT_SECONDS = 5;
/** keyscan makes one connection per key type asked (up to 4 when the type is not given), each bounded by -T; past this it is killed. */
export const KEYSCAN_DEADLINE_MS = 25_000;
/** A handful of certificates is ~10 KB; more than this is not keyscan's answer. */
export const MAX_KEYSCAN_OUTPUT_BYTES = 256 * 1024;
/** The relay for a jumped connection serves keyscan's connections only; more than this is not keyscan. */
const MAX_RELAYED_CONNECTIONS = 8;

export type CertificateFetch = { certificates: Buffer[] } | { problem: string };

export interface CertificateFetchOptions {
  /** Opens a stream to the machine through the jump host (the connection's `via`); null: direct. */
  reach?: (() => Promise<Duplex>) | null;
  /** The presented key's type (ssh-ed25519, ecdsa-sha2-nistp256, ssh-rsa): only that certificate is asked for (one handshake, not one per type). */
  keyType?: string;
  /** The keyscan program (tests point it at a missing one). */
  keyscan?: string;
}

/** ssh-keyscan -t's name for each host key type. */
const KEYSCAN_TYPES: Record<string, string> = {
  'ssh-ed25519': 'ed25519',
  'ecdsa-sha2-nistp256': 'ecdsa',
  'ecdsa-sha2-nistp384': 'ecdsa',
  'ecdsa-sha2-nistp521': 'ecdsa',
  'ssh-rsa': 'rsa',
};

/** The certificates `host:port` presents, or a problem in words (not installed, timed out, none). */
export async function fetchHostCertificates(host: string, port: number, options: CertificateFetchOptions = {}): Promise<CertificateFetch> {
  // keyscan reads "a,b" as two hosts and "-x" as an option: such a name is not one to scan.
  if (!/^[A-Za-z0-9._:%-]+$/.test(host) || host.startsWith('-')) return { problem: `"${host.slice(0, 64)}" is not a host name ssh-keyscan can be given` };
  const program = options.keyscan ?? 'ssh-keyscan';
  const types = options.keyType && KEYSCAN_TYPES[options.keyType] ? ['-t', KEYSCAN_TYPES[options.keyType]!] : [];
  if (!options.reach) return runKeyscan(program, types, host, port);
  const relay = await startRelay(options.reach);
  try {
    return await runKeyscan(program, types, '127.0.0.1', relay.port);
  } finally {
    relay.close();
  }
}

function runKeyscan(program: string, types: string[], host: string, port: number): Promise<CertificateFetch> {
  return new Promise((resolve) => {
    const child = spawn(program, ['-c', ...types, '-p', String(port), '-T', String(KEYSCAN_TIMEOUT_SECONDS), '--', host], { stdio: ['ignore', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    let size = 0;
    let problem: string | null = null;
    const stop = (reason: string) => {
      problem ??= reason;
      child.kill('SIGKILL');
    };
    const deadline = setTimeout(() => stop(`ssh-keyscan did not finish within ${KEYSCAN_DEADLINE_MS / 1000} s`), KEYSCAN_DEADLINE_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_KEYSCAN_OUTPUT_BYTES) return stop(`ssh-keyscan printed more than ${MAX_KEYSCAN_OUTPUT_BYTES / 1024} KiB`);
      chunks.push(chunk);
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(deadline);
      resolve({ problem: error.code === 'ENOENT' ? 'ssh-keyscan is not installed (package openssh-client)' : `ssh-keyscan could not start: ${error.message}` });
    });
    child.once('close', () => {
      clearTimeout(deadline);
      if (problem) return resolve({ problem });
      // With -c, keyscan prints "TYPE-cert-v01@openssh.com BASE64" (OpenSSH 9.2 names no host; older ones did).
      const certificates = Buffer.concat(chunks)
        .toString('utf8')
        .split('\n')
        .flatMap((line) => {
          const fields = line.trim().split(/\s+/);
          const at = fields.findIndex((field) => /-cert-v01@openssh\.com$/.test(field));
          return at >= 0 && fields[at + 1] ? [Buffer.from(fields[at + 1]!, 'base64')] : [];
        });
      resolve(certificates.length > 0 ? { certificates } : { problem: 'the machine presented no host certificate to ssh-keyscan -c' });
    });
  });
}

/** A loopback listener whose connections are carried to the machine through the jump host. */
async function startRelay(reach: () => Promise<Duplex>): Promise<{ port: number; close(): void }> {
  const sockets = new Set<Socket>();
  let served = 0;
  const server = createServer((socket) => {
    served += 1;
    if (served > MAX_RELAYED_CONNECTIONS) return socket.destroy();
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    reach().then(
      (stream) => {
        socket.pipe(stream).pipe(socket);
        const end = () => {
          socket.destroy();
          stream.destroy();
        };
        socket.once('close', end);
        stream.once('close', end);
        stream.once('error', end);
        socket.once('error', end);
      },
      () => socket.destroy(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      server.close();
      for (const socket of sockets) socket.destroy();
    },
  };
}
