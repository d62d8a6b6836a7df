// The command palette in Chromium against the real lab: Ctrl+K from any view and from inside a
// terminal, a container found by its name opens lxc exec into it (its hostname is the instance's
// display name), a qrouter namespace opens a shell in it, a machine shows in Nodes, an application
// of the lab's juju status leads to Overview, "presentation" toggles presentation mode, Escape
// gives the keyboard back where it was; screenshots in both themes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SCREENSHOT_DIR } from '../support/chromium';
import { openConnectedConsole, type ConnectedConsole } from '../support/connected-console';
import { allInstances, gatewayMachine, machinesByRole, type LabManifest } from '../lab/lab-manifest';

/** Every machine's probes (lxc list, ip netns, juju status) are in within the first refresh or two. */
const INVENTORY_READ_MS = 30_000;
/** A remote shell (SSH, then lxc exec or sudo ip netns exec) is up well within this. */
const SHELL_READY_MS = 20_000;
/** Output of a command typed into a running shell. */
const OUTPUT_MS = 10_000;

let session: ConnectedConsole;
let page: Page;
let lab: LabManifest;

const palette = () => page.getByRole('dialog', { name: 'Command palette' });
const searchField = () => palette().getByRole('combobox');
const activeOption = () => palette().getByRole('option', { selected: true });
const viewTitle = () => page.locator('main h1').first().innerText({ timeout: 2000 }).catch(() => '');
const screenText = async (terminal: Locator) => (await terminal.locator('.xterm-rows').innerText()).replace(/\u00a0/g, ' ');
const screenLines = async (terminal: Locator) => (await screenText(terminal)).split('\n').map((line) => line.trimEnd());

async function openPalette(): Promise<void> {
  // Ctrl+K toggles: a palette left open (a failed step) is closed first.
  if (await palette().isVisible()) await page.keyboard.press('Escape');
  await page.keyboard.press('Control+k');
  await palette().waitFor();
  await expect.poll(() => searchField().evaluate((field) => field === document.activeElement)).toBe(true);
}

/** Types a query and waits until the best result is the entry with this title (probes may still be streaming in). */
async function find(query: string, title: string | RegExp): Promise<Locator> {
  await searchField().fill(query);
  const matches = (text: string) => (typeof title === 'string' ? text === title : title.test(text));
  await expect
    .poll(async () => ((await activeOption().count()) > 0 ? matches(await activeOption().locator('.title').innerText()) : false), { timeout: INVENTORY_READ_MS, message: `the best result for "${query}" is ${String(title)}` })
    .toBe(true);
  return activeOption();
}

/** Moves the keyboard's choice down to the result with this title (it must be among the first few). */
async function choose(title: string): Promise<Locator> {
  await palette().getByRole('option').locator('.title').getByText(title, { exact: true }).waitFor();
  for (let step = 0; step < 10 && (await activeOption().locator('.title').innerText()) !== title; step++) await page.keyboard.press('ArrowDown');
  expect(await activeOption().locator('.title').innerText()).toBe(title);
  return activeOption();
}

/** Runs the best result (Alt+Enter: beside the focused terminal) and waits for the new shell's prompt. */
async function openTerminalFromPalette(key: 'Enter' | 'Alt+Enter' = 'Enter'): Promise<{ id: string; terminal: Locator; title: string }> {
  const before = new Set(await page.locator('[data-terminal]').evaluateAll((panes) => panes.map((pane) => pane.getAttribute('data-terminal'))));
  await page.keyboard.press(key);
  await expect.poll(() => palette().isVisible()).toBe(false);
  await expect.poll(viewTitle).toBe('Terminals');
  let id = '';
  await expect
    .poll(async () => {
      const shown = await page.locator('[data-terminal]').evaluateAll((panes) => panes.map((pane) => pane.getAttribute('data-terminal')!));
      id = shown.find((candidate) => !before.has(candidate)) ?? '';
      return id;
    }, { timeout: SHELL_READY_MS })
    .not.toBe('');
  const terminal = page.locator(`[data-terminal="${id}"]`);
  await expect.poll(() => terminal.getAttribute('data-state'), { timeout: SHELL_READY_MS }).toBe('running');
  await expect.poll(async () => /[#$]\s*$/m.test(await screenText(terminal)), { timeout: SHELL_READY_MS }).toBe(true);
  return { id, terminal, title: (await terminal.getAttribute('aria-label'))! };
}

async function typeInto(terminal: Locator, text: string): Promise<void> {
  await terminal.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type(text);
}

async function waitForLine(terminal: Locator, expected: string | RegExp): Promise<void> {
  const matches = (line: string) => (typeof expected === 'string' ? line === expected : expected.test(line));
  await expect.poll(async () => (await screenLines(terminal)).some(matches), { timeout: OUTPUT_MS, message: `a line ${String(expected)}` }).toBe(true);
}

/** Screenshots show the palette, not the "Saved" note the connection left (dismissed before
 * the palette opens: a modal dialog makes the rest of the page inert). */
async function dismissNotices(): Promise<void> {
  for (const dismiss of await page.getByRole('button', { name: 'Dismiss' }).all()) await dismiss.click();
}

beforeAll(async () => {
  session = await openConnectedConsole({ name: 'palette', colorScheme: 'dark' });
  page = session.page;
  lab = session.lab;
  // The first full reading of the lab: every compute node's containers and the gateway's namespaces.
  await page.keyboard.press('Alt+2');
  for (const machine of machinesByRole(lab, 'compute')) {
    await page.locator(`[data-machine="${machine.id}"] [data-probe="lxc-list"][data-status="ok"]`).waitFor({ state: 'attached', timeout: INVENTORY_READ_MS });
  }
  await page.locator(`[data-machine="${lab.gateway.machineId}"] [data-probe="ip-netns"][data-status="ok"]`).waitFor({ state: 'attached', timeout: INVENTORY_READ_MS });
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await page?.screenshot({ path: join(SCREENSHOT_DIR, `palette-failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}.png`) });
  // One failed step does not leave the palette open over the next.
  if (await page?.getByRole('dialog', { name: 'Command palette' }).isVisible()) await page.keyboard.press('Escape');
});

afterAll(async () => {
  await session?.close();
});

describe('the command palette on the real lab', () => {
  it('opens with Ctrl+K as a labelled modal dialog, and Escape gives the keyboard back where it was', async () => {
    const settings = page.getByRole('button', { name: 'Settings' });
    await settings.focus();
    await openPalette();
    expect(await palette().getAttribute('aria-modal')).toBe('true');
    expect(await searchField().getAttribute('aria-controls')).toBe('palette-list');
    expect(await palette().getByRole('listbox').getAttribute('id')).toBe('palette-list');
    // Nothing typed: the console's actions and views, each with its kind.
    expect(await palette().getByRole('option').count()).toBeGreaterThan(5);
    expect(await searchField().getAttribute('aria-activedescendant')).toBe(await activeOption().getAttribute('id'));
    await page.keyboard.press('Escape');
    await expect.poll(() => palette().isVisible()).toBe(false);
    expect(await settings.evaluate((button) => button === document.activeElement)).toBe(true);
    // The top bar's Search button opens it too.
    await page.getByRole('button', { name: /^Search/ }).click();
    await palette().waitFor();
    await page.keyboard.press('Escape');
  });

  it('moves through the results with the keyboard', async () => {
    await openPalette();
    await searchField().fill('go to');
    await expect.poll(async () => (await activeOption().locator('.title').innerText()).startsWith('Go to')).toBe(true);
    const first = await activeOption().getAttribute('id');
    await page.keyboard.press('ArrowDown');
    expect(await activeOption().getAttribute('id')).not.toBe(first);
    await page.keyboard.press('End');
    expect(await activeOption().getAttribute('id')).toBe(await palette().getByRole('option').last().getAttribute('id'));
    await page.keyboard.press('PageUp');
    expect(await activeOption().getAttribute('id')).not.toBe(await palette().getByRole('option').last().getAttribute('id'));
    await page.keyboard.press('Home');
    expect(await activeOption().getAttribute('id')).toBe(first);
    expect(await searchField().getAttribute('aria-activedescendant')).toBe(first);
    await page.keyboard.press('Escape');
  });

  it('finds an application of the lab’s juju status and shows it in Overview', async () => {
    const application = Object.keys(lab.juju.units)[0]!.split('/')[0]!;
    await page.keyboard.press('Alt+6');
    await openPalette();
    const option = await find(application, application);
    expect(await option.locator('.kind').innerText()).toMatch(/application/i);
    await page.keyboard.press('Enter');
    await expect.poll(viewTitle).toBe('Overview');
    await expect.poll(() => page.getByRole('region', { name: /Applications/ }).getByText(application, { exact: true }).first().isVisible()).toBe(true);
  });

  it('finds a machine by its host name and shows it in Nodes', async () => {
    const machine = machinesByRole(lab, 'compute')[1]!;
    await openPalette();
    await find(machine.hostname, `${machine.hostname} (machine ${machine.id})`);
    await page.keyboard.press('Enter');
    await expect.poll(viewTitle).toBe('Nodes');
    await expect.poll(() => page.locator(`[data-machine="${machine.id}"]`).isVisible()).toBe(true);
  });

  it('opens lxc exec into a container typed by name, and the container answers with its hostname', async () => {
    const instance = allInstances(lab).find((candidate) => candidate.name === 'instance-0000000c') ?? allInstances(lab)[0]!;
    const node = lab.machines.find((machine) => machine.id === instance.machineId)!;
    await dismissNotices();
    await openPalette();
    // Its name alone: the container itself first (named with its Nova server), then everything that can be done with it.
    await find(instance.name, `${instance.name} (${instance.displayName})`);
    const about = await palette().getByRole('option').locator('.title').allInnerTexts();
    expect(about.slice(0, 7)).toEqual(expect.arrayContaining([`${instance.name} (${instance.displayName})`, `Terminal into ${instance.name}`, `Profile of ${instance.name}`, `Plumbing of ${instance.name}`, `Ping ${instance.name}`]));
    const option = await choose(`Terminal into ${instance.name}`);
    // The detail says where it is: its node and its address.
    expect(await option.locator('.detail').innerText()).toContain(node.hostname);
    expect(await option.locator('.detail').innerText()).toContain(instance.fixedAddress);
    await session.screenshot('palette-dark');
    const { terminal, title } = await openTerminalFromPalette();
    expect(title).toContain(instance.name);
    await typeInto(terminal, 'hostname\n');
    // nova-lxd sets the container's hostname to the instance's display name.
    await waitForLine(terminal, instance.displayName);
  });

  it('opens over a focused terminal with Ctrl+K, and Escape puts the keyboard back in it', async () => {
    const terminal = page.locator('[data-terminal]').first();
    const keys = terminal.locator('.xterm-helper-textarea');
    await keys.focus();
    await openPalette();
    await page.keyboard.press('Escape');
    await expect.poll(() => palette().isVisible()).toBe(false);
    expect(await keys.evaluate((field) => field === document.activeElement)).toBe(true);
    // The shell did not get the key: what is typed next runs as typed.
    await page.keyboard.type('echo palette-$((6*7))\n');
    await waitForLine(terminal, 'palette-42');
  });

  it('opens a shell in the qrouter namespace typed by name, beside the focused terminal with Alt+Enter', async () => {
    const gateway = gatewayMachine(lab);
    const router = lab.gateway.router.namespace;
    const namespace = lab.gateway.namespaces.find((candidate) => candidate.name === router)!;
    await openPalette();
    const option = await find(`shell ${router.slice(0, 'qrouter-'.length + 4)}`, `Shell in ${router}`);
    expect(await option.locator('.detail').innerText()).toBe(`qrouter on ${gateway.hostname}`);
    const { id, terminal, title } = await openTerminalFromPalette('Alt+Enter');
    expect(title).toContain(router);
    // A split of the container's tab, not a tab of its own.
    expect(await page.locator(`[role="tabpanel"]:has([data-terminal="${id}"]) [data-terminal]`).count()).toBe(2);
    await typeInto(terminal, 'ip -o -4 addr\n');
    // The router's own addresses, as the lab built them, are inside this namespace.
    const address = namespace.addresses.find((cidr) => cidr.includes('.'))!;
    await waitForLine(terminal, new RegExp(address.replace(/[./]/g, (character) => `\\${character}`)));
  });

  it('shows a container’s profile in Profiles', async () => {
    const instance = allInstances(lab).at(-1)!;
    await openPalette();
    await find(`profile of ${instance.name}`, `Profile of ${instance.name}`);
    await page.keyboard.press('Enter');
    await expect.poll(viewTitle).toBe('Profiles');
    await page.getByRole('article').getByRole('heading', { name: instance.profile, exact: true }).waitFor();
  });

  it('finds "qr ping" and prepares a ping from the router in Diagnostics', async () => {
    await openPalette();
    await find('qr ping', `Ping from ${lab.gateway.router.namespace}`);
    await page.keyboard.press('Enter');
    await expect.poll(viewTitle).toBe('Diagnostics');
    // The router is the chosen source, ready for targets and Start.
    await expect.poll(() => page.getByLabel('Source').locator('option:checked').innerText()).toContain(lab.gateway.router.namespace);
  });

  it('refreshes the inventory by name and shows the refresh running in the palette', async () => {
    await openPalette();
    await find('refresh', 'Refresh inventory');
    // Every state the progress line goes through (a refresh of the lab can be quicker than a poll).
    await palette().getByRole('status').evaluate((status) => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      new MutationObserver(() => seen.push(status.textContent ?? '')).observe(status, { subtree: true, childList: true, characterData: true });
    });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen.some((text) => text.includes('Refreshing the inventory'))), { timeout: INVENTORY_READ_MS }).toBe(true);
    await openPalette();
    await expect.poll(() => palette().getByRole('status').innerText(), { timeout: INVENTORY_READ_MS }).toMatch(/^\d+ shown$/);
    await page.keyboard.press('Escape');
  });

  it('toggles presentation mode by name, and its text is larger in the palette', async () => {
    await dismissNotices();
    await openPalette();
    const normalSize = await searchField().evaluate((field) => parseFloat(getComputedStyle(field).fontSize));
    await find('presentation', 'Toggle presentation mode');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('presentation'))).toBe(true);
    await openPalette();
    await find('terminal into', /^Terminal into /);
    const presentedSize = await searchField().evaluate((field) => parseFloat(getComputedStyle(field).fontSize));
    expect(presentedSize).toBeGreaterThan(normalSize);
    await session.screenshot('palette-presentation-dark');
    await find('presentation', 'Toggle presentation mode');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('presentation'))).toBe(false);
  });

  it('switches the theme by name and lists recently used entries first', async () => {
    await dismissNotices();
    await openPalette();
    await find('theme', 'Toggle theme (to light)');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await openPalette();
    // The last thing run comes first when nothing is typed.
    await expect.poll(() => activeOption().locator('.title').innerText()).toBe('Toggle theme (to dark)');
    const router = lab.gateway.router.namespace;
    await find(`qr ${router.slice('qrouter-'.length, 'qrouter-'.length + 4)}`, /qrouter-/);
    await session.screenshot('palette-light');
    await page.keyboard.press('Escape');
  });

  it('left no errors in the page', () => {
    expect(session.consoleErrors).toEqual([]);
  });
});
