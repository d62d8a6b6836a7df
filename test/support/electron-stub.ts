// Stands in for the `electron` package in Node-side tests (aliased in vite.config.ts): a small,
// working model of Electron's IPC objects (ipcMain.handle / ipcRenderer.invoke / webContents.send
// / contextBridge.exposeInMainWorld), so the real preload code runs against a real core; and of
// how windows close and the app quits (close and before-quit can be prevented, the last window
// closing emits window-all-closed), with dialogs answered by the test and trays recorded. The
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

/** Electron gives a dropped file's path from the File object; the stand-in reads a test's marker. */
export const webUtils = {
  getPathForFile(file: File & { stubPath?: string }) {
    return file.stubPath ?? '';
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
  /** electron-store listens here for its renderer side; nothing in these tests sends to it. */
  on() {
    return ipcMain;
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

/** Electron's utilityProcess (the core's own process), played by Node's child_process.fork. */
import { utilityProcess } from './electron-utility-process';
export { utilityProcess };


// ---- The main-process objects electron/main.ts uses, recording what it asks of them ----------

/** Electron's app listeners each take their event's own arguments; emitApp passes what a test gives. */
type AppListener = (...args: never[]) => void;
const appListeners = new Map<string, AppListener[]>();
let resolveReady: () => void = () => {};
const ready = new Promise<void>((resolve) => (resolveReady = resolve));
/** Button labels the next questions are answered with, in order. */
const questionAnswers: string[] = [];
const appPaths = new Map<string, string>();
/** Electron does not emit window-all-closed while a quit closes the windows. */
let closingForQuit = false;

/** An event whose default a listener may prevent, as Electron's are. */
function preventableEvent() {
  const event = { prevented: false, preventDefault: () => void (event.prevented = true) };
  return event;
}

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
  /** What dialog.showMessageBox was asked, and of which window (null: none). */
  questions: [] as { window: BrowserWindow | null; options: { message: string; buttons: string[] } & Record<string, unknown> }[],
  trays: [] as Tray[],
  /** Set once a quit went through (no listener prevented it and every window closed). */
  quitted: false,
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
  requestSingleInstanceLock() {
    return true;
  },
  getPath(name: string) {
    const path = appPaths.get(name);
    if (!path) throw new Error(`the Electron stand-in has no '${name}' folder: call electronStubControl.setPath('${name}', folder) first`);
    return path;
  },
  getVersion() {
    return '0.0.0-stand-in';
  },
  /** As Electron's: before-quit may prevent it; then every window closes, and one that refuses cancels it. */
  quit() {
    const event = preventableEvent();
    electronStubControl.emitApp('before-quit', event);
    if (event.prevented) return;
    closingForQuit = true;
    try {
      for (const window of [...BrowserWindow.all]) {
        window.close();
        if (!window.isDestroyed()) return;
      }
    } finally {
      closingForQuit = false;
    }
    recorded.quitted = true;
  },
};

/** Test control: fire Electron's `ready`, or any app event, as Electron would. */
export const electronStubControl = {
  becomeReady: () => resolveReady(),
  emitApp: (event: string, ...args: unknown[]) => {
    for (const listener of appListeners.get(event) ?? []) (listener as (...args: unknown[]) => void)(...args);
  },
  /** Answers the next question dialog.showMessageBox is asked by pressing the button with this label. */
  answerNextQuestion: (buttonLabel: string) => void questionAnswers.push(buttonLabel),
  setPath: (name: string, path: string) => void appPaths.set(name, path),
  /** Forgets windows, trays, questions, app listeners and the quit, for a test that starts afresh. */
  reset: () => {
    appListeners.clear();
    questionAnswers.length = 0;
    BrowserWindow.all.length = 0;
    recorded.windows.length = 0;
    recorded.questions.length = 0;
    recorded.trays.length = 0;
    recorded.quitted = false;
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
    return [...BrowserWindow.all];
  }
  readonly record: { options: Record<string, unknown>; loadedUrl: string | null };
  readonly webContents = webContents;
  private readonly listeners = new Map<string, ((event: ReturnType<typeof preventableEvent>) => void)[]>();
  private destroyed = false;
  focusCount = 0;
  constructor(options: Record<string, unknown>) {
    this.record = { options, loadedUrl: null };
    recorded.windows.push(this.record);
    BrowserWindow.all.push(this);
  }
  on(event: string, listener: (event: ReturnType<typeof preventableEvent>) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once() {}
  show() {}
  focus() {
    this.focusCount += 1;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  isDestroyed() {
    return this.destroyed;
  }
  /** As Electron's: 'close' may prevent it; the last window gone emits window-all-closed, or quits. */
  close() {
    if (this.destroyed) return;
    const event = preventableEvent();
    for (const listener of this.listeners.get('close') ?? []) listener(event);
    if (!event.prevented) this.destroy();
  }
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    BrowserWindow.all.splice(BrowserWindow.all.indexOf(this), 1);
    if (BrowserWindow.all.length > 0 || closingForQuit) return;
    if (appListeners.has('window-all-closed')) electronStubControl.emitApp('window-all-closed');
    else app.quit();
  }
  async loadURL(url: string) {
    this.record.loadedUrl = url;
  }
}

type MenuTemplateItem = { label?: string; click?: () => void; type?: string };

export class Tray {
  tooltip = '';
  menu: MenuTemplateItem[] = [];
  destroyed = false;
  private readonly clickListeners: (() => void)[] = [];
  constructor(readonly icon: string) {
    recorded.trays.push(this);
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setContextMenu(menu: unknown) {
    this.menu = menu as MenuTemplateItem[];
  }
  on(event: string, listener: () => void) {
    if (event === 'click') this.clickListeners.push(listener);
    return this;
  }
  destroy() {
    this.destroyed = true;
  }
  /** Test control: choose the item with this label from the tray icon's menu. */
  choose(label: string) {
    const item = this.menu.find((entry) => entry.label === label);
    if (!item?.click) throw new Error(`the tray menu has no '${label}' item; it has: ${this.menu.map((entry) => entry.label ?? entry.type).join(', ')}`);
    item.click();
  }
}

export const dialog = {
  /** Answers with the button electronStubControl.answerNextQuestion named; a question nobody answers fails. */
  async showMessageBox(...args: unknown[]) {
    const [window, options] = (args.length > 1 ? args : [null, args[0]]) as [BrowserWindow | null, (typeof recorded.questions)[number]['options']];
    recorded.questions.push({ window, options });
    const label = questionAnswers.shift();
    if (label === undefined) throw new Error(`the Electron stand-in was asked "${options.message}" with no answer queued: call electronStubControl.answerNextQuestion(label)`);
    const response = options.buttons.indexOf(label);
    if (response < 0) throw new Error(`the question "${options.message}" has no button '${label}'; it has: ${options.buttons.join(', ')}`);
    return { response, checkboxChecked: false };
  },
};

/** A stand-in WebContents for the web-contents-created hook, recording its handlers. */
export function makeWebContentsRecorder(pageUrl = 'app://console/index.html') {
  const listeners = new Map<string, (event: { preventDefault(): void }, ...args: unknown[]) => void>();
  let windowOpenHandler: ((details: { url: string; disposition: string }) => { action: string }) | null = null;
  return {
    getURL: () => pageUrl,
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
    /** A new window asked for: 'foreground-tab' for a click on a target=_blank link or
     *  window.open, 'background-tab' for a middle click, 'new-window' for Shift+click. */
    openWindow(url: string, disposition = 'foreground-tab') {
      return windowOpenHandler?.({ url, disposition });
    },
  };
}
export default { contextBridge, ipcMain, ipcRenderer, webContents, app, protocol, net, session, safeStorage, shell, Menu, BrowserWindow, Tray, dialog, utilityProcess };
