// The Nodes view in Chromium against the real lab, as the walkthrough uses it: each compute node
// shows the compute_driver its own nova-compute.conf sets (file and line), the package versions
// its dpkg reports, nova.conf by section and as masked text (searchable, copyable), the probe list
// folded; the compute nodes compared; the palette's entries for each; and no password of the lab's
// nova.conf anywhere in the page's text, its HTML or what a copy puts on the clipboard.
// Screenshots of a card and of the comparison in both themes and in presentation mode.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SCREENSHOT_DIR } from '../support/chromium';
import { openConnectedConsole, type ConnectedConsole } from '../support/connected-console';
import { installedStackPackages, machineFile } from '../support/lab-machine-facts';
import { machinesByRole, type LabMachine } from '../lab/lab-manifest';

/** Every machine's probes are read within the first refresh or two on the lab. */
const NODES_READ_MS = 30_000;
const THEMES = ['dark', 'light'] as const;

let session: ConnectedConsole;
let page: Page;
let computes: LabMachine[];
let secrets: string[];

const card = (machine: LabMachine) => page.locator(`article[data-machine="${machine.id}"]`);
const fileDialog = () => page.locator('dialog.config-file');
const palette = () => page.getByRole('dialog', { name: 'Command palette' });
const inPresentation = () => page.evaluate(() => document.documentElement.classList.contains('presentation'));

async function dismissNotes(): Promise<void> {
  for (const dismiss of await page.getByRole('button', { name: 'Dismiss', exact: true }).all()) await dismiss.click().catch(() => undefined);
}

/** Nothing of the lab's nova.conf passwords in what the page shows, holds in its DOM, or copied. */
async function expectNoSecretOnPage(where: string): Promise<void> {
  const text = await page.evaluate(() => document.body.innerText);
  const html = await page.content();
  for (const secret of secrets) {
    expect(text.includes(secret), `${where}: a nova.conf password is in the page's text`).toBe(false);
    expect(html.includes(secret), `${where}: a nova.conf password is in the page's HTML`).toBe(false);
  }
}

async function runFromPalette(query: string, title: string): Promise<void> {
  if (await palette().isVisible()) await page.keyboard.press('Escape');
  await page.keyboard.press('Control+k');
  await palette().waitFor();
  await palette().getByRole('combobox').fill(query);
  const best = palette().getByRole('option', { selected: true }).locator('.title');
  await expect.poll(() => best.innerText().catch(() => ''), { timeout: NODES_READ_MS, message: `the best palette result for "${query}" is "${title}"` }).toBe(title);
  await page.keyboard.press('Enter');
}

/**
 * Screenshots in both themes, and in presentation mode. A modal dialog makes the rest of the page
 * inert (notes cannot be dismissed, the Presentation button cannot be pressed): then themes only.
 */
async function shootInEveryLook(locator: Locator, name: string, { modal = false } = {}): Promise<void> {
  if (!modal) await dismissNotes();
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    await expect.poll(() => page.evaluate(() => document.querySelector('[data-resolved-theme]')?.getAttribute('data-resolved-theme'))).toBe(theme);
    await locator.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${theme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'dark' });
  if (modal) return;
  const toggle = page.getByRole('button', { name: 'Presentation', exact: true });
  await toggle.click();
  await expect.poll(inPresentation).toBe(true);
  try {
    await locator.scrollIntoViewIfNeeded();
    await locator.screenshot({ path: join(SCREENSHOT_DIR, `${name}-presentation.png`) });
  } finally {
    await toggle.click();
    await expect.poll(inPresentation).toBe(false);
  }
}

beforeAll(async () => {
  session = await openConnectedConsole({ name: 'nodes', colorScheme: 'dark' });
  page = session.page;
  computes = machinesByRole(session.lab, 'compute');
  secrets = Object.values(session.lab.nova.secrets);
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(session.host.urlWithToken).origin });
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Nodes/ }).click();
  await page.getByRole('heading', { name: 'Nodes', level: 1 }).waitFor();
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await page?.screenshot({ path: join(SCREENSHOT_DIR, `nodes-failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}.png`) });
  // A dialog a failed step left open would hold every later step's clicks.
  if (await fileDialog().count()) await page.keyboard.press('Escape');
});

afterAll(async () => {
  await session?.close();
});

describe('the Nodes view on the real lab', () => {
  it('has compute nodes with nova passwords to hide (the lab is the walkthrough lab)', () => {
    expect(computes.length).toBeGreaterThan(1);
    expect(secrets.length).toBeGreaterThan(0);
    for (const secret of secrets) expect(secret.length).toBeGreaterThanOrEqual(16);
  });

  it('shows on each compute node the compute_driver its own nova-compute.conf sets, with the file and line', async () => {
    for (const machine of computes) {
      const text = await machineFile(session.lab, machine, machine.nova!.novaComputeConf);
      const line = text.split('\n').findIndex((candidate) => /^compute_driver\s*=/.test(candidate)) + 1;
      const driver = /^compute_driver\s*=\s*(\S+)/m.exec(text)![1]!;
      expect(line).toBeGreaterThan(0);
      const hypervisor = card(machine).getByTestId('hypervisor');
      await expect.poll(() => hypervisor.innerText(), { timeout: NODES_READ_MS }).toContain(`LXD (nova-lxd, ${driver})`);
      expect(await hypervisor.innerText()).toContain(`from ${machine.nova!.novaComputeConf} line ${line}`);
      const setting = card(machine).locator('tr[data-setting="DEFAULT.compute_driver"]');
      expect(await setting.innerText()).toMatch(new RegExp(`\\[DEFAULT\\] compute_driver\\s+${driver.replace('.', '\\.')}\\s+nova-compute\\.conf:${line}`));
    }
  });

  it('lists on each compute node the package versions its dpkg reports, lxd and lxd-client first', async () => {
    for (const machine of computes) {
      const installed = await installedStackPackages(session.lab, machine);
      expect(installed.map((pkg) => pkg.name)).toEqual(expect.arrayContaining(['lxd', 'lxd-client']));
      const table = card(machine).getByRole('table', { name: `Packages on ${machine.hostname}` });
      await expect.poll(() => table.locator('tbody tr').count(), { timeout: NODES_READ_MS }).toBe(installed.length);
      for (const pkg of installed) {
        const row = await table.locator(`tr[data-package="${pkg.name}"]`).innerText();
        expect(row, pkg.name).toContain(pkg.version);
        expect(row, pkg.name).toContain(pkg.arch);
        expect(row, pkg.name).toContain('installed');
      }
      expect(await table.locator('tbody tr').first().getAttribute('data-package')).toBe('lxd');
    }
  });

  it('makes the README’s first screenshot: the Nodes view of the real lab', async () => {
    await dismissNotes();
    await page.getByRole('heading', { name: 'Nodes', level: 1 }).scrollIntoViewIfNeeded();
    // Copied to assets/screenshot-nodes.png when the view changes (the README shows that file).
    await session.screenshot('readme-nodes');
  });

  it('keeps the probe list below, folded', async () => {
    for (const machine of computes) {
      const howRead = card(machine).locator('details.how-read');
      expect(await howRead.getAttribute('open')).toBeNull();
      expect(await card(machine).locator('[data-probe="nova-conf"]').isVisible()).toBe(false);
    }
    await expectNoSecretOnPage('the Nodes view');
  });

  it('opens nova.conf by section and as masked text, finds in it, and copies it masked', async () => {
    const machine = computes[0]!;
    const text = await machineFile(session.lab, machine, machine.nova!.novaConf);
    const sections = [...text.matchAll(/^\[([^\]]+)\]/gm)].map((match) => `[${match[1]}]`);
    await card(machine).getByRole('button', { name: `nova.conf on ${machine.hostname}` }).click();
    await fileDialog().waitFor();
    expect(await fileDialog().getByRole('heading', { level: 2 }).innerText()).toBe(`nova.conf on ${machine.hostname}`);
    expect(await fileDialog().locator('section h3').allInnerTexts()).toEqual([...new Set(sections)]);
    expect(await fileDialog().locator('tr[data-key="neutron.password"]').innerText()).toMatch(/••••••\s*masked/);
    await expectNoSecretOnPage('nova.conf by section');
    await fileDialog().getByRole('button', { name: 'As text' }).click();
    const shown = await fileDialog().getByTestId('config-file-text').innerText();
    // Line for line the file, the secret lines masked (the line numbers are shown beside them).
    const expected = text.replace(/\n$/, '').split('\n').map((line, index) => `${index + 1}${secrets.some((secret) => line.includes(secret)) ? line.replace(/=.*/, '= ••••••') : line.replace(/\s+$/, '')}`);
    expect(shown.split('\n').map((line) => line.replace(/\s+$/, '')).slice(0, expected.length)).toEqual(expected);
    await fileDialog().getByRole('searchbox').fill('9696');
    await expect.poll(() => fileDialog().getByRole('status').first().innerText()).toBe(`${text.split('\n').filter((line) => line.includes('9696')).length} line${text.split('\n').filter((line) => line.includes('9696')).length === 1 ? '' : 's'}`);
    expect(await fileDialog().locator('mark').first().innerText()).toBe('9696');
    await shootInEveryLook(fileDialog(), 'nodes-nova-conf', { modal: true });
    await fileDialog().getByRole('button', { name: 'Copy file' }).click();
    await fileDialog().getByText('Copied, secrets masked').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    // Line for line the file, its final newline included.
    expect(copied.split('\n').length).toBe(text.split('\n').length);
    expect(copied).toContain('[neutron]');
    for (const secret of secrets) expect(copied.includes(secret), 'a nova.conf password on the clipboard').toBe(false);
    expect(copied).toMatch(/^password = ••••••$/m);
    await expectNoSecretOnPage('nova.conf as text');
    await page.keyboard.press('Escape');
    await expect.poll(() => fileDialog().count()).toBe(0);
  });

  it('shows a compute node’s card in both themes and in presentation mode', async () => {
    // Tall enough for the whole card: a screenshot of an element taller than the window shows the top bar over it.
    await page.setViewportSize({ width: 1440, height: 2400 });
    try {
      await card(computes[0]!).scrollIntoViewIfNeeded();
      await shootInEveryLook(card(computes[0]!), 'nodes-card');
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });

  it('compares the compute nodes: packages and settings × nodes, differences marked', async () => {
    await page.getByRole('button', { name: 'Compare compute nodes' }).click();
    const comparison = page.getByTestId('node-comparison');
    await comparison.waitFor();
    const headers = await comparison.locator('thead th').allInnerTexts();
    for (const machine of computes) expect(headers.some((header) => header.startsWith(machine.hostname))).toBe(true);
    // Each node's own address differs by design and says so; lxd is the same version everywhere.
    const myIp = comparison.locator('tr[data-compare-row="setting:DEFAULT.my_ip"]');
    expect(await myIp.getAttribute('data-differs')).toBe('true');
    expect(await myIp.innerText()).toContain('each node’s own');
    for (const machine of computes) expect(await myIp.innerText()).toContain(machine.address);
    const lxd = comparison.locator('tr[data-compare-row="package:lxd"]');
    const versions = new Set((await Promise.all(computes.map((machine) => installedStackPackages(session.lab, machine)))).map((list) => list.find((pkg) => pkg.name === 'lxd')!.version));
    expect(await lxd.getAttribute('data-differs')).toBe(versions.size > 1 ? 'true' : 'false');
    const password = comparison.locator('tr[data-compare-row="setting:neutron.password"]');
    expect((await password.innerText()).match(/••••••/g)?.length).toBe(computes.length);
    await expectNoSecretOnPage('the comparison');
    await shootInEveryLook(comparison, 'nodes-compare');
    await comparison.getByRole('button', { name: 'Close comparison' }).click();
    await expect.poll(() => comparison.count()).toBe(0);
  });

  it('opens each part from the palette: nova.conf on a node, Packages on a node, Compare compute nodes', async () => {
    const machine = computes[computes.length - 1]!;
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Overview/ }).click();
    await runFromPalette(`nova.conf on ${machine.hostname}`, `nova.conf on ${machine.hostname}`);
    await fileDialog().waitFor();
    expect(await fileDialog().getByRole('heading', { level: 2 }).innerText()).toBe(`nova.conf on ${machine.hostname}`);
    await page.keyboard.press('Escape');
    await expect.poll(() => fileDialog().count()).toBe(0);

    await runFromPalette(`Packages on ${machine.hostname}`, `Packages on ${machine.hostname}`);
    const packages = card(machine).locator('[data-node-part="packages"]');
    await expect.poll(() => packages.evaluate((element) => element === document.activeElement)).toBe(true);
    await expect.poll(() => packages.evaluate((element) => {
      const box = element.getBoundingClientRect();
      return box.top >= 0 && box.top < window.innerHeight;
    })).toBe(true);
    // Only the view scrolled: the page itself (top bar, status bar) stays where it is.
    expect(await page.evaluate(() => document.scrollingElement!.scrollTop)).toBe(0);

    await runFromPalette('Compare compute nodes', 'Compare compute nodes');
    await page.getByTestId('node-comparison').waitFor();
  });
});
