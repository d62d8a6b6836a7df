// Terminal sessions in the core against the real lab: a shell in a container, in the qrouter
// namespace, on a machine reached by juju ssh; output streamed and kept in the replay buffer;
// resize reaching the remote pty; exit status; a dropped connection and Enter to reconnect;
// a recording that parses as asciicast v2; broadcast to exactly the chosen terminals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleCore, type ConsoleCore } from '../../electron/core/console-core';
import { FileStore } from '../../electron/store/file-store';
import type { TerminalInfo, TerminalTarget } from '../../electron/contract/terminals';
import type { RequestOutcome } from '../../electron/contract/console-contract';
import { loadLabManifest, machineById, type LabManifest } from './lab-manifest';
import { bringLabUp, takeEndpointDown } from '../support/lab-control';
import xtermHeadless from '@xterm/headless';

const { Terminal } = xtermHeadless;

let lab: LabManifest;
let dir: string;
let core: ConsoleCore;
const output = new Map<string, string>();
/**
 * Each terminal gets what the page would give it: an xterm that answers the program's queries
 * (busybox ash asks for the cursor position after every prompt and waits for the answer).
 */
const pages = new Map<string, InstanceType<typeof Terminal>>();
function pageFor(id: string) {
  let page = pages.get(id);
  if (!page) {
    page = new Terminal({ cols: 100, rows: 30, allowProposedApi: true });
    page.onData((answer) => void core.dispatch('terminals.input', { id, data: answer }));
    pages.set(id, page);
  }
  return page;
}
const infos = new Map<string, TerminalInfo>();

async function call<T>(name: string, params: unknown): Promise<T> {
  const outcome = (await core.dispatch(name, params)) as RequestOutcome<T>;
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.result;
}

const open = (target: TerminalTarget, cols = 100, rows = 30) => call<TerminalInfo>('terminals.open', { target, cols, rows });
const type = (id: string, data: string) => call('terminals.input', { id, data });
/** Waits until the terminal's output (since it opened) matches. */
const sees = (id: string, pattern: RegExp, timeout = 15_000) => expect.poll(() => output.get(id) ?? '', { timeout, interval: 50 }).toMatch(pattern);

beforeAll(async () => {
  lab = loadLabManifest();
  dir = await mkdtemp(join(tmpdir(), 'obx-terms-'));
  core = await createConsoleCore({ host: 'browser', store: new FileStore(join(dir, 'state.json')), knownHostsFiles: [lab.knownHosts], agentSocket: null });
  core.streams.attach((stream, payload) => {
    if (stream === 'terminal.data') {
      const { id, data } = payload as { id: string; data: string };
      output.set(id, (output.get(id) ?? '') + data);
      pageFor(id).write(data, () => void core.dispatch('terminals.ack', { id, chars: data.length }));
    }
    if (stream === 'terminal.info') infos.set((payload as TerminalInfo).id, payload as TerminalInfo);
  });
  const saved = await call<{ id: string }>('labs.save', {
    name: 'terminals',
    controller: { host: lab.controller.address, port: 22, user: lab.user, identityFile: lab.userKey, sshConfigHost: null },
  });
  await call('lab.connect', { labId: saved.id });
  await call('inventory.refresh', null);
});

afterAll(async () => {
  await core?.close();
  await bringLabUp(); // whatever a failed test left down
  await rm(dir, { recursive: true, force: true });
});

describe('terminals into the real lab', () => {
  it('opens a shell in a container with lxc exec, titled with what it is', async () => {
    const instance = machineById(lab, '22').instances[0]!;
    const terminal = await open({ kind: 'container', machineId: '22', container: instance.name });
    expect(terminal).toMatchObject({ state: 'running', title: `lxc exec ${instance.name} on ${machineById(lab, '22').hostname}` });
    await type(terminal.id, 'hostname\r');
    // Inside, the container's hostname is the Nova display name (lxc-test-1 in the walkthrough).
    await sees(terminal.id, new RegExp(`\\n${instance.displayName}\\r?\\n`));
  });

  it('opens a shell in the qrouter namespace that reaches an instance', async () => {
    const gateway = lab.gateway;
    const instance = machineById(lab, '22').instances[0]!;
    const terminal = await open({ kind: 'namespace', machineId: gateway.machineId, namespace: gateway.router.namespace });
    await type(terminal.id, `ping -c 2 -W 2 ${instance.fixedAddress}\r`);
    await sees(terminal.id, new RegExp(`bytes from ${instance.fixedAddress.replace(/\./g, '\\.')}`));
    await sees(terminal.id, /2 packets transmitted, 2 (packets )?received/);
  });

  it('reaches a machine that refuses the key through juju ssh, and shows the exit status', async () => {
    const terminal = await open({ kind: 'machine', machineId: '23' });
    await type(terminal.id, 'hostname; exit 7\r');
    await sees(terminal.id, new RegExp(machineById(lab, '23').hostname));
    await expect.poll(() => infos.get(terminal.id)?.state, { timeout: 15_000 }).toBe('exited');
    expect(infos.get(terminal.id)?.exitCode).toBe(7);
    await sees(terminal.id, /ended with exit status 7; press Enter to open it again/);
  });

  it('opens a container on a machine reached only through juju ssh, and resizes it there', async () => {
    const container = lab.juju.containers.find((candidate) => candidate.hostMachineId === '23')!;
    const terminal = await open({ kind: 'container', machineId: '23', container: container.name });
    expect(terminal.title).toBe(`lxc exec ${container.name} on ${machineById(lab, '23').hostname}`);
    await call('terminals.resize', { id: terminal.id, cols: 111, rows: 33 });
    await type(terminal.id, 'cat /proc/1/cgroup >/dev/null && stty size\r');
    await sees(terminal.id, /[\r\n]33 111\r?\n/);
  });

  it('passes a resize through to the remote pty', async () => {
    const terminal = await open({ kind: 'machine', machineId: '22' }, 80, 24);
    await call('terminals.resize', { id: terminal.id, cols: 132, rows: 43 });
    await type(terminal.id, 'stty size\r');
    await sees(terminal.id, /[\r\n]43 132\r?\n/);
  });

  it('keeps the screen for a page that attaches later (replay buffer)', async () => {
    const terminal = await open({ kind: 'machine', machineId: '24' });
    await type(terminal.id, 'echo replay-$((6*7))\r');
    await sees(terminal.id, /replay-42/);
    const attached = await call<{ screen: string; info: TerminalInfo }>('terminals.attach', { id: terminal.id });
    expect(attached.screen).toContain('replay-42');
    expect(attached.info.id).toBe(terminal.id);
    expect(await call<string>('terminals.exportText', { id: terminal.id })).toMatch(/replay-42/);
  });

  it('says the connection was lost when the machine’s sshd dies, and Enter reconnects once it is back', async () => {
    const terminal = await open({ kind: 'machine', machineId: '26' });
    await type(terminal.id, 'echo before-drop\r');
    await sees(terminal.id, /before-drop\r?\n/);
    await takeEndpointDown(machineById(lab, '26'));
    await expect.poll(() => infos.get(terminal.id)?.state, { timeout: 20_000 }).toBe('disconnected');
    await sees(terminal.id, /connection lost: .*\r\n.*press Enter to reconnect/);
    // While the machine is down, Enter says why it cannot reconnect, and leaves the terminal usable.
    await type(terminal.id, '\r');
    await sees(terminal.id, new RegExp(`could not open shell on ${machineById(lab, '26').hostname}: .*\\r\\n.*press Enter to try again`));
    await bringLabUp();
    await type(terminal.id, '\r');
    await expect.poll(() => infos.get(terminal.id)?.state, { timeout: 20_000 }).toBe('running');
    await type(terminal.id, 'echo after-reconnect\r');
    await sees(terminal.id, /after-reconnect\r?\n/);
  });

  it('records an asciicast v2 file that parses and holds the output', async () => {
    const terminal = await open({ kind: 'local' });
    const path = join(dir, 'session.cast');
    await call('terminals.record', { id: terminal.id, path });
    await type(terminal.id, 'echo recorded-$((40+2))\r');
    await sees(terminal.id, /recorded-42/);
    const stopped = await call<TerminalInfo>('terminals.record', { id: terminal.id, path: null });
    expect(stopped.recordingPath).toBeNull();
    const [header, ...events] = (await readFile(path, 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(header).toMatchObject({ version: 2, width: 100, height: 30 });
    expect(events.length).toBeGreaterThan(0);
    for (const event of events) {
      expect(event).toHaveLength(3);
      expect(typeof event[0]).toBe('number');
      expect(['o', 'i', 'r']).toContain(event[1]);
      expect(typeof event[2]).toBe('string');
    }
    expect(events.filter((event) => event[1] === 'o').map((event) => event[2]).join('')).toContain('recorded-42');
    const refused = await core.dispatch('terminals.record', { id: terminal.id, path: join(dir, '.bashrc') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-payload', message: expect.stringContaining('.cast') } });
  });

  it('broadcasts input to exactly the chosen terminals', async () => {
    const a = await open({ kind: 'machine', machineId: '22' });
    const b = await open({ kind: 'machine', machineId: '24' });
    const c = await open({ kind: 'machine', machineId: '26' });
    await call('terminals.setBroadcast', { ids: [a.id, b.id] });
    await type(a.id, 'echo bc-$((1000+337))-$(hostname)\r');
    await sees(a.id, new RegExp(`bc-1337-${machineById(lab, '22').hostname}`));
    await sees(b.id, new RegExp(`bc-1337-${machineById(lab, '24').hostname}`));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(output.get(c.id) ?? '').not.toContain('bc-1337');
    await call('terminals.setBroadcast', { ids: [] });
  });

  it('opens more terminals on one machine than one SSH connection takes, and the lab can still be read', async () => {
    // Ten shells on machine 22 (besides any earlier tests left there): beyond what its route's
    // connection takes, they open on another connection along the same route.
    const terminals = [];
    for (let index = 0; index < 10; index += 1) terminals.push(await open({ kind: 'machine', machineId: '22' }));
    try {
      expect(terminals.map((terminal) => terminal.state)).toEqual(Array(10).fill('running'));
      for (const [index, terminal] of terminals.entries()) await type(terminal.id, `echo many-$((${index}+1000))\r`);
      for (const [index, terminal] of terminals.entries()) await sees(terminal.id, new RegExp(`many-${index + 1000}`));
      // The refresh reads every machine, 22 included, while they are open.
      const refreshed = await call<{ machines: { id: string }[]; probes: { machineId: string; status: string }[] }>('inventory.refresh', null);
      expect(refreshed.probes.filter((probe) => probe.machineId === '22').every((probe) => probe.status !== 'failed')).toBe(true);
      expect(refreshed.probes.some((probe) => probe.machineId === '22')).toBe(true);
    } finally {
      for (const terminal of terminals) await call('terminals.close', { id: terminal.id });
    }
  });
});
