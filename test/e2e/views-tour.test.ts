// A tour of every view in Chromium, in both themes: before any lab is saved, connected to the
// real lab, and after disconnecting. At each stop: axe finds nothing serious or critical, a
// screenshot is saved (views-<view>-<theme>.png), and one or two facts on screen match the lab's
// manifest. Between views: Containers' row menu and Network's "Ping from here" open the view they
// name with THAT container or namespace in focus. The detailed checks live in each view's own test.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, SCREENSHOT_DIR } from '../support/chromium';
import { startWebHostProcess, type WebHostProcess } from '../support/web-host-process';
import { openConnectedConsole, type ConnectedConsole } from '../support/connected-console';
import { blockingViolations, type AccessibilityScope } from '../support/accessibility';
import { allInstances, gatewayMachine, machineById, type LabManifest } from '../lab/lab-manifest';

/** Every probe of every machine has been read once well within this on the lab. */
const INVENTORY_MS = 30_000;
/** A few pings at 0.2 s, through SSH and sudo, end well within this. */
const PING_DONE_MS = 30_000;
/** A remote shell (SSH, then lxc exec) is up well within this. */
const SHELL_READY_MS = 20_000;
const PING_COUNT = 3;
const THEMES = ['dark', 'light'] as const;
const LAB_VIEWS = ['Overview', 'Nodes', 'Containers', 'Profiles', 'Network', 'Diagnostics', 'Health'] as const;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const slug = (text: string) => text.toLowerCase().replace(/\W+/g, '-');
/** Presentation mode is a saved setting: the page follows once the core has stored it. */
const inPresentation = () => page.evaluate(() => document.documentElement.classList.contains('presentation'));

/** The page the current part of the tour drives. */
let page: Page;

const navButton = (view: string) => page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: new RegExp(`^${view}`) });
const main = () => page.getByRole('main');
const viewHeading = (view: string) => main().getByRole('heading', { level: 1, name: view, exact: true });
async function showView(view: string): Promise<void> {
  await navButton(view).click();
  await viewHeading(view).waitFor();
}

/** Notes from connecting or saving would cover part of the screenshots. */
async function dismissNotes(): Promise<void> {
  for (const dismiss of await page.getByRole('button', { name: 'Dismiss', exact: true }).all()) await dismiss.click().catch(() => undefined);
}

/** One stop of the tour: in each theme, axe's serious and critical findings, and a screenshot. */
async function visit(name: string, scope: AccessibilityScope = {}): Promise<void> {
  await dismissNotes();
  const found: string[] = [];
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    await expect.poll(() => page.evaluate(() => document.querySelector('[data-resolved-theme]')?.getAttribute('data-resolved-theme'))).toBe(theme);
    for (const violation of await blockingViolations(page, scope)) found.push(`[${theme}] ${violation}`);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `views-${name}-${theme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(found, `${name}: axe violations of serious or critical impact`).toEqual([]);
}

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await page?.screenshot({ path: join(SCREENSHOT_DIR, `views-tour-failed-${slug(task.name).slice(0, 40)}.png`) });
});

describe('a console with no lab saved', () => {
  let home: string;
  let host: WebHostProcess;
  let browser: Browser;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'obx-e2e-tour-empty-'));
    // No ~/.ssh/config: nothing to offer but the form.
    await mkdir(join(home, '.ssh'), { mode: 0o700 });
    host = await startWebHostProcess(['--state', join(home, 'state.json')], { ...process.env, HOME: home, SSH_AUTH_SOCK: '' });
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
    page = await context.newPage();
    await page.goto(host.urlWithToken);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await rm(home, { recursive: true, force: true });
  });

  it('opens on the demo lab, and every view shows it', async () => {
    const banner = page.getByTestId('snapshot-banner');
    await banner.getByText('Demo lab').waitFor();
    for (const view of LAB_VIEWS) {
      await showView(view);
      await expect.poll(() => main().innerText(), { message: `${view} shows the demo` }).not.toContain('Choose a lab');
      await visit(`demo-${slug(view)}`);
    }
    await showView('Nodes');
    await expect.poll(() => main().innerText()).toContain('LXD (nova-lxd, lxd.LXDDriver)');
  });

  it('leaves the demo for no lab, and opens on the connect screen, which says how to add a lab', async () => {
    await page.getByTestId('snapshot-banner').getByRole('button', { name: 'Disconnect' }).click();
    await expect.poll(() => page.getByTestId('snapshot-banner').count()).toBe(0);
    await page.getByLabel('Lab').selectOption('__manage__');
    await page.getByRole('heading', { level: 1, name: 'Connect to a lab' }).waitFor();
    expect(await page.getByTestId('connection-state').innerText()).toContain('No lab');
    expect(await page.getByLabel('Controller address').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Save and select' }).isVisible()).toBe(true);
    await visit('connect-nolab');
  });

  it('shows every lab view as waiting for a lab, with the button that connects one', async () => {
    for (const view of LAB_VIEWS) {
      await showView(view);
      expect(await main().innerText(), view).toContain(`Choose a lab to see its ${view.toLowerCase()}`);
      expect(await main().getByRole('button', { name: 'Connect to a lab' }).isVisible(), view).toBe(true);
      // Every view exists now: nothing may call itself unbuilt.
      expect(await main().innerText(), view).not.toMatch(/not built yet|will show/i);
      await visit(`${slug(view)}-nolab`);
    }
    await main().getByRole('button', { name: 'Connect to a lab' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connect to a lab' }).waitFor();
  });

  it('says how to open a terminal and where recordings come from', async () => {
    await showView('Terminals');
    await page.getByRole('heading', { name: 'No terminals open' }).waitFor();
    expect(await page.getByRole('heading', { name: 'No terminals open' }).locator('..').getByRole('button', { name: 'Local shell' }).isVisible()).toBe(true);
    await visit('terminals-nolab');
    await showView('Recordings');
    await expect.poll(() => main().innerText()).toContain('No recordings yet.');
    expect(await main().innerText()).toContain('Record button');
    await visit('recordings-nolab');
  });
});

describe('a console connected to the lab', () => {
  let session: ConnectedConsole;
  let lab: LabManifest;
  const instance = () => allInstances(lab).find((candidate) => candidate.floatingAddress !== null)!;
  const pingSetup = () => page.getByRole('form', { name: 'Ping setup' });
  const chosenSource = () => pingSetup().getByLabel('Source').evaluate((select) => (select as HTMLSelectElement).selectedOptions[0]?.textContent?.trim() ?? '');
  const targetBox = (address: string) => pingSetup().getByRole('checkbox', { name: new RegExp(`^${escape(address)} `) });
  const checkedTargets = () => pingSetup().getByRole('checkbox', { checked: true }).evaluateAll((boxes) => boxes.map((box) => box.closest('label')?.querySelector('.address')?.textContent ?? ''));

  beforeAll(async () => {
    session = await openConnectedConsole({ name: 'views-tour', colorScheme: 'dark' });
    ({ page, lab } = session);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('Overview: the Juju model and its units', async () => {
    await showView('Overview');
    await expect.poll(() => page.getByTestId('model-header').innerText().catch(() => ''), { timeout: INVENTORY_MS }).toContain(`Model ${lab.juju.model}`);
    const units = page.getByRole('region', { name: 'Units' });
    for (const unit of Object.keys(lab.juju.units)) expect(await units.getByText(unit, { exact: true }).count(), unit).toBeGreaterThan(0);
    await visit('overview');
  });

  it('Nodes: every machine with its hostname, its probes read', async () => {
    await showView('Nodes');
    for (const machine of lab.machines) {
      const card = page.locator(`article[data-machine="${machine.id}"]`);
      await expect.poll(() => card.getByRole('heading', { level: 2 }).innerText(), { timeout: INVENTORY_MS }).toContain(machine.hostname);
    }
    await expect.poll(() => page.locator('[data-machine="22"] [data-probe="lxc-list"]').getAttribute('data-status'), { timeout: INVENTORY_MS }).toBe('ok');
    await visit('nodes');
  });

  it('Refresh: the status bar counts the probes read while the lab is read again, then clears', async () => {
    await showView('Nodes');
    await expect.poll(() => page.locator('[data-machine="22"] [data-probe="lxc-list"]').getAttribute('data-status'), { timeout: INVENTORY_MS }).toBe('ok');
    // Every text the progress shows, noted as it changes (a refresh of this lab takes about a second).
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { obxProgressSeen: string[] }).obxProgressSeen = seen;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="refresh-progress"]')?.textContent?.trim();
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    await main().getByRole('button', { name: 'Refresh' }).click();
    const progress = page.getByTestId('refresh-progress');
    await progress.waitFor({ state: 'visible', timeout: INVENTORY_MS });
    await progress.waitFor({ state: 'detached', timeout: INVENTORY_MS });
    const seen = await page.evaluate(() => (window as unknown as { obxProgressSeen: string[] }).obxProgressSeen);
    // A second refresh knows how many probes the first one read, and counts up towards it.
    expect(seen[0]).toMatch(/^Reading the lab: \d+ of ~\d+ probes/);
    const counts = seen.map((text) => Number(/: (\d+)/.exec(text)![1]));
    expect(counts.at(-1)).toBeGreaterThan(counts[0]!);
  });

  it('Containers: every container the lab has, an instance with its address', async () => {
    await showView('Containers');
    const total = lab.machines.reduce((sum, machine) => sum + machine.containers.length, 0) + lab.juju.containers.filter((container) => !lab.machines.some((machine) => machine.containers.includes(container.name))).length;
    await expect.poll(() => main().locator('header').innerText(), { timeout: INVENTORY_MS }).toMatch(/\d+ containers on \d+ nodes/);
    const counted = Number(/(\d+) containers on/.exec(await main().locator('header').innerText())![1]);
    expect(counted).toBe(total);
    const row = main().locator(`[role="row"][data-container="${instance().name}"]`);
    expect(await row.innerText()).toContain(instance().fixedAddress);
    await visit('containers');
  });

  it('Profiles: every instance profile listed under its node', async () => {
    await showView('Profiles');
    const list = page.getByRole('navigation', { name: 'Profiles by node' });
    for (const candidate of allInstances(lab)) {
      const node = list.getByRole('region', { name: new RegExp(`^${escape(machineById(lab, candidate.machineId).hostname)} `) });
      await expect.poll(() => node.getByRole('button', { name: new RegExp(`^${escape(candidate.profile)} `) }).count(), { timeout: INVENTORY_MS }).toBe(1);
    }
    await visit('profiles');
  });

  it('Network: the gateway’s namespaces, an instance’s plumbing, the lab diagram', async () => {
    await showView('Network');
    const tab = (name: string) => page.getByRole('tab', { name });
    await tab('Gateway namespaces').click();
    await expect.poll(() => page.locator('[data-namespace]').count(), { timeout: INVENTORY_MS }).toBe(lab.gateway.namespaces.length);
    await expect.poll(() => page.locator(`[data-namespace="${lab.gateway.router.namespace}"] [data-address]`).count(), { timeout: INVENTORY_MS }).toBeGreaterThan(0);
    await visit('network-namespaces');
    await tab('Instance plumbing').click();
    await page.getByLabel('Container', { exact: true }).selectOption(`${instance().machineId}/${instance().name}`);
    const tapHop = page.locator(`section[data-container="${instance().name}"] tr[data-hop="tap"]`).getByTestId('hop-name');
    await expect.poll(() => tapHop.innerText(), { timeout: INVENTORY_MS }).toBe(instance().devices.tap);
    await visit('network-plumbing');
    await tab('Lab diagram').click();
    const diagram = page.getByTestId('lab-diagram');
    await expect.poll(() => diagram.locator('[data-kind="container"]').count(), { timeout: INVENTORY_MS }).toBe(allInstances(lab).length);
    await visit('network-diagram');
  });

  it('Diagnostics: a ping from the router namespace, every reply counted', async () => {
    await showView('Diagnostics');
    const source = `${lab.gateway.router.namespace} on ${gatewayMachine(lab).hostname}`;
    const target = instance().floatingAddress!;
    await pingSetup().getByRole('option', { name: source }).waitFor({ state: 'attached', timeout: INVENTORY_MS });
    await pingSetup().getByLabel('Source').selectOption({ label: source });
    await targetBox(target).waitFor({ timeout: INVENTORY_MS });
    for (const box of await pingSetup().getByRole('checkbox').all()) await box.uncheck();
    await targetBox(target).check();
    await pingSetup().getByLabel('Count').fill(String(PING_COUNT));
    await pingSetup().getByLabel('Interval (s)').fill('0.2');
    await pingSetup().getByRole('button', { name: /^Start ping/ }).click();
    const row = page.locator(`table[aria-label="Ping statistics per target"] tr[data-target="${target}"]`);
    await expect.poll(() => row.getAttribute('data-outcome'), { timeout: PING_DONE_MS, interval: 200 }).toBe('ok');
    expect(await row.getByTestId('received').innerText()).toBe(String(PING_COUNT));
    await visit('diagnostics');
  });

  it('Terminals: a shell in an instance container, recorded', async () => {
    await showView('Containers');
    await page.getByRole('button', { name: `Terminal in ${instance().name}`, exact: true }).click();
    await viewHeading('Terminals').waitFor();
    const title = `lxc exec ${instance().name} on ${machineById(lab, instance().machineId).hostname}`;
    await page.getByText(title, { exact: true }).waitFor({ timeout: SHELL_READY_MS });
    const terminal = page.locator('[data-terminal]').first();
    await expect.poll(() => terminal.getAttribute('data-state'), { timeout: SHELL_READY_MS }).toBe('running');
    await terminal.getByRole('button', { name: 'Record' }).click();
    await terminal.getByRole('button', { name: 'Start recording' }).click();
    await terminal.getByTestId('recording').waitFor();
    await terminal.locator('.xterm-helper-textarea').focus();
    await page.keyboard.type('hostname\n');
    await expect.poll(() => terminal.locator('.xterm-rows').innerText(), { timeout: SHELL_READY_MS }).toContain(instance().displayName);
    await visit('terminals');
    await terminal.getByRole('button', { name: 'Stop recording' }).click();
    await expect.poll(() => terminal.getByTestId('recording').count()).toBe(0);
    // The tab list holds only tabs: the keyboard closes one with Delete (its × is for the pointer).
    await page.getByRole('tab', { name: new RegExp(escape(instance().name)) }).focus();
    await page.keyboard.press('Delete');
    await page.getByRole('heading', { name: 'No terminals open' }).waitFor();
  });

  it('Recordings: the recording just made, played', async () => {
    await showView('Recordings');
    const entry = main().getByRole('button', { name: new RegExp(escape(instance().name)) }).first();
    await expect.poll(() => entry.isVisible(), { timeout: SHELL_READY_MS }).toBe(true);
    await entry.click();
    await expect.poll(() => page.getByTestId('recording-player').locator('.ap-player').count(), { timeout: SHELL_READY_MS }).toBe(1);
    await visit('recordings');
  });

  it('Connect / manage labs: the saved lab with its controller', async () => {
    await page.getByRole('combobox', { name: 'Lab' }).selectOption({ label: 'Connect to a lab / manage labs…' });
    await page.getByRole('heading', { level: 1, name: 'Connect to a lab' }).waitFor();
    const saved = page.getByRole('region', { name: 'Saved labs' });
    expect(await saved.innerText()).toContain(`${lab.user}@${lab.controller.address}`);
    await visit('connect');
  });

  it('Settings: the panel beside the view, in normal and in presentation text', async () => {
    await showView('Nodes');
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const panel = page.getByRole('complementary', { name: 'Settings' });
    await panel.waitFor();
    const presentation = panel.getByLabel(/Presentation mode/);
    expect(await presentation.isChecked()).toBe(false);
    await visit('settings');
    await presentation.check();
    await expect.poll(inPresentation).toBe(true);
    await visit('settings-presentation');
    // Nothing in the panel is cut off at its right edge.
    const overflow = await panel.evaluate((element) => element.scrollWidth - element.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await presentation.uncheck();
    await expect.poll(inPresentation).toBe(false);
    await panel.getByRole('button', { name: 'Close settings' }).click();
  });

  it('presentation mode: larger text on Nodes and Network', async () => {
    const textSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    const normalSize = await textSize();
    await page.getByRole('button', { name: 'Presentation', exact: true }).click();
    await expect.poll(textSize).toBeGreaterThan(normalSize);
    await visit('presentation');
    await showView('Network');
    await page.getByRole('tab', { name: 'Gateway namespaces' }).click();
    await visit('presentation-network');
    await page.getByRole('button', { name: 'Presentation', exact: true }).click();
    await expect.poll(textSize).toBe(normalSize);
  });

  describe('from one view to another, with the thing in focus', () => {
    async function menuItem(name: string, item: RegExp): Promise<void> {
      await showView('Containers');
      await page.getByLabel('Filter containers').fill(name);
      await page.getByRole('button', { name: `More actions for ${name}` }).click();
      await page.getByRole('menu', { name: `Actions for ${name}` }).getByRole('menuitem', { name: item }).click();
    }

    it('Show profile opens Profiles on that container’s profile', async () => {
      await menuItem(instance().name, /^Show profile/);
      await viewHeading('Profiles').waitFor();
      await page.getByRole('article').getByRole('heading', { level: 2, name: instance().profile, exact: true }).waitFor();
    });

    it('Show plumbing opens Network on that container’s plumbing, its tap the lab’s', async () => {
      await menuItem(instance().name, /^Show plumbing/);
      await viewHeading('Network').waitFor();
      expect(await page.getByRole('tab', { name: 'Instance plumbing' }).getAttribute('aria-selected')).toBe('true');
      const tapHop = page.locator(`section[data-container="${instance().name}"] tr[data-hop="tap"]`).getByTestId('hop-name');
      await expect.poll(() => tapHop.innerText()).toBe(instance().devices.tap);
    });

    it('Ping opens Diagnostics with that container’s IPv4 address as the target', async () => {
      await menuItem(instance().name, /^Ping/);
      await viewHeading('Diagnostics').waitFor();
      await expect.poll(() => checkedTargets()).toEqual([instance().fixedAddress]);
    });

    it('a namespace’s Ping from here opens Diagnostics with that namespace as the source', async () => {
      await showView('Network');
      await page.getByRole('tab', { name: 'Gateway namespaces' }).click();
      const namespace = lab.gateway.namespaces.find((candidate) => candidate.kind === 'qdhcp')!.name;
      await page.getByRole('button', { name: `Ping from here (${namespace})` }).click();
      await viewHeading('Diagnostics').waitFor();
      await expect.poll(() => chosenSource()).toBe(`${namespace} on ${gatewayMachine(lab).hostname}`);
    });
  });

  describe('after disconnecting', () => {
    beforeAll(async () => {
      await page.getByTestId('connection-state').locator('..').getByRole('button', { name: 'Disconnect' }).click();
      await page.getByTestId('connection-state').getByText('Not connected').waitFor();
    });

    // What was read stays on screen; each view must say it is not live and offer to connect.
    for (const view of LAB_VIEWS) {
      it(`${view} says the lab is not connected and offers to connect`, async () => {
        await showView(view);
        await expect.poll(() => main().innerText()).toMatch(/not connected|connect to the lab/i);
        expect(await main().getByRole('button', { name: 'Connect', exact: true }).count(), view).toBeGreaterThan(0);
        await visit(`${slug(view)}-disconnected`);
      });
    }
  });
});
