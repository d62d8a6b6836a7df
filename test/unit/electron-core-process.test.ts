// The desktop app's core in its own process, through main.ts's own wiring: the real electron/main.ts
// against the Electron stand-in, whose utilityProcess.fork starts the real core entry as a Node
// child process. Main relays the page's requests and the core's streams; when the core's process
// dies, the page is told (with the terminals lost) and core.restart brings a working core back.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { electronStubControl, ipcMain, ipcRenderer, recorded } from '../support/electron-stub';
import { forkedUtilityProcesses } from '../support/electron-utility-process';
import { IPC_REQUEST_CHANNEL, IPC_STREAM_CHANNEL } from '../../electron/ipc/ipc-channels';
import type { RequestOutcome } from '../../electron/contract/console-contract';
import type { CoreStatus } from '../../electron/contract/core-process';

/** The core's process compiles its TypeScript sources as it loads, on a loaded machine. */
const CORE_START_LIMIT_MS = 60_000;
const STEP_LIMIT_MS = 30_000;

vi.mock('../../electron/store/electron-store-adapter', () => ({ ElectronSecretVault: { availableWith: () => null } }));

let stateDir: string;
const heard: { stream: string; payload: unknown }[] = [];
const ask = (name: string, params: unknown = null) => ipcRenderer.invoke(IPC_REQUEST_CHANNEL, name, params) as Promise<RequestOutcome>;

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'obx-core-process-shell-'));
  ipcMain.removeHandler(IPC_REQUEST_CHANNEL);
  electronStubControl.setPath('userData', stateDir);
  ipcRenderer.on(IPC_STREAM_CHANNEL, (_event, stream, payload) => heard.push({ stream: stream as string, payload }));
  await import('../../electron/main');
  electronStubControl.becomeReady();
  await vi.waitUntil(() => recorded.windows.length > 0, { timeout: CORE_START_LIMIT_MS, interval: 50 });
}, CORE_START_LIMIT_MS + 5_000);

afterAll(async () => {
  ipcMain.removeHandler(IPC_REQUEST_CHANNEL);
  for (const core of forkedUtilityProcesses) core.kill();
  await rm(stateDir, { recursive: true, force: true });
});

describe("the desktop app's core in its own process", () => {
  it('main starts the core entry as a utility process and relays the page to it', async () => {
    expect(forkedUtilityProcesses).toHaveLength(1);
    expect(forkedUtilityProcesses[0]!.modulePath).toMatch(/core-process-entry\.ts$/);
    expect(forkedUtilityProcesses[0]!.pid).not.toBe(process.pid);
    expect(await ask('app.about')).toMatchObject({ ok: true, result: { host: 'electron' } });
    expect(await ask('core.status')).toEqual({ ok: true, result: { state: 'running' } });
  });

  it(
    'tells the page when the core process dies, naming the terminals lost, and core.restart brings a working core back',
    async () => {
      const opened = await ask('terminals.open', { target: { kind: 'local' }, cols: 80, rows: 24 });
      expect(opened.ok).toBe(true);
      const core = forkedUtilityProcesses[0]!;
      process.kill(core.child.pid!, 'SIGKILL');
      await vi.waitFor(() => expect(heard.map((entry) => entry.stream)).toContain('core.status'), { timeout: STEP_LIMIT_MS });
      const stopped = heard.find((entry) => entry.stream === 'core.status')!.payload as CoreStatus;
      // Electron reports a utility process's exit code only (the stand-in: 128 + SIGKILL's 9).
      expect(stopped).toMatchObject({ state: 'stopped', exitCode: 137, terminalsLost: 1 });
      expect(stopped.state === 'stopped' && stopped.message).toContain('its terminal was lost');
      expect(await ask('terminals.list')).toMatchObject({ ok: false, error: { code: 'core-stopped' } });

      expect(await ask('core.restart')).toEqual({ ok: true, result: { state: 'running' } });
      expect(forkedUtilityProcesses).toHaveLength(2);
      expect(heard.at(-1)).toEqual({ stream: 'core.status', payload: { state: 'running' } });
      expect(await ask('terminals.list')).toEqual({ ok: true, result: [] });
      // The terminal count main asks before a quit is the new core's: nothing is asked.
      electronStubControl.emitApp('before-quit', { preventDefault: () => {} });
      await vi.waitFor(() => expect(forkedUtilityProcesses[1]!.pid).toBeUndefined(), { timeout: STEP_LIMIT_MS });
      expect(recorded.questions).toEqual([]);
    },
    CORE_START_LIMIT_MS * 2,
  );
});
