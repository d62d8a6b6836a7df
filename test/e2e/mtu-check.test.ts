// The path MTU check in Chromium against the real lab: from the qrouter namespace to an instance's
// fixed address, each probe listed as it runs, the verdict first in words, the interfaces' MTUs
// with the narrowest marked; from an instance (BusyBox ping) the reason there is no answer and a
// button to check from the qrouter instead; the palette's "MTU check from … to …" runs one.
// Only the lab's own addresses (inside its namespaces and containers) are pinged.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openConnectedConsole, type ConnectedConsole } from '../support/connected-console';
import { SCREENSHOT_DIR } from '../support/chromium';
import { allInstances, gatewayMachine, type LabManifest } from '../lab/lab-manifest';

/** A check sends at most 16 one-second probes over SSH and sudo, on a loaded lab. */
const CHECK_DONE_MS = 120_000;
/** The first inventory refresh lists the namespaces, containers and their addresses within this. */
const INVENTORY_MS = 60_000;
/**
 * The lab's plumbing is at 1500 and only the instance's eth0 at 1456; a veth takes 4 bytes over its
 * MTU, so the search ends at 1432 and the verdict says 1428 is the size to count on.
 */
const VERDICT_CLEAN =
  "Largest DF ping: 1432 bytes (path MTU 1460). The instance's eth0 is 1456: as expected, give or take the 4 bytes Linux lets a veth or bridge port take over its MTU (room for a VLAN tag); it sends at most 1456 itself, so count on 1428 bytes.";

let lab: LabManifest;
let session: ConnectedConsole;
let page: Page;

const card = () => page.getByRole('region', { name: 'Path MTU', exact: true });
const setup = () => card().getByRole('form', { name: 'Path MTU setup', exact: true });
const verdict = () => card().getByTestId('mtu-verdict');
const qrouterLabel = () => `${lab.gateway.router.namespace} on ${gatewayMachine(lab).hostname}`;
const target = () => allInstances(lab).find((instance) => instance.name === 'instance-00000012')!;

async function waitForEnding(ending: string): Promise<void> {
  await expect.poll(() => verdict().getAttribute('data-ending'), { timeout: CHECK_DONE_MS, interval: 250 }).toBe(ending);
}

beforeAll(async () => {
  session = await openConnectedConsole({ name: 'mtu-check' });
  ({ lab, page } = session);
  await page.getByRole('navigation', { name: 'Views', exact: true }).getByRole('button', { name: /Diagnostics/ }).click();
  await setup().getByRole('option', { name: qrouterLabel(), exact: true }).waitFor({ state: 'attached', timeout: INVENTORY_MS });
  await setup().getByRole('option', { name: `${target().fixedAddress} · ${target().name}`, exact: true }).waitFor({ state: 'attached', timeout: INVENTORY_MS });
}, INVENTORY_MS + 60_000);

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await page?.screenshot({ path: join(SCREENSHOT_DIR, `mtu-check-failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}.png`) });
});

afterAll(async () => {
  await session?.close();
});

describe('the Path MTU check against the real lab', () => {
  it('from the qrouter to an instance: probes as they run, the verdict first, the instance\'s eth0 marked narrowest', async () => {
    await setup().getByLabel('From', { exact: true }).selectOption({ label: qrouterLabel() });
    await setup().getByLabel('To', { exact: true }).selectOption(target().fixedAddress);
    await setup().getByRole('button', { name: 'Check MTU', exact: true }).click();
    // While it runs: the check says so and lists each probe as it is sent.
    await card().getByRole('list', { name: "Don't-fragment probes", exact: true }).getByRole('listitem').first().waitFor({ timeout: CHECK_DONE_MS });
    await waitForEnding('found');
    await card().getByText(VERDICT_CLEAN, { exact: true }).waitFor();

    const probes = card().getByRole('list', { name: "Don't-fragment probes", exact: true }).getByRole('listitem');
    const sizes = await probes.evaluateAll((items) => items.map((item) => [item.getAttribute('data-payload'), item.getAttribute('data-outcome')]));
    expect(sizes).toContainEqual(['1428', 'passed']);
    expect(sizes).toContainEqual(['1432', 'passed']);
    expect(sizes).toContainEqual(['1433', 'no-reply']);
    expect(sizes.length).toBeLessThanOrEqual(16);
    await card().getByText('548 bytes', { exact: true }).waitFor();

    const table = card().getByRole('table', { name: 'Interface MTUs along the path', exact: true });
    const narrowest = table.locator('tr.narrowest');
    expect(await narrowest.count()).toBe(1);
    expect(await narrowest.getByRole('rowheader').innerText()).toBe("the instance's eth0");
    expect(await table.getByRole('rowheader', { name: target().devices.tap, exact: true }).count()).toBe(1);
    expect(await table.getByRole('row').filter({ hasText: target().devices.tap }).getByRole('cell').nth(1).innerText()).toBe('1500');
    await card().scrollIntoViewIfNeeded();
    await session.screenshot('mtu-check-dark');
  }, CHECK_DONE_MS + 30_000);

  it('from an instance (BusyBox ping): why there is no answer, and Check from the qrouter runs it from there', async () => {
    const other = allInstances(lab).find((instance) => instance.name !== target().name)!;
    await setup().getByLabel('From', { exact: true }).selectOption({ label: `${other.name} on ${lab.machines.find((machine) => machine.id === other.machineId)!.hostname}` });
    await setup().getByLabel('To', { exact: true }).selectOption(target().fixedAddress);
    await setup().getByRole('button', { name: 'Check MTU', exact: true }).click();
    await waitForEnding('no-dont-fragment');
    expect(await verdict().innerText()).toContain("cannot set don't-fragment (\"ping: invalid option -- 'M'\": BusyBox's ping has no -M)");
    const instead = card().getByRole('button', { name: `Check from ${qrouterLabel()}`, exact: true });
    await instead.click();
    await waitForEnding('found');
    await card().getByText(VERDICT_CLEAN, { exact: true }).waitFor();
    expect(await setup().getByLabel('From', { exact: true }).inputValue()).toContain(lab.gateway.router.namespace);
  }, 2 * CHECK_DONE_MS + 30_000);

  it('the palette\'s "MTU check from <qrouter> to <instance>" opens Diagnostics and runs it', async () => {
    await page.getByRole('navigation', { name: 'Views', exact: true }).getByRole('button', { name: /Overview/ }).click();
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette', exact: true });
    await palette.waitFor();
    const title = `MTU check from ${lab.gateway.router.namespace} to ${target().name} (${target().fixedAddress})`;
    await palette.getByRole('combobox').fill(`mtu check ${target().name}`);
    await palette.getByRole('option').locator('.title').getByText(title, { exact: true }).waitFor({ timeout: INVENTORY_MS });
    await palette.getByRole('option').filter({ has: page.getByText(title, { exact: true }) }).click();
    await expect.poll(() => palette.isVisible()).toBe(false);
    await waitForEnding('found');
    await card().getByText(VERDICT_CLEAN, { exact: true }).waitFor();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.locator('html[data-theme="light"]').waitFor({ state: 'attached' });
    await card().scrollIntoViewIfNeeded();
    await session.screenshot('mtu-check-from-palette-light');
    expect(session.consoleErrors).toEqual([]);
  }, CHECK_DONE_MS + 60_000);
});
