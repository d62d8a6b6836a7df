// Stands in for the `electron` package in Node-side tests (aliased in vite.config.ts): a small,
// working model of Electron's IPC objects (ipcMain.handle / ipcRenderer.invoke / webContents.send
// / contextBridge.exposeInMainWorld), so the real preload code runs against a real core. The
// real package is never loaded: its binary cannot be fetched on every machine.

type Handler = (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown;
type RendererListener = (event: object, ...args: unknown[]) => void;

const handlers = new Map<string, Handler>();
const rendererListeners = new Map<string, Set<RendererListener>>();

/** What the page world received through contextBridge. */
export const exposedInMainWorld: Record<string, unknown> = {};
/** The URL of the frame that "sends" IPC; tests change it to play a foreign frame. */
export const stubFrame = { url: 'app://console/index.html' };

export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown) {
    exposedInMainWorld[key] = api;
  },
};

export const ipcMain = {
  handle(channel: string, handler: Handler) {
    if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    handlers.set(channel, handler);
  },
  removeHandler(channel: string) {
    handlers.delete(channel);
  },
};

export const ipcRenderer = {
  async invoke(channel: string, ...args: unknown[]) {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': No handler registered`);
    // Electron copies arguments with the structured clone algorithm; so does the stand-in.
    return structuredClone(await handler({ senderFrame: { url: stubFrame.url } }, ...structuredClone(args)));
  },
  on(channel: string, listener: RendererListener) {
    const set = rendererListeners.get(channel) ?? new Set();
    set.add(listener);
    rendererListeners.set(channel, set);
    return ipcRenderer;
  },
  removeListener(channel: string, listener: RendererListener) {
    rendererListeners.get(channel)?.delete(listener);
    return ipcRenderer;
  },
};

/** The main side's webContents.send for the one stand-in window. */
export const webContents = {
  send(channel: string, ...args: unknown[]) {
    for (const listener of rendererListeners.get(channel) ?? []) listener({}, ...structuredClone(args));
  },
};

export type IpcRendererEvent = object;



// ---- The main-process objects electron/main.ts uses, recording what it asks of them ----------

type AppListener = (...args: unknown[]) => void;
const appListeners = new Map<string, AppListener[]>();
let resolveReady: () => void = () => {};
const ready = new Promise<void>((resolve) => (resolveReady = resolve));

/** Everything main.ts configured, for the shell's tests to inspect. */
export const recorded = {
  sandboxEnabled: false,
  privilegedSchemes: [] as unknown[],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  windows: [] as { options: Record<string, unknown>; loadedUrl: string | null }[],
  permissionRequestHandler: null as null | ((contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string }) => void),
  permissionCheckHandler: null as null | ((...args: unknown[]) => boolean),
  openedExternally: [] as string[],
  menu: null as unknown,
};

export const app = {
  enableSandbox() {
    recorded.sandboxEnabled = true;
  },
  on(event: string, listener: AppListener) {
    appListeners.set(event, [...(appListeners.get(event) ?? []), listener]);
    return app;
  },
  whenReady() {
    return ready;
  },
  quit() {},
};

/** Test control: fire Electron's `ready`, or any app event, as Electron would. */
export const electronStubControl = {
  becomeReady: () => resolveReady(),
  emitApp: (event: string, ...args: unknown[]) => {
    for (const listener of appListeners.get(event) ?? []) listener(...args);
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]) {
    recorded.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response) {
    recorded.protocolHandlers.set(scheme, handler);
  },
};

export const net = {
  /** Serves file:// URLs from disk, as Electron's net.fetch does. */
  async fetch(url: string) {
    const { readFile } = await import('node:fs/promises');
    const { fileURLToPath } = await import('node:url');
    try {
      return new Response(await readFile(fileURLToPath(url)), { status: 200 });
    } catch {
      return new Response('not found', { status: 404 });
    }
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler: typeof recorded.permissionRequestHandler) {
      recorded.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: typeof recorded.permissionCheckHandler) {
      recorded.permissionCheckHandler = handler;
    },
  },
};

/** Reversible but not clear: enough to tell "encrypted" from "clear" in a test. */
export const safeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (text: string) => Buffer.from(`enc:${Buffer.from(text).toString('hex')}`),
  decryptString: (data: Buffer) => Buffer.from(data.toString().slice(4), 'hex').toString(),
};

export const shell = {
  async openExternal(url: string) {
    recorded.openedExternally.push(url);
  },
};

export const Menu = {
  buildFromTemplate: (template: unknown) => template,
  setApplicationMenu(menu: unknown) {
    recorded.menu = menu;
  },
};

export class BrowserWindow {
  static all: BrowserWindow[] = [];
  static getAllWindows() {
    return BrowserWindow.all;
  }
  readonly record: { options: Record<string, unknown>; loadedUrl: string | null };
  readonly webContents = webContents;
  constructor(options: Record<string, unknown>) {
    this.record = { options, loadedUrl: null };
    recorded.windows.push(this.record);
    BrowserWindow.all.push(this);
  }
  once() {}
  show() {}
  isDestroyed() {
    return false;
  }
  async loadURL(url: string) {
    this.record.loadedUrl = url;
  }
}

/** A stand-in WebContents for the web-contents-created hook, recording its handlers. */
export function makeWebContentsRecorder() {
  const listeners = new Map<string, (event: { preventDefault(): void }, ...args: unknown[]) => void>();
  let windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  return {
    on(event: string, listener: (event: { preventDefault(): void }, ...args: unknown[]) => void) {
      listeners.set(event, listener);
    },
    setWindowOpenHandler(handler: typeof windowOpenHandler) {
      windowOpenHandler = handler;
    },
    /** Returns whether the handler prevented the default (i.e. refused). */
    fire(event: string, ...args: unknown[]): boolean {
      let prevented = false;
      listeners.get(event)?.({ preventDefault: () => (prevented = true) }, ...args);
      return prevented;
    },
    openWindow(url: string) {
      return windowOpenHandler?.({ url });
    },
  };
}
export default { contextBridge, ipcMain, ipcRenderer, webContents, app, protocol, net, session, safeStorage, shell, Menu, BrowserWindow };
