// Names shared by the Electron main process and the preload bridge. Kept free of imports so
// the sandboxed preload bundle stays tiny.

/** Requests: ipcRenderer.invoke(IPC_REQUEST_CHANNEL, name, params) → RequestOutcome. */
export const IPC_REQUEST_CHANNEL = 'orangebox:request';
/** Streams: webContents.send(IPC_STREAM_CHANNEL, stream, payload). */
export const IPC_STREAM_CHANNEL = 'orangebox:stream';
/** The global the preload bridge defines in the page (window.orangeboxConsole). */
export const BRIDGE_GLOBAL = 'orangeboxConsole';
/** The app's own pages are served from this origin; IPC from any other frame is refused. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://console`;
/**
 * The global the preload defines for files dropped or chosen in the page (window.orangeboxFiles):
 * their path on this computer, which a sandboxed page cannot read itself (Electron's
 * webUtils.getPathForFile); "" for a file that is not on disk. Nothing else about files crosses.
 */
export const FILE_PATH_GLOBAL = 'orangeboxFiles';
export interface FilePathBridge {
  pathOf(file: File): string;
}
