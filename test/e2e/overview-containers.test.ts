// The Overview's relation graph and click-through, and the Containers' actions, in Chromium
// against the real lab: the graph is checked against what the lab's `juju` answers on its
// controller right now, and the click-through against the lab's manifest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SCREENSHOT_DIR } from '../support/chromium';
import { parseJujuStatus } from '../../electron/probes/parsers/juju-status';
import type { JujuStatus } from '../../electron/contract/lab-model';
import { openConnectedConsole, type ConnectedConsole } from '../support/connected-console';
import { LabSsh } from '../lab/lab-ssh';

/** The first refresh reads juju status within this on the lab (a few seconds on a busy machine). */
const MODEL_SHOWN_MS = 30_000;

let lab: ConnectedConsole;
let page: Page;
let juju: JujuStatus;

beforeAll(async () => {
  lab = await openConnectedConsole({ name: 'overview-containers', colorScheme: 'dark' });
  page = lab.page;
  // What the lab's Juju says, asked directly on its controller (not through the console).
  const ssh = await LabSsh.connect(lab.lab.controller, lab.lab.user, lab.lab.userKey);
  try {
    juju = parseJujuStatus(await ssh.run('juju status --format=json')).value;
  } finally {
    ssh.end();
  }
});

afterAll(async () => {
  await lab?.close();
});

/** The notices of connecting (e.g. "Saved …") would cover part of a picture: closed first. */
async function dismissNotices() {
  for (const dismiss of await page.getByRole('button', { name: 'Dismiss', exact: true }).all()) await dismiss.click().catch(() => undefined);
}

async function shootSection(section: Locator, name: string) {
  await dismissNotices();
  await section.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

const heading = () => page.getByRole('heading', { level: 1 }).first().innerText();
const showView = async (name: string) => page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: new RegExp(`^${name}`) }).click();

describe('the Overview’s relations graph', () => {
  it('draws every application of the lab’s Juju model as a node and every relation as an edge', async () => {
    await showView('Overview');
    const graph = page.getByTestId('relation-graph');
    await graph.locator('[data-application]').first().waitFor({ timeout: MODEL_SHOWN_MS });
    const nodes = await graph.locator('[data-application]').evaluateAll((elements) => elements.map((element) => element.getAttribute('data-application')));
    expect(nodes.sort()).toEqual(juju.applications.map((application) => application.name).sort());
    // The manifest's units and subordinates name the same applications.
    const manifestApplications = Object.entries(lab.lab.juju.subordinates).flatMap(([principal, subordinates]) => [principal, ...subordinates]).concat(Object.keys(lab.lab.juju.units));
    for (const unit of manifestApplications) expect(nodes).toContain(unit.split('/')[0]);
    expect(await graph.locator('path[data-relation]').count()).toBe(juju.relations.length);
    for (const kind of ['peer', 'subordinate', 'regular']) {
      expect(await graph.locator(`path[data-relation="${kind}"]`).count(), kind).toBe(juju.relations.filter((relation) => (relation.type ?? 'regular') === kind).length);
    }
    // Each node is a button that says its status in words.
    const keystone = juju.applications.find((application) => application.name === 'keystone')!;
    expect(await graph.locator('[data-application="keystone"]').getAttribute('aria-label')).toContain(`keystone, application, ${keystone.status}`);
    const section = page.getByRole('region', { name: 'Relations' });
    await shootSection(section, 'overview-graph-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => page.evaluate(() => document.querySelector('[data-resolved-theme]')?.getAttribute('data-resolved-theme'))).toBe('light');
    await shootSection(section, 'overview-graph-light');
    await page.emulateMedia({ colorScheme: 'dark' });
  });

  it('picks an application from the graph by keyboard and marks it in the applications table', async () => {
    const node = page.getByTestId('relation-graph').locator('[data-application="keystone"]');
    await node.focus();
    await page.keyboard.press('Enter');
    const row = page.locator('tr[data-application-row="keystone"]');
    await expect.poll(() => row.getAttribute('aria-current')).toBe('true');
    expect(await node.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => row.evaluate((element) => { const box = element.getBoundingClientRect(); return box.top >= 0 && box.bottom <= window.innerHeight; })).toBe(true);
  });

  it('shows the same relations as a table', async () => {
    await page.getByRole('group', { name: 'Show relations as' }).getByRole('button', { name: 'Table' }).click();
    const table = page.getByRole('heading', { name: 'Relations' }).locator('xpath=ancestor::section[1]').locator('tbody tr');
    expect(await table.count()).toBe(juju.relations.length);
    await page.getByRole('group', { name: 'Show relations as' }).getByRole('button', { name: 'Graph' }).click();
  });
});

describe('click-through from the Juju model', () => {
  it('goes from a unit to its machine in Nodes, marked', async () => {
    const [unit, machineId] = Object.entries(lab.lab.juju.units).find(([, machine]) => !machine.includes('/'))!;
    const row = page.locator('tr', { has: page.getByText(unit, { exact: true }) }).first();
    await row.locator(`[data-machine-link="${machineId}"]`).click();
    await expect.poll(heading).toBe('Nodes');
    const slot = page.locator(`[data-focused-machine="${machineId}"]`);
    expect(await slot.getAttribute('aria-current')).toBe('true');
    expect(await slot.locator(`[data-machine="${machineId}"]`).count()).toBe(1);
    expect(await page.locator('[data-focused-machine]').count()).toBe(1);
    await dismissNotices();
    await lab.screenshot('nodes-focused-dark');
  });

  it('goes from a unit in a Juju container to that container in Containers', async () => {
    const container = lab.lab.juju.containers[0]!;
    await showView('Overview');
    const row = page.locator('tr', { has: page.getByText(container.unit, { exact: true }) }).first();
    await row.locator(`[data-machine-link="${container.machineId}"]`).click();
    await expect.poll(heading).toBe('Containers');
    expect(await page.getByLabel('Filter containers').inputValue()).toBe(container.name);
    await expect.poll(() => page.locator('[data-container]').evaluateAll((rows) => rows.map((element) => element.getAttribute('data-container')))).toEqual([container.name]);
  });

  it('offers a terminal for each unit where it runs', async () => {
    await showView('Overview');
    const container = lab.lab.juju.containers[0]!;
    const button = page.getByRole('button', { name: `Terminal in ${container.name} on machine ${container.hostMachineId}, where ${container.unit} runs` });
    expect(await button.isEnabled()).toBe(true);
    await shootSection(page.getByRole('region', { name: 'Units' }), 'overview-units-dark');
  });
});

describe('the Containers’ actions', () => {
  const instance = () => lab.lab.machines.flatMap((machine) => machine.instances.map((entry) => ({ ...entry, machineId: machine.id })))[0]!;

  async function openMenuOf(name: string) {
    await showView('Containers');
    await page.getByLabel('Filter containers').fill(name);
    await page.getByRole('button', { name: `More actions for ${name}` }).click();
    return page.getByRole('menu', { name: `Actions for ${name}` });
  }

  it('names the container’s own profile and its addresses in the menu', async () => {
    const { name, profile, fixedAddress } = instance();
    const menu = await openMenuOf(name);
    await expect.poll(() => menu.getByRole('menuitem', { name: `Show profile ${profile}` }).isVisible()).toBe(true);
    expect(await menu.getByRole('menuitem', { name: /^Ping / }).innerText()).toContain(fixedAddress);
    // The keyboard is in the menu: Escape closes it and gives focus back to its button.
    await page.keyboard.press('Escape');
    await expect.poll(() => menu.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`More actions for ${name}`);
    await page.getByLabel('Filter containers').fill('');
    await dismissNotices();
    await page.getByRole('button', { name: `More actions for ${name}` }).click();
    await expect.poll(() => menu.isVisible()).toBe(true);
    await lab.screenshot('containers-actions-dark');
    await page.keyboard.press('Escape');
  });

  for (const [item, view] of [
    [/^Show profile/, 'Profiles'],
    [/^Show plumbing/, 'Network'],
    [/^Ping/, 'Diagnostics'],
  ] as const) {
    it(`lands on ${view} from the ${String(item).slice(2, -1)} action`, async () => {
      const menu = await openMenuOf(instance().name);
      await expect.poll(() => menu.isVisible()).toBe(true);
      await menu.getByRole('menuitem', { name: item }).click();
      await expect.poll(heading).toBe(view);
      expect(await page.getByRole('navigation', { name: 'Views' }).locator('[aria-current="page"]').innerText()).toContain(view);
    });
  }

  it('logged no error in the page', () => {
    expect(lab.consoleErrors).toEqual([]);
  });
});
