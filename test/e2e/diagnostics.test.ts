// Diagnostics in Chromium against the real lab: ping every instance's fixed address from the
// qrouter namespace (live chart, replies counted, 0% loss, stats), failures in words (an unused
// address inside the instance subnet, a name that does not resolve), a reachability matrix from
// the namespace and an instance container to every instance, CSV export, both themes.
// Only the lab's own addresses (inside its namespaces and containers) are pinged.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { openConnectedConsole, type ConnectedConsole } from '../support/connected-console';
import { SCREENSHOT_DIR } from '../support/chromium';
import { allInstances, gatewayMachine, type LabManifest } from '../lab/lab-manifest';

/** A few pings at 0.2 s, through SSH and sudo or lxc exec, end well within this. */
const PING_DONE_MS = 30_000;
/** The first inventory refresh lists the namespaces, containers and qg- addresses within this. */
const INVENTORY_MS = 30_000;
const COUNT = 3;

let lab: LabManifest;
let session: ConnectedConsole;
let page: Page;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const qrouterLabel = () => `${lab.gateway.router.namespace} on ${gatewayMachine(lab).hostname}`;
const containerHost = () => lab.machines.find((machine) => machine.instances.length > 0)!;
const containerLabel = () => `${containerHost().instances[0]!.name} on ${containerHost().hostname}`;
const instanceAddresses = () => allInstances(lab).map((instance) => instance.fixedAddress);
const setup = () => page.getByRole('form', { name: 'Ping setup' });
const statsTable = () => page.locator('table[aria-label="Ping statistics per target"]');
const statsRow = (target: string) => statsTable().locator(`tr[data-target="${target}"]`);
/** The failure in words, on the line under its target's numbers. */
const failureText = (target: string) => statsTable().locator(`tr[data-failure-for="${target}"]`).innerText();

/** A host address of the instances' subnet that nothing in the lab uses. */
function unusedInstanceAddress(): string {
  const network = lab.networks.find((candidate) => allInstances(lab).some((instance) => instance.networkName === candidate.name))!;
  const [base, bits] = network.cidr.split('/');
  const parts = base!.split('.').map(Number);
  const used = new Set([network.gateway, network.dhcpAddress, ...instanceAddresses()]);
  for (let host = 2 ** (32 - Number(bits)) - 2; host > 0; host -= 1) {
    const address = [...parts.slice(0, 3), parts[3]! + host].join('.');
    if (!used.has(address)) return address;
  }
  throw new Error(`no unused address in ${network.cidr}`);
}

async function chooseTargets(addresses: string[], typed = ''): Promise<void> {
  const boxes = setup().getByRole('checkbox');
  for (const box of await boxes.all()) await box.uncheck();
  for (const address of addresses) await setup().getByRole('checkbox', { name: new RegExp(`^${escape(address)} `) }).check();
  await setup().getByLabel('Other addresses or host names').fill(typed);
}

async function startPing(source: string, addresses: string[], typed = ''): Promise<void> {
  await setup().getByLabel('Source').selectOption({ label: source });
  await chooseTargets(addresses, typed);
  await setup().getByLabel('Count').fill(String(COUNT));
  await setup().getByLabel('Interval (s)').fill('0.2');
  await setup().getByRole('button', { name: /^Start ping/ }).click();
}

const outcomeOf = (row: Locator) => row.getAttribute('data-outcome');
async function waitForOutcome(row: Locator, outcome: string): Promise<void> {
  await expect.poll(() => outcomeOf(row), { timeout: PING_DONE_MS, interval: 200 }).toBe(outcome);
}

beforeAll(async () => {
  session = await openConnectedConsole({ name: 'diagnostics' });
  ({ lab, page } = session);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /Diagnostics/ }).click();
  // Sources and targets come from the inventory's first refresh.
  await setup().getByRole('option', { name: qrouterLabel() }).waitFor({ state: 'attached', timeout: INVENTORY_MS });
  for (const address of instanceAddresses()) await setup().getByRole('checkbox', { name: new RegExp(`^${escape(address)} `) }).waitFor({ timeout: INVENTORY_MS });
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await page?.screenshot({ path: join(SCREENSHOT_DIR, `diagnostics-failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}.png`) });
});

afterAll(async () => {
  await session?.close();
});

describe('Diagnostics against the real lab', () => {
  it('offers the lab’s namespaces, containers and machines as sources and its instance and floating addresses as targets', async () => {
    const options = await setup().getByLabel('Source').locator('option').allTextContents();
    expect(options[0]).toBe(qrouterLabel());
    // A namespace's name fills the field: its whole label is the title, and the hint names the
    // machine it runs on.
    await setup().getByLabel('Source').selectOption({ label: qrouterLabel() });
    expect(await setup().getByLabel('Source').getAttribute('title')).toBe(qrouterLabel());
    expect(await setup().locator('#source-hint').innerText()).toContain(`on ${qrouterLabel().split(' on ')[1]}, the gateway`);
    for (const instance of allInstances(lab)) {
      const host = lab.machines.find((machine) => machine.id === instance.machineId)!;
      expect(options).toContain(`${instance.name} on ${host.hostname}`);
    }
    for (const machine of lab.machines) expect(options).toContain(`${machine.hostname} (machine ${machine.id})`);
    for (const floating of lab.gateway.floatingAddresses) {
      await expect.poll(() => setup().getByRole('checkbox', { name: new RegExp(`^${escape(floating)} floating on qg-`) }).count(), { timeout: INVENTORY_MS }).toBe(1);
    }
  });

  it('pings every instance fixed address from the qrouter namespace: live chart, replies counted, 0% loss, stats', async () => {
    const addresses = instanceAddresses();
    await startPing(qrouterLabel(), addresses);
    for (const address of addresses) {
      const row = statsRow(address);
      await waitForOutcome(row, 'ok');
      expect(await row.getByTestId('received').innerText()).toBe(String(COUNT));
      expect(await row.getByTestId('loss').innerText()).toBe('0%');
      expect(await row.locator('td.outcome').innerText()).toBe('all replied');
      const cells = (await row.locator('td').allInnerTexts()).slice(3, 7);
      for (const value of cells) expect(Number(value), `${address} min/avg/max/mdev`).not.toBeNaN();
    }
    expect(await page.locator('[data-testid="rtt-chart"] canvas').count()).toBeGreaterThan(0);
    // One legend entry per target: the chart draws one line for each.
    for (const address of addresses) expect(await page.locator('[data-testid="rtt-chart"] .u-legend').innerText()).toContain(address);
    await session.screenshot('diagnostics-dark');

    // The run is kept in the core: a reloaded page shows it again, as it ended.
    await page.reload();
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /Diagnostics/ }).click();
    for (const address of addresses) {
      await waitForOutcome(statsRow(address), 'ok');
      expect(await statsRow(address).getByTestId('received').innerText()).toBe(String(COUNT));
    }
    expect(await page.locator('[data-testid="rtt-chart"] .u-legend').innerText()).toContain(addresses[0]!);
  });

  it('says in words that an unused instance-subnet address is unreachable and an unknown name is an unknown host', async () => {
    const nobody = unusedInstanceAddress();
    await startPing(qrouterLabel(), [], nobody);
    await waitForOutcome(statsRow(nobody), 'unreachable');
    expect(await statsRow(nobody).locator('td.outcome').innerText()).toBe('unreachable');
    expect(await failureText(nobody)).toMatch(new RegExp(`^${escape(nobody)} did not answer from ${escape(qrouterLabel())}: ${COUNT} sent, 0 received, 100% loss`));

    // From inside an instance (no resolver configured there): the name never leaves the container.
    await startPing(containerLabel(), [], 'no-such-instance');
    await waitForOutcome(statsRow('no-such-instance'), 'unknown-host');
    expect(await statsRow('no-such-instance').locator('td.outcome').innerText()).toBe('unknown host');
    expect(await failureText('no-such-instance')).toMatch(/^no-such-instance is an unknown host on .*Check the spelling/);
  });

  it('fills every matrix cell from the namespace and a container to every instance, and exports it as CSV', async () => {
    const addresses = instanceAddresses();
    await chooseTargets(addresses);
    await setup().getByLabel('Count').fill(String(COUNT));
    const matrix = page.getByRole('region', { name: 'Reachability matrix' });
    const sources = matrix.getByRole('group', { name: 'Sources' });
    for (const label of [qrouterLabel(), containerLabel()]) await sources.getByRole('checkbox', { name: label, exact: true }).check();
    await matrix.getByRole('button', { name: /^Run matrix/ }).click();

    const grid = matrix.getByRole('table', { name: /Reachability/ });
    for (const source of [qrouterLabel(), containerLabel()]) {
      for (const address of addresses) await waitForOutcome(grid.locator(`td[data-source="${source}"][data-target="${address}"]`), 'ok');
    }
    expect(await grid.locator('td[data-outcome]').count()).toBe(2 * addresses.length);
    await matrix.scrollIntoViewIfNeeded();
    await session.screenshot('diagnostics-matrix-dark');

    const [download] = await Promise.all([page.waitForEvent('download'), matrix.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^matrix-.*\.csv$/);
    const rows = (await readFile((await download.path())!, 'utf8')).trimEnd().split('\r\n').map((line) => line.split(','));
    expect(rows[0]!.slice(0, 6)).toEqual(['source', 'target', 'outcome', 'transmitted', 'received', 'loss_percent']);
    const body = rows.slice(1);
    expect(body).toHaveLength(2 * addresses.length);
    for (const source of [qrouterLabel(), containerLabel()]) {
      for (const address of addresses) {
        expect(body.find((row) => row[0] === source && row[1] === address), `${source} → ${address}`).toEqual(
          expect.arrayContaining([source, address, 'ok', String(COUNT), String(COUNT), '0']),
        );
      }
    }
  });

  it('shows in the light theme too (replies and a failure side by side), with nothing logged as an error', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.locator('html[data-theme="light"]').waitFor({ state: 'attached' });
    const nobody = unusedInstanceAddress();
    await startPing(qrouterLabel(), instanceAddresses(), nobody);
    for (const address of instanceAddresses()) await waitForOutcome(statsRow(address), 'ok');
    await waitForOutcome(statsRow(nobody), 'unreachable');
    await page.getByRole('heading', { name: 'Diagnostics', level: 1 }).scrollIntoViewIfNeeded();
    await session.screenshot('diagnostics-light');
    expect(session.consoleErrors).toEqual([]);
  });
});
