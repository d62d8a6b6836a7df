// A snapshot opened at start (`orangebox-console web --snapshot FILE`, as `npm run web -- --snapshot
// FILE` runs it) in Chromium: no lab saved, none reachable needed. The banner says which snapshot on
// every view, the views are filled from the recorded outputs, and what needs a live lab (Refresh,
// terminals, pings) is disabled and says why. Disconnect goes back to the live labs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, SCREENSHOT_DIR } from '../support/chromium';
import { startWebHostProcess, type WebHostProcess } from '../support/web-host-process';
import { encodeSnapshot as writeSnapshotBytes, writeSnapshotFile } from '../../electron/snapshots/snapshot-file';
import { HAND_MADE_LAB, handMadeSnapshot } from '../support/hand-made-snapshot';

/** The player loads (its WebAssembly terminal) and shows a short recording's text within this. */
const PLAYBACK_MS = 20_000;
/** A terminal recorded into the snapshot: `lxc exec instance-0000000c` showing its interface. */
const RECORDED_LINE = '2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 inet 198.51.100.39/24';
const RECORDING = {
  name: 'instance-0000000c.cast',
  title: 'lxc exec instance-0000000c on node03ob64',
  cast: `${JSON.stringify({ version: 2, width: 100, height: 10, timestamp: 1764579600, title: 'lxc exec instance-0000000c on node03ob64' })}\n[0.1, "o", "root@instance-0000000c:~# ip a\\r\\n"]\n[0.4, "o", ${JSON.stringify(`${RECORDED_LINE}\r\n`)}]\n`,
};

/** What a snapshot disables says this (renderer/state/live-lab.ts). */
const READ_ONLY = /^A snapshot is read-only: this needs a live lab\./;

let home: string;
let file: string;
let host: WebHostProcess;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'obx-e2e-snapshot-'));
  file = join(home, 'walkthrough.obxsnap');
  await writeSnapshotFile(file, { ...handMadeSnapshot(), recordings: [RECORDING] });
  host = await startWebHostProcess(['--port', '0', '--state', join(home, 'state.json'), '--snapshot', file], { ...process.env, HOME: home, SSH_AUTH_SOCK: '' });
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
  page = await context.newPage();
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(host.urlWithToken);
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await rm(home, { recursive: true, force: true });
});

const shoot = (name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
const banner = () => page.getByTestId('snapshot-banner');
const view = (name: string) => page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: new RegExp(`^${name}`) }).click();

describe('a snapshot opened with web --snapshot', () => {
  it('says at start which snapshot it shows, and opens on it rather than on "connect a lab"', async () => {
    expect(host.output()).toContain(`Showing the snapshot ${file}, read-only.`);
    await banner().waitFor();
    expect(await banner().innerText()).toMatch(new RegExp(`Snapshot of ${HAND_MADE_LAB} taken`));
    expect(await page.getByTestId('connection-state').innerText()).toContain('Snapshot (read-only)');
    expect(await page.getByRole('heading', { name: 'Connect to a lab' }).count()).toBe(0);
  });

  it('fills Overview with the recorded Juju model', async () => {
    await view('Overview');
    await expect.poll(() => page.locator('.content').innerText()).toMatch(/Model default · controller maas/);
    await expect.poll(() => page.locator('[data-unit-row="nova-compute/0"]').count()).toBeGreaterThan(0);
    expect(await banner().isVisible()).toBe(true);
    await shoot('snapshot-overview-dark');
  });

  it('fills Nodes with the recorded machines; Refresh and every terminal are disabled and say why', async () => {
    await view('Nodes');
    const card = page.locator('article[data-machine="22"]');
    await card.waitFor();
    expect(await card.innerText()).toContain('node03ob64');
    expect(await page.locator('article[data-machine="21"]').innerText()).toContain('machine 21 cannot be reached');
    const refresh = page.getByRole('button', { name: 'Refresh', exact: true });
    expect(await refresh.isDisabled()).toBe(true);
    expect(await refresh.getAttribute('title')).toMatch(READ_ONLY);
    const shell = card.getByRole('button', { name: 'Shell on node03ob64' });
    expect(await shell.isDisabled()).toBe(true);
    expect(await shell.getAttribute('title')).toMatch(READ_ONLY);
    for (const button of await card.getByRole('button', { name: /^Terminal in / }).all()) expect(await button.isDisabled()).toBe(true);
    expect(await page.getByText(/Read when the snapshot was taken/).isVisible()).toBe(true);
    await shoot('snapshot-nodes-dark');
  });

  it('fills Containers from the recorded lxc list; a terminal and a ping are disabled and say why', async () => {
    await view('Containers');
    const terminal = page.getByRole('button', { name: 'Terminal in instance-00000012' });
    await terminal.waitFor();
    expect(await terminal.isDisabled()).toBe(true);
    expect(await terminal.getAttribute('title')).toMatch(READ_ONLY);
    await page.getByRole('button', { name: 'More actions for instance-00000012' }).click();
    const ping = page.getByRole('menuitem', { name: /^Ping/ });
    await ping.waitFor();
    expect(await ping.isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    await shoot('snapshot-containers-dark');
  });

  it('keeps Diagnostics from pinging, saying why', async () => {
    await view('Diagnostics');
    const start = page.getByRole('button', { name: /^Start ping/ });
    await start.waitFor();
    expect(await start.isDisabled()).toBe(true);
    expect(await start.getAttribute('title')).toMatch(READ_ONLY);
    expect(await page.getByRole('button', { name: /^Run matrix/ }).isDisabled()).toBe(true);
    expect(await page.getByTestId('snapshot-runs-note').isVisible()).toBe(true);
    await shoot('snapshot-diagnostics-dark');
  });

  it('lists the terminal recording the snapshot carries, and plays it', async () => {
    await view('Recordings');
    const item = page.locator(`li[data-recording="${file}/${RECORDING.name}"]`);
    await item.waitFor();
    expect(await item.innerText()).toMatch(/in the snapshot/i);
    await item.getByRole('button').first().click();
    const player = page.getByTestId('recording-player');
    await expect.poll(() => player.locator('.ap-player').count(), { timeout: PLAYBACK_MS }).toBe(1);
    await player.locator('.ap-player').click();
    await expect.poll(() => player.locator('.ap-player').innerText(), { timeout: PLAYBACK_MS }).toContain('inet 198.51.100.39/24');
    await shoot('snapshot-recordings-dark');
  });

  it('shows the banner on every view, Terminals included', async () => {
    await view('Terminals');
    expect(await banner().isVisible()).toBe(true);
  });

  it('reads in the light theme too', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await view('Nodes');
    await page.locator('article[data-machine="22"]').waitFor();
    await shoot('snapshot-nodes-light');
    await page.emulateMedia({ colorScheme: 'dark' });
  });

  it('Disconnect leaves the snapshot for the live labs', async () => {
    await banner().getByRole('button', { name: 'Disconnect' }).click();
    await expect.poll(() => banner().count()).toBe(0);
    await expect.poll(() => page.getByTestId('connection-state').innerText()).toContain('No lab');
    expect(consoleErrors).toEqual([]);
  });

  it('opens a snapshot chosen from this computer, keeps a copy in the snapshots folder, and lists it as recent', async () => {
    await page.getByRole('combobox', { name: 'Lab' }).selectOption('__manage__');
    await page.getByLabel('Choose a snapshot file from this computer').setInputFiles({ name: 'chosen.obxsnap', mimeType: 'application/zip', buffer: await readFile(file) });
    await expect.poll(() => banner().innerText(), { message: 'the chosen snapshot never opened' }).toMatch(new RegExp(`Snapshot of ${HAND_MADE_LAB} taken`));
    const kept = join(home, 'OrangeBox snapshots', 'chosen.obxsnap');
    expect((await readFile(kept)).equals(await readFile(file)), 'the kept copy differs from the file chosen').toBe(true);
    await view('Nodes');
    await expect.poll(() => page.locator('article[data-machine]').count()).toBeGreaterThan(1);
    await banner().getByRole('button', { name: 'Disconnect' }).click();
    await expect.poll(() => page.getByRole('combobox', { name: 'Lab' }).locator('optgroup[label="Recent snapshots"] option').allInnerTexts()).toContainEqual(expect.stringContaining('chosen.obxsnap'));
  });

  it('opens a snapshot dropped on any view; another file dropped is refused in words and the page stays', async () => {
    await view('Recordings');
    const dropOn = (selector: string, name: string, base64: string) =>
      page.evaluate(
        ({ selector, name, base64 }) => {
          // A drop as the browser delivers it: a DataTransfer carrying a File.
          const transfer = new DataTransfer();
          transfer.items.add(new File([Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))], name));
          const target = document.querySelector(selector)!;
          target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
          target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
        },
        { selector, name, base64 },
      );
    const before = page.url();
    await dropOn('main.content', 'minutes.txt', Buffer.from('meeting minutes').toString('base64'));
    await expect.poll(() => page.getByText('minutes.txt: only a snapshot (.obxsnap) opens when dropped here').count(), { message: 'no word about the file that is not a snapshot' }).toBe(1);
    expect(page.url()).toBe(before);

    const dropped = await writeSnapshotBytes({ ...handMadeSnapshot({ labName: 'Dropped lab' }) });
    // Dropped on the Recordings view, which takes .cast files itself: a snapshot still opens as the lab.
    await dropOn('section.recordings', 'dropped.obxsnap', dropped.toString('base64'));
    await expect.poll(() => banner().innerText(), { message: 'the dropped snapshot never opened' }).toMatch(/Snapshot of Dropped lab taken/);
    expect(await page.getByRole('list', { name: 'Recordings' }).or(page.locator('.recordings .error')).filter({ hasText: 'dropped.obxsnap' }).count()).toBe(0);
    // The recording of the snapshot left no longer plays: the new one has none.
    await expect.poll(() => page.locator('section.recordings').innerText(), { message: 'the last snapshot\'s recording still shown' }).toContain('Choose a recording to play it.');
    await shoot('snapshot-dropped-dark');
    expect(consoleErrors).toEqual([]);
  });
});
