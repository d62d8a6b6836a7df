// The SSH transport against the real lab's sshd endpoints: host keys (unknown → asked, nothing
// sent before the answer; changed → refused with file and line), agent and encrypted-key
// authentication, the channel queue, hostile arguments, odd output, and jumps through two hops.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CHANNEL_LIMIT, SLOTS_KEPT_FOR_COMMANDS, SshConnection, type SshTarget } from '../../electron/ssh/ssh-connection';
import { KnownHosts } from '../../electron/ssh/known-hosts';
import { InteractiveHostKeyPolicy } from '../../electron/ssh/interactive-host-key-policy';
import { PromptBroker } from '../../electron/core/prompt-broker';
import { StreamHub } from '../../electron/core/stream-hub';
import { RememberedPassphrases } from '../../electron/ssh/remembered-passphrases';
import { ConsoleError } from '../../electron/contract/console-errors';
import type { PendingPrompt } from '../../electron/contract/payloads';
import { LabLink } from '../../electron/lab/lab-link';
import { resolveSshHost } from '../../electron/ssh-config/ssh-config-hosts';
import { loadLabManifest, machineById, type LabManifest } from './lab-manifest';
import { startTemporarySshd, type TemporarySshd } from '../support/temporary-sshd';

let lab: LabManifest;
let dir: string;

/** A console-side setup: its own known_hosts, prompts answered by the test. */
function makeConsoleSide(knownHostsFile: string) {
  const streams = new StreamHub();
  const broker = new PromptBroker(streams);
  const prompts: PendingPrompt[] = [];
  streams.attach((stream, payload) => {
    if (stream === 'prompt.opened') prompts.push(payload as PendingPrompt);
  });
  return { broker, prompts, hostKeys: new InteractiveHostKeyPolicy(new KnownHosts([knownHostsFile]), broker), passphrases: new RememberedPassphrases(broker) };
}

const controllerTarget = (): SshTarget => ({ host: lab.controller.address, port: lab.controller.port, user: lab.user });
const auth = (identityFiles: string[], agentSocket: string | null = null) => ({ identityFiles, identitiesOnly: true, agentSocket, passphrases: null });

beforeAll(async () => {
  lab = loadLabManifest();
  dir = await mkdtemp(join(tmpdir(), 'obx-transport-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('host keys', () => {
  it('asks about an unknown key with its SHA256 fingerprint and sends nothing before the answer', async () => {
    const knownHostsFile = join(dir, 'known_hosts_new');
    const side = makeConsoleSide(knownHostsFile);
    const logFile = join(lab.labDir, 'logs', 'sshd-controller.log');
    const authLinesBefore = (await readFile(logFile, 'utf8')).split('\n').filter((line) => /publickey/.test(line)).length;

    const opening = SshConnection.open(controllerTarget(), { auth: auth([lab.userKey]), hostKeys: side.hostKeys });
    await expect.poll(() => side.prompts.length, { timeout: 10_000 }).toBe(1);
    const prompt = side.prompts[0]!;
    expect(prompt).toMatchObject({ kind: 'host-key', host: lab.controller.address, port: 22, fingerprint: lab.controller.hostKeyFingerprint, knownHostsFile });
    // While the question is open, the server has seen no authentication attempt at all.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const authLinesDuring = (await readFile(logFile, 'utf8')).split('\n').filter((line) => /publickey/.test(line)).length;
    expect(authLinesDuring).toBe(authLinesBefore);

    side.broker.answer(prompt.promptId, { kind: 'host-key', accept: true });
    const connection = await opening;
    expect((await connection.exec(['hostname'])).stdout.trim()).toBe(lab.controller.hostname);
    connection.close();
    expect(await readFile(knownHostsFile, 'utf8')).toContain(lab.controller.hostKey.split(' ')[1]);

    // Accepted once: the next connection does not ask again.
    const again = await SshConnection.open(controllerTarget(), { auth: auth([lab.userKey]), hostKeys: side.hostKeys });
    expect(side.prompts).toHaveLength(1);
    again.close();
  });

  it('refuses when the engineer declines, and writes nothing', async () => {
    const knownHostsFile = join(dir, 'known_hosts_declined');
    const side = makeConsoleSide(knownHostsFile);
    const opening = SshConnection.open(controllerTarget(), { auth: auth([lab.userKey]), hostKeys: side.hostKeys }).catch((error: unknown) => error);
    await expect.poll(() => side.prompts.length, { timeout: 10_000 }).toBe(1);
    side.broker.answer(side.prompts[0]!.promptId, { kind: 'host-key', accept: false });
    const failure = (await opening) as ConsoleError;
    expect(failure).toBeInstanceOf(ConsoleError);
    expect(failure.code).toBe('ssh-host-key-unknown');
    expect(failure.message).toContain(lab.controller.hostKeyFingerprint);
    await expect(readFile(knownHostsFile, 'utf8')).rejects.toThrow();
  });

  it('refuses a CHANGED key, naming the known_hosts file and line, without asking', async () => {
    const knownHostsFile = join(dir, 'known_hosts_changed');
    const otherKey = machineById(lab, '22').hostKey;
    await writeFile(knownHostsFile, `# laptop\n\n${lab.controller.address} ${otherKey}\n`);
    const side = makeConsoleSide(knownHostsFile);
    const failure = (await SshConnection.open(controllerTarget(), { auth: auth([lab.userKey]), hostKeys: side.hostKeys }).catch((error: unknown) => error)) as ConsoleError;
    expect(failure.code).toBe('ssh-host-key-changed');
    expect(failure.message).toContain(`${knownHostsFile} line 3`);
    expect(failure.message).toContain('CHANGED');
    expect(side.prompts).toHaveLength(0);
  });
});

describe('authentication', () => {
  it('logs in with a key held by ssh-agent', async () => {
    const socket = join(dir, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    try {
      await expect.poll(() => readFile(socket).then(() => true, (error: NodeJS.ErrnoException) => error.code === 'ENXIO' || error.code === 'EOPNOTSUPP'), { timeout: 5000 }).toBe(true);
      execFileSync('ssh-add', [lab.userKey], { env: { ...process.env, SSH_AUTH_SOCK: socket }, stdio: 'ignore' });
      const connection = await SshConnection.open(controllerTarget(), {
        auth: { identityFiles: [join(dir, 'no-such-key')], identitiesOnly: false, agentSocket: socket, passphrases: null },
        hostKeys: makeConsoleSide(lab.knownHosts).hostKeys,
      });
      expect((await connection.exec(['whoami'])).stdout.trim()).toBe(lab.user);
      connection.close();
    } finally {
      agent.kill();
    }
  });

  it('asks for the passphrase of an encrypted key, again after a wrong one, and logs in', async () => {
    const encrypted = join(dir, 'encrypted_key');
    await copyFile(lab.userKey, encrypted);
    await chmod(encrypted, 0o600);
    execFileSync('ssh-keygen', ['-q', '-p', '-N', 'correct horse', '-f', encrypted]);
    const side = makeConsoleSide(lab.knownHosts);
    const opening = SshConnection.open(controllerTarget(), { auth: { ...auth([encrypted]), passphrases: side.passphrases }, hostKeys: side.hostKeys });
    await expect.poll(() => side.prompts.length).toBe(1);
    expect(side.prompts[0]).toMatchObject({ kind: 'passphrase', file: encrypted, attempt: 1, previousWasWrong: false });
    side.broker.answer(side.prompts[0]!.promptId, { kind: 'passphrase', passphrase: 'wrong', remember: false });
    await expect.poll(() => side.prompts.length).toBe(2);
    expect(side.prompts[1]).toMatchObject({ kind: 'passphrase', attempt: 2, previousWasWrong: true });
    side.broker.answer(side.prompts[1]!.promptId, { kind: 'passphrase', passphrase: 'correct horse', remember: false });
    const connection = await opening;
    expect((await connection.exec(['hostname'])).stdout.trim()).toBe(lab.controller.hostname);
    connection.close();
  });

  it('says which credentials were refused when the machine does not accept them', async () => {
    const machine23 = machineById(lab, '23'); // accepts only Juju's key
    const failure = (await SshConnection.open({ host: machine23.address, port: machine23.port, user: lab.user }, { auth: auth([lab.userKey]), hostKeys: makeConsoleSide(lab.knownHosts).hostKeys }).catch((error: unknown) => error)) as ConsoleError;
    expect(failure.code).toBe('ssh-auth-refused');
    expect(failure.message).toContain(lab.userKey);
    expect(failure.message).toContain(`${lab.user}@${machine23.address}:22`);
  });

  it('says clearly when nothing listens at the address', async () => {
    const failure = (await SshConnection.open({ host: '127.0.9.9', port: 22, user: lab.user }, { auth: auth([lab.userKey]), hostKeys: makeConsoleSide(lab.knownHosts).hostKeys }).catch((error: unknown) => error)) as ConsoleError;
    expect(failure.code).toBe('ssh-unreachable');
    expect(failure.message).toMatch(/127\.0\.9\.9:22.*connection refused/);
  });
});

describe('commands', () => {
  let connection: SshConnection;
  beforeAll(async () => {
    connection = await SshConnection.open(controllerTarget(), { auth: auth([lab.userKey]), hostKeys: makeConsoleSide(lab.knownHosts).hostKeys });
  });
  afterAll(() => connection.close());

  it('queues channels beyond the server’s MaxSessions instead of failing', async () => {
    const results = await Promise.all(Array.from({ length: 25 }, (_, index) => connection.exec(['sh', '-c', `sleep 0.2; echo ${index}`])));
    expect(results.map((result) => result.stdout.trim())).toEqual(Array.from({ length: 25 }, (_, index) => String(index)));
    expect(results.every((result) => result.exitCode === 0)).toBe(true);
    expect(connection.gate.inUse).toBe(0);
  });

  it('keeps every session slot for commands and terminals while it carries jumps (MaxSessions counts sessions only)', async () => {
    // An OrangeBox has ten nodes behind its controller: each reached through it holds a forwarded
    // channel on the controller's connection for as long as it is connected. Twelve here, three to
    // each machine's sshd (each answers with its banner).
    const machines = lab.machines.map((machine) => machine.address);
    const forwards = await Promise.all(Array.from({ length: 12 }, (_, index) => connection.forwardTo(machines[index % machines.length]!, 22)));
    try {
      const banners = await Promise.all(forwards.map((forward) => new Promise<string>((resolve) => forward.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1'))))));
      expect(banners.every((banner) => banner.startsWith('SSH-2.0-'))).toBe(true);
      const results = await Promise.all(Array.from({ length: 10 }, (_, index) => connection.exec(['echo', String(index)], { timeoutMs: 5000 })));
      expect(results.map((result) => result.stdout.trim())).toEqual(Array.from({ length: 10 }, (_, index) => String(index)));
    } finally {
      for (const forward of forwards) forward.destroy();
    }
  });

  it('opens terminals up to two slots short of MaxSessions, says so beyond, and still runs commands', async () => {
    const most = DEFAULT_CHANNEL_LIMIT - SLOTS_KEPT_FOR_COMMANDS;
    const openTerminal = async () => {
      const terminal = await connection.openPty(null, { cols: 80, rows: 24 });
      terminal.onData(() => {}); // read, as a terminal session does (an unread channel never closes)
      return terminal;
    };
    const terminals = await Promise.all(Array.from({ length: most }, openTerminal));
    try {
      const refused = (await openTerminal().catch((error: unknown) => error)) as ConsoleError;
      expect(refused).toBeInstanceOf(ConsoleError);
      expect(refused.message).toContain(`${most} terminals are already open on`);
      expect(refused.message).toContain('MaxSessions');
      // The lab can still be read while they are open: every probe of a refresh at once.
      const results = await Promise.all(Array.from({ length: 6 }, (_, index) => connection.exec(['echo', String(index)], { timeoutMs: 5000 })));
      expect(results.map((result) => result.stdout.trim())).toEqual(['0', '1', '2', '3', '4', '5']);
      // One closes: the next terminal opens.
      const closed = new Promise((resolve) => terminals[0]!.onExit(resolve));
      terminals[0]!.close();
      await closed;
      terminals[0] = await openTerminal();
    } finally {
      for (const terminal of terminals) terminal.close();
    }
  });

  it('passes hostile names to the remote program unchanged, running nothing they contain', async () => {
    const marker = join('/tmp', `obx-pwned-${process.pid}`);
    const names = ['inst ance', "it's", `$(touch ${marker})`, `; touch ${marker}`, '`id`', 'new\nline', '*'];
    const result = await connection.exec(['printf', '%s\\0', ...names]);
    expect(result.stdout.split('\0').slice(0, -1)).toEqual(names);
    expect((await connection.exec(['sh', '-c', `test -e ${marker} && echo present || echo absent`])).stdout.trim()).toBe('absent');
  });

  it('reports exit codes, stderr, invalid UTF-8 and cut output without failing', async () => {
    const failing = await connection.exec(['sh', '-c', 'echo oops >&2; exit 3']);
    expect(failing).toMatchObject({ exitCode: 3, stderr: 'oops\n', truncated: false });
    const binary = await connection.exec(['printf', '\\377\\376abc']);
    expect(binary.invalidUtf8).toBe(true);
    expect(binary.stdout).toContain('abc');
    const huge = await connection.exec(['head', '-c', '3000000', '/dev/zero'], { maxOutputBytes: 1_000_000 });
    expect(huge.truncated).toBe(true);
    expect(huge.stdout.length).toBe(1_000_000);
    // A command that never stops printing is stopped at the limit (its channel closed), not read
    // over the link until it times out.
    const endless = await connection.exec(['yes', 'obx'], { maxOutputBytes: 1_000_000, timeoutMs: 20_000 });
    expect(endless.truncated).toBe(true);
    expect(endless.stdout.length).toBe(1_000_000);
  });

  it('stops a command that runs past its time limit, with a message naming it', async () => {
    const failure = (await connection.exec(['sleep', '30'], { timeoutMs: 500 }).catch((error: unknown) => error)) as ConsoleError;
    expect(failure.code).toBe('command-timeout');
    expect(failure.message).toContain('`sleep 30`');
    expect((await connection.exec(['echo', 'still usable'])).stdout).toBe('still usable\n');
  });
});

describe('routes', () => {
  let bastion: TemporarySshd;
  beforeAll(async () => {
    // laptop → bastion → controller → machine 24: two jumps, as a customer VPN host would add.
    bastion = await startTemporarySshd({
      address: '127.0.3.1',
      user: lab.user,
      authorizedKeys: `${lab.userPublicKey}\n`,
      extraConfig: ['AllowTcpForwarding local', `PermitOpen ${lab.controller.address}:22`],
    });
    await writeFile(join(dir, 'known_hosts_routes'), `127.0.3.1 ${bastion.hostKeyPublic.split(' ').slice(0, 2).join(' ')}\n${await readFile(lab.knownHosts, 'utf8')}`);
    await writeFile(
      join(dir, 'ssh_config'),
      [
        'Host bastion',
        '  HostName 127.0.3.1',
        `  User ${lab.user}`,
        `  IdentityFile ${lab.userKey}`,
        'Host lab-controller',
        `  HostName ${lab.controller.address}`,
        `  User ${lab.user}`,
        `  IdentityFile ${lab.userKey}`,
        '  ProxyJump bastion',
        'Host node05',
        `  HostName ${machineById(lab, '24').address}`,
        `  User ${lab.user}`,
        `  IdentityFile ${lab.userKey}`,
        '  ProxyJump lab-controller',
        '',
      ].join('\n'),
    );
  });
  afterAll(async () => {
    await bastion?.stop();
  });

  it('follows a ProxyJump chain of two hops from ~/.ssh/config', async () => {
    const states: string[] = [];
    const machine24 = machineById(lab, '24');
    const link = new LabLink(
      {
        id: 'lab-000000000001',
        name: 'two hops',
        createdAt: new Date().toISOString(),
        controller: { kind: 'ssh', host: machine24.address, port: 22, user: lab.user, identityFile: null, sshConfigHost: 'node05' },
        routes: {},
      },
      {
        hostKeys: makeConsoleSide(join(dir, 'known_hosts_routes')).hostKeys,
        passphrases: { passphraseFor: async () => null },
        resolveHost: (name) => resolveSshHost(name, { configPath: join(dir, 'ssh_config') }),
        agentSocket: null,
        onState: (state) => states.push(`${state.phase}: ${state.detail}`),
      },
    );
    const controller = await link.connect();
    expect((await controller.transport.run(['hostname'])).stdout.trim()).toBe(machine24.hostname);
    expect(states.at(-1)).toMatch(new RegExp(`^connected: .*${machine24.hostname}.* via ${lab.user}@127\\.0\\.3\\.1:22 → ${lab.user}@${lab.controller.address.replace(/\./g, '\\.')}:22`));
    // The bastion really carried it.
    expect(await bastion.log()).toMatch(/Accepted publickey for ubuntu/);
    link.disconnect();
  });
});
