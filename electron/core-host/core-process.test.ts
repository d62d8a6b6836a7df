// The console core in its own process, as the desktop app runs it: the real core entry started with
// child_process.fork (the app uses Electron's utilityProcess; the port adapter is the only
// difference), behind the relay main uses. What main keeps and what crosses are real.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RequestOutcome, StreamName } from '../contract/console-contract';
import type { CoreStatus } from '../contract/core-process';
import type { TerminalAttachment, TerminalInfo } from '../contract/terminals';
import type { AppAbout, SavedLab } from '../contract/payloads';
import { handleIpcRequest } from '../ipc/ipc-request-handler';
import { forkCoreProcess } from './core-child';
import { startCoreRelay, type RelayedCore } from './core-relay';

const CORE_ENTRY = fileURLToPath(new URL('./core-process-entry.ts', import.meta.url));
const BUSY_CORE_ENTRY = fileURLToPath(new URL('../../test/support/busy-core-process.ts', import.meta.url));
/** The stand-in's module hooks compile the TypeScript entry as it loads (the app runs the bundle). */
const TYPESCRIPT_HOOKS = ['--import', fileURLToPath(new URL('../../test/support/electron-stand-in-register.mjs', import.meta.url))];
/** Compiling the core's sources as they load and starting a shell, on a loaded two-core machine. */
const STEP_LIMIT_MS = 30_000;
const TEST_LIMIT_MS = 120_000;

let folder: string | null = null;
let relay: RelayedCore | null = null;

async function startRelay(entry = CORE_ENTRY): Promise<RelayedCore> {
  folder = await mkdtemp(join(tmpdir(), 'obx-core-process-'));
  relay = await startCoreRelay({
    launch: () => forkCoreProcess(entry, TYPESCRIPT_HOOKS),
    options: { userDataFolder: folder, snapshotAtStart: null, secretVault: false, demoLab: false },
    secretVault: null,
    report: () => {},
  });
  return relay;
}

afterEach(async () => {
  await relay?.close();
  relay = null;
  if (folder) await rm(folder, { recursive: true, force: true });
  folder = null;
});

async function request<Result>(core: RelayedCore, name: string, params: unknown = null): Promise<Result> {
  const outcome = await core.dispatch(name, params);
  if (!outcome.ok) throw new Error(`${name} failed: ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.result as Result;
}

/** A page: what it heard on the streams since it attached, and how to leave (a reload). */
function attachPage(core: RelayedCore) {
  const heard: { stream: StreamName; payload: unknown }[] = [];
  const detach = core.streams.attach((stream, payload) => heard.push({ stream, payload }));
  const output = (id: string) =>
    heard
      .filter((entry) => entry.stream === 'terminal.data' && (entry.payload as { id: string }).id === id)
      .map((entry) => {
        const { data } = entry.payload as { data: string | Uint8Array };
        return typeof data === 'string' ? data : Buffer.from(data).toString('utf8');
      })
      .join('');
  return { heard, detach, output };
}

describe('the console core in its own process', () => {
  it(
    'answers requests and delivers streams through the relay, in a process of its own',
    async () => {
      const core = await startRelay();
      expect(core.pid()).toBeGreaterThan(0);
      expect(core.pid()).not.toBe(process.pid);
      const page = attachPage(core);
      const about = await request<AppAbout>(core, 'app.about');
      expect(about.host).toBe('electron');
      const saved = await request<SavedLab>(core, 'labs.save', { name: 'Osaka', controller: { host: '127.0.1.1', port: 22, user: 'ubuntu', identityFile: null, sshConfigHost: null } });
      await vi.waitFor(() => expect(page.heard).toContainEqual({ stream: 'labs.changed', payload: [saved] }), { timeout: STEP_LIMIT_MS });
      // A bad payload is refused by the core's dispatcher, as from any carrier.
      const refused = await core.dispatch('labs.select', { labId: '../../etc/passwd' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    },
    TEST_LIMIT_MS,
  );

  it(
    'keeps a local shell running while the page reloads: the new page reattaches and sees what it missed',
    async () => {
      const core = await startRelay();
      const first = attachPage(core);
      const opened = await request<TerminalInfo>(core, 'terminals.open', { target: { kind: 'local' }, cols: 80, rows: 24 });
      await vi.waitFor(() => expect(first.output(opened.id).length).toBeGreaterThan(0), { timeout: STEP_LIMIT_MS });
      expect(core.openTerminalCount()).toBe(1);

      // The window reloads: its page stops listening; the shell goes on in the core process.
      first.detach();
      await request(core, 'terminals.input', { id: opened.id, data: 'echo "survived-$((6*7))"\r' });
      const second = attachPage(core);
      const listed = await request<TerminalInfo[]>(core, 'terminals.list');
      expect(listed.map((info) => info.id)).toEqual([opened.id]);
      await vi.waitFor(
        async () => expect((await request<TerminalAttachment>(core, 'terminals.attach', { id: opened.id })).screen).toContain('survived-42'),
        { timeout: STEP_LIMIT_MS, interval: 100 },
      );
      expect(first.output(opened.id)).not.toContain('survived-42');
      await request(core, 'terminals.input', { id: opened.id, data: 'echo "after-$((2*3))"\r' });
      await vi.waitFor(() => expect(second.output(opened.id)).toContain('after-6'), { timeout: STEP_LIMIT_MS });
    },
    TEST_LIMIT_MS,
  );

  it(
    'reports a crash of the core process to the page, with its lost terminals; a restart gives a working core',
    async () => {
      const core = await startRelay();
      const page = attachPage(core);
      await request<TerminalInfo>(core, 'terminals.open', { target: { kind: 'local' }, cols: 80, rows: 24 });
      await vi.waitFor(() => expect(core.openTerminalCount()).toBe(1), { timeout: STEP_LIMIT_MS });
      const crashed = core.pid()!;

      process.kill(crashed, 'SIGKILL');
      await vi.waitFor(() => expect(page.heard.map((entry) => entry.stream)).toContain('core.status'), { timeout: STEP_LIMIT_MS });
      const told = page.heard.find((entry) => entry.stream === 'core.status')!.payload as CoreStatus;
      expect(told).toMatchObject({ state: 'stopped', signal: 'SIGKILL', terminalsLost: 1 });
      expect(told.state === 'stopped' && told.message).toBe(
        "the console's core stopped (signal SIGKILL); its terminal was lost (its shell ended with it). Restart it to go on: saved labs and settings are kept.",
      );
      // Main answers for itself while the core is gone; what needs the core says why it cannot.
      expect(await core.dispatch('core.status', null)).toEqual({ ok: true, result: told });
      expect(await core.dispatch('terminals.list', null)).toEqual({ ok: false, error: { code: 'core-stopped', message: (told as { message: string }).message } });
      expect(core.openTerminalCount()).toBe(0);

      const restarted = (await core.dispatch('core.restart', null)) as RequestOutcome<CoreStatus>;
      expect(restarted).toEqual({ ok: true, result: { state: 'running' } });
      expect(page.heard.at(-1)).toEqual({ stream: 'core.status', payload: { state: 'running' } });
      expect(core.pid()).not.toBe(crashed);
      expect(await request<TerminalInfo[]>(core, 'terminals.list')).toEqual([]);
      const reopened = await request<TerminalInfo>(core, 'terminals.open', { target: { kind: 'local' }, cols: 80, rows: 24 });
      await vi.waitFor(() => expect(page.output(reopened.id).length).toBeGreaterThan(0), { timeout: STEP_LIMIT_MS });
    },
    TEST_LIMIT_MS,
  );

  it(
    'while the core is blocked in a long parse, main still answers another window and refuses a foreign frame',
    async () => {
      const core = await startRelay(BUSY_CORE_ENTRY);
      const releaseFile = join(folder!, 'release-the-core');
      const order: string[] = [];
      const busy = core.dispatch('test.busy', { releaseFile }).then((outcome) => {
        order.push('core answered the busy request');
        return outcome;
      });
      // Another window asks main whether the core runs, and a foreign frame is refused: both
      // answered by main while the core process cannot run a line of JavaScript.
      const status = await handleIpcRequest(core.dispatch, 'app://console/index.html', 'core.status', null);
      order.push('main answered core.status');
      const foreign = await handleIpcRequest(core.dispatch, 'https://example.invalid/', 'terminals.list', null);
      order.push('main refused a foreign frame');
      await new Promise((resolve) => setTimeout(resolve, 0));
      order.push('main ran a timer');
      await writeFile(releaseFile, '');
      expect(await busy).toEqual({ ok: true, result: 'released' });
      expect(status).toEqual({ ok: true, result: { state: 'running' } });
      expect(foreign).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
      expect(order).toEqual(['main answered core.status', 'main refused a foreign frame', 'main ran a timer', 'core answered the busy request']);
    },
    TEST_LIMIT_MS,
  );
});
