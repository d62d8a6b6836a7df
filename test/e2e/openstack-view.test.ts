// The OpenStack view in Chromium against the real lab (its `openstack` stand-in on the controller,
// credentials found in ~/novarc): every Nova instance of the lab's manifest is a server row with its
// container, host and floating address; node05ob64's hypervisor made to report QEMU is marked in
// the hypervisors table, listed as a finding, and flagged on its Nodes card; a server's container
// opens in Containers, which names the server; axe finds nothing serious. Screenshots of the view
// and of the Nodes card in both themes and in presentation mode (openstack-view-*.png).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SCREENSHOT_DIR } from '../support/chromium';
import { openConnectedConsole, type ConnectedConsole } from '../support/connected-console';
import { blockingViolations } from '../support/accessibility';
import { reportHypervisorType } from '../support/hypervisor-type';
import type { UndoFault } from '../support/machine-faults';
import { allInstances, loadLabManifest } from '../lab/lab-manifest';

/** The first refresh reads the controller's openstack lists (after its credentials) well within this. */
const OPENSTACK_READ_MS = 60_000;
const THEMES = ['dark', 'light'] as const;
/** The walkthrough's own instances (lxc-test-0…); other tests add servers of other names and remove them. */
const WALKTHROUGH_SERVER = /^lxc-test-\d+$/;
/** The compute node whose hypervisor is made to report another type, as a libvirt node would. */
const NOT_LXD = { hostname: 'node05ob64', type: 'QEMU' } as const;

let session: ConnectedConsole;
let page: Page;
let undoHypervisor: UndoFault | null = null;

const section = (id: string) => page.locator(`[data-section="openstack-${id}"]`);
const serverRow = (name: string) => section('servers').locator('[role="row"][data-row]').filter({ has: page.locator('[data-column="name"]', { hasText: new RegExp(`^\\s*${name}\\s*$`) }) });
const cellOf = (row: Locator, column: string) => row.locator(`[data-column="${column}"]`);
const inPresentation = () => page.evaluate(() => document.documentElement.classList.contains('presentation'));

async function dismissNotes(): Promise<void> {
  for (const dismiss of await page.getByRole('button', { name: 'Dismiss', exact: true }).all()) await dismiss.click().catch(() => undefined);
}

async function showView(view: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: new RegExp(`^${view}`) }).click();
  await page.getByRole('main').getByRole('heading', { level: 1, name: view, exact: true }).waitFor();
}

/** Screenshots in both themes, then in presentation mode (dark), which is switched off again. */
async function shootInEveryLook(name: string, locator: Locator | null = null): Promise<void> {
  await dismissNotes();
  const shoot = async (file: string) => (locator ? locator.screenshot({ path: join(SCREENSHOT_DIR, file) }) : page.screenshot({ path: join(SCREENSHOT_DIR, file) }));
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    await expect.poll(() => page.evaluate(() => document.querySelector('[data-resolved-theme]')?.getAttribute('data-resolved-theme'))).toBe(theme);
    await shoot(`${name}-${theme}.png`);
  }
  await page.emulateMedia({ colorScheme: 'dark' });
  const toggle = page.getByRole('button', { name: 'Presentation', exact: true });
  await toggle.click();
  await expect.poll(inPresentation).toBe(true);
  try {
    await shoot(`${name}-presentation.png`);
  } finally {
    await toggle.click();
    await expect.poll(inPresentation).toBe(false);
  }
}

beforeAll(async () => {
  // Before connecting, so the first refresh already reads it.
  undoHypervisor = await reportHypervisorType(loadLabManifest(), NOT_LXD.hostname, NOT_LXD.type);
  session = await openConnectedConsole({ name: 'openstack-view' });
  page = session.page;
  await showView('OpenStack');
  await section('servers').waitFor({ timeout: OPENSTACK_READ_MS });
}, OPENSTACK_READ_MS * 2);

afterAll(async () => {
  await session?.close();
  await undoHypervisor?.();
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await page?.screenshot({ path: join(SCREENSHOT_DIR, `openstack-view-failed-${task.name.toLowerCase().replace(/\W+/g, '-').slice(0, 40)}.png`) });
});

describe('the OpenStack view of the lab', () => {
  it('lists every walkthrough instance as a server with its container, host, addresses and floating address', async () => {
    // Other tests create servers and move floating addresses on the same lab meanwhile: the
    // manifest is read afresh at each try, and the page catches up at its next refresh (10 s).
    const mismatches = async () => {
      const lab = loadLabManifest();
      const found: string[] = [];
      for (const instance of allInstances(lab).filter((candidate) => WALKTHROUGH_SERVER.test(candidate.displayName))) {
        const row = serverRow(instance.displayName);
        if ((await row.count()) !== 1) {
          found.push(`${instance.displayName}: ${await row.count()} rows`);
          continue;
        }
        const text = async (column: string) => (await cellOf(row, column).innerText()).replace('●', '').trim();
        const shown = { container: (await cellOf(row, 'container').locator('button.link').innerText()).trim(), host: await text('host'), addresses: await text('addresses'), floating: await text('floating'), status: await text('status') };
        const expected = { container: instance.name, host: lab.machines.find((machine) => machine.id === instance.machineId)!.hostname, addresses: instance.fixedAddress, floating: instance.floatingAddress ?? '', status: 'ACTIVE' };
        if (JSON.stringify(shown) !== JSON.stringify(expected)) found.push(`${instance.displayName}: shown ${JSON.stringify(shown)}, lab ${JSON.stringify(expected)}`);
        // A running instance's container has its terminal button beside it.
        if ((await cellOf(row, 'container').getByRole('button', { name: `Terminal into ${instance.name}` }).count()) !== 1) found.push(`${instance.displayName}: no terminal button`);
      }
      return found;
    };
    await expect.poll(mismatches, { timeout: OPENSTACK_READ_MS, interval: 2000 }).toEqual([]);
  });

  it('marks the hypervisor that reports QEMU, and lists it as a finding', async () => {
    const hypervisor = section('hypervisors').locator(`[role="row"][data-row="${NOT_LXD.hostname}"]`);
    await expect.poll(() => cellOf(hypervisor, 'type').innerText().catch(() => ''), { timeout: OPENSTACK_READ_MS }).toContain(NOT_LXD.type);
    expect(await hypervisor.getAttribute('class')).toContain('flagged');
    const finding = page.locator('[data-finding="hypervisor-not-lxd"]');
    await expect.poll(() => finding.innerText().catch(() => ''), { timeout: OPENSTACK_READ_MS }).toContain(NOT_LXD.hostname);
    await shootInEveryLook('openstack-view');
    // The lower sections: routers, floating addresses, hypervisors, services and agents.
    await section('agents').scrollIntoViewIfNeeded();
    await shootInEveryLook('openstack-view-lower');
    const found = await blockingViolations(page, { include: 'main' });
    expect(found, 'axe violations of serious or critical impact in the OpenStack view').toEqual([]);
  });

  it('sorts servers by a heading and keeps those the filter matches', async () => {
    const names = () => section('servers').locator('[role="row"][data-row] [data-column="name"]').allInnerTexts();
    await section('servers').getByRole('button', { name: /^Name/ }).click();
    const descending = (await names()).map((name) => name.trim());
    expect(descending).toEqual([...descending].sort((a, b) => b.localeCompare(a, undefined, { numeric: true })));
    await page.getByRole('textbox', { name: 'Filter OpenStack' }).fill('lxc-test-1');
    await expect.poll(async () => (await names()).map((name) => name.trim())).toEqual(['lxc-test-1']);
    await page.getByRole('textbox', { name: 'Filter OpenStack' }).fill('');
  });

  it('opens a server’s container in Containers, which names its server and floating address', async () => {
    const instance = allInstances(session.lab).find((candidate) => candidate.displayName === 'lxc-test-1')!;
    await cellOf(serverRow('lxc-test-1'), 'container').getByRole('button', { name: instance.name, exact: true }).click();
    await page.getByRole('main').getByRole('heading', { level: 1, name: 'Containers', exact: true }).waitFor();
    const owner = page.locator(`[data-container="${instance.name}"] .cell.owner`);
    await expect.poll(() => owner.innerText().catch(() => '')).toContain('lxc-test-1');
    if (instance.floatingAddress) expect(await owner.innerText()).toContain(instance.floatingAddress);
  });

  it('flags the QEMU node on its Nodes card, and shows the lxd node’s hypervisor row unflagged', async () => {
    await showView('Nodes');
    const lab = session.lab;
    const qemu = lab.machines.find((machine) => machine.hostname === NOT_LXD.hostname)!;
    const lxd = lab.machines.find((machine) => machine.role === 'compute' && machine.hostname !== NOT_LXD.hostname)!;
    const qemuRow = page.locator(`article[data-machine="${qemu.id}"] [data-testid="nova-hypervisor"]`);
    await expect.poll(() => qemuRow.getAttribute('class').catch(() => ''), { timeout: OPENSTACK_READ_MS }).toContain('flagged');
    expect(await qemuRow.innerText()).toContain(NOT_LXD.type);
    const lxdRow = page.locator(`article[data-machine="${lxd.id}"] [data-testid="nova-hypervisor"]`);
    expect(await lxdRow.innerText()).toMatch(/^lxd\b/);
    expect(await lxdRow.getAttribute('class')).not.toContain('flagged');
    await qemuRow.scrollIntoViewIfNeeded();
    await shootInEveryLook('openstack-view-nodes-card', page.locator(`article[data-machine="${qemu.id}"]`));
  });
});
