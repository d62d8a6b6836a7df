// The Electron shell's security settings and lifecycle wiring, checked by running the real
// electron/main.ts against a recording stand-in of Electron (test/support/electron-stub.ts): the
// real binary cannot run here.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { writeSnapshotFile } from '../../electron/snapshots/snapshot-file';
import { HAND_MADE_LAB, handMadeSnapshot } from '../support/hand-made-snapshot';
import type { ConnectionState, CoreNotice } from '../../electron/contract/payloads';
import { BrowserWindow, electronStubControl, ipcMain, ipcRenderer, makeWebContentsRecorder, recorded, stubFrame } from '../support/electron-stub';
import { IPC_REQUEST_CHANNEL } from '../../electron/ipc/ipc-channels';
import { forkedUtilityProcesses } from '../support/electron-utility-process';

/** The core's process compiles its TypeScript sources as it loads, on a loaded machine. */
const CORE_START_LIMIT_MS = 60_000;
let stateDir: string;
let launchSnapshot: string;
const originalArgv = process.argv;

// electron-store needs the Electron runtime: the secret vault is left out here. The settings are the
// app's real store (a file store in the userData folder the stand-in gives).
vi.mock('../../electron/store/electron-store-adapter', () => ({ ElectronSecretVault: { availableWith: () => null } }));

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'obx-shell-'));
  launchSnapshot = join(stateDir, 'walkthrough.obxsnap');
  await writeSnapshotFile(launchSnapshot, handMadeSnapshot());
  ipcMain.removeHandler(IPC_REQUEST_CHANNEL);
  electronStubControl.setPath('userData', stateDir);
  // As `npm start -- --snapshot FILE` starts it: electron . --snapshot FILE (relative to where it ran).
  process.argv = [originalArgv[0]!, '.', '--snapshot', relative(process.cwd(), launchSnapshot)];
  await import('../../electron/main');
  process.argv = originalArgv;
  electronStubControl.becomeReady();
  // The window opens once the core's own process has started (compiling its sources as it loads).
  await vi.waitUntil(() => recorded.windows.length > 0, { timeout: CORE_START_LIMIT_MS, interval: 50 });
}, CORE_START_LIMIT_MS + 5_000);

afterAll(async () => {
  ipcMain.removeHandler(IPC_REQUEST_CHANNEL);
  for (const core of forkedUtilityProcesses) core.kill();
  await rm(stateDir, { recursive: true, force: true });
});

describe('the Electron shell', () => {
  it('opens its window sandboxed, isolated and without Node in the page', () => {
    expect(recorded.sandboxEnabled).toBe(true);
    const preferences = recorded.windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(preferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, allowRunningInsecureContent: false });
    expect(String(preferences.preload)).toMatch(/preload\.cjs$/);
    expect(recorded.windows[0]!.loadedUrl).toBe('app://console/index.html');
  });

  it('serves the renderer from its own app:// origin with a strict CSP, and nothing outside it', async () => {
    expect(recorded.privilegedSchemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    const handler = recorded.protocolHandlers.get('app')!;
    const escape = await handler(new Request('app://console/..%2F..%2Fpackage.json'));
    expect(escape.status).toBe(404);
    const missing = await handler(new Request('app://console/no-such-file.js'));
    expect(missing.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('denies every permission but the clipboard, and that only to the app’s own page', () => {
    const ask = (permission: string, requestingUrl: string) => {
      let granted: boolean | null = null;
      recorded.permissionRequestHandler!({}, permission, (answer) => (granted = answer), { requestingUrl });
      return granted;
    };
    expect(ask('media', 'app://console/index.html')).toBe(false);
    expect(ask('geolocation', 'app://console/index.html')).toBe(false);
    expect(ask('clipboard-read', 'app://console/index.html')).toBe(true);
    expect(ask('clipboard-read', 'https://evil.example/')).toBe(false);
    expect(recorded.permissionCheckHandler!({}, 'geolocation', 'app://console')).toBe(false);
    expect(recorded.permissionCheckHandler!({}, 'clipboard-sanitized-write', 'app://console')).toBe(true);
    expect(recorded.permissionCheckHandler!({}, 'clipboard-sanitized-write', 'https://evil.example')).toBe(false);
  });

  it('refuses navigation, redirects, webviews and new windows; web links go to the system browser', async () => {
    const contents = makeWebContentsRecorder();
    electronStubControl.emitApp('web-contents-created', {}, contents);
    expect(contents.fire('will-navigate', 'https://evil.example')).toBe(true);
    expect(contents.fire('will-redirect', 'https://evil.example')).toBe(true);
    expect(contents.fire('will-attach-webview')).toBe(true);
    expect(contents.openWindow('https://docs.openstack.org/')).toEqual({ action: 'deny' });
    for (const refused of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://198.51.100.7/share', 'https://docs.openstack.org@198.51.100.7/']) {
      expect(contents.openWindow(refused), refused).toEqual({ action: 'deny' });
    }
    await vi.waitFor(() => expect(recorded.openedExternally).toEqual(['https://docs.openstack.org/']));
  });

  it('handles a middle-clicked (auxclick) or Shift-clicked link like a click, and opens nothing for a page that is not the console', async () => {
    recorded.openedExternally.length = 0;
    const contents = makeWebContentsRecorder();
    electronStubControl.emitApp('web-contents-created', {}, contents);
    expect(contents.openWindow('https://bugs.launchpad.net/nova', 'background-tab')).toEqual({ action: 'deny' });
    expect(contents.openWindow('http://198.51.100.7/horizon', 'new-window')).toEqual({ action: 'deny' });
    expect(contents.openWindow('file:///etc/shadow', 'background-tab')).toEqual({ action: 'deny' });
    const foreign = makeWebContentsRecorder('https://evil.example/page.html');
    electronStubControl.emitApp('web-contents-created', {}, foreign);
    expect(foreign.openWindow('https://evil.example/phish', 'background-tab')).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(recorded.openedExternally).toEqual(['https://bugs.launchpad.net/nova', 'http://198.51.100.7/horizon']));
  });

  it('answers IPC from the app’s own page only, through main.ts’s own wiring (a frame elsewhere is refused)', async () => {
    const own = (await ipcRenderer.invoke(IPC_REQUEST_CHANNEL, 'app.about', null)) as { ok: boolean };
    expect(own.ok).toBe(true);
    for (const url of ['https://evil.example/x.html', 'file:///tmp/page.html', 'app://other/index.html']) {
      stubFrame.url = url;
      try {
        const outcome = (await ipcRenderer.invoke(IPC_REQUEST_CHANNEL, 'labs.list', null)) as { ok: boolean; error?: { message: string } };
        expect(outcome.ok, url).toBe(false);
        expect(outcome.error?.message, url).toContain(url);
      } finally {
        stubFrame.url = 'app://console/index.html';
      }
    }
  });

  it('shows the snapshot it was started with (--snapshot FILE) instead of the demo', async () => {
    const connection = (await ipcRenderer.invoke(IPC_REQUEST_CHANNEL, 'connection.get', null)) as { result: ConnectionState };
    expect(connection.result.snapshot).toMatchObject({ kind: 'capture', labName: HAND_MADE_LAB, file: launchSnapshot });
  });

  it('opens a snapshot the app is started with again (one console per user), and says why a bad one does not open', async () => {
    const other = join(stateDir, 'other lab.obxsnap');
    await writeSnapshotFile(other, handMadeSnapshot({ labName: 'Other lab' }));
    const focusedBefore = BrowserWindow.getAllWindows()[0]!.focusCount;
    electronStubControl.emitApp('second-instance', {}, ['/opt/OrangeBox Console/orangebox-console', 'other lab.obxsnap'], stateDir);
    await vi.waitFor(async () => {
      const connection = (await ipcRenderer.invoke(IPC_REQUEST_CHANNEL, 'connection.get', null)) as { result: ConnectionState };
      expect(connection.result.snapshot?.file).toBe(other);
    });
    expect(BrowserWindow.getAllWindows()[0]!.focusCount, 'the running window was not brought forward').toBeGreaterThan(focusedBefore);

    const junk = join(stateDir, 'notes.obxsnap');
    await writeFile(junk, 'field notes, not a snapshot\n');
    electronStubControl.emitApp('second-instance', {}, ['orangebox-console', '--snapshot', junk], '/');
    await vi.waitFor(async () => {
      const notices = (await ipcRenderer.invoke(IPC_REQUEST_CHANNEL, 'notices.pending', null)) as { result: CoreNotice[] };
      expect(notices.result.map((notice) => notice.message)).toContainEqual(expect.stringContaining(junk));
    });
    const connection = (await ipcRenderer.invoke(IPC_REQUEST_CHANNEL, 'connection.get', null)) as { result: ConnectionState };
    expect(connection.result.snapshot?.file).toBe(other);
  });

  it('asks before closing its window would end a terminal, and keeps it running behind a tray icon', async () => {
    const opened = (await ipcRenderer.invoke(IPC_REQUEST_CHANNEL, 'terminals.open', { target: { kind: 'local' }, cols: 80, rows: 24 })) as { ok: boolean; result: { id: string } };
    expect(opened.ok).toBe(true);
    electronStubControl.answerNextQuestion('Keep running in the background');
    BrowserWindow.getAllWindows()[0]!.close();
    await vi.waitFor(() => expect(recorded.trays, 'main.ts should have made a tray icon').toHaveLength(1), { timeout: 4_000 });
    expect(recorded.questions[0]!.options.buttons).toContain('Quit and end 1 terminal');
    expect(recorded.trays[0]!.icon).toMatch(/tray-icon\.png$/);
    expect(recorded.quitted).toBe(false);
    const listed = (await ipcRenderer.invoke(IPC_REQUEST_CHANNEL, 'terminals.list', null)) as { result: { id: string }[] };
    expect(listed.result.map((info) => info.id)).toEqual([opened.result.id]);
    await ipcRenderer.invoke(IPC_REQUEST_CHANNEL, 'terminals.close', { id: opened.result.id });
  });
});
