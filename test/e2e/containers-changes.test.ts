// The Containers view marks what a refresh changed, in Chromium against the real lab: a Juju
// container on machine 22 is stopped with `lxc` in that machine's LXD project, the lab is
// refreshed from the palette while the view is open, and exactly that row's state and address
// cells are highlighted (no other cell), until the highlight lets go; started again, the same
// cells are highlighted once more. The container is started again whatever happens.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import type { Page } from 'playwright-core';
import { openConnectedConsole, type ConnectedConsole } from '../support/connected-console';
import type { LabJujuContainer } from '../lab/lab-manifest';

/** Connecting and the first reading of every machine's containers finish within this on the lab. */
const INVENTORY_READ_MS = 30_000;
/** A refresh of the lab (started from the palette) reads every machine well within this. */
const REFRESH_MS = 20_000;
/** The view keeps a change highlighted for a few seconds; this bounds waiting for it to let go. */
const HIGHLIGHT_GONE_MS = 15_000;
/** `lxc stop --force` / `lxc start` of a busybox container, and its static address coming up. */
const LXC_MS = 30_000;

let session: ConnectedConsole;
let page: Page;
let container: LabJujuContainer;
/** Set while this file has the container stopped: afterAll starts it again if a test failed meanwhile. */
let containerStopped = false;

function lxc(...args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('lxc', [...args, '--project', container.lxdProject], { timeout: LXC_MS }, (error, stdout, stderr) =>
      error ? reject(new Error(`lxc ${args.join(' ')}: ${stderr.trim() || error.message}`)) : resolve(stdout),
    );
  });
}

/** The container's state and IPv4 addresses as LXD itself says them (not through the console). */
async function lxdSays(): Promise<{ state: string; ipv4: string[] }> {
  const [instance] = JSON.parse(await lxc('list', `^${container.name}$`, '--format', 'json')) as {
    status: string;
    state: { network?: Record<string, { addresses: { family: string; address: string }[] }> } | null;
  }[];
  const networks = Object.entries(instance?.state?.network ?? {}).filter(([name]) => name !== 'lo');
  return { state: instance?.status ?? 'missing', ipv4: networks.flatMap(([, network]) => network.addresses.filter((address) => address.family === 'inet').map((address) => address.address)) };
}

/** Starts the container and waits until it has its static address back: the lab as it was. */
async function startContainerAgain(): Promise<void> {
  if ((await lxdSays()).state !== 'Running') await lxc('start', container.name);
  await expect.poll(lxdSays, { timeout: LXC_MS, message: `${container.name} running with ${container.address} again` }).toEqual({ state: 'Running', ipv4: [container.address] });
  containerStopped = false;
}

beforeAll(async () => {
  session = await openConnectedConsole({ name: 'containers-changes', colorScheme: 'dark' });
  page = session.page;
  container = session.lab.juju.containers.find((candidate) => candidate.hostMachineId === '22') ?? session.lab.juju.containers[0]!;
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await session?.screenshot(`containers-changes-failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  try {
    if (containerStopped) await startContainerAgain();
  } finally {
    await session?.close();
  }
});

const row = () => page.locator(`[role="row"][data-container="${container.name}"]`);
const stateCell = () => row().locator('[role="cell"].state');

/**
 * "container field" for every highlighted cell in the table, in page order; " (not seen)" after
 * one that does not show it: coloured like the rest of its row (its Type cell), or less than a line
 * of its text tall (an empty cell, such as the address of a container that stopped).
 */
const highlighted = () =>
  page.locator('[role="table"][aria-label="Containers"] [role="cell"].changed').evaluateAll((cells) =>
    cells.map((cell) => {
      const row = cell.closest<HTMLElement>('[role="row"]')!;
      const field = [...cell.classList].find((name) => name !== 'cell' && name !== 'changed');
      const style = getComputedStyle(cell);
      const plain = row.querySelector('[role="cell"].type');
      const coloured = !plain || style.backgroundColor !== getComputedStyle(plain).backgroundColor;
      const tall = cell.getBoundingClientRect().height >= parseFloat(style.lineHeight) - 0.5;
      return `${row.dataset.container} ${field}${coloured && tall ? '' : ' (not seen)'}`;
    }),
  );

async function refreshFromPalette(): Promise<void> {
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await page.keyboard.press('Control+k');
  await palette.waitFor();
  await palette.getByRole('combobox').fill('refresh');
  const best = palette.getByRole('option', { selected: true });
  await expect.poll(async () => ((await best.count()) > 0 ? best.locator('.title').innerText() : ''), { message: 'the palette offers Refresh inventory first' }).toBe('Refresh inventory');
  await page.keyboard.press('Enter');
  await palette.waitFor({ state: 'detached' });
}

/** Waits until the highlight has faded in (its CSS transition is over), so a picture shows it whole. */
async function highlightSettled(): Promise<void> {
  await expect
    .poll(() => page.locator('[role="cell"].changed').evaluateAll((cells) => cells.every((cell) => cell.getAnimations().length === 0)), { message: 'the highlight’s transition over' })
    .toBe(true);
}

describe('changed cells in the Containers view', () => {
  it('highlights exactly the state and address of a container stopped in the lab, then lets go', async () => {
    await page.keyboard.press('Alt+3');
    await expect.poll(() => stateCell().innerText().catch(() => ''), { timeout: INVENTORY_READ_MS, message: `${container.name} shown RUNNING` }).toBe('RUNNING');
    expect(await row().locator('[role="cell"].ipv4').innerText()).toContain(container.address);
    // A refresh that changes nothing (the periodic one, meanwhile) highlights nothing.
    await expect.poll(highlighted, { timeout: HIGHLIGHT_GONE_MS, message: 'no cell highlighted before the lab changes' }).toEqual([]);
    for (const dismiss of await page.getByRole('button', { name: 'Dismiss', exact: true }).all()) await dismiss.click().catch(() => undefined);

    // Every state the row shows from now on, noted as it changes (a refresh streams in piece by piece).
    await page.evaluate((name) => {
      const seen: string[] = [];
      (window as unknown as { obxStatesSeen: string[] }).obxStatesSeen = seen;
      const note = () => {
        const text = document.querySelector(`[role="row"][data-container="${name}"] [role="cell"].state`)?.textContent?.trim();
        if (text && seen.at(-1) !== text) seen.push(text);
      };
      note();
      new MutationObserver(note).observe(document.querySelector('[role="table"][aria-label="Containers"]')!, { childList: true, subtree: true, characterData: true });
    }, container.name);

    containerStopped = true;
    await lxc('stop', '--force', container.name);
    expect((await lxdSays()).state).toBe('Stopped');
    await refreshFromPalette();
    await expect.poll(highlighted, { timeout: REFRESH_MS, message: `only ${container.name}'s state and IPv4 highlighted, and seen` }).toEqual([`${container.name} state`, `${container.name} ipv4`]);
    expect(await stateCell().innerText()).toBe('STOPPED');
    expect(await row().locator('[role="cell"].ipv4').innerText()).not.toContain(container.address);
    await highlightSettled();
    await session.screenshot('containers-changed-dark');

    // The highlight lets go after a while, though the refresh kept bringing readings in after the change.
    await expect.poll(highlighted, { timeout: HIGHLIGHT_GONE_MS, message: 'the highlight gone' }).toEqual([]);
    await page.getByTestId('refresh-progress').waitFor({ state: 'detached', timeout: REFRESH_MS });
    expect(await stateCell().innerText()).toBe('STOPPED');
    // Once read as stopped, the row never showed the older reading again while the refresh went on.
    expect(await page.evaluate(() => (window as unknown as { obxStatesSeen: string[] }).obxStatesSeen)).toEqual(['RUNNING', 'STOPPED']);
  });

  it('highlights the same cells again when the container is started, with its address back', async () => {
    await startContainerAgain();
    await refreshFromPalette();
    // A periodic refresh may have caught it running before its address was up: then the state and
    // the address changed in two refreshes, and the address is what the last one highlights.
    const ours = [`${container.name} state`, `${container.name} ipv4`];
    await expect
      .poll(async () => (await stateCell().innerText()) === 'RUNNING' && (await highlighted()).includes(`${container.name} ipv4`), { timeout: REFRESH_MS, message: `${container.name} RUNNING, its IPv4 highlighted` })
      .toBe(true);
    expect((await highlighted()).filter((cell) => !ours.includes(cell))).toEqual([]);
    expect(await row().locator('[role="cell"].ipv4').innerText()).toContain(container.address);
    await expect.poll(highlighted, { timeout: HIGHLIGHT_GONE_MS, message: 'the highlight gone' }).toEqual([]);
  });

  it('logged no console errors', () => {
    expect(session.consoleErrors).toEqual([]);
  });
});
