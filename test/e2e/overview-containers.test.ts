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
const unitsTable = () => page.getByRole('table', { name: 'Units', exact: true });
/** The units table's scrolling part: its lines are windowed, only those near the screen exist. */
const unitsViewport = () => unitsTable().locator('.viewport');
const unitRow = (name: string) => page.locator(`[data-unit-row="${name}"]`);

/** Scrolls the units table down, half a screen at a time, until the unit's row is in the page. */
async function scrollUnitsTo(name: string) {
  await unitsViewport().evaluate((element) => (element.scrollTop = 0));
  for (let step = 0; step < 500 && (await unitRow(name).count()) === 0; step += 1) {
    const moved = await unitsViewport().evaluate((element) => {
      const before = element.scrollTop;
      element.scrollTop += element.clientHeight / 2;
      return element.scrollTop !== before;
    });
    if (!moved) break;
  }
  return unitRow(name);
}

/** Whether the row is wholly inside the units table's visible part. */
const withinUnitsViewport = (row: Locator) =>
  row.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const viewport = element.closest('.viewport')!.getBoundingClientRect();
    return box.top >= viewport.top - 1 && box.bottom <= viewport.bottom + 1;
  });
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
    expect(await graph.locator('[data-application="keystone"]').getAttribute('aria-label')).toMatch(new RegExp(`^keystone ${keystone.status} · \\d+ units?, application,`));
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
    // Its units are marked in the units table too.
    const units = juju.units.filter((unit) => unit.application === 'keystone').map((unit) => unit.name);
    expect(await page.locator('[data-unit-row].selected').evaluateAll((rows) => rows.map((element) => element.getAttribute('data-unit-row')))).toEqual(units);
  });

  it('shows the same relations as a table', async () => {
    await page.getByRole('group', { name: 'Show relations as' }).getByRole('button', { name: 'Table' }).click();
    const table = page.getByRole('heading', { name: 'Relations' }).locator('xpath=ancestor::section[1]').locator('tbody tr');
    expect(await table.count()).toBe(juju.relations.length);
    await page.getByRole('group', { name: 'Show relations as' }).getByRole('button', { name: 'Graph' }).click();
  });
});

describe('the Overview’s units table at any size', () => {
  /** The last line of the table: the last principal unit Juju lists, or its last subordinate. */
  const lastLine = () => {
    const principal = juju.units.filter((unit) => unit.principal === null).at(-1)!;
    return juju.units.filter((unit) => unit.principal === principal.name).at(-1) ?? principal;
  };

  it('counts every unit of the lab’s model, each subordinate right under its principal, leaders marked', async () => {
    await showView('Overview');
    await unitsTable().waitFor({ timeout: MODEL_SHOWN_MS });
    expect(Number(await unitsTable().getAttribute('aria-rowcount'))).toBe(juju.units.length + 1);
    expect(await page.getByTestId('units-count').innerText()).toBe(`${juju.units.length} units`);
    expect(await page.getByTestId('machines-count').innerText()).toBe(`${juju.machines.length} machines`);
    for (const [principal, subordinates] of Object.entries(lab.lab.juju.subordinates)) {
      const index = Number(await (await scrollUnitsTo(principal)).getAttribute('aria-rowindex'));
      const under = await Promise.all(subordinates.map((_, offset) => unitsTable().locator(`[aria-rowindex="${index + 1 + offset}"]`).getAttribute('data-unit-row')));
      expect(under.sort(), principal).toEqual([...subordinates].sort());
    }
    for (const unit of juju.units) {
      const text = await (await scrollUnitsTo(unit.name)).locator('[role="cell"]').first().textContent();
      expect(text?.includes(', leader'), unit.name).toBe(unit.leader);
    }
  });

  it('reaches a unit at the end of the list by scrolling the table with the wheel', async () => {
    const last = lastLine();
    const viewport = unitsViewport();
    await viewport.evaluate((element) => (element.scrollTop = 0));
    await viewport.scrollIntoViewIfNeeded();
    const box = (await viewport.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let step = 0; step < 100 && !((await unitRow(last.name).count()) > 0 && (await withinUnitsViewport(unitRow(last.name)))); step += 1) await page.mouse.wheel(0, 300);
    expect(await withinUnitsViewport(unitRow(last.name))).toBe(true);
    expect(await unitRow(last.name).getAttribute('aria-rowindex')).toBe(String(juju.units.length + 1));
    // Only lines near the screen exist in the page, never more than the table has.
    expect(await unitsTable().locator('[data-unit-row]').count()).toBeLessThanOrEqual(juju.units.length);
  });

  it('finds a unit at the end of the list by filtering, and says how many are shown', async () => {
    const principal = juju.units.filter((unit) => unit.principal === null).at(-1)!;
    const filter = page.getByPlaceholder(/^Filter: application/);
    await filter.fill(principal.name);
    const row = unitRow(principal.name);
    await expect.poll(() => row.count()).toBe(1);
    expect(await withinUnitsViewport(row)).toBe(true);
    const shown = Number(await unitsTable().getAttribute('aria-rowcount')) - 1;
    expect(shown).toBeLessThan(juju.units.length);
    expect(await page.getByTestId('units-count').innerText()).toBe(`${shown} of ${juju.units.length} units shown`);
    await filter.fill('');
    await expect.poll(() => page.getByTestId('units-count').innerText()).toBe(`${juju.units.length} units`);
  });

  it('says when no unit matches, and shows the lines again when the filter is cleared', async () => {
    const filter = page.getByPlaceholder(/^Filter: application/);
    await scrollUnitsTo(lastLine().name);
    await filter.fill('no-such-unit-in-this-model');
    await expect.poll(() => page.getByText('No unit matches the filter.').isVisible()).toBe(true);
    expect(await page.getByTestId('units-count').innerText()).toBe(`0 of ${juju.units.length} units shown`);
    await filter.fill('');
    // The table starts again from its top, with its first line on screen.
    const first = juju.units.find((unit) => unit.principal === null)!;
    await expect.poll(() => unitRow(first.name).count()).toBe(1);
    expect(await withinUnitsViewport(unitRow(first.name))).toBe(true);
  });

  it('grows the units table’s lines with the text in presentation mode, buttons inside', async () => {
    await showView('Overview');
    const rowHeight = () => page.locator('[data-unit-row]').first().evaluate((element) => element.getBoundingClientRect().height);
    const normal = await rowHeight();
    const presentation = page.getByRole('button', { name: 'Presentation' });
    await presentation.click();
    await expect.poll(() => presentation.getAttribute('aria-pressed')).toBe('true');
    try {
      await expect.poll(rowHeight).toBeGreaterThan(normal);
      const overflowing = await page.locator('[data-unit-row]').evaluateAll((rows) =>
        rows.filter((row) => [...row.querySelectorAll('button')].some((button) => { const box = button.getBoundingClientRect(); const outer = row.getBoundingClientRect(); return box.top < outer.top || box.bottom > outer.bottom; })).map((row) => row.getAttribute('data-unit-row')));
      expect(overflowing).toEqual([]);
      // The unit's name, status and address stay whole (a long message may be cut: it has a tooltip).
      const clipped = await page.locator('[data-unit-row] .name, [data-unit-row] .status, [data-unit-row] .address').evaluateAll((cells) => cells.filter((cell) => cell.scrollWidth > cell.clientWidth + 1).map((cell) => cell.textContent));
      expect(clipped).toEqual([]);
      await unitsTable().scrollIntoViewIfNeeded();
      await shootSection(page.getByRole('region', { name: 'Units' }), 'overview-units-presentation-dark');
    } finally {
      await presentation.click();
      await expect.poll(() => presentation.getAttribute('aria-pressed')).toBe('false');
    }
  });

  it('scrolls the units table to an application picked in the graph', async () => {
    // A short window, so that the table cannot show all its lines at once.
    await page.setViewportSize({ width: 1440, height: 560 });
    try {
      await unitsViewport().evaluate((element) => (element.scrollTop = 0));
      const application = lastLine().application;
      await page.getByTestId('relation-graph').locator(`[data-application="${application}"]`).click();
      const first = juju.units.find((unit) => unit.application === application)!;
      await expect.poll(() => unitRow(first.name).count()).toBe(1);
      await expect.poll(() => withinUnitsViewport(unitRow(first.name))).toBe(true);
      expect(await unitRow(first.name).getAttribute('class')).toContain('selected');
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    await dismissNotices();
    await unitsTable().scrollIntoViewIfNeeded();
    await shootSection(page.getByRole('region', { name: 'Units' }), 'overview-units-selected-dark');
  });
});

describe('click-through from the Juju model', () => {
  it('goes from a unit to its machine in Nodes, marked', async () => {
    const [unit, machineId] = Object.entries(lab.lab.juju.units).find(([, machine]) => !machine.includes('/'))!;
    const row = await scrollUnitsTo(unit);
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
    const row = await scrollUnitsTo(container.unit);
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

  it('shows every address whole with its interface apart, and every profile as a chip', async () => {
    await showView('Containers');
    await page.getByLabel('Filter containers').fill('');
    const instances = lab.lab.machines.flatMap((machine) => machine.instances);
    for (const { name, fixedAddress, profile } of instances) {
      const row = page.locator(`[data-container="${name}"]`);
      expect(await row.locator('.cell.ipv4 .item').first().innerText(), name).toMatch(new RegExp(`^${fixedAddress.replaceAll('.', '\\.')}\\s*eth0$`));
      expect(await row.locator('.cell.profiles .chip').allInnerTexts(), name).toContain(profile);
    }
    for (const { name, address } of lab.lab.juju.containers) {
      expect(await page.locator(`[data-container="${name}"] .cell.ipv4 .item`).first().innerText(), name).toContain(address);
    }
    // Nothing in an address or profile cell is cut at 1440 × 900: each item fits its cell.
    const clipped = await page.locator('[data-container] .cell.ipv4, [data-container] .cell.profiles').evaluateAll((cells) =>
      cells.flatMap((cell) => [...cell.querySelectorAll('.list, .item, .text')]).filter((element) => element.scrollWidth > element.clientWidth + 1).map((element) => element.textContent));
    expect(clipped).toEqual([]);
    await dismissNotices();
    await lab.screenshot('containers-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => page.evaluate(() => document.querySelector('[data-resolved-theme]')?.getAttribute('data-resolved-theme'))).toBe('light');
    await lab.screenshot('containers-light');
    await page.emulateMedia({ colorScheme: 'dark' });
  });

  it('keeps every row’s buttons inside the row in presentation mode', async () => {
    await showView('Containers');
    const rowHeight = () => page.locator('[data-container]').first().evaluate((element) => element.getBoundingClientRect().height);
    const normal = await rowHeight();
    const presentation = page.getByRole('button', { name: 'Presentation' });
    await presentation.click();
    await expect.poll(() => presentation.getAttribute('aria-pressed')).toBe('true');
    try {
      // The rows grow with the text, and the windowing places them by their new height. (A closed
      // menu's items have no box: only the buttons on screen are measured.)
      await expect.poll(rowHeight).toBeGreaterThan(normal);
      const overflowing = await page.locator('[data-container]').evaluateAll((rows) =>
        rows.filter((row) => [...row.querySelectorAll('button')].filter((button) => button.checkVisibility()).some((button) => { const box = button.getBoundingClientRect(); const outer = row.getBoundingClientRect(); return box.top < outer.top || box.bottom > outer.bottom; })).map((row) => row.getAttribute('data-container')));
      expect(overflowing).toEqual([]);
      // What a room reads stays whole: the name, the node, the address and the profiles.
      const clipped = await page.locator('[data-container] .cell.name, [data-container] .cell.node, [data-container] .cell.ipv4, [data-container] .cell.profiles').evaluateAll((cells) =>
        cells.flatMap((cell) => [cell, ...cell.querySelectorAll('.list, .item, .text')]).filter((element) => element.scrollWidth > element.clientWidth + 1).map((element) => element.textContent));
      expect(clipped).toEqual([]);
      const tops = await page.locator('[data-container]').evaluateAll((rows) => rows.map((row) => row.getBoundingClientRect().top).sort((a, b) => a - b));
      const height = await rowHeight();
      tops.slice(1).forEach((top, index) => expect(top - tops[index]!).toBeCloseTo(height, 0));
      await dismissNotices();
      await lab.screenshot('containers-presentation-dark');
    } finally {
      await presentation.click();
      await expect.poll(() => presentation.getAttribute('aria-pressed')).toBe('false');
    }
  });

  it('logged no error in the page', () => {
    expect(lab.consoleErrors).toEqual([]);
  });
});
