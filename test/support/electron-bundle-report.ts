// What run-electron-bundle.ts saw the built Electron bundle do, as it prints it for
// test/e2e/electron-bundle.test.ts.
import type { RequestOutcome } from '../../electron/contract/console-contract';

/** The line that carries the report on stdout (the app may print other lines). */
export const REPORT_PREFIX = 'ELECTRON-BUNDLE-REPORT ';

export interface ElectronBundleReport {
  /** The step that failed, and why; absent when every step ran. */
  failure?: string;
  privilegedSchemes: unknown[];
  protocolSchemes: string[];
  windows: { webPreferences: Record<string, unknown>; loadedUrl: string | null }[];
  /** app://console/index.html through main's protocol handler. */
  page: { status: number; csp: string | null; html: string } | null;
  exposedGlobals: string[];
  bridgeMethods: string[];
  /** terminals.list through preload → IPC → core. */
  listOutcome: RequestOutcome | null;
  terminalId: string | null;
  questions: { message: string; buttons: string[] }[];
  tray: { icon: string; iconExists: boolean; hiDpiIconExists: boolean; menu: string[] } | null;
  quitted: boolean;
  /** Whether the page heard its shell's output through the preload bridge (main → webContents.send). */
  heardShellOutput: boolean;
  /** terminals.list once the app had quit (main answers: the core process has ended). */
  listAfterQuit: RequestOutcome | null;
  /** The utility processes main started (the core's), and main's own pid. */
  coreProcesses: { modulePath: string; pid: number | null }[];
  mainPid: number | null;
  /** Whether the core's process had ended once the app quit. */
  coreProcessEnded: boolean;
}
