// The path analysis in Chromium against the real lab, with the lab's wrong-VLAN fault on: from the
// qrouter namespace to the faulty instance's fixed address, Analyse gives the verdict first naming
// br-int, the qvo and both tags, the chain is drawn with br-int marked; "Test with ping" reads the
// hops' counters, traces br-int and says where the pings stopped. The fault is turned off whatever
// happens (other tests share the lab). Screenshot: path-blocked.png.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openConnectedConsole, type ConnectedConsole } from '../support/connected-console';
import { SCREENSHOT_DIR } from '../support/chromium';
import { gatewayMachine, type LabManifest } from '../lab/lab-manifest';
import { allLabFaultsOff, labFault, setLabFault, type LabFault } from '../lab/lab-faults';

/** The first refresh lists the namespaces and containers within this (a loaded machine takes longer). */
const INVENTORY_MS = 120_000;
/** Counters, trace, 5 pings at 0.2 s and counters again. */
const TEST_RUN_MS = 90_000;

let lab: LabManifest;
let session: ConnectedConsole;
let page: Page;
let fault: LabFault;

const card = () => page.getByRole('region', { name: 'Path' });
const setup = () => page.getByRole('form', { name: 'Path setup' });

beforeAll(async () => {
  fault = await labFault('vlan-tag');
  await allLabFaultsOff();
  // On before the console connects: its first refresh reads the lab with the fault.
  await setLabFault('vlan-tag', 'on');
  session = await openConnectedConsole({ name: 'path' });
  ({ lab, page } = session);
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /Diagnostics/ }).click();
  await setup().getByRole('option', { name: `${fault.path!.fromNamespace} on ${gatewayMachine(lab).hostname}` }).waitFor({ state: 'attached', timeout: INVENTORY_MS });
}, INVENTORY_MS + 180_000);

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await page?.screenshot({ path: join(SCREENSHOT_DIR, `path-failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}.png`) });
});

afterAll(async () => {
  try {
    await allLabFaultsOff();
  } finally {
    await session?.close();
  }
}, 180_000);

describe('path analysis in the Diagnostics view', () => {
  it('names br-int, the qvo and both tags first, draws the chain, and a test says where the pings stopped', async () => {
    const path = fault.path!;
    await setup().getByLabel('From').selectOption({ label: `${path.fromNamespace} on ${gatewayMachine(lab).hostname}` });
    await setup().getByLabel('Or an address').fill(path.toAddress);
    await setup().getByRole('button', { name: 'Analyse' }).click();

    const verdict = card().getByTestId('path-verdict');
    await expect.poll(() => verdict.getAttribute('data-status'), { timeout: 30_000 }).toBe('blocked');
    expect(await verdict.innerText()).toMatch(new RegExp(`^Blocked at br-int: ${path.hop} has VLAN tag 4, the network's DHCP and router ports use tag \\d+\\.`));
    // The chain: eight hops, br-int the one marked as the fault.
    const chain = card().getByTestId('path-svg');
    expect(await chain.locator('g.hop').count()).toBe(8);
    expect(await chain.locator('g.hop[data-tone="bad"]').getAttribute('data-hop')).toBe('in.br-int');
    expect(await card().getByTestId('path-hops').locator('tr[data-hop="in.br-int"] [data-finding="vlan-tag"]').innerText()).toContain('sudo -n ovs-vsctl show');

    await card().getByRole('button', { name: 'Test with ping' }).click();
    const test = card().getByTestId('path-test');
    await expect.poll(() => test.getAttribute('data-stage'), { timeout: TEST_RUN_MS, interval: 250 }).toMatch(/^(done|failed)$/);
    expect(await test.getAttribute('data-stage'), await test.innerText()).toBe('done');
    expect(await test.innerText()).toMatch(/^5 sent, /);
    expect(await card().getByTestId('path-trace').locator('summary').innerText()).toMatch(/^ofproto\/trace: /);
    // Counters before → after on the counted hops.
    expect(await card().getByTestId('path-hops').locator('tr[data-hop="router.out"] td.counters').innerText()).toMatch(/^tx \d+ → \d+ \(\+\d+\)/);
    // The verdict and the chain at the top of the window, as an engineer reads them.
    await card().getByTestId('path-verdict').evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await session.screenshot('path-blocked');
  }, TEST_RUN_MS + 60_000);
});
