// A machine that accepts the TCP connection but never answers the SSH handshake (a hung sshd,
// a wrong port behind a firewall) fails after the connect timeout, with a message saying so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server, type Socket } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { SshConnection } from '../../electron/ssh/ssh-connection';
import { ConsoleError } from '../../electron/contract/console-errors';

let server: Server;
let port: number;
let dir: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'obx-timeout-'));
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'key')]);
  server = createServer((socket) => sockets.push(socket)); // accepts, then says nothing
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe('connecting to a silent endpoint', () => {
  it('gives up after the connect timeout with a message naming the endpoint', async () => {
    const hostKeys = { decide: async () => ({ accept: true as const }), preferredTypes: async () => [] };
    const failure = (await SshConnection.open(
      { host: '127.0.0.1', port, user: 'ubuntu' },
      { auth: { identityFiles: [join(dir, 'key')], identitiesOnly: true, agentSocket: null, passphrases: null }, hostKeys, connectTimeoutMs: 400 },
    ).catch((error: unknown) => error)) as ConsoleError;
    expect(failure).toBeInstanceOf(ConsoleError);
    expect(failure.code).toBe('ssh-timeout');
    expect(failure.message).toContain(`ubuntu@127.0.0.1:${port}`);
    expect(failure.message).toMatch(/did not complete the SSH login within 0\.4 s/);
  });
});
