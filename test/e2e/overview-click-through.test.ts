// Every object of the Overview leads somewhere, in Chromium against the real lab: an application's
// row opens its detail (units marked, onward to a unit's row and a machine's node), a relation's
// ends lead to their applications, a machine's and a Juju container's rows open a shell there,
// and the command palette brings a unit, a Juju machine and a relation into view, focused, even
// when the table is too short to show them all. Checked against what the lab's `juju` answers on
// its controller and the lab's manifest; axe finds nothing serious; screenshots of each.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SCREENSHOT_DIR } from '../support/chromium';
import { blockingViolations } from '../support/accessibility';
import { openConnectedConsole, type ConnectedConsole } from '../support/connected-console';
import { parseJujuStatus } from '../../electron/probes/parsers/juju-status';
import type { JujuStatus } from '../../electron/contract/lab-model';
import { LabSsh } from '../lab/lab-ssh';

/** The first refresh reads juju status within this on the lab (a few seconds on a busy machine). */
const MODEL_SHOWN_MS = 30_000;
/** A remote shell (SSH, then lxc exec) is up well within this. */
const SHELL_READY_MS = 20_000;
/** Output of a command typed into a running shell. */
const OUTPUT_MS = 10_000;
/** A window so short that the units table cannot show all of the lab's units at once. */
const SHORT_WINDOW = { width: 1440, height: 560 };
const NORMAL_WINDOW = { width: 1440, height: 900 };

let lab: ConnectedConsole;
let page: Page;
let juju: JujuStatus;

beforeAll(async () => {
  lab = await openConnectedConsole({ name: 'overview-click-through', colorScheme: 'dark' });
  page = lab.page;
  const ssh = await LabSsh.connect(lab.lab.controller, lab.lab.user, lab.lab.userKey);
  try {
    juju = parseJujuStatus(await ssh.run('juju status --format=json')).value;
  } finally {
    ssh.end();
  }
  await showView('Overview');
  await page.getByRole('table', { name: 'Units', exact: true }).waitFor({ timeout: MODEL_SHOWN_MS });
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await page?.screenshot({ path: join(SCREENSHOT_DIR, `overview-click-through-failed-${task.name.slice(0, 40).replace(/\W+/g, '-')}.png`) });
  if (await page?.getByRole('dialog', { name: 'Command palette' }).isVisible()) await page.keyboard.press('Escape');
  await page?.setViewportSize(NORMAL_WINDOW);
});

afterAll(async () => {
  await lab?.close();
});

const heading = () => page.locator('main h1').first().innerText({ timeout: 2000 }).catch(() => '');
const showView = async (name: string) => page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: new RegExp(`^${name}`) }).click();
const applicationRow = (name: string) => page.locator(`tr[data-application-row="${name}"]`);
const unitRow = (name: string) => page.locator(`[data-unit-row="${name}"]`);
const machineRow = (id: string) => page.locator(`[data-machine-row="${id}"]`);
/** What has the keyboard: its row's data attributes, to say which row it is. */
const focused = () =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    const row = active?.closest<HTMLElement>('[data-unit-row], [data-machine-row], [data-application-row], [data-relation-row]');
    return { tag: active?.tagName.toLowerCase() ?? '', unit: row?.dataset.unitRow ?? null, machine: row?.dataset.machineRow ?? null, application: row?.dataset.applicationRow ?? null, relation: row?.dataset.relationRow ?? null };
  });
/** Whether the whole row is inside the window and, for a windowed table's row, inside the table's visible part. */
const inView = (row: Locator) =>
  row.evaluate((element) => {
    const box = element.getBoundingClientRect();
    const scroller = element.closest('.viewport')?.getBoundingClientRect() ?? { top: 0, bottom: window.innerHeight };
    return box.top >= Math.max(0, scroller.top) - 1 && box.bottom <= Math.min(window.innerHeight, scroller.bottom) + 1;
  });

async function dismissNotices() {
  for (const dismiss of await page.getByRole('button', { name: 'Dismiss', exact: true }).all()) await dismiss.click().catch(() => undefined);
}

async function expectNoBlockingViolations(what: string) {
  expect(await blockingViolations(page, { include: 'main' }), `${what}: axe violations of serious or critical impact`).toEqual([]);
}

const palette = () => page.getByRole('dialog', { name: 'Command palette' });
const activeOption = () => palette().getByRole('option', { selected: true });

/** Opens the palette, types the query and runs the best result once it is the entry with this title. */
async function runFromPalette(query: string, title: string) {
  await page.keyboard.press('Control+k');
  await palette().waitFor();
  await palette().getByRole('combobox').fill(query);
  await expect
    .poll(async () => ((await activeOption().count()) > 0 ? await activeOption().locator('.title').innerText() : ''), { timeout: MODEL_SHOWN_MS, message: `the best result for "${query}" is ${title}` })
    .toBe(title);
  await page.keyboard.press('Enter');
  await expect.poll(() => palette().isVisible(), { message: 'the palette closes' }).toBe(false);
}

/** Clicks a Terminal button and waits, in the Terminals view, for the prompt of the new shell
 * whose title (e.g. "shell on node02ob64", "lxc exec … on …") says this. */
async function openTerminal(button: Locator, titled: string): Promise<Locator> {
  await button.click();
  await expect.poll(heading).toBe('Terminals');
  const terminal = page.locator(`[data-terminal][aria-label*="${titled}"]`).last();
  await expect.poll(() => terminal.getAttribute('data-state', { timeout: 1000 }).catch(() => null), { timeout: SHELL_READY_MS, message: `a running terminal titled "${titled}"` }).toBe('running');
  await expect.poll(async () => /[#$]\s*$/m.test(await screenText(terminal)), { timeout: SHELL_READY_MS, message: 'a shell prompt' }).toBe(true);
  return terminal;
}

const screenText = async (terminal: Locator) => (await terminal.locator('.xterm-rows').innerText()).replace(/\u00a0/g, ' ');

async function answersHostname(terminal: Locator, hostname: string) {
  await terminal.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type('hostname\n');
  await expect.poll(async () => (await screenText(terminal)).split('\n').some((line) => line.trimEnd() === hostname), { timeout: OUTPUT_MS, message: `hostname ${hostname}` }).toBe(true);
}

describe('click-through from every object of the Overview', () => {
  it('opens an application’s detail from its row, marks its units, and leads on to a unit’s row', async () => {
    await showView('Overview');
    // nova-compute: more than one unit, each on a machine of its own, with subordinates.
    const application = 'nova-compute';
    const units = juju.units.filter((unit) => unit.application === application).map((unit) => unit.name);
    const row = applicationRow(application);
    // A click anywhere on the row (here its message) opens the detail, as its name's button does.
    await row.locator('td.message').click();
    const name = row.getByRole('button', { name: application, exact: true });
    await expect.poll(() => name.getAttribute('aria-expanded')).toBe('true');
    const detail = page.locator(`[data-application-detail="${application}"]`);
    await detail.waitFor();
    expect(await detail.locator('[data-unit-link]').evaluateAll((links) => links.map((link) => link.getAttribute('data-unit-link')))).toEqual(units);
    const machines = [...new Set(juju.units.filter((unit) => unit.application === application).map((unit) => unit.machine))];
    expect(await detail.locator('[data-machine-link]').evaluateAll((links) => links.map((link) => link.getAttribute('data-machine-link')))).toEqual(machines);
    expect(await row.getAttribute('aria-current')).toBe('true');
    expect(await page.locator('[data-unit-row].selected').evaluateAll((rows) => rows.map((element) => element.getAttribute('data-unit-row')))).toEqual(units);
    await expectNoBlockingViolations('Overview with an application’s detail open');
    await dismissNotices();
    await page.getByRole('region', { name: 'Applications' }).screenshot({ path: join(SCREENSHOT_DIR, 'overview-application-detail-dark.png') });

    // Enter on the row's button closes the detail and opens it again.
    await name.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => detail.count()).toBe(0);
    await page.keyboard.press('Enter');
    await detail.waitFor();

    // A unit of the detail: its row in Units, in view and with the keyboard.
    const last = units.at(-1)!;
    await detail.locator(`[data-unit-link="${last}"]`).click();
    await expect.poll(async () => (await focused()).unit).toBe(last);
    expect(await inView(unitRow(last))).toBe(true);
    expect(await unitRow(last).getAttribute('aria-current')).toBe('true');
  });

  it('leads on from an application’s detail to the node a unit runs on', async () => {
    await showView('Overview');
    const [unit, machineId] = Object.entries(lab.lab.juju.units).find(([, machine]) => !machine.includes('/'))!;
    const application = unit.split('/')[0]!;
    await applicationRow(application).getByRole('button', { name: application, exact: true }).click();
    await page.locator(`[data-application-detail="${application}"] [data-machine-link="${machineId}"]`).click();
    await expect.poll(heading).toBe('Nodes');
    expect(await page.locator(`[data-focused-machine="${machineId}"]`).getAttribute('aria-current')).toBe('true');
  });

  it('leads from a relation’s row to the applications at both of its ends', async () => {
    await showView('Overview');
    const relation = juju.relations.find((candidate) => candidate.type === 'regular' && candidate.application !== candidate.relatedApplication)!;
    await page.getByRole('group', { name: 'Show relations as' }).getByRole('button', { name: 'Table' }).click();
    const relationRow = page.locator('tr[data-relation-row]').filter({ has: page.locator(`[data-application-link="${relation.relatedApplication}"]`) }).filter({ has: page.locator(`td:first-child [data-application-link="${relation.application}"]`) }).first();
    await dismissNotices();
    await page.getByRole('heading', { name: 'Relations', exact: true }).evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await lab.screenshot('overview-relations-table-dark');
    for (const end of [relation.relatedApplication, relation.application]) {
      await relationRow.getByRole('button', { name: `Show application ${end}`, exact: true }).click();
      // The application's row, marked, in view, its detail open and the keyboard on its name.
      await expect.poll(async () => (await focused()).application).toBe(end);
      await expect.poll(() => inView(applicationRow(end))).toBe(true);
      expect(await applicationRow(end).getAttribute('aria-current')).toBe('true');
      await page.locator(`[data-application-detail="${end}"]`).waitFor();
    }
    await expectNoBlockingViolations('Overview with the relations table');
  });

  it('opens a shell on a machine from its row', async () => {
    await showView('Overview');
    const gateway = lab.lab.machines.find((machine) => machine.id === lab.lab.gateway.machineId)!;
    const button = machineRow(gateway.id).getByRole('button', { name: `Terminal on machine ${gateway.id}`, exact: true });
    await button.scrollIntoViewIfNeeded();
    await dismissNotices();
    await page.getByRole('region', { name: 'Machines' }).screenshot({ path: join(SCREENSHOT_DIR, 'overview-machines-terminal-dark.png') });
    await answersHostname(await openTerminal(button, `shell on ${gateway.hostname}`), gateway.hostname);
  });

  it('opens lxc exec into a Juju container from its row under its machine', async () => {
    await showView('Overview');
    const container = lab.lab.juju.containers.find((candidate) => candidate.hostMachineId === '22') ?? lab.lab.juju.containers[0]!;
    const row = machineRow(container.machineId);
    await page.getByRole('table', { name: 'Machines', exact: true }).waitFor();
    // The container's line comes right under its machine's, marked as nested.
    expect(await row.getAttribute('class')).toContain('subordinate');
    const terminal = await openTerminal(row.getByRole('button', { name: `Terminal in ${container.name} on machine ${container.hostMachineId}`, exact: true }), `lxc exec ${container.name}`);
    await answersHostname(terminal, container.name);
  });
});

describe('the palette brings a Juju object into view in Overview', () => {
  it('shows a unit far down the units table in a short window: its row in view, focused and marked', async () => {
    await page.setViewportSize(SHORT_WINDOW);
    await showView('Nodes');
    await expect.poll(heading).toBe('Nodes');
    // The table's last line: the last principal unit's last subordinate, or that unit.
    const principal = juju.units.filter((unit) => unit.principal === null).at(-1)!;
    const last = juju.units.filter((unit) => unit.principal === principal.name).at(-1) ?? principal;
    await runFromPalette(last.name, last.name);
    await expect.poll(heading).toBe('Overview');
    await expect.poll(async () => (await focused()).unit, { message: `the keyboard is on ${last.name}'s row` }).toBe(last.name);
    await expect.poll(() => inView(unitRow(last.name)), { message: `${last.name}'s row is in view` }).toBe(true);
    expect(await unitRow(last.name).getAttribute('aria-current')).toBe('true');
    expect(await unitRow(last.name).getAttribute('aria-rowindex')).toBe(String(juju.units.length + 1));
    // The table could not show every line at once: the row was scrolled to, not simply there.
    const firstShown = await page.locator(`[data-unit-row="${juju.units[0]!.name}"]`).count();
    const viewport = page.getByRole('table', { name: 'Units', exact: true }).locator('.viewport');
    expect(await viewport.evaluate((element) => element.scrollHeight > element.clientHeight)).toBe(true);
    expect(firstShown === 0 || !(await inView(unitRow(juju.units[0]!.name)))).toBe(true);
    await dismissNotices();
    await lab.screenshot('overview-palette-unit-dark');
  });

  it('shows a Juju container picked by its machine id in the machines table, focused', async () => {
    await showView('Containers');
    const container = lab.lab.juju.containers.at(-1)!;
    await runFromPalette(`juju machine ${container.machineId}`, `Juju machine ${container.machineId}`);
    await expect.poll(heading).toBe('Overview');
    await expect.poll(async () => (await focused()).machine).toBe(container.machineId);
    await expect.poll(() => inView(machineRow(container.machineId))).toBe(true);
  });

  it('shows a relation picked by its ends in the relations table, focused, with both applications marked', async () => {
    await page.getByRole('group', { name: 'Show relations as' }).getByRole('button', { name: 'Graph' }).click();
    const relation = juju.relations.find((candidate) => candidate.type === 'regular' && candidate.endpoint && candidate.application !== candidate.relatedApplication)!;
    const ends = [relation.endpoint ? `${relation.application}:${relation.endpoint}` : relation.application, relation.relatedEndpoint ? `${relation.relatedApplication}:${relation.relatedEndpoint}` : relation.relatedApplication];
    await runFromPalette(ends.join(' '), ends.join(' ↔ '));
    await expect.poll(async () => (await focused()).relation).toBe(ends.join(' '));
    await expect.poll(() => inView(page.locator(`tr[data-relation-row="${ends.join(' ')}"]`))).toBe(true);
    for (const end of [relation.application, relation.relatedApplication]) expect(await applicationRow(end).getAttribute('aria-current'), end).toBe('true');
    await dismissNotices();
    await lab.screenshot('overview-palette-relation-dark');
  });

  it('left no errors in the page', () => {
    expect(lab.consoleErrors).toEqual([]);
  });
});
