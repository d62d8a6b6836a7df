// Saving the connected lab as a snapshot from the page, and opening it again, on the real lab: the
// top bar's Save snapshot, a folder that does not exist said in the dialog, the progress, the
// summary (file, size, time, values masked), Open it showing the banner and Nodes filled from the
// file; Manage labs' "Open a snapshot file" with a bad path and a bad file, and the recent list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openConnectedConsole, type ConnectedConsole } from '../support/connected-console';
import { readSnapshotFile } from '../../electron/snapshots/snapshot-file';
import { blockingViolations } from '../support/accessibility';

/** The first refresh of every machine ends well within this on the lab. */
const LIVE_READ_MS = 30_000;
/** A capture of the lab takes a few seconds; this leaves room on a loaded machine. */
const CAPTURE_MS = 60_000;

let live: ConnectedConsole;

beforeAll(async () => {
  live = await openConnectedConsole({ name: 'save-snapshot', colorScheme: 'dark' });
  await live.page.getByTestId('refresh-progress').waitFor({ state: 'detached', timeout: LIVE_READ_MS });
});

afterAll(async () => {
  await live?.close();
});

const dialog = () => live.page.getByTestId('save-snapshot-dialog');

describe('Save snapshot from the page (real lab)', () => {
  it('suggests a path, says a missing folder, shows the progress and the summary, and opens what it saved', async () => {
    const { page } = live;
    await page.getByRole('button', { name: 'Save snapshot' }).click();
    const path = dialog().getByLabel('Snapshot file');
    await expect.poll(() => path.inputValue()).toMatch(new RegExp(`^${live.home}/OrangeBox snapshots/orangebox64-\\d{4}-\\d{2}-\\d{2}-\\d{6}\\.obxsnap$`));

    const missing = join(live.home, 'no-such-folder', 'lab.obxsnap');
    await path.fill(missing);
    await dialog().getByRole('button', { name: 'Save snapshot' }).click();
    await expect.poll(() => dialog().getByRole('alert').innerText()).toContain(`the folder ${join(live.home, 'no-such-folder')} does not exist`);
    expect(await path.inputValue()).toBe(missing);
    await live.screenshot('save-snapshot-missing-folder-dark');

    const file = join(live.home, 'lab.obxsnap');
    await path.fill(file);
    const progressShown = page.getByTestId('save-snapshot-progress').getByText(/Machines read: \d+ of \d+ · \d+ probes? · \d+ commands? · \d+\.\d s/).waitFor({ timeout: CAPTURE_MS });
    await dialog().getByRole('button', { name: 'Save snapshot' }).click();
    await progressShown;
    await live.screenshot('save-snapshot-progress-dark');
    const summary = page.getByTestId('save-snapshot-summary');
    await summary.waitFor({ timeout: CAPTURE_MS });
    expect(await summary.innerText()).toMatch(/Saved lab\.obxsnap \(\d+(\.\d)? (KiB|MiB)\) in \d+\.\d s — \d+ values? masked/);
    await live.screenshot('save-snapshot-summary-dark');
    expect(await blockingViolations(page, { include: '[data-testid="save-snapshot-dialog"]' })).toEqual([]);

    // The file is there, owner-only, and the console's own reader opens it.
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const content = await readSnapshotFile(file);
    expect(content.meta.labName).toBe('orangebox64');
    const machines = content.inventory.machines.length;
    expect(machines).toBeGreaterThan(1);

    await dialog().getByRole('button', { name: 'Open it' }).click();
    await expect.poll(() => page.getByTestId('snapshot-banner').innerText()).toMatch(/Snapshot of orangebox64 taken /);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Nodes/ }).click();
    await expect.poll(() => page.locator('article[data-machine]').count(), { timeout: LIVE_READ_MS }).toBe(machines);
    // A snapshot cannot be saved again: it is the file itself.
    expect(await page.getByRole('button', { name: 'Save snapshot' }).isDisabled()).toBe(true);
    await live.screenshot('save-snapshot-opened-nodes-dark');
  });

  it('opens a snapshot by path from Manage labs; a bad path and a bad file say why, and the recent list opens it again', async () => {
    const { page } = live;
    await page.getByTestId('snapshot-banner').getByRole('button', { name: 'Manage labs' }).click();
    const form = page.getByRole('form', { name: 'Open a snapshot file' });
    const path = form.getByLabel('Path of a snapshot file');

    await path.fill(join(live.home, 'nowhere.obxsnap'));
    await form.getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => form.getByRole('alert').innerText()).toBe(`there is no snapshot at ${join(live.home, 'nowhere.obxsnap')}`);

    const junk = join(live.home, 'notes.obxsnap');
    await writeFile(junk, 'these are field notes, not a snapshot\n');
    await path.fill(junk);
    await form.getByRole('button', { name: 'Open' }).click();
    await expect.poll(() => form.getByRole('alert').innerText()).toContain(junk);
    await live.screenshot('open-snapshot-bad-file-dark');
    expect(await blockingViolations(page, { include: '[aria-labelledby="open-snapshot-title"]' })).toEqual([]);

    const recent = page.getByRole('list', { name: 'Recent snapshots' });
    expect(await recent.innerText()).toContain('lab.obxsnap');
    await page.getByRole('button', { name: 'Open lab.obxsnap' }).click();
    await expect.poll(() => page.getByTestId('snapshot-banner').innerText()).toMatch(/Snapshot of orangebox64 taken /);

    // Back to the live lab: the switcher offers the snapshot again under Recent snapshots.
    await page.getByTestId('snapshot-banner').getByRole('button', { name: 'Disconnect' }).click();
    await page.getByTestId('snapshot-banner').waitFor({ state: 'detached' });
    const option = page.getByRole('combobox', { name: 'Lab' }).locator('optgroup[label="Recent snapshots"] option');
    // The switcher lists it once the page has the live lab's state back (a moment after the banner goes).
    await expect.poll(() => option.allInnerTexts()).toEqual([expect.stringContaining('Snapshot: orangebox64 — lab.obxsnap')]);
    await page.getByRole('combobox', { name: 'Lab' }).selectOption({ value: await option.first().getAttribute('value') ?? '' });
    await expect.poll(() => page.getByTestId('snapshot-banner').innerText()).toMatch(/Snapshot of orangebox64 taken /);
    expect(live.consoleErrors).toEqual([]);
  });
});
