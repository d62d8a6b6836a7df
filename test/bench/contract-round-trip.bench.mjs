// What the contract costs: the same request answered by the core directly, through the browser
// host's WebSocket carrier (the renderer's own bridge), and a bare `ws` echo on the same loopback
// (the floor any WebSocket carrier pays). Run on the built bundles (npm run build).
import { mkdtemp, rm, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket, { WebSocketServer } from 'ws';
import { bundleHarness } from './bench-harness.mjs';

/** Enough round trips for a stable median on a 2-core machine, few enough to finish in seconds. */
const ROUND_TRIPS = 2000;
const WARM_UP = 200;

const summarise = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p99: at(0.99) };
};

/**
 * The browser host answers a page at most 200 requests a second after a burst of 400
 * (electron/web/request-rate-limit.ts): the contract path pauses, untimed, every this many requests
 * for long enough to refill the bucket, so it measures the round trip and not the limit.
 */
const RATE_PACING = { every: 300, pauseMs: 1600 };

async function measure(label, once, pacing = null) {
  let sent = 0;
  const paced = async () => {
    sent += 1;
    if (pacing && sent % pacing.every === 0) await new Promise((resolve) => setTimeout(resolve, pacing.pauseMs));
  };
  for (let i = 0; i < WARM_UP; i += 1) {
    await once();
    await paced();
  }
  const samples = [];
  for (let i = 0; i < ROUND_TRIPS; i += 1) {
    const start = performance.now();
    await once();
    samples.push(performance.now() - start);
    await paced();
  }
  return { label, ...summarise(samples) };
}

const loadHarness = () =>
  bundleHarness('contract', [
    `export { createConsoleCore } from 'electron/core/console-core';`,
    `export { FileStore } from 'electron/store/file-store';`,
    `export { startWebHost } from 'electron/web/web-host';`,
    `export { createWebSocketBridge } from 'renderer/api/websocket-bridge';`,
    `export { createConsoleApi } from 'renderer/api/console-api';`,
  ]);

export async function run() {
  const dir = await mkdtemp(join(tmpdir(), 'obx-bench-'));
  const harness = await loadHarness();
  const core = await harness.createConsoleCore({ host: 'browser', store: new harness.FileStore(join(dir, 'state.json')), listSshHosts: async () => ({ hosts: [], resolver: 'parser', warnings: [] }) });
  await mkdir(join(dir, 'renderer'));
  const host = await harness.startWebHost({ core, rendererDir: join(dir, 'renderer') });
  const bridge = harness.createWebSocketBridge({
    url: `ws://127.0.0.1:${host.port}/api?token=${host.token}`,
    createSocket: (url) => new WebSocket(url, { headers: { Origin: `http://127.0.0.1:${host.port}` } }),
  });
  const api = harness.createConsoleApi(bridge);
  await api.request('labs.list', null);
  await new Promise((resolve) => setTimeout(resolve, RATE_PACING.pauseMs));

  const echoServer = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  echoServer.on('connection', (socket) => socket.on('message', (data) => socket.send(data)));
  await new Promise((resolve) => echoServer.once('listening', resolve));
  const echo = new WebSocket(`ws://127.0.0.1:${echoServer.address().port}`);
  await new Promise((resolve) => echo.once('open', resolve));
  const echoOnce = () => new Promise((resolve) => { echo.once('message', resolve); echo.send('{"type":"request","id":1,"name":"labs.list","params":null}'); });

  const rows = [
    await measure('core.dispatch (no carrier)', () => core.dispatch('labs.list', null)),
    await measure('bare ws echo (carrier floor)', echoOnce),
    await measure('contract over WebSocket', () => api.request('labs.list', null), RATE_PACING),
  ];
  const floor = rows[1].median;
  console.log(`${ROUND_TRIPS} round trips of labs.list on 127.0.0.1`);
  console.log('path                            median ms   p99 ms   × ws floor');
  for (const row of rows) {
    console.log(`${row.label.padEnd(32)}${row.median.toFixed(3).padStart(9)}${row.p99.toFixed(3).padStart(9)}${(row.median / floor).toFixed(2).padStart(12)}`);
  }

  bridge.close();
  echo.close();
  echoServer.close();
  await host.close();
  await core.close();
  await rm(dir, { recursive: true, force: true });
}
