// The preload bridge: exposes the console API (requests and streams, nothing else) to the
// sandboxed page. No Node, no Electron objects cross into the page.
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { ConsoleBridge, RequestOutcome } from './contract/console-contract';
import { BRIDGE_GLOBAL, FILE_PATH_GLOBAL, IPC_REQUEST_CHANNEL, IPC_STREAM_CHANNEL, type FilePathBridge } from './ipc/ipc-channels';

const listeners = new Map<string, Set<(payload: unknown) => void>>();

ipcRenderer.on(IPC_STREAM_CHANNEL, (_event: IpcRendererEvent, stream: string, payload: unknown) => {
  for (const listener of listeners.get(stream) ?? []) listener(payload);
});

const bridge: ConsoleBridge = {
  request: (name, params) => ipcRenderer.invoke(IPC_REQUEST_CHANNEL, String(name), params ?? null) as Promise<RequestOutcome>,
  listen: (stream, listener) => {
    const set = listeners.get(stream) ?? new Set();
    set.add(listener);
    listeners.set(stream, set);
    return () => {
      set.delete(listener);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
// A snapshot dropped on the window opens where it lies (the page itself sees only its bytes).
contextBridge.exposeInMainWorld(FILE_PATH_GLOBAL, { pathOf: (file) => webUtils.getPathForFile(file) } satisfies FilePathBridge);
