// The console shell in real Chromium through the real browser host (the built app, as
// `npm run web` serves it). Screenshots of both themes go to test-results/screenshots/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, SCREENSHOT_DIR } from '../support/chromium';
import { startWebHostProcess, type WebHostProcess } from '../support/web-host-process';
import { openLabsFromDemo } from '../support/connected-console';

let home: string;
let stateFile: string;
let host: WebHostProcess;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'obx-e2e-home-'));
  await mkdir(join(home, '.ssh'));
  await writeFile(join(home, '.ssh', 'config'), 'Host orangebox64\n  HostName 127.0.1.1\n  User ubuntu\n\nHost gateway-26\n  HostName 127.0.1.5\n  ProxyJump orangebox64\n');
  stateFile = join(home, 'console-state.json');
  host = await startWebHostProcess(['--port', '0', '--state', stateFile], { ...process.env, HOME: home });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await rm(home, { recursive: true, force: true });
});

const shoot = (name: string) => page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
const theme = () => page.evaluate(() => document.documentElement.dataset.theme);

describe('the console shell in Chromium', () => {
  it('prints a loopback URL with its token and starts on the demo lab, labelled as a demo, one click from connecting a lab', async () => {
    expect(host.output()).toMatch(/ready in your browser at http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    await page.goto(host.urlWithToken);
    expect(new URL(page.url()).search).toBe(''); // the token left the address bar
    const banner = page.getByTestId('snapshot-banner');
    await expect.poll(() => banner.innerText()).toMatch(/Demo lab[\s\S]*OrangeBox demo \(walkthrough\)/);
    // The demo's Juju model fills Overview: the walkthrough's nova-compute among its applications.
    await expect.poll(() => page.locator('main').innerText()).toContain('nova-compute');
    await shoot('demo-first-launch-dark');
    await openLabsFromDemo(page);
    expect(await page.title()).toBe('OrangeBox Console');
    const views = await page.getByRole('navigation', { name: 'Views' }).getByRole('button').allInnerTexts();
    expect(views.map((text) => text.split('\n')[0])).toEqual(['Overview', 'Nodes', 'Containers', 'OpenStack', 'Profiles', 'Network', 'Diagnostics', 'Health', 'Terminals', 'Recordings', 'Changes']);
    expect(await page.getByText('Browser host · v').isVisible()).toBe(true);
  });

  it('offers the hosts of ~/.ssh/config, resolved by OpenSSH', async () => {
    await expect.poll(() => page.getByRole('button', { name: /^orangebox64/ }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: /gateway-26/ }).innerText()).toContain('via orangebox64');
    expect(await page.getByText("Resolved with OpenSSH's own ssh -G").isVisible()).toBe(true);
    await shoot('connect-screen-dark');
  });

  it('shows the core’s refusal of a bad port next to the form, and saves nothing', async () => {
    await page.getByLabel('Lab name').fill('Bad port lab');
    await page.getByLabel('Controller address').fill('127.0.1.1');
    await page.getByLabel('Port').fill('70000');
    await page.getByRole('button', { name: 'Save and select' }).click();
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('between 1 and 65535');
    await expect.poll(() => readFile(stateFile, 'utf8').catch(() => 'none')).toBe('none');
  });

  it('fills the form from an ssh config host, saves the lab and selects it', async () => {
    await page.getByLabel('Lab name').fill('');
    await page.getByLabel('Port').fill('22');
    await page.getByRole('button', { name: /^orangebox64/ }).click();
    expect(await page.getByLabel('Controller address').inputValue()).toBe('127.0.1.1');
    expect(await page.getByLabel('User', { exact: true }).inputValue()).toBe('ubuntu');
    expect(await page.getByLabel('Lab name').inputValue()).toBe('orangebox64');
    await page.getByLabel('Lab name').fill('OrangeBox 64 demo');
    await page.getByRole('button', { name: 'Save and select' }).click();
    await expect.poll(() => page.getByTestId('connection-state').innerText()).toContain('OrangeBox 64 demo');
    expect(await page.getByTestId('connection-state').innerText()).toContain('ubuntu@127.0.1.1:22');
    expect(await page.getByRole('heading', { name: 'Overview' }).isVisible()).toBe(true);
    const stored = JSON.parse(await readFile(stateFile, 'utf8'));
    expect(stored.labs).toHaveLength(1);
    expect(stored.labs[0].controller).toMatchObject({ host: '127.0.1.1', port: 22, user: 'ubuntu', sshConfigHost: 'orangebox64' });
    expect(stored.lastLabId).toBe(stored.labs[0].id);
  });

  it('navigates with the rail and Alt+digit, and says what each view shows once connected without inventing data', async () => {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Containers/ }).click();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Containers');
    expect(await page.getByRole('heading', { name: 'What this view shows once connected' }).isVisible()).toBe(true);
    await page.keyboard.press('Alt+5');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Network');
    await page.keyboard.press('Alt+1');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Overview');
    await shoot('overview-dark');
  });

  it('keeps the saved lab across a reload', async () => {
    await page.reload();
    await expect.poll(() => page.getByTestId('connection-state').innerText()).toContain('OrangeBox 64 demo');
    expect(await page.getByLabel('Lab').inputValue()).toMatch(/^lab-/);
  });

  it('follows the OS theme, and an explicit choice overrides it', async () => {
    expect(await theme()).toBe('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(theme).toBe('light');
    await shoot('overview-light');
    await page.getByLabel('Lab').selectOption('__manage__');
    expect(await page.getByRole('heading', { name: 'Connect to a lab' }).isVisible()).toBe(true);
    await shoot('connect-screen-light');
    await page.getByRole('button', { name: 'Close', exact: true }).click();

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Dark', { exact: true }).check();
    await expect.poll(theme).toBe('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await theme()).toBe('dark');
    await page.getByLabel('Follow the system').check();
    await expect.poll(theme).toBe('light');
    await page.getByRole('button', { name: 'Close settings' }).click();
  });

  it('enlarges text in presentation mode', async () => {
    const size = () => page.evaluate(() => getComputedStyle(document.body).fontSize);
    const before = await size();
    await page.getByRole('button', { name: 'Presentation' }).click();
    await expect.poll(size).not.toBe(before);
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot('presentation-dark');
    await page.getByRole('button', { name: 'Presentation' }).click();
    await expect.poll(size).toBe(before);
  });

  it('fast-forwards floods by default, and keeps the choice across a reload', async () => {
    const fastForward = () => page.getByRole('checkbox', { name: /Fast-forward floods/ });
    await page.getByRole('button', { name: 'Settings' }).click();
    expect(await fastForward().isChecked()).toBe(true);
    await shoot('settings-panel');
    await fastForward().uncheck();
    await page.reload();
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect.poll(() => fastForward().isChecked()).toBe(false);
    await fastForward().check();
    await page.getByRole('button', { name: 'Close settings' }).click();
  });

  it('logged no console errors and no CSP violations in the whole session', () => {
    expect(consoleErrors).toEqual([]);
  });
});

describe('the packaged command', () => {
  it('runs under plain Node and prints its version', () => {
    const version = execFileSync(process.execPath, ['dist/node/cli.js', '--version'], { encoding: 'utf8' }).trim();
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
