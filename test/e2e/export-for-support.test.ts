// "Export for support" from the page, on the real lab, in Chromium: the top bar's button opens the
// dialog with a suggested path that does not carry the lab's name and obfuscation on; the export
// reads the live lab (progress shown), then says what it wrote, what was masked where, what was
// obfuscated and where the mapping was kept; the bundle opens as a snapshot whose views show the
// obfuscated names; and from the palette, the snapshot shown is exported again without obfuscation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { openConnectedConsole, type ConnectedConsole } from '../support/connected-console';
import { readSnapshotFile } from '../../electron/snapshots/snapshot-file';
import { blockingViolations } from '../support/accessibility';
import { loadLabManifest } from '../lab/lab-manifest';

/** The first refresh of every machine ends well within this on the lab. */
const LIVE_READ_MS = 30_000;
/** An export reads the lab once (a few seconds); this leaves room on a loaded machine. */
const EXPORT_MS = 60_000;

let live: ConnectedConsole;

beforeAll(async () => {
  live = await openConnectedConsole({ name: 'export-for-support', colorScheme: 'dark' });
  await live.page.getByTestId('refresh-progress').waitFor({ state: 'detached', timeout: LIVE_READ_MS });
});

afterAll(async () => {
  await live?.close();
});

const dialog = () => live.page.getByTestId('export-for-support-dialog');
const palette = () => live.page.getByRole('dialog', { name: 'Command palette' });

/** Opens the palette, types a query, waits until the best result has this title, and runs it. */
async function runFromPalette(query: string, title: RegExp): Promise<void> {
  await live.page.keyboard.press('Control+k');
  await palette().waitFor();
  await palette().getByRole('combobox').fill(query);
  const best = palette().getByRole('option', { selected: true }).locator('.title');
  await expect.poll(async () => ((await best.count()) > 0 ? best.innerText() : ''), { timeout: LIVE_READ_MS, message: `the best result for "${query}" is ${String(title)}` }).toMatch(title);
  await live.page.keyboard.press('Enter');
}

describe('Export for support from the page (real lab)', () => {
  it('exports the live lab obfuscated, says what it masked and where the mapping is, and the bundle opens with the obfuscated names', async () => {
    const { page } = live;
    const lab = loadLabManifest();
    // Enabled once a lab is shown: the live lab connected (another test may have made it reconnect).
    const exportButton = page.getByRole('button', { name: 'Export for support' });
    await expect.poll(() => exportButton.isEnabled(), { timeout: LIVE_READ_MS, message: `Export for support stays disabled: ${await exportButton.getAttribute('title')}` }).toBe(true);
    await exportButton.click();
    const path = dialog().getByLabel('Bundle file');
    await expect.poll(() => path.inputValue()).toMatch(new RegExp(`^${live.home}/OrangeBox snapshots/support-bundle-\\d{4}-\\d{2}-\\d{2}-\\d{6}\\.obxsnap$`));
    const obfuscate = dialog().getByLabel('Obfuscate addresses, hostnames and MACs');
    expect(await obfuscate.isChecked()).toBe(true);
    const file = join(live.home, 'support.obxsnap');
    await path.fill(file);
    await live.screenshot('export-for-support-choosing-dark');
    expect(await blockingViolations(page, { include: '[data-testid="export-for-support-dialog"]' })).toEqual([]);

    const progressShown = page.getByTestId('export-for-support-progress').getByText(/Reading the lab — Machines read: \d+ of \d+/).waitFor({ timeout: EXPORT_MS });
    await dialog().getByRole('button', { name: 'Export' }).click();
    await progressShown;
    await live.screenshot('export-for-support-progress-dark');

    const summary = page.getByTestId('export-for-support-summary');
    await summary.waitFor({ timeout: EXPORT_MS });
    const text = await summary.innerText();
    expect(text).toMatch(/Exported support\.obxsnap \(\d+(\.\d)? (KiB|MiB)\) in \d+\.\d s — \d+ values masked/);
    expect(text).toMatch(/host\d, read from the live lab now: \d+ machines/);
    expect(text).toMatch(/`cat \/etc\/nova\/nova\.conf` on machine \d+: [1-9]/);
    expect(text).toMatch(/[1-9]\d* addresses in [1-9]\d* networks?, [1-9]\d* MACs, [1-9]\d* hostnames and \d+ domains? replaced/);
    const mapping = join(live.home, 'support.private-mapping.json');
    expect(await page.getByTestId('export-for-support-mapping').innerText()).toContain(mapping);
    await live.screenshot('export-for-support-summary-dark');
    expect(await blockingViolations(page, { include: '[data-testid="export-for-support-dialog"]' })).toEqual([]);

    // What it wrote: an owner-only bundle the console reads, with none of the lab's machine names; the mapping beside it.
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(mapping)).mode & 0o777).toBe(0o600);
    const bundle = await readSnapshotFile(file);
    const bytes = (await readFile(file)).toString('latin1') + JSON.stringify(bundle);
    for (const hostname of [lab.controller.hostname, ...lab.machines.map((machine) => machine.hostname)]) expect(bytes.toLowerCase().includes(hostname.toLowerCase()), hostname).toBe(false);
    await dialog().locator('.actions').getByRole('button', { name: 'Close' }).click();
    await dialog().waitFor({ state: 'detached' });

    // Opened as a snapshot: every view reads it, with the obfuscated names.
    await runFromPalette('manage labs', /^Manage labs$/);
    const form = page.getByRole('form', { name: 'Open a snapshot file' });
    await form.getByLabel('Path of a snapshot file').fill(file);
    await form.getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => page.getByTestId('snapshot-banner').innerText()).toMatch(/Snapshot of host\d taken /);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Nodes/ }).click();
    await expect.poll(() => page.locator('article[data-machine]').count(), { timeout: LIVE_READ_MS }).toBe(bundle.inventory.machines.length);
    const nodes = await page.locator('main').innerText();
    expect(nodes).toMatch(/host\d/);
    for (const machine of lab.machines) expect(nodes.includes(machine.hostname), machine.hostname).toBe(false);
    await live.screenshot('export-for-support-opened-nodes-dark');
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Containers/ }).click();
    await expect.poll(() => page.locator('main').innerText(), { timeout: LIVE_READ_MS }).toMatch(/240\.\d+\.\d+\.\d+/);
    await live.screenshot('export-for-support-opened-containers-dark');
  });

  it('exports the snapshot shown from the palette, without obfuscation, writing no mapping', async () => {
    const { page } = live;
    await runFromPalette('export for support', /^Export host\d for support$/);
    const path = dialog().getByLabel('Bundle file');
    await expect.poll(() => path.inputValue()).toMatch(/support-bundle-.*\.obxsnap$/);
    const file = join(live.home, 'again.obxsnap');
    await path.fill(file);
    await dialog().getByLabel('Obfuscate addresses, hostnames and MACs').uncheck();
    await dialog().getByRole('button', { name: 'Export' }).click();
    const summary = page.getByTestId('export-for-support-summary');
    await summary.waitFor({ timeout: EXPORT_MS });
    expect(await summary.innerText()).toContain('the snapshot shown');
    expect(await summary.innerText()).toContain('Nothing: addresses, hostnames and MACs are as they were in what was exported.');
    await expect(stat(join(live.home, 'again.private-mapping.json'))).rejects.toThrow();
    expect((await readSnapshotFile(file)).meta.labName).toMatch(/^host\d$/);
    await live.screenshot('export-for-support-from-snapshot-dark');
    expect(live.consoleErrors).toEqual([]);
  });
});
