// The Overview, Containers and OpenStack views at scale, in headless Chromium (needs `npm run build`, not the
// lab): the built renderer is served from 127.0.0.1 and given a stand-in for Electron's preload
// bridge that answers with a synthetic inventory of 5,000 containers on 50 nodes and a Juju model
// of 50 applications, 1,000 units (a tenth of them subordinates) and 150 relations, and OpenStack's
// view of it: 5,000 Nova servers, most of them those containers (synthetic-openstack.mjs). Measured in
// the page:
// 1. first render: from the click on a view to its rows painted (target < 300 ms);
// 2. scroll frames: requestAnimationFrame intervals while a scroller (Containers' rows, the
//    Overview's page, the Overview's units table) moves a step every frame, with Chromium's
//    frame-rate limit off so an interval is the frame's own cost (target p95 < 16 ms);
// 3. the relation graph's dagre layout of those 50 applications and 150 relations, from the
//    page's own performance measure (target < 200 ms).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { summarise } from './bench-harness.mjs';
import { syntheticInventory } from './synthetic-inventory.mjs';
import { withSyntheticOpenStack } from './synthetic-openstack.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RENDERER = join(ROOT, 'dist/renderer');
const SCALE = { nodes: 50, containers: 5000, applications: 50, units: 1000, relations: 150, servers: 5000 };
/** The OpenStack view's servers table (windowed) and its scrolling part. */
const SERVERS_SECTION = '[data-section="openstack-servers"]';
const SERVERS_VIEWPORT = `${SERVERS_SECTION} .viewport`;
const SWITCHES = 7;
const SCROLL_FRAMES = 240;
const SCROLL_STEP_PX = 90;
const LAYOUT_SAMPLES = 10;
/** The page's name for one relation-graph layout (renderer/views/overview/relation-graph.ts). */
const LAYOUT_MEASURE = 'obx:relation-graph-layout';
/** The Overview's units table (windowed) and its scrolling part. */
const UNITS_TABLE = '[role="table"][aria-labelledby="units-title"]';
const UNITS_VIEWPORT = `${UNITS_TABLE} .viewport`;
const CHROMIUM_ARGS = ['--headless', '--proxy-server=http://127.0.0.1:9', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-frame-rate-limit', '--disable-gpu-vsync'];
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.ttf': 'font/ttf' };

/** The built renderer as static files on a loopback port (module scripts do not load from file://). */
async function serveRenderer() {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://127.0.0.1').pathname)).replace(/^\/+/, '') || 'index.html';
    try {
      const body = await readFile(join(RENDERER, path.includes('..') ? 'index.html' : path));
      response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

/** Runs in the page before its scripts: the console's bridge global, answering from the inventory. */
function installBridge(inventory) {
  const now = new Date().toISOString();
  const lab = { id: inventory.labId, name: 'Synthetic lab', controller: { kind: 'ssh', host: '127.0.1.1', port: 22, user: 'ubuntu', identityFile: null, sshConfigHost: null }, createdAt: now, routes: {} };
  const answers = {
    'app.about': { name: 'OrangeBox Console', version: 'bench', host: 'electron', platform: 'linux', nodeVersion: 'bench', storeLocation: '(bench)' },
    'labs.list': [lab],
    'settings.get': { theme: 'dark', refreshIntervalSeconds: 3600, terminalScrollbackLines: 1000, presentationMode: false, alwaysRecord: false, recordingsDirectory: '~/recordings' },
    'connection.get': { labId: lab.id, labName: lab.name, phase: 'connected', detail: 'ubuntu@127.0.1.1:22', since: now },
    'inventory.get': inventory,
    'notices.pending': [],
    'prompts.pending': [],
    'terminals.list': [],
    'recordings.list': [],
  };
  // The bench pushes changed inventories through the streams the page listens to.
  const listeners = new Map();
  window.__benchInventory = inventory;
  window.__benchPush = (stream, payload) => listeners.get(stream)?.forEach((listener) => listener(payload));
  window.orangeboxConsole = {
    request: async (name) => ({ ok: true, result: answers[name] ?? null }),
    listen: (stream, listener) => {
      if (!listeners.has(stream)) listeners.set(stream, new Set());
      listeners.get(stream).add(listener);
      return () => listeners.get(stream).delete(listener);
    },
  };
}

/** In the page: click a view in the navigation, resolve with ms until `ready()` holds and a frame was painted. */
const switchTo = (page, view, readySelector, minimum) =>
  page.evaluate(
    ({ view, readySelector, minimum }) =>
      new Promise((resolve, reject) => {
        const button = [...document.querySelectorAll('nav button')].find((candidate) => candidate.textContent.trim().startsWith(view));
        const started = performance.now();
        button.click();
        const check = () => {
          if (document.querySelectorAll(readySelector).length >= minimum) requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - started)));
          else if (performance.now() - started > 30_000) reject(new Error(`${view}: ${readySelector} never appeared`));
          else requestAnimationFrame(check);
        };
        check();
      }),
    { view, readySelector, minimum },
  );

/** In the page: scroll `selector` one step per frame; resolve with the intervals between frames.
 * At either end the direction turns: a frame that scrolls nothing costs nothing, and Chromium then
 * waits for the display's next frame (~16.7 ms), which would measure the screen, not the view. */
const scrollFrames = (page, selector, frames, step) =>
  page.evaluate(
    ({ selector, frames, step }) =>
      new Promise((resolve) => {
        const scroller = document.querySelector(selector);
        scroller.scrollTop = 0;
        const intervals = [];
        let last = null;
        let travelled = 0;
        let direction = 1;
        const frame = (time) => {
          if (last !== null) intervals.push(time - last);
          last = time;
          if (intervals.length >= frames) return resolve({ intervals, travelled });
          const before = scroller.scrollTop;
          scroller.scrollTop = before + direction * step;
          if (scroller.scrollTop === before) {
            direction = -direction;
            scroller.scrollTop = before + direction * step;
          }
          travelled += Math.abs(scroller.scrollTop - before);
          requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    { selector, frames, step },
  );

const fmt = (ms) => `${ms.toFixed(1)} ms`;
const p95 = (samples) => [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.floor(0.95 * samples.length))];

export async function run() {
  if (!existsSync(join(RENDERER, 'index.html'))) {
    console.log('not run: needs the build (npm run build)');
    return;
  }
  const inventory = withSyntheticOpenStack(syntheticInventory(SCALE), { servers: SCALE.servers });
  const server = await serveRenderer();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
    await context.addInitScript(installBridge, inventory);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    // The console opens on the Overview: from navigation to its units and graph on screen.
    await page.locator('[data-testid="relation-graph"] [data-application]').first().waitFor({ timeout: 60_000 });
    const coldOverview = await page.evaluate(() => performance.now());

    // Where a view switch's time goes (Chromium's own counters, summed over the runs).
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const counters = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((metric) => [metric.name, metric.value]));
    const spent = { overview: { ScriptDuration: 0, RecalcStyleDuration: 0, LayoutDuration: 0 }, containers: { ScriptDuration: 0, RecalcStyleDuration: 0, LayoutDuration: 0 }, openstack: { ScriptDuration: 0, RecalcStyleDuration: 0, LayoutDuration: 0 } };
    const timed = async (key, work) => {
      const before = await counters();
      const result = await work();
      const after = await counters();
      for (const name of Object.keys(spent[key])) spent[key][name] += ((after[name] ?? 0) - (before[name] ?? 0)) * 1000;
      return result;
    };
    const overview = [];
    const containers = [];
    const openstack = [];
    // A build from before the OpenStack view has no such view: its lines are left out.
    const openstackView = (await page.locator('nav button', { hasText: 'OpenStack' }).count()) > 0;
    for (let index = 0; index < SWITCHES; index += 1) {
      if (openstackView) {
        await switchTo(page, 'Nodes', '[data-machine]', SCALE.nodes);
        openstack.push(await timed('openstack', () => switchTo(page, 'OpenStack', `${SERVERS_SECTION} [data-row]`, 10)));
      }
      await switchTo(page, 'Nodes', '[data-machine]', SCALE.nodes);
      containers.push(await timed('containers', () => switchTo(page, 'Containers', '[data-container]', 10)));
      await switchTo(page, 'Nodes', '[data-machine]', SCALE.nodes);
      overview.push(await timed('overview', () => switchTo(page, 'Overview', '[data-testid="relation-graph"] [data-application]', SCALE.applications)));
    }
    let openstackScroll = null;
    let serverRows = 0;
    if (openstackView) {
      await switchTo(page, 'OpenStack', `${SERVERS_SECTION} [data-row]`, 10);
      serverRows = await page.locator(`${SERVERS_SECTION} [data-row]`).count();
      openstackScroll = await scrollFrames(page, SERVERS_VIEWPORT, SCROLL_FRAMES, SCROLL_STEP_PX);
    }
    await switchTo(page, 'Containers', '[data-container]', 10);
    const shown = await page.locator('[data-container]').count();
    const containersScroll = await scrollFrames(page, '.viewport', SCROLL_FRAMES, SCROLL_STEP_PX);
    await switchTo(page, 'Overview', '[data-testid="relation-graph"] [data-application]', SCALE.applications);
    const overviewScroll = await scrollFrames(page, 'main', SCROLL_FRAMES, SCROLL_STEP_PX);
    // The units table scrolls within its card (windowed): through its thousand lines.
    // (A build from before the units were windowed has no such scroller: that line is left out.)
    const windowedUnits = (await page.locator(UNITS_VIEWPORT).count()) > 0;
    const unitsScroll = windowedUnits ? await scrollFrames(page, UNITS_VIEWPORT, SCROLL_FRAMES, SCROLL_STEP_PX) : null;
    const unitRows = windowedUnits ? await page.locator(`${UNITS_TABLE} [data-unit-row]`).count() : 0;
    const unitLines = windowedUnits ? Number(await page.locator(UNITS_TABLE).getAttribute('aria-rowcount')) - 1 : 0;

    // Layout: the page keeps the last layout while the model is the same, so each sample is a
    // refresh that changed the model (one unit fewer: an application's caption changes); the page
    // measures each layout.
    await page.evaluate(() => performance.clearMeasures());
    for (let index = 0; index < LAYOUT_SAMPLES; index += 1) {
      await page.evaluate(
        (fewer) =>
          new Promise((resolve) => {
            const inventory = structuredClone(window.__benchInventory);
            const status = inventory.probes.find((probe) => probe.probeId === 'juju-status').value;
            status.units = status.units.slice(fewer);
            window.__benchPush('inventory.changed', inventory);
            requestAnimationFrame(() => requestAnimationFrame(resolve));
          }),
        index + 1,
      );
    }
    const layouts = await page.evaluate((name) => performance.getEntriesByName(name).map((entry) => entry.duration), LAYOUT_MEASURE);
    const edges = await page.locator('[data-testid="relation-graph"] path[data-relation]').count();

    const line = (label, samples, target) => {
      const summary = summarise(samples);
      console.log(`${label.padEnd(44)} median ${fmt(summary.median).padStart(9)}   max ${fmt(summary.max).padStart(9)}   (target ${target})`);
    };
    console.log(`views at scale: ${SCALE.containers} containers on ${SCALE.nodes} nodes, ${SCALE.applications} applications, ${SCALE.units} units, ${SCALE.relations} relations (headless Chromium, ${SWITCHES} runs)`);
    console.log(`page load → Overview with graph on screen      ${fmt(coldOverview)} (includes loading the bundle; no target)`);
    line('first render: Containers (click → painted)', containers, '< 300 ms');
    line('first render: Overview (click → painted)', overview, '< 300 ms');
    if (openstackView) line(`first render: OpenStack, ${SCALE.servers} servers`, openstack, '< 300 ms');
    for (const [view, counted] of Object.entries(spent)) {
      if (view === 'openstack' && !openstackView) continue;
      console.log(`  ${view} per switch: script ${fmt(counted.ScriptDuration / SWITCHES)}, style ${fmt(counted.RecalcStyleDuration / SWITCHES)}, layout ${fmt(counted.LayoutDuration / SWITCHES)}`);
    }
    console.log(`${'scroll: Containers, p95 frame'.padEnd(44)} ${fmt(p95(containersScroll.intervals)).padStart(16)}   median ${fmt(summarise(containersScroll.intervals).median)}   (${shown} of ${SCALE.containers} rows in the page, ${Math.round(containersScroll.travelled)} px scrolled; target p95 < 16 ms)`);
    console.log(`${'scroll: Overview page, p95 frame'.padEnd(44)} ${fmt(p95(overviewScroll.intervals)).padStart(16)}   median ${fmt(summarise(overviewScroll.intervals).median)}   (${Math.round(overviewScroll.travelled)} px scrolled; target p95 < 16 ms)`);
    if (openstackScroll) console.log(`${'scroll: OpenStack servers table, p95 frame'.padEnd(44)} ${fmt(p95(openstackScroll.intervals)).padStart(16)}   median ${fmt(summarise(openstackScroll.intervals).median)}   (${serverRows} of ${SCALE.servers} rows in the page, ${Math.round(openstackScroll.travelled)} px scrolled; target p95 < 16 ms)`);
    if (unitsScroll) console.log(`${'scroll: Overview units table, p95 frame'.padEnd(44)} ${fmt(p95(unitsScroll.intervals)).padStart(16)}   median ${fmt(summarise(unitsScroll.intervals).median)}   (${unitRows} of ${unitLines} lines in the page, ${Math.round(unitsScroll.travelled)} px scrolled; target p95 < 16 ms)`);
    line(`graph layout (dagre, ${SCALE.applications} apps / ${edges} edges)`, layouts, '< 200 ms');
    if (errors.length > 0) console.log(`page errors: ${errors.join('; ')}`);
  } finally {
    await browser.close();
    server.close();
  }
}
