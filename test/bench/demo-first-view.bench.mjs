// The demo lab on first launch, with no network (needs `npm run build`; root for the namespace):
// a browser host with no lab saved opens its demo, and a fresh Chromium loads the page; timed from
// the navigation's start to the Overview painted with the walkthrough's model (target < 1 s).
// Side by side, taking turns round by round: the host AND Chromium inside a network namespace that
// has only loopback (no route, no resolver: what a customer site with the lab out of reach gives),
// and the same on this machine's own network. Both should be the same: the demo asks nothing of
// the network, so having none costs nothing (a DNS wait or a connection timeout would show here).
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleHarness, loadAverage } from './bench-harness.mjs';
import { median, ms, timeFirstView } from './first-view.mjs';

/** Cold loads per case: a fresh Chromium each, a few seconds in all. */
const ROUNDS = 7;
/** The browser's own update checks end at once on loopback (see test/e2e/demo-offline.test.ts). */
const NO_BROWSER_CHATTER = ['--proxy-server=http://127.0.0.1:9'];

export async function run() {
  if (!existsSync('dist/node/web-host.js')) {
    console.log('not run: needs the build (npm run build)');
    return;
  }
  const h = await bundleHarness('demo-first-view', [
    `export { createOfflineNamespace } from 'test/support/offline-namespace';`,
    `export { startWebHostProcess } from 'test/support/web-host-process';`,
  ]);
  const home = await mkdtemp(join(tmpdir(), 'obx-bench-demo-'));
  const env = { ...process.env, HOME: home, SSH_AUTH_SOCK: '' };
  const canMakeNamespace = process.getuid?.() === 0;
  const namespace = canMakeNamespace ? await h.createOfflineNamespace(`obx-bench-offline-${process.pid}`) : null;
  const hosts = [];
  try {
    const cases = [];
    if (namespace) {
      const host = await h.startWebHostProcess(['--port', '0', '--state', join(home, 'offline-state.json')], env, namespace.prefix);
      hosts.push(host);
      cases.push({ label: 'no network (loopback-only namespace)', url: host.urlWithToken, chromium: await namespace.wrapperScript(home, process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'), samples: [] });
    } else {
      console.log('(no namespace without root: only this machine’s network is measured)');
    }
    const host = await h.startWebHostProcess(['--port', '0', '--state', join(home, 'state.json')], env);
    hosts.push(host);
    cases.push({ label: 'this machine’s network', url: host.urlWithToken, chromium: undefined, samples: [] });

    for (let round = 0; round < ROUNDS; round += 1) {
      for (const measured of cases) measured.samples.push(await timeFirstView(measured.url, measured.chromium, NO_BROWSER_CHATTER));
    }
    console.log(`demo lab, page load → Overview painted (a fresh Chromium each time, median of ${ROUNDS} rounds taking turns; target < 1 s)`);
    console.log(`${'case'.padEnd(38)}${'loaded'.padStart(9)}${'painted'.padStart(9)}${'whole in'.padStart(10)}   (painted, each round)`);
    for (const measured of cases) {
      const painted = measured.samples.map((sample) => sample.painted);
      console.log(`${measured.label.padEnd(38)}${ms(median(measured.samples.map((sample) => sample.loaded)))}${ms(median(painted))}${ms(median(measured.samples.map((sample) => sample.whole))).padStart(10)}   (${painted.map((value) => value.toFixed(0)).join(', ')})`);
    }
    console.log('(whole in: the whole inventory in the page, which every view but Overview waits for)');
    if (cases.length === 2) console.log(`no network / network: ${(median(cases[0].samples.map((s) => s.painted)) / median(cases[1].samples.map((s) => s.painted))).toFixed(2)}×`);
    if (namespace) {
      const { ipv4, ipv6 } = await namespace.outNoRoutes();
      console.log(`packets without a route in the namespace: IPv4 ${ipv4}, IPv6 ${ipv6} (Chromium's IPv6 reachability probe, a connect that sends nothing)`);
    }
    console.log(loadAverage());
  } finally {
    for (const host of hosts) await host.stop();
    await namespace?.remove();
    await rm(home, { recursive: true, force: true });
  }
}
