// The desktop app as `npm start` hands it to Electron: the BUILT dist/node/main.js, the
// preload.cjs it names and the core-process.js it starts as the core's own process, loaded by
// plain Node in a child process with `electron` resolved to the stand-in (its utilityProcess is a
// real Node child: test/support/run-electron-bundle.ts). A bundling mistake (main.js failing to load, a
// preload that is not one CommonJS file, an asset left out of dist/node) fails here. `npm run
// test:e2e` builds first, so these are the files that ship.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPORT_PREFIX, type ElectronBundleReport } from '../support/electron-bundle-report';
import { APP_ORIGIN, BRIDGE_GLOBAL, FILE_PATH_GLOBAL } from '../../electron/ipc/ipc-channels';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST_NODE = join(ROOT, 'dist', 'node');
const REGISTER_STAND_IN = join(ROOT, 'test', 'support', 'electron-stand-in-register.mjs');
const RUNNER = join(ROOT, 'test', 'support', 'run-electron-bundle.ts');
/** Loading the bundle, starting a core and a local shell, and quitting take about a second; the
 *  runner bounds each step at 10 s, so 40 s in all means it hangs. */
const RUN_LIMIT_MS = 40_000;

let home: string;
let report: ElectronBundleReport;

function runBuiltBundle(): Promise<ElectronBundleReport> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', REGISTER_STAND_IN, RUNNER, DIST_NODE, join(home, 'userData')],
      // A fresh HOME: the app's shell and state stay out of the engineer's own.
      { cwd: ROOT, env: { ...process.env, HOME: home }, timeout: RUN_LIMIT_MS, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const line = stdout.split('\n').find((candidate) => candidate.startsWith(REPORT_PREFIX));
        if (!line) return reject(new Error(`the built bundle printed no report (${error?.message ?? 'exited'}):\n${stdout}\n${stderr}`));
        resolve(JSON.parse(line.slice(REPORT_PREFIX.length)) as ElectronBundleReport);
      },
    );
  });
}

beforeAll(async () => {
  for (const file of ['main.js', 'preload.cjs', 'core-process.js']) {
    if (!existsSync(join(DIST_NODE, file))) throw new Error(`dist/node/${file} is missing: run \`npm run build\` (npm run test:e2e does) first`);
  }
  home = await mkdtemp(join(tmpdir(), 'obx-electron-bundle-'));
  report = await runBuiltBundle();
}, RUN_LIMIT_MS + 5_000);

afterAll(async () => {
  if (home) await rm(home, { recursive: true, force: true });
});

describe('the built Electron bundle', () => {
  it('runs every step without failing', () => {
    expect(report.failure).toBeUndefined();
  });

  it('main.js registers the app:// scheme and its handler, and opens one sandboxed window on ready', () => {
    expect(report.privilegedSchemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(report.protocolSchemes).toEqual(['app']);
    expect(report.windows).toHaveLength(1);
    expect(report.windows[0]!.loadedUrl).toBe(`${APP_ORIGIN}/index.html`);
    expect(report.windows[0]!.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
  });

  it('names the preload.cjs built beside it', () => {
    expect(report.windows[0]!.webPreferences.preload).toBe(join(DIST_NODE, 'preload.cjs'));
  });

  it('serves the built renderer (dist/renderer, found from main.js) with the CSP', () => {
    expect(report.page).toMatchObject({ status: 200 });
    expect(report.page!.html).toContain('<div id="app">');
    expect(report.page!.csp).toContain("script-src 'self'");
  });

  it('preload.cjs runs as a sandboxed preload and exposes the console API, which reaches the core through main’s IPC handler', () => {
    // The console API, and the path of a file dropped on the window (nothing else about files).
    expect(report.exposedGlobals).toEqual([BRIDGE_GLOBAL, FILE_PATH_GLOBAL]);
    expect(report.bridgeMethods).toEqual(['listen', 'request']);
    expect(report.listOutcome).toEqual({ ok: true, result: [] });
  });

  it('runs the core in its own process, started from the core-process.js built beside main.js', () => {
    expect(report.coreProcesses).toEqual([{ modulePath: join(DIST_NODE, 'core-process.js'), pid: expect.any(Number) }]);
    expect(report.coreProcesses[0]!.pid).not.toBe(report.mainPid);
  });

  it('streams a terminal’s output to the page through the preload bridge', () => {
    expect(report.terminalId).toMatch(/^term-/);
    expect(report.heardShellOutput).toBe(true);
  });

  it('closing the window with a terminal open asks, and keeps it behind a tray icon that ships in dist/node', () => {
    expect(report.questions[0]).toEqual({ message: '1 terminal is still open', buttons: ['Keep running in the background', 'Quit and end 1 terminal', 'Cancel'] });
    expect(report.tray).toMatchObject({ iconExists: true, hiDpiIconExists: true, menu: ['Open OrangeBox Console', 'separator', 'Quit'] });
    expect(dirname(report.tray!.icon)).toBe(DIST_NODE);
  });

  it("the tray's Quit asks again, then ends the terminal and quits", () => {
    expect(report.questions[1]).toEqual({ message: '1 terminal is still open', buttons: ['Quit and end 1 terminal', 'Cancel'] });
    expect(report.quitted).toBe(true);
    // The core closed its terminals and its process ended; main answers for it.
    expect(report.coreProcessEnded).toBe(true);
    expect(report.listAfterQuit).toMatchObject({ ok: false, error: { code: 'core-stopped' } });
  });
});
