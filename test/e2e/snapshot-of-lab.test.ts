// Capture → open gives the same views as live, on the real lab: the lab is captured (as
// `orangebox-console snapshot capture` does) and written to a file; one browser host shows that file
// (`web --snapshot FILE`), another is connected to the lab itself; view by view, what each shows of
// the lab is the same. Only the snapshot has the banner and disabled Refresh/terminals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, SCREENSHOT_DIR } from '../support/chromium';
import { startWebHostProcess, type WebHostProcess } from '../support/web-host-process';
import { openConnectedConsole, type ConnectedConsole } from '../support/connected-console';
import { labCredentials } from '../support/lab-credentials';
import { sshController } from '../../electron/lab/lab-controller';
import { captureSnapshot } from '../../electron/snapshots/capture';
import { writeSnapshotFile } from '../../electron/snapshots/snapshot-file';
import type { SshConnection } from '../../electron/ssh/ssh-connection';

/** The live console's first refresh of every machine ends well within this on the lab. */
const LIVE_READ_MS = 30_000;
const LAB_NAME = 'OrangeBox lab (captured)';

let live: ConnectedConsole;
let home: string;
let file: string;
let host: WebHostProcess;
let browser: Browser;
let snapshot: Page;
let connection: SshConnection;
const consoleErrors: string[] = [];

beforeAll(async () => {
  live = await openConnectedConsole({ name: 'snapshot-live', colorScheme: 'dark' });
  // The capture, on its own connection, as the command line makes one.
  const credentials = labCredentials(live.lab);
  connection = await credentials.openController();
  const controller = sshController(connection);
  const content = await captureSnapshot({
    lab: { id: 'lab-000000000091', name: LAB_NAME, controller: { kind: 'ssh', host: live.lab.controller.address, port: 22, user: live.lab.user, identityFile: live.lab.userKey, sshConfigHost: null }, routes: {} },
    controller: () => controller,
    routeContext: credentials.routeContext,
    routeChoice: () => 'auto',
  });
  home = await mkdtemp(join(tmpdir(), 'obx-e2e-snapshot-of-lab-'));
  file = join(home, 'lab.obxsnap');
  await writeSnapshotFile(file, content);
  host = await startWebHostProcess(['--state', join(home, 'state.json'), '--snapshot', file], { ...process.env, HOME: home, SSH_AUTH_SOCK: '' });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
  snapshot = await context.newPage();
  snapshot.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  snapshot.on('pageerror', (error) => consoleErrors.push(error.message));
  await snapshot.goto(host.urlWithToken);
  await snapshot.getByTestId('snapshot-banner').waitFor();
  // The live page has read every machine once (its refresh is over) before anything is compared.
  await live.page.getByTestId('refresh-progress').waitFor({ state: 'detached', timeout: LIVE_READ_MS });
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  connection?.close();
  await live?.close();
  if (home) await rm(home, { recursive: true, force: true });
});

const show = async (page: Page, view: string) => {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: new RegExp(`^${view}`) }).click();
  await page.getByRole('heading', { level: 1, name: view }).waitFor();
};
/** The text of every element matching `selector`, in page order, once the page shows `expected` of them. */
async function texts(page: Page, selector: string, expected?: number): Promise<string[]> {
  if (expected !== undefined) await expect.poll(() => page.locator(selector).count(), { timeout: LIVE_READ_MS }).toBe(expected);
  return page.locator(selector).allInnerTexts();
}
/** Both pages on the same view; what the snapshot shows of `selector` equals what the live page shows. */
async function sameOnBoth(view: string, selector: string): Promise<string[]> {
  await show(live.page, view);
  await show(snapshot, view);
  await expect.poll(() => live.page.locator(selector).count(), { timeout: LIVE_READ_MS }).toBeGreaterThan(0);
  const shownLive = await texts(live.page, selector);
  expect(await texts(snapshot, selector, shownLive.length)).toEqual(shownLive);
  return shownLive;
}

describe('a capture of the real lab, opened', () => {
  it('shows the same Juju model as the live lab (model line, applications)', async () => {
    await sameOnBoth('Overview', '[data-testid="model-header"]');
    const applications = await sameOnBoth('Overview', 'tr[data-application-row]');
    expect(applications.length).toBeGreaterThan(3);
    await snapshot.screenshot({ path: join(SCREENSHOT_DIR, 'snapshot-of-lab-overview-dark.png') });
  });

  it('shows the same machines in Nodes: names, routes, hypervisors, packages', async () => {
    const machines = live.lab.machines.length + 1;
    expect(await sameOnBoth('Nodes', 'article[data-machine] h2')).toHaveLength(machines);
    await sameOnBoth('Nodes', 'article[data-machine] [data-testid="route"]');
    await sameOnBoth('Nodes', 'article[data-machine] [data-testid="hypervisor"]');
    await sameOnBoth('Nodes', 'article[data-machine] tr[data-package]');
    expect(await snapshot.getByRole('button', { name: 'Refresh', exact: true }).isDisabled()).toBe(true);
    // The live lab's Refresh is disabled only while a (periodic) refresh runs: it comes back.
    await expect.poll(() => live.page.getByRole('button', { name: 'Refresh', exact: true }).isDisabled(), { timeout: 90_000, message: 'the live lab offers Refresh once its running refresh ends' }).toBe(false);
    await snapshot.screenshot({ path: join(SCREENSHOT_DIR, 'snapshot-of-lab-nodes-dark.png') });
  }, 150_000);

  it('shows the same containers, states and addresses; only the live lab opens terminals', async () => {
    const rows = await sameOnBoth('Containers', '[role="table"][aria-label="Containers"] [data-container]');
    expect(rows.length).toBeGreaterThan(0);
    const first = (page: Page) => page.locator('[role="table"][aria-label="Containers"] [data-container]').first().getByRole('button', { name: /^Terminal in / });
    expect(await first(snapshot).isDisabled()).toBe(true);
    expect(await first(live.page).isDisabled()).toBe(false);
    await snapshot.screenshot({ path: join(SCREENSHOT_DIR, 'snapshot-of-lab-containers-dark.png') });
  });

  it('shows the same LXD profiles', async () => {
    await sameOnBoth('Profiles', 'nav[aria-label="Profiles by node"] li');
  });

  it('shows the same gateway namespaces, addresses and routes', async () => {
    await sameOnBoth('Network', 'article[data-namespace] h3');
    await sameOnBoth('Network', 'article[data-namespace] [data-address]');
    await sameOnBoth('Network', 'article[data-namespace] tr[data-route]');
    const pingFromHere = (page: Page) => page.locator('article[data-namespace]').first().getByRole('button', { name: /^Ping from here/ });
    expect(await pingFromHere(snapshot).isDisabled()).toBe(true);
    expect(await pingFromHere(live.page).isDisabled()).toBe(false);
    await snapshot.screenshot({ path: join(SCREENSHOT_DIR, 'snapshot-of-lab-network-dark.png') });
  });

  it('says on the snapshot, not on the live lab, that it is a snapshot', async () => {
    expect(await snapshot.getByTestId('snapshot-banner').innerText()).toContain(`Snapshot of ${LAB_NAME} taken`);
    expect(await live.page.getByTestId('snapshot-banner').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });
});
