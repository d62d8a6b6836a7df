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

export default { contextBridge, ipcMain, ipcRenderer, webContents };
