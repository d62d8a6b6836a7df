// A console in Chromium, through the browser host, already connected to the real lab: every
// host key of the lab is known (no question interrupts), the lab is saved from ~/.ssh/config and
// connected. Views' end-to-end tests start from here.
import { mkdtemp, mkdir, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, SCREENSHOT_DIR } from './chromium';
import { startWebHostProcess, type WebHostProcess } from './web-host-process';
import { loadLabManifest, type LabManifest } from '../lab/lab-manifest';

/** Connecting and the first refresh of every machine finish well within this on the lab. */
const CONNECTED_MS = 20_000;

export interface ConnectedConsole {
  lab: LabManifest;
  home: string;
  host: WebHostProcess;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Errors the page logged (console.error and uncaught exceptions). */
  consoleErrors: string[];
  /** Saves a screenshot under test-results/screenshots/<name>.png. */
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function openConnectedConsole(options: {
  name: string;
  colorScheme?: 'dark' | 'light';
  viewport?: { width: number; height: number };
  /** Extra environment for the browser host process (e.g. NODE_OPTIONS). */
  hostEnv?: NodeJS.ProcessEnv;
}): Promise<ConnectedConsole> {
  const lab = loadLabManifest();
  const home = await mkdtemp(join(tmpdir(), `obx-e2e-${options.name}-`));
  await mkdir(join(home, '.ssh'), { mode: 0o700 });
  await copyFile(lab.knownHosts, join(home, '.ssh', 'known_hosts'));
  await writeFile(join(home, '.ssh', 'config'), `Host orangebox64\n  HostName ${lab.controller.address}\n  User ${lab.user}\n  IdentityFile ${lab.userKey}\n  IdentitiesOnly yes\n`);
  const host = await startWebHostProcess(['--state', join(home, 'state.json')], { ...process.env, ...options.hostEnv, HOME: home, SSH_AUTH_SOCK: '' });
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 }, colorScheme: options.colorScheme ?? 'dark', acceptDownloads: true });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(host.urlWithToken);
  await openLabsFromDemo(page);
  await page.getByRole('button', { name: /^orangebox64/ }).click();
  await page.getByRole('button', { name: 'Save and select' }).click();
  // The demo lab shown at first says Connected too: wait until the saved lab is the one selected.
  await page.getByTestId('connection-state').getByText('Not connected', { exact: true }).waitFor({ timeout: CONNECTED_MS });
  await page.getByTestId('connection-state').getByText('orangebox64', { exact: false }).waitFor({ timeout: CONNECTED_MS });
  await page.getByTestId('connection-state').locator('..').getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByTestId('connection-state').getByText('Connected', { exact: true }).waitFor({ timeout: CONNECTED_MS });
  return {
    lab,
    home,
    host,
    browser,
    context,
    page,
    consoleErrors,
    screenshot: async (name) => void (await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) })),
    close: async () => {
      await browser.close();
      await host.stop();
      await rm(home, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh console (no lab saved) opens on its demo lab; the banner's Manage labs leads to the labs
 * screen, as an engineer with a lab in reach would go.
 */
export async function openLabsFromDemo(page: Page): Promise<void> {
  const banner = page.getByTestId('snapshot-banner');
  await banner.getByText('Demo lab').waitFor({ timeout: CONNECTED_MS });
  await banner.getByRole('button', { name: 'Manage labs' }).click();
  await page.getByRole('heading', { name: 'Connect to a lab' }).waitFor({ timeout: CONNECTED_MS });
}
