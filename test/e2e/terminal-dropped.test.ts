// A terminal whose SSH connection drops, in Chromium against the real lab: a shell on machine 22
// is open in the page when that machine's sshd (the listener and every connection it forked) is
// killed; the page says the connection was lost and that Enter reconnects; once the sshd is back,
// Enter in the terminal opens a working shell on the same machine again. (The core's side of this
// is test/lab/terminal-sessions.test.ts.)
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { openConnectedConsole, type ConnectedConsole } from '../support/connected-console';
import { bringLabUp, takeEndpointDown } from '../support/lab-control';
import { machineById } from '../lab/lab-manifest';

/** A remote shell (SSH to the machine, a login shell) is up well within this. */
const SHELL_READY_MS = 20_000;
/** Output of a command typed into a running shell. */
const OUTPUT_MS = 10_000;
/** The core notices a connection whose server went away (the TCP connection closes) within this. */
const DROP_NOTICED_MS = 20_000;
/**
 * The whole drill: open a shell, take the sshd down, bring the lab up again (up.sh checks every
 * machine; it alone took most of a minute on a loaded 2-core machine), reconnect. A hang bound.
 */
const DRILL_MS = 300_000;
/** The machine whose sshd goes down under the terminal: a compute node the engineer's key reaches. */
const MACHINE_ID = '22';

let lab: ConnectedConsole;
let page: Page;
/** Set while this file has the machine's sshd down: afterAll brings it back if a test failed meanwhile. */
let machineDown = false;
const mark = randomBytes(3).toString('hex');

beforeAll(async () => {
  lab = await openConnectedConsole({ name: 'terminal-dropped', colorScheme: 'dark' });
  page = lab.page;
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await lab?.screenshot(`terminal-dropped-failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  try {
    if (machineDown) await bringLabUp();
  } finally {
    await lab?.close();
  }
});

/** What the terminal shows now (the DOM renderer's rows), one string per line. */
const screenLines = async (terminal: Locator) => (await terminal.locator('.xterm-rows').innerText()).replace(/\u00a0/g, ' ').split('\n').map((line) => line.trimEnd());

async function typeInto(terminal: Locator, text: string): Promise<void> {
  await terminal.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type(text);
}

async function waitForLine(terminal: Locator, expected: string | RegExp, timeout = OUTPUT_MS): Promise<void> {
  const matches = (line: string) => (typeof expected === 'string' ? line === expected : expected.test(line));
  await expect.poll(async () => (await screenLines(terminal)).some(matches), { timeout, message: `a line ${String(expected)} in the terminal` }).toBe(true);
}

/** A shell answers when its last line is a prompt. */
async function waitForPrompt(terminal: Locator): Promise<void> {
  await expect
    .poll(async () => /[#$] ?$/.test((await screenLines(terminal)).filter((line) => line !== '').at(-1) ?? ''), { timeout: SHELL_READY_MS, message: 'a shell prompt on the terminal’s last line' })
    .toBe(true);
}

describe('a terminal whose SSH connection drops', () => {
  it('says the connection was lost when the machine’s sshd dies under it, and Enter reconnects once it is back', async () => {
    const machine = machineById(lab.lab, MACHINE_ID);
    // Open a login shell on the machine from its card in Nodes.
    await page.keyboard.press('Alt+2');
    const shellButton = page.locator(`[data-machine="${MACHINE_ID}"]`).getByRole('button', { name: /^Shell on/ });
    await expect.poll(() => shellButton.isEnabled(), { timeout: 30_000, message: `the Shell button of machine ${MACHINE_ID} enabled` }).toBe(true);
    await shellButton.click();
    await expect.poll(() => page.locator('#view-title').innerText(), { message: 'the Terminals view shown' }).toBe('Terminals');
    const terminal = page.locator('[data-terminal]').first();
    await expect.poll(() => terminal.getAttribute('data-state'), { timeout: SHELL_READY_MS, message: 'the terminal running' }).toBe('running');
    await waitForPrompt(terminal);
    await typeInto(terminal, `export OBX_DROP=set-${mark}; hostname; echo "before-$((20+2))-$OBX_DROP"\n`);
    await waitForLine(terminal, machine.hostname);
    await waitForLine(terminal, `before-22-set-${mark}`);

    // The machine goes away: its sshd and the connections it forked (the console's among them).
    machineDown = true;
    try {
      await takeEndpointDown(machine);
      await expect.poll(() => terminal.getAttribute('data-state'), { timeout: DROP_NOTICED_MS, message: 'the terminal disconnected' }).toBe('disconnected');
      await waitForLine(terminal, /^\[connection lost: .+/);
      await waitForLine(terminal, `[press Enter to reconnect to the same shell on machine ${MACHINE_ID}]`);
      // What came before stays on the screen above the notice.
      expect(await screenLines(terminal)).toContain(`before-22-set-${mark}`);
      // The pane and its tab say so too, and offer the same as Enter.
      expect(await terminal.locator('header .state').innerText()).toBe('disconnected');
      expect(await page.getByRole('tab', { selected: true }).innerText()).toContain('disconnected');
      expect(await terminal.getByRole('button', { name: 'Reopen' }).isVisible()).toBe(true);
      for (const dismiss of await page.getByRole('button', { name: 'Dismiss', exact: true }).all()) await dismiss.click().catch(() => undefined);
      await lab.screenshot('terminal-connection-dropped-dark');
    } finally {
      await bringLabUp();
      machineDown = false;
    }

    // The machine is back: Enter in the same terminal opens the same shell target again.
    await typeInto(terminal, '\n');
    await expect.poll(() => terminal.getAttribute('data-state'), { timeout: SHELL_READY_MS, message: 'the terminal running again' }).toBe('running');
    expect(await terminal.getByRole('button', { name: 'Reopen' }).count()).toBe(0);
    await waitForPrompt(terminal);
    await typeInto(terminal, `echo "after-$((20+3))-\${OBX_DROP:-unset}"; hostname\n`);
    // A new shell (the old one's variable is gone) on the same machine (its hostname is the machine's).
    await waitForLine(terminal, 'after-23-unset');
    expect((await screenLines(terminal)).filter((line) => line === machine.hostname).length).toBeGreaterThanOrEqual(2);
    expect(await page.getByRole('tab', { selected: true }).innerText()).toContain('running');
  }, DRILL_MS);

  it('logged no console errors', () => {
    expect(lab.consoleErrors).toEqual([]);
  });
});
