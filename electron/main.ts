// The Electron shell: one locked-down window, the app:// protocol serving the built renderer,
// and the IPC relay to the console core, which runs in its own process (core-host/). Everything
// else lives in the core (electron/*) and the renderer, where tests reach it.
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, safeStorage, session, shell, Tray, utilityProcess, type MenuItemConstructorOptions, type WebContents } from 'electron';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join, normalize, sep } from 'node:path';
import { startCoreRelay, type RelayedCore } from './core-host/core-relay';
import { fromUtilityProcess } from './core-host/core-child';
import { coreProcessFile } from './core-host/core-process-file';
import { contentSecurityPolicy } from './core/content-security-policy';
import { APP_NAME } from './core/app-identity';
import { ElectronSecretVault } from './store/electron-store-adapter';
import { handleIpcRequest, isAppFrameUrl } from './ipc/ipc-request-handler';
import { APP_ORIGIN, APP_SCHEME, IPC_REQUEST_CHANNEL, IPC_STREAM_CHANNEL } from './ipc/ipc-channels';
import { wireAppLifecycle } from './shell/app-lifecycle';
import { refuseNewWindows } from './shell/web-links';
import { snapshotFileFromArguments, wireSnapshotLaunch } from './shell/snapshot-launch';

const RENDERER_DIR = fileURLToPath(new URL('../renderer/', import.meta.url));
const PRELOAD_FILE = fileURLToPath(new URL('./preload.cjs', import.meta.url));
// Copied beside main.js by electron/build/bundle-node.mjs (with its @2x twin, which Electron picks on HiDPI).
const TRAY_ICON_FILE = fileURLToPath(new URL('./tray-icon.png', import.meta.url));
const CLIPBOARD_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-read', 'clipboard-sanitized-write']);
const WINDOW_SIZE = { width: 1440, height: 900, minWidth: 960, minHeight: 600 };

// A standard, secure scheme gives the page a real origin (app://console) instead of file://.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();
// One console per user: starting it again shows the running one's window (and its terminals).
const isFirstInstance = app.requestSingleInstanceLock();
if (!isFirstInstance) app.quit();
// A snapshot to show at start: --snapshot FILE, a .obxsnap opened with the app, or (macOS) a file
// handed over before the app is ready.
let snapshotAtStart = snapshotFileFromArguments(process.argv.slice(1), process.cwd());
app.on('open-file', (event, path) => {
  event.preventDefault();
  snapshotAtStart ??= path;
});

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const { pathname } = new URL(request.url);
    const file = normalize(join(RENDERER_DIR, decodeURIComponent(pathname === '/' ? '/index.html' : pathname)));
    if (!file.startsWith(RENDERER_DIR.endsWith(sep) ? RENDERER_DIR : RENDERER_DIR + sep)) {
      return new Response('not found', { status: 404 });
    }
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', contentSecurityPolicy());
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // New windows are never opened; a web link the console's page opened (by a click or a middle
  // click alike) goes to the system browser, validated by refuseNewWindows (shell/web-links.ts).
  contents.setWindowOpenHandler(
    refuseNewWindows(
      () => contents.getURL(),
      (link) => shell.openExternal(link), // eng-disable OPEN_EXTERNAL_JS_CHECK: only http(s) links from the console's own page, parsed and rebuilt (SECURITY.md)
    ),
  );
}

function createWindow(): BrowserWindow {
  // Auxclick stays enabled: the terminal's middle-click paste on Linux needs it, and a middle-clicked
  // link reaches the same window-open handler as a click (lockDown).
  const window = new BrowserWindow({ // eng-disable AUXCLICK_JS_CHECK: see SECURITY.md
    ...WINDOW_SIZE,
    title: APP_NAME,
    show: false,
    webPreferences: {
      preload: PRELOAD_FILE, // eng-disable PRELOAD_JS_CHECK: exposes request, listen and pathOf only (SECURITY.md)
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

function wireCore(core: RelayedCore): void {
  ipcMain.handle(IPC_REQUEST_CHANNEL, (event, name: unknown, params: unknown) =>
    handleIpcRequest(core.dispatch, event.senderFrame?.url, name, params),
  );
  core.streams.attach((stream, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      if (!window.isDestroyed()) window.webContents.send(IPC_STREAM_CHANNEL, stream, payload);
    }
  });
}

app.on('web-contents-created', (_event, contents) => lockDown(contents));

app.whenReady().then(async () => {
  if (!isFirstInstance) return;
  // Everything is refused but the clipboard, and that only for the console's own page (the
  // terminal's copy and paste menu).
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(CLIPBOARD_PERMISSIONS.has(permission) && isAppFrameUrl(details.requestingUrl)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) => CLIPBOARD_PERMISSIONS.has(permission) && isAppFrameUrl(requestingOrigin));
  const menu: MenuItemConstructorOptions[] = [{ role: 'fileMenu' }, { role: 'editMenu' }, { role: 'viewMenu' }, { role: 'windowMenu' }];
  if (process.platform === 'darwin') menu.unshift({ role: 'appMenu' });
  Menu.setApplicationMenu(Menu.buildFromTemplate(menu));
  serveRenderer();
  // The core (SSH, terminals, parsing, inventory) runs in its own process: a long parse there never
  // stalls a window. Main relays, keeps the passphrase vault (safeStorage exists here only), and
  // tells the page if that process stops (core-host/core-relay.ts).
  const secretVault = ElectronSecretVault.availableWith(safeStorage);
  const coreEntry = coreProcessFile();
  const core = await startCoreRelay({
    launch: () => fromUtilityProcess(utilityProcess.fork(coreEntry, [], { serviceName: `${APP_NAME} core`, stdio: 'inherit' })),
    options: { userDataFolder: app.getPath('userData'), snapshotAtStart, secretVault: secretVault !== null, demoLab: true },
    secretVault,
  });
  wireCore(core);
  // Closing the last window or quitting asks before it would end open terminals.
  const lifecycle = wireAppLifecycle(
    {
      app,
      dialog,
      platform: process.platform,
      windows: () => BrowserWindow.getAllWindows(),
      openWindow: createWindow,
      createTray: () => new Tray(TRAY_ICON_FILE),
      buildMenu: (items) => Menu.buildFromTemplate(items),
    },
    core,
  );
  wireSnapshotLaunch(app, core, () => lifecycle.showWindow());
  lifecycle.showWindow();
});
