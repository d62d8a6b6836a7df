// The console core's own process (bundled as dist/node/core-process.js). Electron's main process
// starts it as a utilityProcess and only relays between the windows and it, so a long parse or a
// terminal flood here never stalls a window's input (as VS Code keeps its ptys in a pty host).
// Tests start the same file with child_process.fork. It never imports electron.
import { createConsoleCore } from '../core/console-core';
import { ElectronConsoleStore } from '../store/app-settings-store';
import { readBundledDemo } from '../snapshots/demo/bundled-demo';
import { portOfThisProcess } from './core-port';
import { serveCoreOverPort } from './serve-core-over-port';

serveCoreOverPort(
  portOfThisProcess(),
  (options, secretVault) =>
    createConsoleCore({
      host: 'electron',
      store: new ElectronConsoleStore(options.userDataFolder),
      secretVault,
      demoLab: options.demoLab ? readBundledDemo : undefined,
      snapshotAtStart: options.snapshotAtStart,
      reportInternalError: (request, error) => console.error(`internal error in ${request}:`, error),
    }),
  // Closed: its shells and SSH links are ended and the state saved; nothing else is kept.
  () => process.exit(0),
);
