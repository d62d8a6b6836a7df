// The demo's steps from the OpenStack view in Chromium against the real lab (its `openstack`
// stand-in): launch one instance from the dialog (choices → the exact commands → streamed steps to
// ACTIVE and its container in lxc list), see its server row once the lab is read again, then
// "Delete what the console created…" lists just it and removes it. Screenshots of the dialog at
// each stage (openstack-actions-*.png).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { blockingViolations } from '../support/accessibility';
import { SCREENSHOT_DIR } from '../support/chromium';
import { openConnectedConsole, type ConnectedConsole } from '../support/connected-console';
import { allInstances, loadLabManifest } from '../lab/lab-manifest';
import { LabSsh } from '../lab/lab-ssh';

/** The first refresh reads the controller's openstack lists well within this. */
const OPENSTACK_READ_MS = 60_000;
/** A launch (container init, start, DHCP) or a delete on a loaded machine, with the console's polling. */
const RUN_MS = 300_000;
/** The refresh after a run ends, until the servers table shows the change. */
const REREAD_MS = 120_000;
const PREFIX = 'obx-e2e';
const SERVER = `${PREFIX}-1`;

let session: ConnectedConsole;
let page: Page;
let controller: LabSsh;

const dialog = () => page.getByTestId('openstack-action-dialog');
const serverRow = (name: string) => page.locator('[data-section="openstack-servers"] [role="row"][data-row]').filter({ has: page.locator('[data-column="name"]', { hasText: new RegExp(`^\\s*${name}\\s*$`) }) });
const removeLeftover = () => controller.exec(`. ~/novarc && openstack server delete --wait ${SERVER}`, RUN_MS);

beforeAll(async () => {
  const lab = loadLabManifest();
  controller = await LabSsh.connect(lab.controller, lab.user, lab.userKey);
  await removeLeftover();
  session = await openConnectedConsole({ name: 'openstack-actions' });
  page = session.page;
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^OpenStack/ }).click();
  await page.locator('[data-section="openstack-servers"]').waitFor({ timeout: OPENSTACK_READ_MS });
}, OPENSTACK_READ_MS + RUN_MS);

afterAll(async () => {
  await session?.close();
  await removeLeftover().catch(() => undefined);
  controller?.end();
}, RUN_MS);

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await page?.screenshot({ path: join(SCREENSHOT_DIR, 'openstack-actions-failed.png') });
});

describe('demo steps from the OpenStack view', () => {
  it('launches an instance to ACTIVE with its container, shows it, then deletes what the console created', async () => {
    const network = allInstances(loadLabManifest())[0]!.networkName;
    await page.getByRole('button', { name: 'Launch instances…' }).click();
    await dialog().getByLabel('Names').fill(PREFIX);
    await dialog().getByLabel('Image').selectOption('xenial-lxd');
    await dialog().getByLabel('Flavor').selectOption('m1.tiny');
    await dialog().getByLabel('Network').selectOption(network);
    await dialog().screenshot({ path: join(SCREENSHOT_DIR, 'openstack-actions-choices.png') });
    await dialog().getByRole('button', { name: 'Show the commands…' }).click();
    const plan = page.getByTestId('openstack-plan');
    await expect.poll(() => plan.locator('li code').first().textContent()).toBe(`openstack server create --image xenial-lxd --flavor m1.tiny --network ${network} -f json ${SERVER}`);
    await dialog().screenshot({ path: join(SCREENSHOT_DIR, 'openstack-actions-confirm.png') });
    // The confirmation as a projector shows it: nothing serious for axe, and readable in the light theme too.
    expect(await blockingViolations(page, { include: '[data-testid="openstack-action-dialog"]' })).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
    await dialog().screenshot({ path: join(SCREENSHOT_DIR, 'openstack-actions-confirm-light.png') });
    expect(await blockingViolations(page, { include: '[data-testid="openstack-action-dialog"]' })).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await plan.getByRole('button', { name: 'Run 2 steps' }).click();
    const progress = page.getByTestId('openstack-progress');
    await expect.poll(() => progress.getAttribute('data-state'), { timeout: RUN_MS, interval: 1_000 }).not.toBe('running');
    await dialog().screenshot({ path: join(SCREENSHOT_DIR, 'openstack-actions-progress.png') });
    expect(await progress.getAttribute('data-state'), (await progress.textContent()) ?? '').toBe('succeeded');
    const container = /container (instance-[0-9a-f]+) on/.exec((await progress.textContent()) ?? '')?.[1];
    expect(container).toBeTruthy();
    expect(await controller.run('lxc list --all-projects --format csv -c n')).toContain(container!);
    await dialog().getByRole('button', { name: 'Close' }).first().click();
    await serverRow(SERVER).waitFor({ timeout: REREAD_MS });

    await page.getByRole('button', { name: 'Delete what the console created…' }).click();
    await expect.poll(() => plan.locator('li code').allTextContents(), { timeout: OPENSTACK_READ_MS }).toEqual([expect.stringMatching(/^openstack server delete --wait [0-9a-f-]+$/)]);
    await dialog().screenshot({ path: join(SCREENSHOT_DIR, 'openstack-actions-delete.png') });
    await plan.getByRole('button', { name: 'Run 1 step' }).click();
    await expect.poll(() => progress.getAttribute('data-state'), { timeout: RUN_MS, interval: 1_000 }).toBe('succeeded');
    await dialog().getByRole('button', { name: 'Close' }).first().click();
    await serverRow(SERVER).waitFor({ state: 'detached', timeout: REREAD_MS });
    expect(await controller.run('lxc list --all-projects --format csv -c n')).not.toContain(container!);
    expect(session.consoleErrors).toEqual([]);
  }, RUN_MS * 2 + REREAD_MS * 2 + OPENSTACK_READ_MS);
});
