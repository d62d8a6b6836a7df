// Connecting to the real lab from the console in Chromium: a saved lab from ~/.ssh/config, the
// new-host-key question with the controller's real fingerprint, then a live connection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, SCREENSHOT_DIR } from '../support/chromium';
import { startWebHostProcess, type WebHostProcess } from '../support/web-host-process';
import { loadLabManifest, type LabManifest } from '../lab/lab-manifest';
import { openLabsFromDemo } from '../support/connected-console';

let lab: LabManifest;
let home: string;
let host: WebHostProcess;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  lab = loadLabManifest();
  home = await mkdtemp(join(tmpdir(), 'obx-e2e-connect-'));
  await mkdir(join(home, '.ssh'), { mode: 0o700 });
  // The machines' keys are known already (only the controller's is new): one question, not five.
  const machineKeys = (await readFile(lab.knownHosts, 'utf8')).split('\n').filter((line) => line && !line.split(' ')[0]!.split(',').includes(lab.controller.address));
  await writeFile(join(home, '.ssh', 'known_hosts'), `${machineKeys.join('\n')}\n`);
  await writeFile(join(home, '.ssh', 'config'), `Host orangebox64\n  HostName ${lab.controller.address}\n  User ${lab.user}\n  IdentityFile ${lab.userKey}\n  IdentitiesOnly yes\n`);
  host = await startWebHostProcess(['--state', join(home, 'state.json')], { ...process.env, HOME: home, SSH_AUTH_SOCK: '' });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' })).newPage();
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(host.urlWithToken);
  await openLabsFromDemo(page);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await rm(home, { recursive: true, force: true });
});

const status = () => page.getByTestId('connection-state').innerText();

describe('connecting to the real lab from the console', () => {
  it('asks about the controller’s new host key, showing its real fingerprint', async () => {
    await page.getByRole('button', { name: /^orangebox64/ }).click();
    await page.getByRole('button', { name: 'Save and select' }).click();
    await expect.poll(status).toContain('Not connected');
    await page.getByTestId('connection-state').locator('..').getByRole('button', { name: 'Connect', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByTestId('host-key-fingerprint').innerText()).toBe(lab.controller.hostKeyFingerprint);
    expect(await dialog.innerText()).toContain(`${lab.user}@${lab.controller.address}:22`);
    await expect.poll(status).toContain('Connecting');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'host-key-prompt-dark.png') });
  });

  it('connects once accepted, records the key, and shows the controller’s hostname', async () => {
    await page.getByRole('button', { name: 'Accept and connect' }).click();
    await expect.poll(status, { timeout: 15_000 }).toContain('Connected');
    expect(await status()).toContain(`(${lab.controller.hostname})`);
    expect(await readFile(join(home, '.ssh', 'known_hosts'), 'utf8')).toContain(lab.controller.hostKey.split(' ')[1]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'connected-dark.png') });
  });

  it('shows every machine Juju reports in Nodes, with its route and its probes', async () => {
    await page.keyboard.press('Alt+2');
    for (const machine of lab.machines) {
      const card = page.locator(`[data-machine="${machine.id}"]`);
      await expect.poll(() => card.getByRole('heading', { level: 2 }).innerText(), { timeout: 20_000 }).toBe(`Machine ${machine.id} · ${machine.hostname}`);
      expect(await card.getByTestId('route').innerText()).toBe(machine.userKeyAccepted ? 'SSH through the controller' : 'juju ssh');
    }
    await expect.poll(() => page.getByText(/^Read .* in \d+\.\d s/).isVisible(), { timeout: 20_000 }).toBe(true);
    const compute = page.locator('[data-machine="22"]');
    expect(await compute.locator('[data-probe="lxc-list"]').getAttribute('data-status')).toBe('ok');
    expect(await compute.locator('[data-probe="nova-conf"]').getAttribute('data-status')).toBe('ok');
    expect(await page.locator('[data-machine="23"]').innerText()).toMatch(/refused every credential.*using juju ssh/s);
    const failed = await page.locator('[data-status="failed"]').count();
    expect(failed).toBe(0);
    // A masked secret never reaches the page.
    const html = await page.content();
    for (const secret of Object.values(lab.nova.secrets)) expect(html).not.toContain(secret);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'nodes-dark.png'), fullPage: true });
  });

  it('shows the lab’s Juju model in Overview and every container in Containers', async () => {
    await page.keyboard.press('Alt+1');
    await expect.poll(() => page.getByTestId('model-header').innerText(), { timeout: 20_000 }).toContain(`Model ${lab.juju.model}`);
    for (const unit of Object.keys(lab.juju.units)) expect(await page.getByRole('cell', { name: unit, exact: false }).count(), unit).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'overview-live-dark.png') });
    await page.keyboard.press('Alt+3');
    const names = lab.machines.flatMap((machine) => machine.containers);
    await expect.poll(() => page.getByText(`${names.length} containers on`).isVisible(), { timeout: 20_000 }).toBe(true);
    for (const name of names.slice(0, 5)) expect(await page.locator(`[data-container="${name}"]`).count(), name).toBe(1);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'containers-live-dark.png') });
    await page.keyboard.press('Alt+2');
  });

  it('lets the engineer force a machine’s route, remembers it, and releases it', async () => {
    const card = page.locator('[data-machine="22"]');
    await card.locator('label.route-choice select').selectOption('juju-ssh');
    await expect.poll(() => card.getByTestId('route').innerText(), { timeout: 20_000 }).toBe('juju ssh');
    expect(await card.innerText()).toContain('chosen by you');
    const stored = JSON.parse(await readFile(join(home, 'state.json'), 'utf8'));
    expect(stored.labs[0].routes).toEqual({ '22': 'juju-ssh' });
    await card.locator('label.route-choice select').selectOption('auto');
    await expect.poll(() => card.getByTestId('route').innerText(), { timeout: 20_000 }).toBe('SSH through the controller');
  });

  it('disconnects on request', async () => {
    await page.getByRole('button', { name: 'Disconnect' }).click();
    await expect.poll(status).toContain('Not connected');
  });

  it('shows a refused connection as a failure the engineer can act on', async () => {
    await page.getByLabel('Lab').selectOption('__manage__');
    await page.getByLabel('Lab name').fill('Nobody home');
    await page.getByLabel('Controller address').fill('127.0.9.9');
    await page.getByLabel(/Private key file/).fill(lab.userKey);
    await page.getByRole('button', { name: 'Save and select' }).click();
    // The lab shown before was 'Not connected' too: wait until the new lab is the one selected,
    // or Connect goes to the old lab and the switch then ends that connection.
    await page.getByTestId('connection-state').getByText('Nobody home', { exact: false }).waitFor({ timeout: 15_000 });
    await page.getByTestId('connection-state').locator('..').getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.poll(status, { timeout: 15_000 }).toContain('Connection failed');
    expect(await status()).toMatch(/127\.0\.9\.9:22.*connection refused/);
    expect(await page.getByRole('button', { name: 'Retry' }).first().isVisible()).toBe(true);
  });

  it('logged no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
