// The demo lab with no network at all, as on a customer's site with the lab out of reach: the
// built browser host AND Chromium run inside a network namespace that has only loopback, with a
// fresh HOME and no saved lab. The console opens its demo, and every view is filled in from it with
// the walkthrough's values; screenshots of every view in both themes (offline-demo-<view>-<theme>).
// Nothing of the console tries to go out: the page logs no error and requests nothing but the host,
// and the namespace's kernel counts no IPv4 packet sent without a route (a DNS query to the
// machine's resolver, a connection to the demo's controller would each count); loopback carried
// the console's traffic. The browser's own chatter is kept apart: Debian's Chromium asks for
// update.googleapis.com and content-autofill.googleapis.com despite Playwright's flags, so it is
// given a proxy on loopback where nothing listens (the page's loopback URL bypasses proxies), and
// it probes IPv6 reachability (a UDP connect to 2001:4860:4860::8888 that sends nothing), so the
// IPv6 counter must be zero while the host runs alone, before Chromium starts.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, SCREENSHOT_DIR } from '../support/chromium';
import { startWebHostProcess, type WebHostProcess } from '../support/web-host-process';
import { createOfflineNamespace, type OfflineNamespace } from '../support/offline-namespace';

/** The demo is read from the bundle's own folder: the banner shows within this even on a loaded machine. */
const DEMO_SHOWN_MS = 20_000;
/** The player loads (its WebAssembly terminal) and shows a short recording's text within this. */
const PLAYBACK_MS = 20_000;
const THEMES = ['dark', 'light'] as const;
const ROUTER = 'qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566';
const FLOATING = ['119.115.26.136', '119.115.26.133'];
/** The discard port on loopback: nothing listens there, so the browser's own requests end at once, on loopback. */
const BROWSER_CHATTER_PROXY = 'http://127.0.0.1:9';
/** The host has read the demo and listens within this; anything it tried meanwhile is counted. */
const HOST_SETTLES_MS = 2_000;
const VIEWPORT = { width: 1440, height: 900 };
/** The README's screenshots: a common laptop screen, small enough to read at GitHub's column width. */
const README_VIEWPORT = { width: 1366, height: 800 };
/** The 12 applications of the walkthrough's `juju status` (step 1). */
const APPLICATIONS = ['glance', 'keystone', 'lxd', 'mysql', 'neutron-api', 'neutron-gateway', 'neutron-openvswitch', 'nova-cloud-controller', 'nova-compute', 'ntp', 'openstack-dashboard', 'rabbitmq-server'];

let namespace: OfflineNamespace;
let home: string;
let host: WebHostProcess;
let browser: Browser;
let page: Page;
let loopbackBefore = 0;
/** Packets without a route while the host ran alone, before Chromium started. */
let hostAloneNoRoutes: { ipv4: number; ipv6: number };
const consoleErrors: string[] = [];
/** Every request the page made, by URL: all of them to the browser host on loopback. */
const requested: string[] = [];

const slug = (text: string) => text.toLowerCase().replace(/\W+/g, '-');
const main = () => page.getByRole('main');
const banner = () => page.getByTestId('snapshot-banner');

async function showView(view: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: new RegExp(`^${view}`) }).click();
  await main().getByRole('heading', { level: 1, name: view, exact: true }).waitFor();
}

/** A screenshot of the view in each theme, once `ready` (if given) has brought it to what it should show. */
async function shootBothThemes(view: string, ready?: () => Promise<void>): Promise<void> {
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    await expect.poll(() => page.evaluate(() => document.querySelector('[data-resolved-theme]')?.getAttribute('data-resolved-theme')), { message: `the page follows the ${theme} theme` }).toBe(theme);
    await ready?.();
    await page.screenshot({ path: join(SCREENSHOT_DIR, `offline-demo-${slug(view)}-${theme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'dark' });
}

beforeAll(async () => {
  namespace = await createOfflineNamespace(`obx-offline-${process.pid}`);
  home = await mkdtemp(join(tmpdir(), 'obx-e2e-offline-'));
  const env = { ...process.env, HOME: home, SSH_AUTH_SOCK: '' };
  host = await startWebHostProcess(['--port', '0', '--state', join(home, 'state.json')], env, namespace.prefix);
  await new Promise((resolve) => setTimeout(resolve, HOST_SETTLES_MS));
  hostAloneNoRoutes = await namespace.outNoRoutes();
  loopbackBefore = await namespace.loopbackBytes();
  browser = await chromium.launch({ executablePath: await namespace.wrapperScript(home, CHROMIUM_PATH), args: [...CHROMIUM_ARGS, `--proxy-server=${BROWSER_CHATTER_PROXY}`], headless: true, env });
  const context = await browser.newContext({ viewport: VIEWPORT, colorScheme: 'dark' });
  page = await context.newPage();
  page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  page.on('request', (request) => requested.push(request.url()));
  await page.goto(host.urlWithToken);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await namespace?.remove();
  await rm(home, { recursive: true, force: true });
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail') await page?.screenshot({ path: join(SCREENSHOT_DIR, `offline-demo-failed-${slug(task.name).slice(0, 40)}.png`) });
});

describe('the demo lab with the network unreachable', () => {
  it('runs where the only interface is loopback, and opens on the demo, labelled as one', async () => {
    expect(await namespace.interfaces()).toEqual(['lo']);
    await banner().getByText('Demo lab').waitFor({ timeout: DEMO_SHOWN_MS });
    expect(await banner().innerText()).toContain('OrangeBox demo (walkthrough)');
    expect(await banner().getByRole('button', { name: 'Manage labs' }).isVisible()).toBe(true);
  });

  it('Overview: the Juju 2.0.1 model default on maas with its 12 applications', async () => {
    await showView('Overview');
    await expect.poll(() => page.getByTestId('model-header').innerText().catch(() => '')).toMatch(/Model default · controller maas · maas · Juju 2\.0\.1/);
    const applications = await page.locator('[data-application-row]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-application-row')));
    expect(applications.sort()).toEqual(APPLICATIONS);
    expect(await main().innerText()).toContain('All 12 applications');
    expect(await page.locator('[data-unit-row="nova-compute/0"]').count()).toBeGreaterThan(0);
    await shootBothThemes('Overview');
  });

  it('Nodes: machines 21–26, the compute nodes on lxd.LXDDriver with the walkthrough packages', async () => {
    await showView('Nodes');
    for (const id of ['21', '22', '23', '24', '25', '26']) await page.locator(`article[data-machine="${id}"]`).waitFor();
    const node07 = page.locator('article[data-machine="25"]');
    expect(await node07.innerText()).toContain('node07ob64');
    expect(await node07.innerText()).toContain('LXD (nova-lxd, lxd.LXDDriver)');
    expect(await node07.innerText()).toContain('2.0.5-0ubuntu1~ubuntu16.04.1');
    expect(await node07.innerText()).toContain('14.0.0-0ubuntu1~cloud0');
    expect(await page.locator('article[data-machine="26"]').innerText()).toContain('node02ob64');
    await shootBothThemes('Nodes');
  });

  it('Containers: the Nova instances with their addresses, and the Juju containers', async () => {
    await showView('Containers');
    const row = (name: string) => page.locator(`[data-container="${name}"]`);
    await row('instance-0000000c').first().waitFor();
    expect(await row('instance-0000000c').first().innerText()).toContain('192.168.20.12');
    expect(await row('instance-00000002').first().innerText()).toContain('192.168.20.4');
    expect(await row('instance-00000012').first().innerText()).toContain('192.168.20.7');
    expect(await row('juju-79fcc7-22-lxd-0').count()).toBeGreaterThan(0);
    await shootBothThemes('Containers');
  });

  it('OpenStack: the walkthrough\'s servers on their containers, the lxd hypervisors, and the demo steps unavailable with the reason', async () => {
    await showView('OpenStack');
    const servers = page.locator('[data-section="openstack-servers"]');
    await servers.waitFor();
    const server = (name: string) => servers.locator('[role="row"][data-row]').filter({ has: page.locator('[data-column="name"]', { hasText: new RegExp(`^\\s*${name}\\s*$`) }) });
    expect(await server('lxc-test-1').innerText()).toContain('instance-0000000c');
    expect(await server('lxc-test-1').innerText()).toContain('192.168.20.12');
    const hypervisors = await page.locator('[data-section="openstack-hypervisors"]').innerText();
    expect(hypervisors).toContain('node07ob64');
    expect(hypervisors).toContain('lxd');
    const launch = main().getByRole('button', { name: 'Launch instances…' });
    expect(await launch.isDisabled()).toBe(true);
    expect(await launch.getAttribute('title')).toMatch(/read-only|demo/i);
    await shootBothThemes('OpenStack');
  });

  it('Profiles: instance-00000014 with its qbr9e0c6af1-30 nic and its limits', async () => {
    await showView('Profiles');
    await page.getByRole('navigation', { name: 'Profiles by node' }).getByRole('button', { name: /^instance-00000014 / }).click();
    const shown = page.getByRole('article');
    await shown.getByRole('heading', { name: 'instance-00000014', exact: true }).waitFor();
    expect(await shown.getByTestId('nic-chain').innerText()).toContain('qbr9e0c6af1-30');
    expect(await shown.locator('[data-limit="limits.memory"] dd').innerText()).toBe('2048MB');
    expect(await shown.getByTestId('profile-yaml').innerText()).toContain('fa:16:3e:e4:a3:bf');
    await shootBothThemes('Profiles');
    // An instance's own profile is used by that instance.
    await page.getByRole('navigation', { name: 'Profiles by node' }).getByRole('button', { name: /^instance-0000000c / }).click();
    await shown.getByRole('heading', { name: 'instance-0000000c', exact: true }).waitFor();
    expect(await shown.getByRole('region', { name: 'Used by' }).getByRole('button', { name: 'Open a terminal in instance-0000000c' }).count()).toBe(1);
  });

  it('Network: the gateway node02ob64 with its qrouter and three qdhcp namespaces, the floating addresses on the router', async () => {
    await showView('Network');
    const router = page.locator(`[data-namespace="${ROUTER}"]`);
    await router.waitFor();
    expect(await page.locator('[data-namespace^="qdhcp-"]').count()).toBe(3);
    for (const address of FLOATING) expect(await router.locator(`[data-floating="${address}"]`).count(), address).toBe(1);
    await shootBothThemes('Network');
  });

  it('Diagnostics: the recorded ping from the qrouter namespace with the walkthrough replies, and the matrix', async () => {
    await showView('Diagnostics');
    const stats = page.locator('table[aria-label="Ping statistics per target"]');
    await stats.waitFor();
    const row = (target: string) => stats.locator(`tr[data-target="${target}"]`);
    // 119.115.26.136 as the walkthrough printed its statistics: 0.383/0.553/0.816/0.190 ms.
    // Sent, received, loss, min, avg, max, mdev (to two decimals), outcome.
    expect((await row('119.115.26.136').locator('td').allInnerTexts()).map((text) => text.trim())).toEqual(['3', '3', '0%', '0.38', '0.55', '0.82', '0.19', 'all replied']);
    expect(await row('119.115.26.133').locator('td.outcome').innerText()).toBe('all replied');
    expect(await main().innerText()).toContain(`${ROUTER} on node02ob64`);
    const matrix = page.locator('table[aria-label="Reachability: sources down, targets across"]');
    expect(await matrix.locator(`td[data-source="${ROUTER} on node02ob64"][data-outcome="ok"]`).count()).toBe(2);
    expect(await matrix.locator('td[data-source^="qdhcp-ac7bafe8"][data-outcome="unreachable"]').count()).toBe(2);
    // Read-only: the recorded runs show, no new ping can start.
    expect(await page.getByRole('button', { name: /^Start ping/ }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Stop', exact: true }).isDisabled()).toBe(true);
    await shootBothThemes('Diagnostics');
    await matrix.scrollIntoViewIfNeeded();
    await shootBothThemes('Diagnostics matrix');
  });

  it('Health: the checks ran over the demo as recorded, counted on the status bar, read-only', async () => {
    await showView('Health');
    expect(await main().locator('h1 + p').innerText()).toMatch(/^\d+ of \d+ checks ran over the inventory read at /);
    expect(await main().locator('[data-check-run]').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('health-counts').isVisible()).toBe(true);
    // A snapshot is not read again, and opens no terminal on its machines.
    expect(await main().getByRole('button', { name: 'Refresh', exact: true }).isDisabled()).toBe(true);
    for (const terminal of await main().getByRole('button', { name: /^Open terminal on / }).all()) expect(await terminal.isDisabled()).toBe(true);
    await main().evaluate((element) => element.scrollTo(0, 0));
    await shootBothThemes('Health');
  });

  it('Recordings: both walkthrough recordings from the demo, and the qrouter ping plays', async () => {
    await showView('Recordings');
    const instance = page.locator('li[data-recording$="/instance-0000000c-2016-12-07T10-05-00.cast"]');
    const pings = page.locator(`li[data-recording$="/${ROUTER}-2016-12-07T10-06-00.cast"]`);
    await instance.waitFor();
    expect(await instance.innerText()).toMatch(/in the snapshot/i);
    expect(await pings.innerText()).toContain(`ip netns exec ${ROUTER} on node02ob64`);
    await pings.getByRole('button').first().click();
    const player = page.getByTestId('recording-player');
    // The player starts afresh in the other theme: each screenshot plays it to the first statistics.
    await shootBothThemes('Recordings', async () => {
      await expect.poll(() => player.locator('.ap-player').count(), { timeout: PLAYBACK_MS, message: 'the player loads' }).toBe(1);
      await player.locator('.ap-player').click();
      await expect.poll(() => player.locator('.ap-player').innerText(), { timeout: PLAYBACK_MS, message: 'the recording plays to the first statistics' }).toContain('rtt min/avg/max/mdev = 0.383/0.553/0.816/0.190 ms');
    });
  });

  // readme-demo-overview.png is copied to assets/screenshot-demo-overview.png when the view changes.
  it('README: the demo on a laptop screen, dark (readme-demo-overview, readme-demo-nodes)', async () => {
    await page.setViewportSize(README_VIEWPORT);
    await page.emulateMedia({ colorScheme: 'dark' });
    await showView('Overview');
    await page.getByTestId('model-header').waitFor();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'readme-demo-overview.png') });
    await showView('Nodes');
    // The compute node of the walkthrough's instances, with its hypervisor, packages and settings.
    const node07 = page.locator('article[data-machine="25"]');
    await node07.waitFor();
    await node07.evaluate((card) => card.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'readme-demo-nodes.png') });
    await page.setViewportSize(VIEWPORT);
  });

  it('tried nothing beyond loopback: no page error, no request but to the host, no packet without a route', async () => {
    expect(consoleErrors).toEqual([]);
    const origin = new URL(host.url).origin;
    expect(requested.filter((url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'))).toEqual([]);
    expect(hostAloneNoRoutes).toEqual({ ipv4: 0, ipv6: 0 });
    expect((await namespace.outNoRoutes()).ipv4).toBe(0);
    expect(await namespace.loopbackBytes()).toBeGreaterThan(loopbackBefore);
    expect(await namespace.interfaces()).toEqual(['lo']);
  });
});
