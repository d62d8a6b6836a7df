// Fault drills against the real lab, in Chromium through the browser host (issue 12 §6): each
// fault is put on one machine of the lab (or one of its namespaces) while the console is connected,
// and each drill checks that the page stays responsive (views switch while the fault is there),
// that the error is in words on the right machine and nowhere else, and that the console recovers
// once the fault is cleared. Every fault is undone in `finally` and again in afterAll.
// The drills and what each puts on the lab are listed in SECURITY.md (fault drills).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openConnectedConsole, type ConnectedConsole } from '../support/connected-console';
import { bringLabUp, dropEndpointSessions, takeEndpointDown } from '../support/lab-control';
import { cutLinkTo, denyLxdOn, loseInNamespace, slowLinkTo, removeLxcFrom, replaceLxcOn, restoreLinks, type UndoFault } from '../support/machine-faults';
import { allInstances, gatewayMachine, machineById } from '../lab/lab-manifest';

/** The drills' machine: a compute node with containers, reached through the controller. */
const MACHINE_ID = '24';
/** A refresh (periodic while Nodes is shown, or asked) shows a fault or its end within this. */
const REFRESH_SEEN_MS = 60_000;
/**
 * A dropped link shows once the commands on it time out (30 s) or the keepalives go unanswered
 * (45 s); then the next refresh reports it.
 */
const LINK_LOSS_SEEN_MS = 120_000;
/** A view switch while a fault is in place: a hang bound, not a timing (the figure is printed). */
const VIEW_SWITCH_MS = 10_000;
/** 20 pings at 0.2 s end well within this. */
const PING_DONE_MS = 60_000;
/** Half of what the router namespace sends is lost: 20 pings all through or all lost is 1 in 10^6. */
const LOSS_PERCENT = 50;
const PING_COUNT = 20;
/** The slow link's one-way delay: every round trip to the machine takes twice this. */
const LINK_DELAY_MS = 250;
/** The whole of a drill that brings the lab up again (up.sh took most of a minute under load). */
const DRILL_MS = 300_000;

let session: ConnectedConsole;
let page: Page;
const undoLater: UndoFault[] = [];

beforeAll(async () => {
  session = await openConnectedConsole({ name: 'fault-drills' });
  page = session.page;
  await page.keyboard.press('Alt+2');
  try {
    await page.locator(`[data-machine="${MACHINE_ID}"]`).waitFor({ timeout: REFRESH_SEEN_MS });
  } catch (error) {
    await session.screenshot('fault-drills-failed-start');
    throw error;
  }
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await session?.screenshot(`fault-drills-failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  // A drill that failed midway leaves its fault: undo it before the next one.
  for (const undo of undoLater.splice(0)) await undo().catch(() => undefined);
});

afterAll(async () => {
  for (const undo of undoLater.splice(0)) await undo().catch(() => undefined);
  await restoreLinks();
  await session?.close();
});

/** Puts a fault on and remembers how to take it off, whatever happens to the test. */
async function withFault(put: Promise<UndoFault>): Promise<UndoFault> {
  const undo = await put;
  let undone = false;
  const once = async () => {
    if (undone) return;
    undone = true;
    await undo();
  };
  undoLater.push(once);
  return once;
}

const card = (machineId = MACHINE_ID) => page.locator(`[data-machine="${machineId}"]`);
const failedProbe = (probeId: string, machineId = MACHINE_ID) => card(machineId).locator(`.read-failures li[data-failed-probe="${probeId}"]`);

async function refreshNodes(): Promise<void> {
  const button = page.locator('main').getByRole('button', { name: 'Refresh', exact: true });
  if (await button.isEnabled()) await button.click();
}

/** Switches to Overview and back to Nodes; returns how long the page took (printed, never asserted). */
async function switchViews(): Promise<number> {
  const started = Date.now();
  await page.keyboard.press('Alt+1');
  await expect.poll(() => page.locator('#view-title').innerText(), { timeout: VIEW_SWITCH_MS, message: 'Overview shown while the fault is in place' }).toBe('Overview');
  await page.keyboard.press('Alt+2');
  await expect.poll(() => page.locator('#view-title').innerText(), { timeout: VIEW_SWITCH_MS, message: 'Nodes shown while the fault is in place' }).toBe('Nodes');
  const took = Date.now() - started;
  console.log(`[fault drill] views switched and back in ${took} ms (load ${execFileSync('cat', ['/proc/loadavg']).toString().split(' ').slice(0, 3).join(' ')})`);
  return took;
}

/** The probe's failure on the drill's machine, its words; no other machine has it. */
async function expectFailureOnlyHere(probeId: string, words: RegExp): Promise<void> {
  await expect.poll(() => failedProbe(probeId).count(), { timeout: REFRESH_SEEN_MS, interval: 500, message: `${probeId} failed on machine ${MACHINE_ID}` }).toBe(1);
  expect(await failedProbe(probeId).innerText()).toMatch(words);
  for (const other of await page.locator('[data-machine]').all()) {
    const id = await other.getAttribute('data-machine');
    if (id !== MACHINE_ID) expect(await other.locator(`.read-failures li[data-failed-probe="${probeId}"]`).count(), `machine ${id}`).toBe(0);
  }
}

async function expectRecovered(probeId: string): Promise<void> {
  await refreshNodes();
  await expect.poll(() => failedProbe(probeId).count(), { timeout: REFRESH_SEEN_MS, interval: 500, message: `${probeId} read again on machine ${MACHINE_ID} once the fault was cleared` }).toBe(0);
  await expect.poll(() => card().locator('[data-probe="lxc-list"]').getAttribute('data-status'), { timeout: REFRESH_SEEN_MS }).toBe('ok');
}

describe('fault drills on the real lab', () => {
  it('LXD refuses the lab user (permission denied): the machine says what to do, the others read on', async () => {
    const machine = machineById(session.lab, MACHINE_ID);
    const undo = await withFault(denyLxdOn(machine));
    await refreshNodes();
    await expectFailureOnlyHere('lxc-list', new RegExp(`the lab user on ${machine.hostname} may not use LXD \\(add it to the lxd group\\): .*permission denied`));
    await switchViews();
    await card().scrollIntoViewIfNeeded();
    await session.screenshot('fault-drill-lxd-denied-dark');
    await undo();
    await expectRecovered('lxc-list');
  });

  it('lxc is not installed on the machine: said so, naming the machine', async () => {
    const machine = machineById(session.lab, MACHINE_ID);
    const undo = await withFault(removeLxcFrom(machine));
    await refreshNodes();
    await expectFailureOnlyHere('lxc-list', new RegExp(`lxc is not installed on ${machine.hostname} \\(.*lxc: command not found\\)`));
    await switchViews();
    await undo();
    await expectRecovered('lxc-list');
  });

  it('lxc prints bytes that are not UTF-8: the output is refused in words, nothing crashes', async () => {
    const undo = await withFault(replaceLxcOn(machineById(session.lab, MACHINE_ID), `printf '[{"name":"inst\\377\\376\\200","status":"Running"'; head -c 3000 /dev/urandom`));
    await refreshNodes();
    await expectFailureOnlyHere('lxc-list', /the output of `lxc list --format json` could not be read \(.+\)/);
    await switchViews();
    await undo();
    await expectRecovered('lxc-list');
  });

  it('lxc prints 100 MB: the console stops it at its limit and says so; the page stays responsive meanwhile', async () => {
    const undo = await withFault(replaceLxcOn(machineById(session.lab, MACHINE_ID), `yes '{"name": "runaway", "status": "Running"},' | head -c 100000000`));
    await refreshNodes();
    await switchViews(); // while the runaway output is being read
    await expectFailureOnlyHere('lxc-list', /the command printed more than 64 MB, the most the console reads of one command; it was stopped there/);
    await switchViews();
    await undo();
    await expectRecovered('lxc-list');
  }, DRILL_MS);

  it('the machine’s link is cut (its packets dropped): the machine is reported lost, the others read on, and it comes back', async () => {
    const machine = machineById(session.lab, MACHINE_ID);
    const undo = await withFault(cutLinkTo(machine));
    await refreshNodes();
    await switchViews(); // while commands hang on the dead link
    await expect
      .poll(async () => (await card().locator('.read-failures, .error[role="alert"]').allInnerTexts()).join('\n'), { timeout: LINK_LOSS_SEEN_MS, interval: 1000, message: 'the cut link reported on the machine' })
      .toMatch(/did not finish within \d+ s|connection .*lost|cannot be reached|timed out/i);
    for (const other of ['22', '26']) expect(await card(other).locator('.error[role="alert"]').count(), `machine ${other}`).toBe(0);
    await switchViews();
    await card().scrollIntoViewIfNeeded();
    await session.screenshot('fault-drill-link-cut-dark');
    await undo();
    await refreshNodes();
    await expect
      .poll(async () => (await card().locator('.read-failures, .error[role="alert"]').count()) === 0 && (await card().locator('[data-probe="lxc-list"]').getAttribute('data-status')) === 'ok', {
        timeout: LINK_LOSS_SEEN_MS,
        interval: 1000,
        message: 'the machine read again once its link was back',
      })
      .toBe(true);
  }, DRILL_MS);

  it('the machine’s link is slow (250 ms each way): the machine reads, slowly, while the page stays responsive', async () => {
    const machine = machineById(session.lab, MACHINE_ID);
    const { relay, undo } = await slowLinkTo(machine, LINK_DELAY_MS);
    undoLater.push(undo);
    // The console's connection to the machine was made before: it comes back through the slow link.
    await dropEndpointSessions(machine);
    await refreshNodes();
    await switchViews(); // while the machine is read over the slow link
    const chip = card().locator('[data-probe="lxc-list"]');
    const slowRead = async () => (await chip.getAttribute('data-status')) === 'ok' && relay.connections > 0 && Number.parseInt((await chip.locator('.time').textContent()) ?? '0', 10) >= 2 * LINK_DELAY_MS;
    await expect.poll(slowRead, { timeout: LINK_LOSS_SEEN_MS, interval: 1000, message: 'lxc list read over the slow link, taking at least one round trip' }).toBe(true);
    console.log(`[fault drill] slow link: lxc list on machine ${MACHINE_ID} read in ${await chip.locator('.time').textContent()} over ${relay.connections} relayed connection(s)`);
    expect(await card().locator('.read-failures').count()).toBe(0);
    await switchViews();
    undoLater.splice(undoLater.indexOf(undo), 1);
    await undo();
    await dropEndpointSessions(machine);
    await expectRecovered('lxc-list');
  }, DRILL_MS);

  it('the machine’s sshd dies: the card says it cannot be reached; once it is back, it reads again', async () => {
    const machine = machineById(session.lab, MACHINE_ID);
    undoLater.push(bringLabUp);
    await takeEndpointDown(machine);
    await refreshNodes();
    await expect.poll(() => card().locator('.error[role="alert"]').allInnerTexts(), { timeout: LINK_LOSS_SEEN_MS, interval: 1000, message: 'the dead sshd reported on the machine' }).toContainEqual(expect.stringMatching(/machine 24 cannot be reached/));
    await switchViews();
    undoLater.splice(undoLater.indexOf(bringLabUp), 1);
    await bringLabUp();
    await refreshNodes();
    await expect.poll(() => card().locator('.error[role="alert"]').count(), { timeout: LINK_LOSS_SEEN_MS, interval: 1000, message: 'the machine read again once its sshd was back' }).toBe(0);
  }, DRILL_MS);

  // This machine's kernel has no netem: loss is put on (nftables, random), delay cannot be.
  it('packet loss inside the router namespace: pings from it show the loss in numbers, then recover', async () => {
    const lab = session.lab;
    const target = allInstances(lab)[0]!.fixedAddress;
    const source = `${lab.gateway.router.namespace} on ${gatewayMachine(lab).hostname}`;
    const undo = await withFault(loseInNamespace(lab.gateway.router.namespace, LOSS_PERCENT));
    await page.keyboard.press('Alt+6');
    const setup = page.getByRole('form', { name: 'Ping setup' });
    await setup.getByRole('option', { name: source }).waitFor({ state: 'attached', timeout: REFRESH_SEEN_MS });
    const ping = async () => {
      await setup.getByLabel('Source').selectOption({ label: source });
      for (const box of await setup.getByRole('checkbox').all()) await box.uncheck();
      await setup.getByLabel('Other addresses or host names').fill(target);
      await setup.getByLabel('Count').fill(String(PING_COUNT));
      await setup.getByLabel('Interval (s)').fill('0.2');
      await setup.getByRole('button', { name: /^Start ping/ }).click();
      const row = page.locator(`table[aria-label="Ping statistics per target"] tr[data-target="${target}"]`);
      await expect.poll(() => row.getAttribute('data-outcome'), { timeout: PING_DONE_MS, interval: 500, message: 'the ping run ended' }).not.toMatch(/^(queued|running)$/);
      await expect.poll(() => row.locator('[data-testid="loss"]').innerText(), { timeout: PING_DONE_MS, interval: 500 }).toMatch(/%$/);
      const cells = await row.locator('td').allInnerTexts();
      return { loss: Number.parseFloat(cells[2]!), avg: Number.parseFloat(cells[4]!), outcome: await row.getAttribute('data-outcome') };
    };
    const degraded = await ping();
    console.log(`[fault drill] ${LOSS_PERCENT}% dropped in the router namespace: loss shown ${degraded.loss}% of ${PING_COUNT}, outcome ${degraded.outcome}`);
    expect(degraded.loss).toBeGreaterThan(0);
    expect(degraded.loss).toBeLessThan(100);
    expect(degraded.outcome).toBe('partial-loss');
    await session.screenshot('fault-drill-loss-dark');
    await undo();
    const clear = await ping();
    expect(clear.loss).toBe(0);
    expect(clear.outcome).toBe('ok');
    await page.keyboard.press('Alt+2');
  }, DRILL_MS);

  it('the recordings folder fills up, or is read-only: the pane says so, the file plays, the settings are whole', async () => {
    const folders = join(session.home, 'drill-folders');
    const full = join(folders, 'full');
    const readOnly = join(folders, 'read-only');
    await mkdir(full, { recursive: true });
    await mkdir(readOnly, { recursive: true });
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=0700', 'obx-drill-full', full]);
    undoLater.push(async () => void execFileSync('umount', [full]));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k,mode=0700', 'obx-drill-ro', readOnly]);
    undoLater.push(async () => void execFileSync('umount', [readOnly]));

    await page.keyboard.press('Alt+7');
    await page.getByRole('button', { name: 'Local shell', exact: true }).first().click();
    const terminal = page.locator('[data-terminal]').last();
    await expect.poll(() => terminal.getAttribute('data-state'), { timeout: REFRESH_SEEN_MS, message: 'the local shell running' }).toBe('running');

    // Read-only: refused when Record is pressed, in words, in the form.
    await terminal.getByRole('button', { name: 'Record' }).click();
    await terminal.getByRole('textbox', { name: 'Recording file' }).fill(join(readOnly, 'drill.cast'));
    await terminal.getByRole('button', { name: 'Start recording' }).click();
    await expect.poll(() => terminal.getByRole('alert').innerText(), { timeout: VIEW_SWITCH_MS }).toContain('the folder is on a read-only file system');
    await terminal.getByRole('button', { name: 'Cancel' }).click();

    // Full: the recording stops by itself and says why; the shell goes on.
    const path = join(full, 'drill.cast');
    await terminal.getByRole('button', { name: 'Record' }).click();
    await terminal.getByRole('textbox', { name: 'Recording file' }).fill(path);
    await terminal.getByRole('button', { name: 'Start recording' }).click();
    await terminal.getByTestId('recording').waitFor({ timeout: VIEW_SWITCH_MS });
    await terminal.locator('.xterm-helper-textarea').focus();
    await page.keyboard.type(`head -c 400000 /dev/zero | tr '\\0' x | fold -w 99; echo drill-$((40+2))\n`);
    await expect.poll(() => terminal.getByTestId('recording-stopped').innerText(), { timeout: REFRESH_SEEN_MS, message: 'the pane never said the recording stopped' }).toBe('REC stopped: the disk is full');
    expect(await terminal.getByTestId('recording').count()).toBe(0);
    await switchViews();
    await page.keyboard.press('Alt+7');
    await session.screenshot('fault-drill-recording-disk-full-dark');
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    expect(JSON.parse(lines[0]!)).toMatchObject({ version: 2 });
    for (const line of lines.slice(1)) expect(Array.isArray(JSON.parse(line))).toBe(true);
    // The console's own settings file is whole (it lives elsewhere, and is written atomically).
    expect(() => JSON.parse(execFileSync('cat', [join(session.home, 'state.json')]).toString())).not.toThrow();
  }, DRILL_MS);

  it('logged no console errors', () => {
    expect(session.consoleErrors).toEqual([]);
  });
});
