// Host certificates end to end, against real OpenSSH servers on loopback whose host keys are
// certified (ssh-keygen -s … -h, HostCertificate): a key certified by a CA that known_hosts trusts
// is accepted with no question, as OpenSSH accepts it; an expired certificate, a wrong principal or
// another CA fall back to the question, which says why; a @revoked CA is refused. The certificate
// is fetched by the real ssh-keyscan -c, directly and through a jump host.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SshConnection, type SshTarget } from '../../electron/ssh/ssh-connection';
import { KnownHosts, fingerprintOf } from '../../electron/ssh/known-hosts';
import { InteractiveHostKeyPolicy, type HostCertificateOptions } from '../../electron/ssh/interactive-host-key-policy';
import { fetchHostCertificates } from '../../electron/ssh/host-certificate-fetch';
import { PromptBroker } from '../../electron/core/prompt-broker';
import { StreamHub } from '../../electron/core/stream-hub';
import type { HostKeyQuestion, PendingPrompt } from '../../electron/contract/payloads';
import { runInventoryCommand } from '../../electron/cli/inventory-command';
import { createConsoleCore } from '../../electron/core/console-core';
import { FileStore } from '../../electron/store/file-store';
import type { RequestOutcome } from '../../electron/contract/console-contract';
import type { CoreNotice } from '../../electron/contract/payloads';
import { startTemporarySshd, type HostCertificateRequest, type TemporarySshd } from '../support/temporary-sshd';

/** Loopback addresses of this file's own servers (nothing else uses 127.0.5.x), on a non-standard port: the [host]:port form. */
const PORT = 2222;
const USER = 'root';

let dir: string;
let userKey: string;
let userPublicKey: string;
let ca: { path: string; line: string; blob: Buffer };
let otherCa: { path: string; line: string; blob: Buffer };
const started: TemporarySshd[] = [];
const opened: SshConnection[] = [];

function makeKey(name: string): { path: string; line: string; blob: Buffer } {
  const path = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path, '-C', name]);
  const line = execFileSync('cat', [`${path}.pub`], { encoding: 'utf8' }).trim().split(' ').slice(0, 2).join(' ');
  return { path, line, blob: Buffer.from(line.split(' ')[1]!, 'base64') };
}

async function certifiedSshd(address: string, certificate: Partial<HostCertificateRequest> = {}, extraConfig: string[] = []): Promise<TemporarySshd> {
  const sshd = await startTemporarySshd({
    address,
    port: PORT,
    user: USER,
    authorizedKeys: `${userPublicKey}\n`,
    extraConfig,
    hostCertificate: { caKey: ca.path, principals: address, validity: '-5m:+1h', identity: `host ${address}`, ...certificate },
  });
  started.push(sshd);
  return sshd;
}

function consoleSide(knownHostsText: string, options: HostCertificateOptions = {}) {
  const file = join(dir, `known_hosts_${started.length}_${Math.random().toString(36).slice(2)}`);
  const streams = new StreamHub();
  const broker = new PromptBroker(streams);
  const prompts: (PendingPrompt & HostKeyQuestion)[] = [];
  const notices: string[] = [];
  streams.attach((stream, payload) => {
    if (stream === 'prompt.opened') prompts.push(payload as PendingPrompt & HostKeyQuestion);
  });
  const hostKeys = new InteractiveHostKeyPolicy(new KnownHosts([file]), broker, { onCertified: (message) => notices.push(message), ...options });
  return { file, broker, prompts, notices, hostKeys, ready: writeFile(file, knownHostsText) };
}

async function open(target: SshTarget, side: ReturnType<typeof consoleSide>, via?: SshConnection): Promise<SshConnection> {
  await side.ready;
  const connection = await SshConnection.open(target, { auth: { identityFiles: [userKey], identitiesOnly: true, agentSocket: null, passphrases: null }, hostKeys: side.hostKeys, via });
  opened.push(connection);
  return connection;
}

/** The connection waits on the question; the test reads it, refuses, and gets the refusal. */
async function questionAsked(target: SshTarget, side: ReturnType<typeof consoleSide>): Promise<PendingPrompt & HostKeyQuestion> {
  const opening = open(target, side);
  const refused = expect(opening).rejects.toMatchObject({ code: 'ssh-host-key-unknown' });
  await expect.poll(() => side.prompts.length, { timeout: 30_000, message: 'the host key question never came' }).toBe(1);
  const prompt = side.prompts[0]!;
  side.broker.answer(prompt.promptId, { kind: 'host-key', accept: false });
  await refused;
  return prompt;
}

const caLine = (key: { line: string }) => `@cert-authority [127.0.5.*]:${PORT} ${key.line}`;
const target = (address: string): SshTarget => ({ host: address, port: PORT, user: USER });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'obx-hostcert-lab-'));
  const user = makeKey('user');
  userKey = user.path;
  userPublicKey = user.line;
  ca = makeKey('host_ca');
  otherCa = makeKey('other_ca');
});

afterEach(() => {
  for (const connection of opened.splice(0)) connection.close();
});

afterAll(async () => {
  for (const sshd of started.splice(0)) await sshd.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('host certificates checked against @cert-authority', () => {
  it('connects with no question when a trusted CA certifies the key, and says which CA and line', async () => {
    const sshd = await certifiedSshd('127.0.5.1');
    const side = consoleSide(`# lab host CA\n${caLine(ca)}\n`);
    const connection = await open(target('127.0.5.1'), side);
    expect((await connection.exec(['echo', 'certified'])).stdout).toBe('certified\n');
    expect(side.prompts).toEqual([]);
    const hostKey = Buffer.from(sshd.hostKeyPublic.split(' ')[1]!, 'base64');
    expect(side.notices).toEqual([
      `[127.0.5.1]:${PORT}: host key ssh-ed25519 ${fingerprintOf(hostKey)} certified by CA ${fingerprintOf(ca.blob)} (${side.file} line 2; certificate "host 127.0.5.1")`,
    ]);
    // As OpenSSH: a certified key is not written to known_hosts.
    expect(await readFile(side.file, 'utf8')).toBe(`# lab host CA\n${caLine(ca)}\n`);
  });

  it('asks, saying the certificate expired, when it has', async () => {
    await certifiedSshd('127.0.5.2', { validity: '20200101:20200102' });
    const side = consoleSide(`${caLine(ca)}\n`);
    const prompt = await questionAsked(target('127.0.5.2'), side);
    expect(prompt.certAuthority).toBe(`${side.file} line 1`);
    expect(prompt.certificateProblem).toBe(`the certificate signed by CA ${fingerprintOf(ca.blob)} is refused: it expired on 2020-01-02T00:00:00.000Z`);
  });

  it('asks, naming the principals, when the certificate is for another name', async () => {
    await certifiedSshd('127.0.5.3', { principals: 'node7.lab.example,127.0.5.7' });
    const side = consoleSide(`${caLine(ca)}\n`);
    const prompt = await questionAsked(target('127.0.5.3'), side);
    expect(prompt.certificateProblem).toBe(`the certificate signed by CA ${fingerprintOf(ca.blob)} is refused: its principals (node7.lab.example, 127.0.5.7) do not include 127.0.5.3`);
  });

  it('asks, naming the CA that did sign, when known_hosts trusts another one', async () => {
    await certifiedSshd('127.0.5.4');
    const side = consoleSide(`${caLine(otherCa)}\n`);
    const prompt = await questionAsked(target('127.0.5.4'), side);
    expect(prompt.certificateProblem).toBe(`the certificate is signed by CA ${fingerprintOf(ca.blob)}, not by the CA of ${side.file} line 1`);
  });

  it('refuses, with no question, a key certified by a CA that known_hosts marks @revoked', async () => {
    await certifiedSshd('127.0.5.5');
    const side = consoleSide(`${caLine(ca)}\n@revoked * ${ca.line}\n`);
    await expect(open(target('127.0.5.5'), side)).rejects.toMatchObject({
      code: 'ssh-host-key-changed',
      message: expect.stringContaining(`certified by CA ${fingerprintOf(ca.blob)}, which is marked @revoked in ${side.file} line 2`),
    });
    expect(side.prompts).toEqual([]);
  });

  it('asks, saying so, when ssh-keyscan is not installed', async () => {
    await certifiedSshd('127.0.5.6');
    const side = consoleSide(`${caLine(ca)}\n`, { fetchCertificates: (host, port, options) => fetchHostCertificates(host, port, { ...options, keyscan: join(dir, 'no-ssh-keyscan-here') }) });
    const prompt = await questionAsked(target('127.0.5.6'), side);
    expect(prompt.certificateProblem).toBe('ssh-keyscan is not installed (package openssh-client)');
  });

  it('fetches the certificate through the jump host when the machine is reached through one', async () => {
    const jump = await startTemporarySshd({ address: '127.0.5.20', port: PORT, user: USER, authorizedKeys: `${userPublicKey}\n`, extraConfig: ['AllowTcpForwarding local', `PermitOpen 127.0.5.21:${PORT}`] });
    started.push(jump);
    await certifiedSshd('127.0.5.21');
    const routes: string[] = [];
    const side = consoleSide(`[127.0.5.20]:${PORT} ${jump.hostKeyPublic.split(' ').slice(0, 2).join(' ')}\n${caLine(ca)}\n`, {
      fetchCertificates: (host, port, options) => {
        routes.push(`${host}:${port} ${options.reach ? 'through the jump' : 'direct'}`);
        return fetchHostCertificates(host, port, options);
      },
    });
    const bastion = await open(target('127.0.5.20'), side);
    const machine = await open(target('127.0.5.21'), side, bastion);
    expect((await machine.exec(['echo', 'through the jump'])).stdout).toBe('through the jump\n');
    expect(side.prompts).toEqual([]);
    expect(side.notices).toHaveLength(1);
    // keyscan reached the machine through the jump host's forwarded channel (a loopback relay), not directly.
    expect(routes).toEqual([`127.0.5.21:${PORT} through the jump`]);
  });

  it('the console as shipped connects to a certified machine with no question and says so in a notice', async () => {
    await certifiedSshd('127.0.5.10');
    const knownHosts = join(dir, 'known_hosts_core');
    await writeFile(knownHosts, `${caLine(ca)}\n`);
    const core = await createConsoleCore({ host: 'browser', store: new FileStore(join(dir, 'core-state.json')), knownHostsFiles: [knownHosts], agentSocket: null });
    const notices: CoreNotice[] = [];
    const prompts: unknown[] = [];
    core.streams.attach((stream, payload) => {
      if (stream === 'core.notice') notices.push(payload as CoreNotice);
      if (stream === 'prompt.opened') prompts.push(payload);
    });
    try {
      const call = async <T>(name: string, params: unknown): Promise<T> => {
        const outcome = (await core.dispatch(name, params)) as RequestOutcome<T>;
        if (!outcome.ok) throw new Error(`${name}: ${outcome.error.code}: ${outcome.error.message}`);
        return outcome.result;
      };
      const saved = await call<{ id: string }>('labs.save', { name: 'certified', controller: { host: '127.0.5.10', port: PORT, user: USER, identityFile: userKey, sshConfigHost: null } });
      // The temporary sshd is no Juju controller: the connection's fate after the host key does not matter here.
      await core.dispatch('lab.connect', { labId: saved.id });
      await expect.poll(() => notices.filter((notice) => notice.code === 'ssh-host-key-certified').length, { timeout: 30_000, message: 'no certified notice came' }).toBe(1);
      expect(notices.find((notice) => notice.code === 'ssh-host-key-certified')).toMatchObject({
        level: 'info',
        message: expect.stringContaining(`certified by CA ${fingerprintOf(ca.blob)} (${knownHosts} line 1; certificate "host 127.0.5.10")`),
      });
      expect(prompts).toEqual([]);
    } finally {
      await core.close();
    }
  });

  it('trusts a certified key from the command line too, and says why an uncertified one is refused', async () => {
    await certifiedSshd('127.0.5.8');
    await certifiedSshd('127.0.5.9', { validity: '20200101:20200102' });
    const knownHosts = join(dir, 'known_hosts_cli');
    await writeFile(knownHosts, `${caLine(ca)}\n`);
    const inventory = async (address: string) => {
      const err: string[] = [];
      await runInventoryCommand([`${USER}@${address}:${PORT}`, '-i', userKey, '--known-hosts', knownHosts], { out: () => {}, err: (text) => err.push(text) });
      return err.join('\n');
    };
    // The temporary sshd is no Juju controller: what matters is how far the host key let it go.
    const certified = await inventory('127.0.5.8');
    expect(certified).toContain(`[127.0.5.8]:${PORT}: host key ssh-ed25519 `);
    expect(certified).toContain(`certified by CA ${fingerprintOf(ca.blob)} (${knownHosts} line 1; certificate "host 127.0.5.8")`);
    expect(certified).not.toContain('is not in');
    const expired = await inventory('127.0.5.9');
    expect(expired).toContain(`a @cert-authority line covers it, but its certificate did not certify this key: the certificate signed by CA ${fingerprintOf(ca.blob)} is refused: it expired on 2020-01-02T00:00:00.000Z`);
    expect(await readFile(knownHosts, 'utf8')).toBe(`${caLine(ca)}\n`);
  });
});
