// Runs the built Electron bundle (dist/node/main.js and the preload.cjs it names, the files
// `npm start` hands to Electron) in plain Node against the Electron stand-in, drives it as a person
// would, and prints what happened as one JSON line. Started by test/e2e/electron-bundle.test.ts:
//   node --import ./test/support/electron-stand-in-register.mjs run-electron-bundle.ts <dist/node> <userData>
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileFunction } from 'node:vm';
import * as electron from './electron-stub';
import { forkedUtilityProcesses } from './electron-utility-process';
import type { ConsoleBridge } from '../../electron/contract/console-contract';
import { REPORT_PREFIX, type ElectronBundleReport } from './electron-bundle-report';

/** Each step (loading main.js and the core, a local shell starting, a quit) takes well under a
 *  second; 10 s means it will not happen. */
const STEP_LIMIT_MS = 10_000;
const POLL_MS = 10;
/** What a sandboxed preload may require besides `electron` (Electron's documented list). */
const SANDBOXED_PRELOAD_MODULES: ReadonlySet<string> = new Set(['events', 'timers', 'url']);

async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + STEP_LIMIT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${STEP_LIMIT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** As Electron runs a sandboxed preload: one CommonJS script, whose require knows only a few modules. */
async function runSandboxedPreload(file: string): Promise<void> {
  const source = await readFile(file, 'utf8');
  const nodeRequire = createRequire(file);
  const sandboxedRequire = (id: string): unknown => {
    if (id === 'electron') return electron;
    if (SANDBOXED_PRELOAD_MODULES.has(id)) return nodeRequire(id);
    throw new Error(`a sandboxed preload cannot require '${id}' (only electron, events, timers, url): the preload must be bundled into one file`);
  };
  const module = { exports: {} };
  const script = compileFunction(source, ['exports', 'require', 'module', 'process', 'Buffer', 'global'], { filename: file });
  script(module.exports, sandboxedRequire, module, process, Buffer, globalThis);
}

async function run(distDir: string, userDataDir: string, report: ElectronBundleReport): Promise<void> {
  const { recorded, electronStubControl, exposedInMainWorld } = electron;
  electronStubControl.setPath('userData', userDataDir);

  await import(pathToFileURL(join(distDir, 'main.js')).href);
  report.privilegedSchemes = recorded.privilegedSchemes;
  electronStubControl.becomeReady();
  await waitUntil(() => recorded.windows.length > 0, 'main.js opening its window once the app was ready');
  report.windows = recorded.windows.map((window) => ({ webPreferences: window.options.webPreferences as Record<string, unknown>, loadedUrl: window.loadedUrl }));
  report.protocolSchemes = [...recorded.protocolHandlers.keys()];

  const serve = recorded.protocolHandlers.get('app');
  if (serve) {
    const response = await serve(new Request('app://console/index.html'));
    report.page = { status: response.status, csp: response.headers.get('content-security-policy'), html: (await response.text()).slice(0, 2000) };
  }

  await runSandboxedPreload(String(report.windows[0]!.webPreferences.preload));
  report.exposedGlobals = Object.keys(exposedInMainWorld);
  const bridge = exposedInMainWorld.orangeboxConsole as ConsoleBridge | undefined;
  if (!bridge) return;
  report.bridgeMethods = Object.keys(bridge).sort();
  // The core runs in its own process, which main started from the bundle's core-process.js.
  report.coreProcesses = forkedUtilityProcesses.map((core) => ({ modulePath: core.modulePath, pid: core.pid ?? null }));
  report.mainPid = process.pid;
  report.listOutcome = await bridge.request('terminals.list', null);

  // The lifecycle: a terminal open, the window closed and kept in the background, then the tray's Quit.
  // Listening before the shell starts: its prompt may come before the open's answer.
  const outputFrom = new Set<string>();
  bridge.listen('terminal.data', (payload) => outputFrom.add((payload as { id: string }).id));
  const opened = await bridge.request('terminals.open', { target: { kind: 'local' }, cols: 80, rows: 24 });
  if (!opened.ok) throw new Error(`a local terminal did not open: ${opened.error.message}`);
  const terminalId = (report.terminalId = (opened.result as { id: string }).id);
  await waitUntil(() => outputFrom.has(terminalId), "the page hearing its shell's first output");
  report.heardShellOutput = true;
  electronStubControl.answerNextQuestion('Keep running in the background');
  electronStubControl.answerNextQuestion('Quit and end 1 terminal');
  electron.BrowserWindow.getAllWindows()[0]!.close();
  await waitUntil(() => recorded.trays.length > 0, 'a tray icon after "Keep running in the background"');
  const tray = recorded.trays[0]!;
  report.tray = {
    icon: tray.icon,
    iconExists: existsSync(tray.icon),
    hiDpiIconExists: existsSync(tray.icon.replace(/\.png$/, '@2x.png')),
    menu: tray.menu.map((item) => item.label ?? item.type ?? '?'),
  };
  tray.choose('Quit');
  await waitUntil(() => recorded.quitted, "the app quitting after the tray's Quit was answered");
  report.quitted = true;
  report.listAfterQuit = await bridge.request('terminals.list', null);
  await waitUntil(() => forkedUtilityProcesses.every((core) => core.pid === undefined), 'the core process ending once the app quit');
  report.coreProcessEnded = true;
}

const [distDir, userDataDir] = process.argv.slice(2);
const report: ElectronBundleReport = {
  privilegedSchemes: [],
  protocolSchemes: [],
  windows: [],
  page: null,
  exposedGlobals: [],
  bridgeMethods: [],
  listOutcome: null,
  terminalId: null,
  questions: [],
  tray: null,
  quitted: false,
  heardShellOutput: false,
  listAfterQuit: null,
  coreProcesses: [],
  mainPid: null,
  coreProcessEnded: false,
};
try {
  if (!distDir || !userDataDir) throw new Error('usage: run-electron-bundle.ts <dist/node folder> <userData folder>');
  await run(distDir, userDataDir, report);
} catch (error) {
  report.failure = error instanceof Error ? (error.stack ?? error.message) : String(error);
}
report.questions = electron.recorded.questions.map(({ options }) => ({ message: options.message, buttons: options.buttons }));
// A shell or an SSH agent socket may still hold the event loop; the report is all that matters.
process.stdout.write(`${REPORT_PREFIX}${JSON.stringify(report)}\n`, () => process.exit(report.failure ? 1 : 0));
