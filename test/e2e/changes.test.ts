// The Changes view in Chromium against the real lab: the connected lab is saved as a snapshot from
// the top bar, the Juju container of openstack-dashboard/0 on machine 24 is stopped with `lxc`,
// and Changes (from the palette's "Compare with a snapshot…") compares that snapshot with the lab
// shown now: exactly that container's state and address, its Juju machine, the unit whose agent
// Juju then reports lost and its application, nothing else; counts per kind; each change opens its
// object in its view and the list is still there on coming back. Dark and light themes pass axe
// (screenshots changes-live-*). A missing file is refused in words. The container is started
// again whatever happens.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openConnectedConsole, type ConnectedConsole } from '../support/connected-console';
import { LabJujuContainerControl } from '../support/lab-juju-container';
import { blockingViolations } from '../support/accessibility';
import type { LabJujuContainer } from '../lab/lab-manifest';

/** The first refresh of every machine ends well within this on the lab. */
const LIVE_READ_MS = 30_000;
/** A capture of the lab takes a few seconds; this leaves room on a loaded machine. */
const CAPTURE_MS = 60_000;
/** The live inventory shows the stop once a refresh after it has read LXD and Juju (refreshes come every 10 s). */
const CHANGE_SEEN_MS = 45_000;
/** Saving, stopping, seeing the stop, following changes, two themes. */
const TEST_MS = 180_000;
/** The machine whose Juju container is stopped: not 22, whose container and sshd other tests break. */
const HOST_MACHINE = '24';

let session: ConnectedConsole;
let page: Page;
let container: LabJujuContainer;
let control: LabJujuContainerControl;

beforeAll(async () => {
  session = await openConnectedConsole({ name: 'changes', colorScheme: 'dark' });
  page = session.page;
  const found = session.lab.juju.containers.find((candidate) => candidate.hostMachineId === HOST_MACHINE);
  if (!found) throw new Error(`the lab manifest has no Juju container on machine ${HOST_MACHINE}`);
  container = found;
  control = new LabJujuContainerControl(container);
  await page.getByTestId('refresh-progress').waitFor({ state: 'detached', timeout: LIVE_READ_MS });
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await session?.screenshot(`changes-failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  try {
    await control?.restore();
  } finally {
    await session?.close();
  }
});

async function fromPalette(words: string, title: string): Promise<void> {
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await page.keyboard.press('Control+k');
  await palette.waitFor();
  await palette.getByRole('combobox').fill(words);
  const best = palette.getByRole('option', { selected: true });
  await expect.poll(async () => ((await best.count()) > 0 ? best.locator('.title').innerText() : ''), { message: `the palette offers ${title} first` }).toBe(title);
  await page.keyboard.press('Enter');
  await palette.waitFor({ state: 'detached' });
}

async function saveSnapshot(file: string): Promise<void> {
  const dialog = page.getByTestId('save-snapshot-dialog');
  await page.getByRole('button', { name: 'Save snapshot' }).click();
  await dialog.getByLabel('Snapshot file').fill(file);
  await dialog.getByRole('button', { name: 'Save snapshot' }).click();
  await page.getByTestId('save-snapshot-summary').waitFor({ timeout: CAPTURE_MS });
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await dialog.waitFor({ state: 'detached' });
}

const changeIds = () => page.locator('[data-change]').evaluateAll((items) => items.map((item) => item.getAttribute('data-change')));
const compareButton = () => page.getByRole('form', { name: 'Compare' }).getByRole('button', { name: 'Compare' });
const fieldsOf = (id: string) => page.locator(`[data-change="${id}"] .field`).evaluateAll((fields) => fields.map((field) => (field.textContent ?? '').replace(/\s+/g, ' ').trim()));

async function checkAccessibility(theme: string): Promise<void> {
  const violations = await blockingViolations(page, { include: 'main' });
  expect(violations, `axe on the Changes view (${theme})`).toEqual([]);
}

describe('the Changes view on the real lab', () => {
  it(
    'compares a snapshot with the lab shown now around a container stop: exactly its changes, each opening its object',
    async () => {
      await control.expectRunning();
      const file = join(session.home, 'before-stop.obxsnap');
      await saveSnapshot(file);
      const unit = container.unit;
      const application = unit.split('/')[0]!;
      const expected = [`machine:${container.machineId}`, `container:${HOST_MACHINE}/${container.name}`, `application:${application}`, `unit:${unit}`];
      try {
        await control.stop();
        await fromPalette('compare with a snapshot', 'Compare with a snapshot…');
        await page.getByRole('heading', { name: 'Changes', level: 1 }).waitFor();
        // The snapshot just saved, compared with the lab shown now: the defaults.
        expect(await page.getByLabel('Before', { exact: true }).locator('option:checked').innerText()).toMatch(/^orangebox64, taken .* \(before-stop\.obxsnap\)$/);
        expect(await page.getByLabel('After', { exact: true }).locator('option:checked').innerText()).toBe('The lab shown now: orangebox64 (live)');
        // Compared again until a refresh since the stop has read it (the periodic one, every 10 s).
        await expect
          .poll(
            async () => {
              await compareButton().click();
              await page.locator('.total').waitFor({ timeout: CAPTURE_MS });
              return changeIds();
            },
            { timeout: CHANGE_SEEN_MS, interval: 2_000, message: `the Changes view lists the stop of ${container.name} and what follows from it, nothing else` },
          )
          .toEqual(expected);
      } finally {
        await control.restore();
      }

      expect((await page.locator('.total').innerText()).trim()).toBe('4 changes');
      const counts = await page.locator('.counts li').evaluateAll((items) => items.map((item) => (item.textContent ?? '').replace(/\s+/g, ' ').trim()));
      expect(counts).toEqual(['1 machine 1 changed', '1 container 1 changed', '0 LXD profiles no change', '0 namespaces no change', '1 application 1 changed', '1 unit 1 changed', '0 relations no change']);
      const containerFields = await fieldsOf(`container:${HOST_MACHINE}/${container.name}`);
      expect(containerFields.filter((field) => !field.startsWith('IPv6'))).toEqual(['state RUNNING → STOPPED', `address ${container.address} (eth0) → none`]);
      expect((await fieldsOf(`unit:${unit}`)).slice(0, 2)).toEqual(['workload active → unknown', 'agent idle → lost']);
      expect((await fieldsOf(`application:${application}`))[0]).toBe('status active → unknown');
      expect(await page.locator('.sides').innerText()).toMatch(new RegExp(`Before\\s+snapshot of orangebox64 taken .* \\(${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)\\s+After\\s+orangebox64 as shown now, live`));
      expect(await page.locator('.not-compared').count()).toBe(0);
      await session.screenshot('changes-live-dark');
      await checkAccessibility('dark');

      // The container's change opens Containers filtered on it; the list waits in Changes.
      await page.locator(`[data-change="container:${HOST_MACHINE}/${container.name}"] button.object`).click();
      await expect.poll(() => page.getByLabel('Filter containers').inputValue()).toBe(container.name);
      await page.locator(`[role="row"][data-container="${container.name}"]`).waitFor();
      await page.keyboard.press('Alt+9');
      await expect.poll(changeIds).toEqual(expected);

      // The unit's change opens the Overview on its row.
      await page.locator(`[data-change="unit:${unit}"] button.object`).click();
      await expect.poll(() => page.locator(`[data-unit-row="${unit}"]`).getAttribute('aria-current')).toBe('true');
      await page.keyboard.press('Alt+9');

      // The Juju container's machine opens the Overview on its row; machine 24 itself would open Nodes.
      await page.locator(`[data-change="machine:${container.machineId}"] button.object`).click();
      await expect.poll(() => page.locator(`[data-machine-row="${container.machineId}"]`).getAttribute('aria-current')).toBe('true');
      await page.keyboard.press('Alt+9');

      await fromPalette('toggle theme', 'Toggle theme (to light)');
      await expect.poll(() => page.locator('.console').getAttribute('data-resolved-theme')).toBe('light');
      await expect.poll(changeIds).toEqual(expected);
      await session.screenshot('changes-live-light');
      await checkAccessibility('light');
      await fromPalette('toggle theme', 'Toggle theme (to dark)');
    },
    TEST_MS,
  );

  it('refuses a snapshot file that is not there, in words, keeping the path', async () => {
    await page.keyboard.press('Alt+9');
    const before = page.getByLabel('Before', { exact: true });
    await before.selectOption({ label: 'A snapshot file by its path…' });
    const missing = join(session.home, 'no-such.obxsnap');
    await page.getByLabel('Before: path of a snapshot file').fill(missing);
    await compareButton().click();
    await expect.poll(() => page.getByRole('main').getByRole('alert').innerText()).toBe(`Could not compare: there is no snapshot at ${missing}`);
    expect(await page.getByLabel('Before: path of a snapshot file').inputValue()).toBe(missing);
    await session.screenshot('changes-missing-file-dark');
  });
});
