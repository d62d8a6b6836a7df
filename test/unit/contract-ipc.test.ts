// The contract over Electron IPC: the real preload code (electron/preload.ts) and the main side's
// request handler, joined by a stand-in for Electron's ipc objects (test/support/electron-stub.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The same module instance that the preload's `import 'electron'` resolves to (see vite.config.ts).
import { contextBridge, exposedInMainWorld, ipcMain, stubFrame, webContents } from '../support/electron-stub';
import { BRIDGE_GLOBAL, FILE_PATH_GLOBAL, IPC_REQUEST_CHANNEL, IPC_STREAM_CHANNEL, type FilePathBridge } from '../../electron/ipc/ipc-channels';
import { handleIpcRequest } from '../../electron/ipc/ipc-request-handler';
import { createConsoleApi } from '../../renderer/api/console-api';
import { ConsoleRequestError } from '../../electron/contract/console-errors';
import type { ConsoleBridge } from '../../electron/contract/console-contract';
import { makeCoreFixture, sampleLabDraft, type CoreFixture } from '../support/core-fixture';

let fixture: CoreFixture;
let bridge: ConsoleBridge;

beforeAll(async () => {
  fixture = await makeCoreFixture({ host: 'electron' });
  // What electron/main.ts does, with the stand-in objects.
  ipcMain.handle(IPC_REQUEST_CHANNEL, (event, name, params) => handleIpcRequest(fixture.core.dispatch, event.senderFrame?.url, name, params));
  fixture.core.streams.attach((stream, payload) => webContents.send(IPC_STREAM_CHANNEL, stream, payload));
  await import('../../electron/preload');
  bridge = exposedInMainWorld[BRIDGE_GLOBAL] as ConsoleBridge;
});

afterAll(async () => {
  ipcMain.removeHandler(IPC_REQUEST_CHANNEL);
  await fixture.dispose();
});

describe('the contract over Electron IPC through the preload bridge', () => {
  it('exposes only request and listen to the page', () => {
    expect(contextBridge).toBeDefined();
    expect(Object.keys(bridge).sort()).toEqual(['listen', 'request']);
  });

  it('gives the page a dropped file’s path, and nothing else about files', () => {
    const files = exposedInMainWorld[FILE_PATH_GLOBAL] as FilePathBridge;
    expect(Object.keys(files)).toEqual(['pathOf']);
    const dropped = Object.assign(new Blob(['PK']), { name: 'lab.obxsnap', stubPath: '/home/engineer/lab.obxsnap' }) as unknown as File;
    expect(files.pathOf(dropped)).toBe('/home/engineer/lab.obxsnap');
  });

  it('round-trips requests and delivers streams', async () => {
    const api = createConsoleApi(bridge);
    const pushed: unknown[] = [];
    const stop = api.listen('labs.changed', (labs) => pushed.push(labs));
    expect((await api.request('app.about', null)).host).toBe('electron');
    const saved = await api.request('labs.save', sampleLabDraft('Osaka'));
    expect(await api.request('labs.list', null)).toEqual([saved]);
    expect(pushed).toEqual([[saved]]);
    stop();
    await api.request('labs.remove', { labId: saved.id });
    expect(pushed).toHaveLength(1);
  });

  it('rejects a bad payload with a clear invalid-payload error', async () => {
    const api = createConsoleApi(bridge);
    const failure = (await api.request('labs.select', { labId: '../../etc/passwd' }).catch((error: unknown) => error)) as ConsoleRequestError;
    expect(failure).toBeInstanceOf(ConsoleRequestError);
    expect(failure.code).toBe('invalid-payload');
    expect(failure.message).toContain('labId');
  });

  it('refuses requests from a frame that is not the app’s own page', async () => {
    stubFrame.url = 'https://example.invalid/evil.html';
    try {
      const outcome = await bridge.request('labs.list', null);
      expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid-payload', message: expect.stringContaining('evil.html') } });
    } finally {
      stubFrame.url = 'app://console/index.html';
    }
  });
});
