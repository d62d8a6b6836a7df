// Terminals in Chromium against the real lab: opened from the Nodes view into a container and a
// router namespace, resized, surviving a page reload, broadcasting to a chosen set, recorded as
// asciicast, found in, exported, and shown in both themes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium, SCREENSHOT_DIR } from '../support/chromium';
import { openLabsFromDemo } from '../support/connected-console';
import { startWebHostProcess, type WebHostProcess } from '../support/web-host-process';
import { gatewayMachine, loadLabManifest, machineById, type LabManifest } from '../lab/lab-manifest';

/** A remote shell (SSH, then lxc exec or sudo ip netns exec) is up well within this. */
const SHELL_READY_MS = 20_000;
/** Output of a command typed into a running shell. */
const OUTPUT_MS = 10_000;

let lab: LabManifest;
let home: string;
let host: WebHostProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];
const mark = randomBytes(3).toString('hex');
/** The container the first terminal goes into; its tab is found by its name. */
let containerName = '';
const containerTab = () => new RegExp(containerName);

/** The terminals opened along the way, by role, with the title the console gave each. */
const opened: Record<'container' | 'namespace' | 'third' | 'exiting', { id: string; title: string }> = {} as never;

beforeAll(async () => {
  lab = loadLabManifest();
  home = await mkdtemp(join(tmpdir(), 'obx-e2e-terminals-'));
  await mkdir(join(home, '.ssh'), { mode: 0o700 });
  // Every key of the lab is known already: no host-key question interrupts the terminals.
  await copyFile(lab.knownHosts, join(home, '.ssh', 'known_hosts'));
  await writeFile(join(home, '.ssh', 'config'), `Host orangebox64\n  HostName ${lab.controller.address}\n  User ${lab.user}\n  IdentityFile ${lab.userKey}\n  IdentitiesOnly yes\n`);
  host = await startWebHostProcess(['--state', join(home, 'state.json')], { ...process.env, HOME: home, SSH_AUTH_SOCK: '' });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark', acceptDownloads: true });
  await openPage();
  await openLabsFromDemo(page);
  await page.getByRole('button', { name: /^orangebox64/ }).click();
  await page.getByRole('button', { name: 'Save and select' }).click();
  await page.getByTestId('connection-state').getByText('Not connected', { exact: true }).waitFor({ timeout: 20_000 });
  await page.getByTestId('connection-state').locator('..').getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByTestId('connection-state').getByText('Connected', { exact: true }).waitFor({ timeout: 20_000 });
});

afterEach(async ({ task }) => {
  // A failure's screen says more than its timeout.
  if (task.result?.state === 'fail') await page?.screenshot({ path: join(SCREENSHOT_DIR, `terminals-failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}.png`) });
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await rm(home, { recursive: true, force: true });
});

// ------------------------------------------------------------------ helpers

async function openPage(): Promise<void> {
  page = await context.newPage();
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(host.urlWithToken);
}

const pane = (id: string) => page.locator(`[data-terminal="${id}"]`);
/** What the terminal shows now (the DOM renderer's rows), one string per line. */
const screenText = async (terminal: Locator) => (await terminal.locator('.xterm-rows').innerText()).replace(/\u00a0/g, ' ');
const screenLines = async (terminal: Locator) => (await screenText(terminal)).split('\n').map((line) => line.trimEnd());

async function typeInto(terminal: Locator, text: string): Promise<void> {
  await terminal.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type(text);
}

async function waitForLine(terminal: Locator, expected: string | RegExp, timeout = OUTPUT_MS): Promise<void> {
  const matches = (line: string) => (typeof expected === 'string' ? line === expected : expected.test(line));
  await expect.poll(async () => (await screenLines(terminal)).some(matches), { timeout, message: `a line ${String(expected)}` }).toBe(true);
}

/** Opens a terminal with a button in the Nodes view; returns the new pane once its shell answers. */
const openFromNodes = (card: string, button: string | RegExp) => openWith('Alt+2', () => page.locator(`[data-machine="${card}"]`).getByRole('button', { name: button }));

async function openWith(viewKey: string, button: () => Locator): Promise<{ id: string; title: string; terminal: Locator }> {
  const shownIds = () => page.locator('[data-terminal]').evaluateAll((panes) => panes.map((element) => element.getAttribute('data-terminal')!));
  // Read while the Terminals view (if it is the current one) still shows them.
  const before = new Set(await shownIds());
  await page.keyboard.press(viewKey);
  const trigger = button();
  await expect.poll(() => trigger.isEnabled(), { timeout: 30_000 }).toBe(true);
  await trigger.click();
  await expect.poll(() => page.locator('#view-title').innerText()).toBe('Terminals');
  let id = '';
  await expect
    .poll(async () => {
      id = (await shownIds()).find((shown) => !before.has(shown)) ?? '';
      return id;
    }, { timeout: SHELL_READY_MS })
    .not.toBe('');
  const terminal = pane(id);
  await expect.poll(() => terminal.getAttribute('data-state'), { timeout: SHELL_READY_MS }).toBe('running');
  // The shell is ready when it printed a prompt.
  await expect.poll(async () => /[#$]\s*$/m.test(await screenText(terminal)), { timeout: SHELL_READY_MS }).toBe(true);
  return { id, title: (await terminal.getAttribute('aria-label'))!, terminal };
}

// ------------------------------------------------------------------ tests

describe('terminals into the real lab', () => {
  it('opens lxc exec into a container from its row in Nodes, and the container answers', async () => {
    const compute = machineById(lab, '22');
    const instance = compute.instances.find((candidate) => candidate.name === 'instance-0000000c') ?? compute.instances[0]!;
    await page.keyboard.press('Alt+2');
    await expect.poll(() => page.locator('[data-machine="22"] [data-probe="lxc-list"]').getAttribute('data-status'), { timeout: 30_000 }).toBe('ok');
    await expect.poll(() => page.locator(`[data-machine="${lab.gateway.machineId}"] [data-probe="ip-netns"]`).getAttribute('data-status'), { timeout: 30_000 }).toBe('ok');
    // Every container of the node is listed with its own Terminal button.
    for (const container of compute.containers) {
      expect(await page.locator(`[data-machine="22"] [data-container="${container}"]`).getByRole('button', { name: `Terminal in ${container}` }).isEnabled()).toBe(true);
    }
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'nodes-terminal-buttons-dark.png'), fullPage: true });
    containerName = instance.name;
    const { id, title, terminal } = await openFromNodes('22', `Terminal in ${instance.name}`);
    expect(title).toBe(`lxc exec ${instance.name} on ${compute.hostname}`);
    await typeInto(terminal, 'hostname\n');
    // nova-lxd sets the container's hostname to the instance's display name.
    await waitForLine(terminal, instance.displayName);
    expect(await terminal.getAttribute('data-renderer')).toBe('dom');
    const tab = page.getByRole('tab', { selected: true });
    expect(await tab.innerText()).toContain(instance.name);
    expect(await tab.innerText()).toContain('running');
    opened.container = { id, title };
  });

  it('opens ip netns exec into the qrouter namespace, and pings an instance from it', async () => {
    const gateway = gatewayMachine(lab);
    const instance = machineById(lab, '22').instances[0]!;
    const { id, title, terminal } = await openFromNodes(gateway.id, `Terminal in ${lab.gateway.router.namespace}`);
    expect(title).toBe(`ip netns exec ${lab.gateway.router.namespace} on ${gateway.hostname}`);
    await typeInto(terminal, `ping -c 2 ${instance.fixedAddress}\n`);
    await waitForLine(terminal, new RegExp(`bytes from ${instance.fixedAddress.replace(/\./g, '\\.')}: icmp_seq=2`));
    await waitForLine(terminal, /2 packets transmitted, 2 received/);
    opened.namespace = { id, title };
  });

  it('carries a resize of the page to the remote pty: stty size prints the xterm’s rows and columns', async () => {
    const terminal = pane(opened.namespace.id);
    const before = Number(await terminal.getAttribute('data-cols'));
    await page.setViewportSize({ width: 1100, height: 760 });
    await expect.poll(async () => Number(await terminal.getAttribute('data-cols'))).toBeLessThan(before);
    // The core reports the pty's new size once it took it.
    await expect.poll(async () => (await terminal.getAttribute('data-pty-cols')) === (await terminal.getAttribute('data-cols'))).toBe(true);
    await expect.poll(async () => (await terminal.getAttribute('data-pty-rows')) === (await terminal.getAttribute('data-rows'))).toBe(true);
    const [cols, rows] = [await terminal.getAttribute('data-cols'), await terminal.getAttribute('data-rows')];
    await typeInto(terminal, 'clear; stty size\n');
    await waitForLine(terminal, `${rows} ${cols}`);
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('survives a page reload: the same shell, with the same screen', async () => {
    const terminal = pane(opened.container.id);
    await page.getByRole('tab', { name: containerTab() }).click();
    await typeInto(terminal, `export OBX_MARK=kept-${mark}; echo "before-$OBX_MARK"\n`);
    await waitForLine(terminal, `before-kept-${mark}`);
    await page.reload();
    await expect.poll(() => page.getByTestId('connection-state').innerText(), { timeout: 20_000 }).toContain('Connected');
    await page.keyboard.press('Alt+7');
    await page.getByRole('tab', { name: containerTab() }).click();
    // The screen comes back from the core's replay buffer…
    await waitForLine(terminal, `before-kept-${mark}`);
    expect(await page.locator('[data-terminal]').count()).toBe(2);
    // …and it is the same shell: its variable is still set.
    await typeInto(terminal, 'echo "after-$OBX_MARK"\n');
    await waitForLine(terminal, `after-kept-${mark}`);
  });

  it('keeps a terminal going while no page is open, and the next page gets all its output', async () => {
    // Far more output than the core lets run ahead of an unacknowledging page (its high watermark).
    await page.getByRole('tab', { name: /qrouter/ }).click();
    await typeInto(pane(opened.namespace.id), 'clear; sleep 1; seq 1 60000; echo away-$((6*7))\n');
    await page.close();
    await new Promise((resolve) => setTimeout(resolve, 4000));
    await openPage();
    await page.getByTestId('connection-state').getByText('Connected', { exact: true }).waitFor({ timeout: 20_000 });
    await page.keyboard.press('Alt+7');
    await page.getByRole('tab', { name: /qrouter/ }).click();
    const terminal = pane(opened.namespace.id);
    await waitForLine(terminal, 'away-42', SHELL_READY_MS);
    await typeInto(terminal, 'clear; echo back-$((6*7))\n');
    await waitForLine(terminal, 'back-42');
  });

  it('broadcasts typing to exactly the chosen terminals, in a visibly marked mode', async () => {
    const third = await openFromNodes('24', /^Shell on/);
    opened.third = { id: third.id, title: third.title };
    await page.getByRole('button', { name: 'Broadcast…' }).click();
    const chooser = page.getByRole('form', { name: 'Choose terminals to broadcast to' });
    for (const { title } of [opened.container, opened.namespace, opened.third]) {
      const box = chooser.getByRole('checkbox', { name: title });
      if ((await box.isChecked()) !== (title !== opened.namespace.title)) await box.click();
    }
    await chooser.getByRole('button', { name: 'Broadcast to 2 terminals' }).click();
    const banner = page.getByTestId('broadcast-banner');
    expect(await banner.innerText()).toContain(opened.container.title);
    expect(await banner.innerText()).toContain(opened.third.title);
    expect(await banner.innerText()).not.toContain(opened.namespace.title);
    await third.terminal.locator('.xterm-helper-textarea').focus();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'terminals-broadcast-dark.png') });
    expect(await pane(opened.third.id).innerText()).toContain('BROADCAST');

    await typeInto(third.terminal, `echo bc-$((40+2))-${mark}\n`);
    for (const member of [opened.third, opened.container]) {
      await page.getByRole('tab', { name: member === opened.third ? /machine 24/ : containerTab() }).click();
      await waitForLine(pane(member.id), `bc-42-${mark}`);
    }
    await page.getByRole('tab', { name: /qrouter/ }).click();
    // Its screen is drawn (the output of before), and the broadcast is not on it.
    await waitForLine(pane(opened.namespace.id), 'back-42');
    expect(await screenText(pane(opened.namespace.id))).not.toContain(mark);

    await banner.getByRole('button', { name: 'Stop broadcast' }).click();
    await expect.poll(() => banner.count()).toBe(0);
  });

  it('opens lxc exec from a row of the Containers view', async () => {
    const compute = machineById(lab, '24');
    const instance = compute.instances[0]!;
    const { id, title, terminal } = await openWith('Alt+3', () => page.locator(`[role="row"][data-container="${instance.name}"]`).getByRole('button', { name: 'Terminal' }));
    expect(title).toBe(`lxc exec ${instance.name} on ${compute.hostname}`);
    await typeInto(terminal, 'hostname\n');
    await waitForLine(terminal, instance.displayName);
    opened.exiting = { id, title };
  });

  it('opens juju ssh to a machine from its card (the machine that refuses the engineer’s key)', async () => {
    const machine = lab.machines.find((candidate) => !candidate.userKeyAccepted) ?? machineById(lab, '23');
    const { title, terminal } = await openFromNodes(machine.id, `juju ssh ${machine.id}`);
    expect(title).toBe(`juju ssh ${machine.id} on ${lab.controller.hostname}`);
    await typeInto(terminal, 'hostname\n');
    await waitForLine(terminal, machine.hostname);
    expect(await page.getByRole('tab', { selected: true }).innerText()).toContain(`juju ssh ${machine.id}`);
  });

  it('shows an ended shell in its tab and pane, and Enter opens it again', async () => {
    await page.getByRole('tab', { name: new RegExp(machineById(lab, '24').instances[0]!.name) }).click();
    const terminal = pane(opened.exiting.id);
    await typeInto(terminal, 'exit 3\n');
    await expect.poll(() => terminal.getAttribute('data-state'), { timeout: OUTPUT_MS }).toBe('exited');
    await waitForLine(terminal, /ended with exit status 3; press Enter to open it again/);
    expect(await page.getByRole('tab', { selected: true }).innerText()).toContain('exited 3');
    expect(await terminal.getByRole('button', { name: 'Reopen' }).isVisible()).toBe(true);
    await typeInto(terminal, '\n');
    await expect.poll(() => terminal.getAttribute('data-state'), { timeout: SHELL_READY_MS }).toBe('running');
    expect(await page.getByRole('tab', { selected: true }).innerText()).toContain('running');
  });

  it('records a terminal as an asciicast v2 file that holds what was printed, and what was typed only when asked', async () => {
    await page.getByRole('tab', { name: containerTab() }).click();
    const terminal = pane(opened.container.id);
    await terminal.getByRole('button', { name: 'Record' }).click();
    const file = terminal.getByRole('textbox', { name: 'Recording file' });
    const path = await file.inputValue();
    expect(path).toMatch(/^~\/orangebox-recordings\/lxc-exec-instance-[0-9a-f]+-on-node\d+ob64-\d{8}-\d{6}\.cast$/);
    // What is typed is recorded only when asked, for this recording (off each time the form opens).
    const withKeys = terminal.getByRole('checkbox', { name: /Also record what I type/ });
    expect(await withKeys.isChecked()).toBe(false);
    await withKeys.check();
    await terminal.getByRole('button', { name: 'Start recording' }).click();
    await expect.poll(() => terminal.getByTestId('recording').isVisible()).toBe(true);
    expect(await terminal.getByTestId('recording').innerText()).toContain('KEYS');
    expect(await page.getByRole('tab', { selected: true }).getByLabel('recording').count()).toBe(1);
    await typeInto(terminal, `echo rec-$((1+1))-${mark}\n`);
    await waitForLine(terminal, `rec-2-${mark}`);
    await terminal.getByRole('button', { name: 'Stop recording' }).click();
    await expect.poll(() => terminal.getByTestId('recording').count()).toBe(0);

    const lines = (await readFile(join(home, path.slice(2)), 'utf8')).trimEnd().split('\n');
    const header = JSON.parse(lines[0]!);
    expect(header).toMatchObject({ version: 2, width: expect.any(Number), height: expect.any(Number) });
    const events = lines.slice(1).map((line) => JSON.parse(line) as unknown[]);
    for (const event of events) {
      expect(event).toHaveLength(3);
      expect(typeof event[0]).toBe('number');
      expect(['o', 'i', 'r']).toContain(event[1]);
      expect(typeof event[2]).toBe('string');
    }
    expect(events.filter((event) => event[1] === 'o').map((event) => event[2]).join('')).toContain(`rec-2-${mark}`);
    expect(events.filter((event) => event[1] === 'i').map((event) => event[2]).join('')).toContain(`echo rec-$((1+1))-${mark}`);
  });

  it('lists that recording in the Recordings view and plays it back', async () => {
    await page.keyboard.press('Alt+8');
    const entry = page.getByRole('button', { name: new RegExp(opened.container.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) }).first();
    await expect.poll(() => entry.isVisible(), { timeout: OUTPUT_MS }).toBe(true);
    await entry.click();
    const player = page.getByTestId('recording-player');
    await expect.poll(() => player.locator('.ap-player').count(), { timeout: OUTPUT_MS }).toBe(1);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'recordings-dark.png') });
    await page.keyboard.press('Alt+7');
  });

  it('finds text in the scrollback with Ctrl+Shift+F and exports the scrollback as text', async () => {
    const terminal = pane(opened.container.id);
    await terminal.locator('.xterm-helper-textarea').focus();
    await page.keyboard.press('Control+Shift+F');
    const search = terminal.getByRole('textbox', { name: 'Find in terminal' });
    await search.fill(`kept-${mark}`);
    await expect.poll(() => terminal.getByRole('search').innerText()).toMatch(/\d+ of [2-9]/);
    await search.press('Escape');
    await expect.poll(() => search.count()).toBe(0);

    const [download] = await Promise.all([page.waitForEvent('download'), terminal.getByRole('button', { name: 'Export' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^lxc-exec-instance-[0-9a-f]+-on-node\d+ob64-\d{8}-\d{6}\.txt$/);
    const text = await readFile((await download.path())!, 'utf8');
    expect(text).toContain(`before-kept-${mark}`);
    expect(text).toContain(`after-kept-${mark}`);
  });

  it('copies with Ctrl+Shift+C and pastes with Ctrl+Shift+V and from the context menu', async () => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.url });
    await page.getByRole('tab', { name: containerTab() }).click();
    const terminal = pane(opened.container.id);
    await typeInto(terminal, `clear; echo copy-$((5*5))-${mark}\n`);
    await waitForLine(terminal, `copy-25-${mark}`);
    await terminal.locator('.xterm-screen').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Select all' }).click();
    await terminal.locator('.xterm-helper-textarea').focus();
    await page.keyboard.press('Control+Shift+C');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain(`copy-25-${mark}`);
    await terminal.locator('.xterm-screen').click();

    await page.evaluate((text) => navigator.clipboard.writeText(text), `echo menu-$((6*6))-${mark}`);
    await terminal.locator('.xterm-screen').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Paste' }).click();
    // The clipboard is read asynchronously: Enter only once the text is on the command line.
    await waitForLine(terminal, new RegExp(`# echo menu-.*${mark}$`));
    await typeInto(terminal, '\n');
    await waitForLine(terminal, `menu-36-${mark}`);

    await page.evaluate((text) => navigator.clipboard.writeText(text), `echo keys-$((7*7))-${mark}`);
    await terminal.locator('.xterm-helper-textarea').focus();
    await page.keyboard.press('Control+Shift+V');
    await waitForLine(terminal, new RegExp(`# echo keys-.*${mark}$`));
    await typeInto(terminal, '\n');
    await waitForLine(terminal, `keys-49-${mark}`);
  });

  it('zooms the terminal font with Ctrl+= and Ctrl+-, refitting the columns, and Ctrl+0 resets it', async () => {
    await page.getByRole('tab', { name: containerTab() }).click();
    const terminal = pane(opened.container.id);
    const cols = Number(await terminal.getAttribute('data-cols'));
    await terminal.locator('.xterm-helper-textarea').focus();
    await page.keyboard.press('Control+=');
    await page.keyboard.press('Control+=');
    expect(await page.getByRole('group', { name: 'Terminal font size' }).innerText()).toContain('16 px');
    await expect.poll(async () => Number(await terminal.getAttribute('data-cols'))).toBeLessThan(cols);
    await page.keyboard.press('Control+-');
    expect(await page.getByRole('group', { name: 'Terminal font size' }).innerText()).toContain('15 px');
    await page.keyboard.press('Control+0');
    await expect.poll(async () => Number(await terminal.getAttribute('data-cols'))).toBe(cols);
    // The keys went to the console, not to the shell.
    expect(await screenText(terminal)).not.toMatch(/\^\[|=\s*$/m);
  });

  it('shows tabs and a split in both themes (screenshots)', async () => {
    await page.getByRole('tab', { name: containerTab() }).click();
    await page.getByRole('button', { name: 'Split right' }).click();
    await expect.poll(() => page.getByRole('tabpanel').locator('[data-terminal]').count(), { timeout: SHELL_READY_MS }).toBe(2);
    const split = page.getByRole('tabpanel').locator('[data-terminal]').nth(1);
    await expect.poll(() => split.getAttribute('data-state'), { timeout: SHELL_READY_MS }).toBe('running');
    await expect.poll(async () => /[#$]\s*$/m.test(await screenText(split)), { timeout: SHELL_READY_MS }).toBe(true);
    await typeInto(split, 'ls -la --color=always / | head -12\n');
    await waitForLine(split, /^total \d+/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'terminals-split-dark.png') });

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('radio', { name: 'Light' }).check();
    await page.getByRole('button', { name: 'Close settings' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await expect.poll(() => split.locator('.xterm-scrollable-element').evaluate((element) => getComputedStyle(element).backgroundColor)).toBe('rgb(255, 255, 255)');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'terminals-split-light.png') });
  });

  it('logged no console errors', () => {
    expect(consoleErrors).toEqual([]);
  });
});
