// The namespace and machine tables in Chromium against the real lab: the qrouter's card shows the
// floating ↔ fixed pairs its nft rules make, each with the instance container and Nova server
// behind the fixed address (the dead floating address with none), says nft printed them and the command; its routes
// start with the default route through the qg- port. The palette's "NAT rules in qrouter-…" and
// "ARP table on <compute node>" open the right card with that table shown. The demo lab (no lab
// saved) shows its recorded qrouter's pairs the same way, from iptables. Screenshots of each.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { Browser } from 'playwright-core';
import { launchChromium, SCREENSHOT_DIR } from '../support/chromium';
import { openConnectedConsole, type ConnectedConsole } from '../support/connected-console';
import { startWebHostProcess, type WebHostProcess } from '../support/web-host-process';
import { readSnapshotFile } from '../../electron/snapshots/snapshot-file';
import { probeValue } from '../../electron/contract/probe-models';
import { allInstances, loadLabManifest, machinesByRole } from '../lab/lab-manifest';

/** Every probe of every machine, the per-namespace ones included, is read well within this. */
const INVENTORY_MS = 60_000;
/** The demo snapshot the console opens when no lab is saved. */
const DEMO_SNAPSHOT = fileURLToPath(new URL('../../assets/demo-lab.obxsnap', import.meta.url));

let session: ConnectedConsole;
let page: Page;

const palette = () => page.getByRole('dialog', { name: 'Command palette' });
const activeOption = () => palette().getByRole('option', { selected: true });
const netTable = (scope: Locator, table: string) => scope.locator(`[data-net-table="${table}"]`);
const cellTexts = (row: Locator) => row.locator('th, td').evaluateAll((cells) => cells.map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim()));

async function dismissNotes(): Promise<void> {
  for (const dismiss of await page.getByRole('button', { name: 'Dismiss', exact: true }).all()) await dismiss.click().catch(() => undefined);
}

async function showView(view: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: new RegExp(`^${view}`) }).click();
  await page.getByRole('main').getByRole('heading', { level: 1, name: view, exact: true }).waitFor();
}

/** Runs the palette entry with this title (probes may still stream in: waits until it is the best result). */
async function runFromPalette(query: string, title: string): Promise<void> {
  if (await palette().isVisible()) await page.keyboard.press('Escape');
  await page.keyboard.press('Control+k');
  await palette().waitFor();
  await palette().getByRole('combobox').fill(query);
  await expect
    .poll(async () => ((await activeOption().count()) > 0 ? await activeOption().locator('.title').innerText() : ''), { timeout: INVENTORY_MS, message: `the best result for "${query}" is ${title}` })
    .toBe(title);
  await page.keyboard.press('Enter');
  await expect.poll(() => palette().isVisible()).toBe(false);
}

beforeAll(async () => {
  session = await openConnectedConsole({ name: 'network-tables' });
  page = session.page;
  await dismissNotes();
}, INVENTORY_MS);

afterAll(async () => {
  await session?.close();
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await page?.screenshot({ path: join(SCREENSHOT_DIR, `network-tables-failed-${task.name.toLowerCase().replace(/\W+/g, '-').slice(0, 40)}.png`) });
});

describe('namespace and machine tables on the lab', () => {
  it('shows the qrouter’s NAT pairs for the instances’ floating addresses, each with its container, and the tool and command', async () => {
    await showView('Network');
    const lab = loadLabManifest();
    const card = page.locator(`[data-namespace="${lab.gateway.router.namespace}"]`);
    const rules = netTable(card, 'rules');
    // Other tests move floating addresses on the same lab: the manifest is read afresh at each try,
    // and every pair it names must be shown (more may be, for a moment).
    const missing = async () => {
      const now = loadLabManifest();
      const found: string[] = [];
      for (const pair of now.gateway.floatingIps) {
        const row = rules.locator(`tr[data-nat-pair="${pair.address}"]`);
        if ((await row.count()) !== 1) {
          found.push(`${pair.address}: ${await row.count()} rows`);
          continue;
        }
        const [floating, fixed, kind, owner] = await cellTexts(row);
        const expected = [pair.address, `→ ${pair.fixedAddress}`, 'DNAT+SNAT'];
        if (JSON.stringify([floating, fixed, kind]) !== JSON.stringify(expected)) found.push(`${pair.address}: shown ${JSON.stringify([floating, fixed, kind])}, lab ${JSON.stringify(expected)}`);
        // The container from lxc list, its Nova server once OpenStack's lists are read.
        const server = allInstances(now).find((instance) => instance.name === pair.instance)?.displayName;
        if (owner !== `${pair.instance} server ${server}`) found.push(`${pair.address}: behind it "${owner}", lab ${pair.instance} server ${server}`);
      }
      const dead = rules.locator(`tr[data-nat-pair="${now.gateway.deadAddress}"]`);
      if ((await dead.count()) !== 1 || !(await dead.innerText()).includes(`nothing the lab knows has ${now.gateway.deadFixedAddress}`)) found.push(`dead ${now.gateway.deadAddress}: not shown with no owner`);
      return found;
    };
    await expect.poll(missing, { timeout: INVENTORY_MS, interval: 2000 }).toEqual([]);
    expect(await rules.getByTestId('rules-tool').innerText()).toContain('nftables (nft list ruleset)');
    expect(await rules.getByTestId('table-command').innerText()).toContain(`ip netns exec ${lab.gateway.router.namespace} `);
    expect(await rules.getByTestId('table-command').innerText()).toContain('nft');
    // The lab's table holds the pairs' rules in three chains, folded.
    expect(await rules.locator('details[data-chain]').count()).toBeGreaterThanOrEqual(3);
    expect(await rules.locator(`details[data-chain*="${lab.gateway.natTable}"]`).count()).toBeGreaterThanOrEqual(3);
    // What a person sees: the card scrolled so its tables are on screen, below the top bar.
    await netTable(card, 'routes').evaluate((section) => section.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'network-tables-qrouter-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'network-tables-qrouter-light.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
  });

  it('marks the qrouter’s default route, first, through its qg- port', async () => {
    const lab = loadLabManifest();
    const card = page.locator(`[data-namespace="${lab.gateway.router.namespace}"]`);
    const first = netTable(card, 'routes').locator('tbody tr').first();
    await expect.poll(() => first.getAttribute('data-route'), { timeout: INVENTORY_MS }).toBe('default');
    expect(await first.getAttribute('class')).toContain('default-route');
    const [destination, , device] = await cellTexts(first);
    expect(destination).toBe('default default route');
    expect(device).toBe(lab.gateway.externalNetwork.device);
  });

  it('opens the qrouter’s rules from the palette, the section shown and focused', async () => {
    const lab = loadLabManifest();
    await showView('Overview');
    await runFromPalette(`nat rules in ${lab.gateway.router.namespace}`, `NAT rules in ${lab.gateway.router.namespace}`);
    await page.getByRole('main').getByRole('heading', { level: 1, name: 'Network', exact: true }).waitFor();
    const rules = netTable(page.locator(`[data-namespace="${lab.gateway.router.namespace}"]`), 'rules');
    await expect.poll(() => rules.evaluate((section) => section === document.activeElement && (section as HTMLDetailsElement).open)).toBe(true);
    expect(await rules.isVisible()).toBe(true);
  });

  it('opens a compute node’s ARP table from the palette on its Nodes card, read', async () => {
    const lab = loadLabManifest();
    const compute = machinesByRole(lab, 'compute')[0]!;
    await runFromPalette(`arp table on ${compute.hostname}`, `ARP table on ${compute.hostname}`);
    await page.getByRole('main').getByRole('heading', { level: 1, name: 'Nodes', exact: true }).waitFor();
    const card = page.locator(`article[data-machine="${compute.id}"]`);
    const neighbours = netTable(card, 'neighbours');
    await expect.poll(() => neighbours.evaluate((section) => (section as HTMLDetailsElement).open)).toBe(true);
    // Read, not failed. The lab's machines share the host's network stack, so what the table holds
    // is the host's: rows, or the note that it is empty, never a failure.
    await expect.poll(() => neighbours.getAttribute('data-state'), { timeout: INVENTORY_MS }).toBe('ok');
    const rows = await neighbours.locator('tr[data-neighbour]').count();
    if (rows === 0) expect(await neighbours.innerText()).toContain(`No neighbours: the ARP table on ${compute.hostname} is empty`);
    expect(await neighbours.getByTestId('table-command').innerText()).toContain('neigh');
    // Its routes and rules are read too.
    for (const table of ['routes', 'rules']) await expect.poll(() => netTable(card, table).getAttribute('data-state'), { timeout: INVENTORY_MS }).toBe('ok');
    await netTable(card, 'rules').locator('summary').click();
    await expect.poll(() => netTable(card, 'rules').getByTestId('rules-tool').count()).toBe(1);
    // The lab's machines share the host's network stack: its routes and neighbours are the host's
    // own, so the picture is of the rules section alone (the lab's addresses only).
    await netTable(card, 'rules').evaluate((section) => section.scrollIntoView({ block: 'center' }));
    await netTable(card, 'rules').screenshot({ path: join(SCREENSHOT_DIR, 'network-tables-compute-node-rules-dark.png') });
  });
});

describe('namespace tables of the demo lab', () => {
  let host: WebHostProcess;
  let browser: Browser;
  let demo: Page;
  let home: string;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'obx-e2e-tables-demo-'));
    host = await startWebHostProcess(['--state', join(home, 'state.json')], { ...process.env, HOME: home, SSH_AUTH_SOCK: '' });
    browser = await launchChromium();
    demo = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' })).newPage();
    await demo.goto(host.urlWithToken);
    await demo.getByTestId('snapshot-banner').getByText('Demo lab').waitFor({ timeout: INVENTORY_MS });
  }, INVENTORY_MS);

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('shows the recorded qrouter’s NAT pairs with their containers and servers, printed by iptables', async () => {
    const { inventory } = await readSnapshotFile(DEMO_SNAPSHOT);
    const outcome = inventory.probes.find((candidate) => candidate.probeId.startsWith('netns-firewall:qrouter-'))!;
    const rules = probeValue(outcome, 'netns-firewall')!;
    expect(rules.natPairs.length, 'the demo records the qrouter’s NAT pairs').toBeGreaterThan(0);
    const namespace = outcome.probeId.slice('netns-firewall:'.length);
    const servers = inventory.links.openstack?.servers ?? [];
    await demo.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Network/ }).click();
    const section = netTable(demo.locator(`[data-namespace="${namespace}"]`), 'rules');
    await section.locator('tr[data-nat-pair]').first().waitFor({ timeout: INVENTORY_MS });
    for (const pair of rules.natPairs) {
      const owner = servers.find((server) => server.ports.some((port) => port.fixedIps.includes(pair.fixed)));
      expect(await cellTexts(section.locator(`tr[data-nat-pair="${pair.floating}"]`))).toEqual([pair.floating, `→ ${pair.fixed}`, 'DNAT+SNAT', owner ? `${owner.container} server ${owner.name}` : `nothing the lab knows has ${pair.fixed}`]);
    }
    expect(await section.getByTestId('rules-tool').innerText()).toContain(rules.source === 'nft' ? 'nftables' : 'iptables (iptables-save)');
    expect(await section.getByTestId('table-command').innerText()).toBe(`sudo ip netns exec ${namespace} ${rules.source === 'nft' ? 'nft list ruleset' : 'iptables-save'}`);
    for (const dismiss of await demo.getByRole('button', { name: 'Dismiss', exact: true }).all()) await dismiss.click().catch(() => undefined);
    await section.evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await demo.screenshot({ path: join(SCREENSHOT_DIR, 'network-tables-demo-dark.png') });
  });
});
