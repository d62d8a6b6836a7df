// Stands in for the `electron` package in Node-side tests (see vite.config.ts). Tests that need
// Electron's objects build their own stand-ins and inject them; this module only has to exist so
// that an accidental import fails loudly instead of downloading Electron.
export const contextBridge = {
  exposeInMainWorld() {
    throw new Error('electron stub: contextBridge is not available in tests; inject a stand-in');
  },
};
export const ipcRenderer = {
  invoke() {
    throw new Error('electron stub: ipcRenderer is not available in tests; inject a stand-in');
  },
  on() {
    throw new Error('electron stub: ipcRenderer is not available in tests; inject a stand-in');
  },
  removeListener() {},
};
export default { contextBridge, ipcRenderer };
