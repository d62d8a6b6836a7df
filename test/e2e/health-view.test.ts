// The Health view in Chromium against the real lab, through the browser host: Alt+H opens it, it
// shows the lab's report (the checks that ran, or their findings) matching the status bar's counts,
// and axe finds nothing serious in either theme. With the lab's vlan-tag fault on (test/lab/
// faults.sh: a wrong VLAN tag on an instance's qvo), Refresh brings its finding, the status bar
// counts it, the palette lists it, and its object opens that instance's plumbing in Network. The
// fault is turned off in `finally` (and again in afterAll). Screenshots: health-view-*.png.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR } from '../support/chromium';
import { openConnectedConsole, type ConnectedConsole } from '../support/connected-console';
import { blockingViolations } from '../support/accessibility';
import { FAULT_CHECK, labFault, setLabFault } from '../lab/lab-faults';

/** The first refresh (every probe on every machine, then the checks) ends well within this on the lab. */
const REPORT_READ_MS = 90_000;
/** A Refresh asked while another runs waits for it: two refreshes under load. */
const REFRESH_SEEN_MS = 120_000;
const THEMES = ['dark', 'light'] as const;
/** faults.sh may wait a minute for another caller's lock, then changes one port (test/lab/lab-faults.ts bounds it at 2 min). */
const FAULT_SET_MS = 120_000;
/** The fault drill: the fault on, a refresh waited for twice over, the palette and the click-through, the fault off. */
const FAULT_DRILL_MS = 2 * FAULT_SET_MS + 2 * REFRESH_SEEN_MS + 60_000;

let session: ConnectedConsole;
let page: Page;

const main = () => page.getByRole('main');
const statusCounts = () => page.getByTestId('health-counts');
const normalised = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The status bar's counts without their signs: "2 errors 1 warning", or "No findings". */
async function statusBarCounts(): Promise<string> {
  const counts = await statusCounts().locator('.count').allInnerTexts();
  return counts.length === 0 ? normalised((await statusCounts().innerText()).replace('✓', '')) : counts.map((count) => normalised(count.replace(/[✖⚠ℹ]/, ''))).join(' ');
}

/** The counts the view's severity headings say ("Errors (2)" → "2 errors"), as the status bar words them. */
async function viewCounts(): Promise<string> {
  const words: Record<string, [string, string]> = { Errors: ['error', 'errors'], Warnings: ['warning', 'warnings'], Info: ['info', 'info'] };
  const headings = await main().locator('[data-severity] h2').allInnerTexts();
  if (headings.length === 0) return 'No findings';
  return headings
    .map((heading) => {
      const [, title, count] = /^(\w+) \((\d+)\)$/.exec(heading.trim())!;
      return `${count} ${words[title!]![Number(count) === 1 ? 0 : 1]}`;
    })
    .join(' ');
}

async function shootBothThemes(name: string): Promise<void> {
  for (const dismiss of await page.getByRole('button', { name: 'Dismiss', exact: true }).all()) await dismiss.click().catch(() => undefined);
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    await expect.poll(() => page.evaluate(() => document.querySelector('[data-resolved-theme]')?.getAttribute('data-resolved-theme'))).toBe(theme);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${theme}.png`) });
    const found = await blockingViolations(page, { include: 'main' });
    expect(found, `axe violations of serious or critical impact in the Health view (${theme})`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'dark' });
}

async function refreshAndWait(): Promise<void> {
  const refresh = main().getByRole('button', { name: 'Refresh', exact: true });
  // A periodic refresh may be running: Refresh is offered again once it ends.
  await expect.poll(() => refresh.isEnabled(), { timeout: REFRESH_SEEN_MS, message: 'Refresh is offered once the running refresh ends' }).toBe(true);
  const before = await main().locator('h1 + p').innerText();
  await refresh.click();
  await expect.poll(() => refresh.isEnabled(), { timeout: REFRESH_SEEN_MS, message: 'the refresh asked for ends' }).toBe(true);
  await expect.poll(() => main().locator('h1 + p').innerText(), { timeout: REFRESH_SEEN_MS, message: 'the report is of the new inventory' }).not.toBe(before);
}

beforeAll(async () => {
  session = await openConnectedConsole({ name: 'health-view' });
  page = session.page;
}, REPORT_READ_MS);

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await page?.screenshot({ path: join(SCREENSHOT_DIR, `health-view-failed-${task.name.toLowerCase().replace(/\W+/g, '-').slice(0, 40)}.png`) });
});

afterAll(async () => {
  await setLabFault('vlan-tag', 'off').catch(() => undefined);
  await session?.close();
}, FAULT_SET_MS + 30_000);

describe('the Health view on the lab', () => {
  it('opens with Alt+H and shows the lab’s report, counted as the status bar counts it', async () => {
    await page.keyboard.press('Alt+H');
    await main().getByRole('heading', { level: 1, name: 'Health', exact: true }).waitFor();
    const checks = main().locator('[data-check-run]');
    await expect.poll(() => checks.count(), { timeout: REPORT_READ_MS, message: 'the checks ran over the lab’s inventory' }).toBeGreaterThan(0);
    expect(await main().locator('h1 + p').innerText()).toMatch(/^\d+ of \d+ checks ran over the inventory read at /);
    // Either the findings by severity or the empty state's sentence, never neither.
    const clean = main().locator('[data-health="clean"]');
    if ((await clean.count()) > 0) expect(await clean.innerText()).toMatch(/^No findings: \d+ checks ran over the inventory read at .+\.$/);
    else expect(await main().locator('[data-severity]').count()).toBeGreaterThan(0);
    // Both from the same inventory (a periodic refresh may change them meanwhile: read together).
    await expect.poll(async () => ({ statusBar: await statusBarCounts(), view: await viewCounts() })).toSatisfy(({ statusBar, view }) => statusBar === view);
    await shootBothThemes('health-view');
  }, REPORT_READ_MS + 60_000);

  it('finds a wrong VLAN tag turned on in the lab, lists it in the palette, and opens its instance’s plumbing', async () => {
    const facts = await labFault('vlan-tag');
    expect(facts.object.kind).toBe('ovs-port');
    const finding = main().locator(`[data-check="${FAULT_CHECK['vlan-tag']}"][data-object="${facts.object.name}"]`).first();
    try {
      await setLabFault('vlan-tag', 'on');
      await refreshAndWait();
      await expect.poll(() => finding.count(), { timeout: REFRESH_SEEN_MS, message: `a finding about ${facts.object.name} after the refresh` }).toBeGreaterThan(0);
      expect(await finding.getAttribute('class')).toContain('error');
      expect(await finding.locator('.message .text').innerText()).toContain(facts.object.name);
      await finding.locator('summary').click();
      await finding.scrollIntoViewIfNeeded();
      await shootBothThemes('health-view-vlan-tag');
      expect(await statusBarCounts()).toMatch(/^\d+ errors?\b/);

      // The palette has it as "Health: <message>".
      const message = await finding.locator('.message .text').innerText();
      await page.keyboard.press('Control+K');
      const palette = page.getByRole('dialog', { name: 'Command palette' });
      await palette.getByRole('combobox').fill(facts.object.name);
      await palette.getByRole('option').locator('.title').getByText(`Health: ${message}`, { exact: true }).waitFor();
      await page.keyboard.press('Escape');
      await expect.poll(() => palette.isVisible()).toBe(false);

      // Its object opens the instance's plumbing in Network.
      await finding.locator('.object').getByRole('button').click();
      await main().getByRole('heading', { level: 1, name: 'Network', exact: true }).waitFor();
      expect(await main().getByRole('tab', { name: 'Instance plumbing', exact: true }).getAttribute('aria-selected')).toBe('true');
      await expect.poll(() => page.locator('#plumbing-container').inputValue()).toBe(`${facts.machineIds[0]}/${facts.instance}`);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'health-view-vlan-tag-plumbing-dark.png') });
    } finally {
      await setLabFault('vlan-tag', 'off');
    }
  }, FAULT_DRILL_MS);
});
