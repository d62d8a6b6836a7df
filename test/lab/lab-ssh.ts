// Minimal ssh2 helpers for tests against the OrangeBox lab: connect to an endpoint with a key,
// verify its host key against the manifest's fingerprint, run commands with bounded timeouts.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect as netConnect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { Client } from 'ssh2';

export const CONNECT_TIMEOUT_MS = 10_000; // a lab sshd accepts in ~0.1 s
export const EXEC_TIMEOUT_MS = 20_000; // the slowest lab command (ping -W 2, juju ssh) takes ~1 s

export interface SshTarget {
  address: string;
  port: number;
  hostKeyFingerprint: string;
}

export interface ExecResult {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/** OpenSSH's SHA256 fingerprint of a host key blob. */
export function sha256Fingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

export class LabSsh {
  private constructor(
    readonly client: Client,
    readonly seenFingerprint: string,
  ) {}

  /**
   * Connect as `user` with the private key at `keyPath`. Rejects on a host key that is not the
   * manifest's, on auth failure, or after CONNECT_TIMEOUT_MS. `sock` lets a connection run over
   * another one (ProxyJump through the controller).
   */
  static connect(target: SshTarget, user: string, keyPath: string, sock?: Duplex): Promise<LabSsh> {
    return new Promise((resolve, reject) => {
      const client = new Client();
      let seen = '';
      let settled = false;
      const socket: Duplex =
        sock ??
        (() => {
          const s: Socket = netConnect({ host: target.address, port: target.port });
          s.setNoDelay(true); // interactive traffic: no Nagle delay on small writes
          return s;
        })();
      const timer = setTimeout(() => finish(new Error(`ssh ${target.address}: no session within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
      const finish = (err: Error | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (err) {
          client.end();
          socket.destroy();
          reject(err);
        } else resolve(new LabSsh(client, seen));
      };
      client
        .on('ready', () => finish(null))
        .on('error', (e) => finish(e))
        .on('close', () => finish(new Error(`ssh ${target.address}: connection closed before ready`)))
        .connect({
          sock: socket as unknown as Socket,
          username: user,
          privateKey: readFileSync(keyPath),
          readyTimeout: CONNECT_TIMEOUT_MS,
          hostVerifier: (key: Buffer) => {
            seen = sha256Fingerprint(key);
            return seen === target.hostKeyFingerprint;
          },
        });
    });
  }

  /** Run a command (no pty); resolves with its exit code and output, bounded by timeoutMs. */
  exec(command: string, timeoutMs = EXEC_TIMEOUT_MS): Promise<ExecResult> {
    return new Promise((resolve, reject) => {
      this.client.exec(command, (err, stream) => {
        if (err) return reject(err);
        let stdout = '';
        let stderr = '';
        const timer = setTimeout(() => {
          stream.close();
          reject(new Error(`ssh exec timed out after ${timeoutMs} ms: ${command}`));
        }, timeoutMs);
        stream.on('data', (d: Buffer) => (stdout += d.toString()));
        stream.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        stream.on('close', (code: number | null, signal: string | null) => {
          clearTimeout(timer);
          resolve({ code: code ?? null, signal: signal ?? null, stdout, stderr });
        });
      });
    });
  }

  /** Like exec, but rejects unless the exit code is 0. */
  async run(command: string, timeoutMs = EXEC_TIMEOUT_MS): Promise<string> {
    const r = await this.exec(command, timeoutMs);
    if (r.code !== 0) throw new Error(`\`${command}\` exited ${r.code}: ${r.stderr.trim() || r.stdout.trim()}`);
    return r.stdout;
  }

  /** A TCP stream to host:port through this connection (direct-tcpip, what ProxyJump uses). */
  forward(host: string, port: number): Promise<Duplex> {
    return new Promise((resolve, reject) => {
      this.client.forwardOut('127.0.0.1', 0, host, port, (err, stream) => (err ? reject(err) : resolve(stream)));
    });
  }

  end(): void {
    this.client.end();
  }
}
