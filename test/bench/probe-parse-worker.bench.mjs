// What parsing a big probe output on the worker (dist/node/probe-parse-worker.js, as it ships)
// costs the core's thread, against parsing it there: an `lxc list --format json` of 500 and 5,000
// instances. The figure that matters is the longest the core's thread went without running a 1 ms
// timer (what terminals' output waits for); the worker's total time is the price.
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { bundleHarness } from './bench-harness.mjs';

/** Enough runs for a stable median; the 5,000-instance runs take about a second each. */
const RUNS = 5;
const SIZES = [500, 5000];

const loadHarness = () =>
  bundleHarness('probe-parse-worker', [
    `export { ProbeParsePool } from 'electron/inventory/probe-parse-pool';`,
    `export { LXC_LIST_PROBE } from 'electron/probes/definitions/lxc-list';`,
    `export * from 'test/unit/parsers/synthetic-outputs';`,
  ]);

const median = (samples) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];

/** Runs `work` RUNS times; each time, its duration and the longest gap between 1 ms timer ticks. */
async function measure(work) {
  const totals = [];
  const stalls = [];
  for (let index = 0; index < RUNS; index += 1) {
    let last = performance.now();
    let longest = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 1);
    const start = performance.now();
    await work();
    const end = performance.now();
    clearInterval(ticker);
    totals.push(end - start);
    // Work done in one turn never lets the timer tick: then the whole of it is the stall.
    stalls.push(Math.max(longest, end - last));
  }
  return { total: median(totals), stall: median(stalls) };
}

export async function run() {
  const harness = await loadHarness();
  const pool = new harness.ProbeParsePool(() => ({ file: join(process.cwd(), 'dist', 'node', 'probe-parse-worker.js'), execArgv: [] }));
  const command = 'lxc list --format json';
  try {
    console.log(`median of ${RUNS} runs; "core stall" is the longest the core's thread ran nothing else`);
    console.log('input                                        KiB   where     total ms   core stall ms');
    for (const instances of SIZES) {
      const text = harness.syntheticLxcListJson(instances);
      await pool.parse({ probeId: 'lxc-list', command, text }); // starts the worker, warms both
      harness.LXC_LIST_PROBE.parse(text);
      const inline = await measure(async () => harness.LXC_LIST_PROBE.parse(text));
      const worker = await measure(() => pool.parse({ probeId: 'lxc-list', command, text }));
      const label = `lxc list --format json (${instances} instances)`.padEnd(42);
      const kib = (text.length / 1024).toFixed(0).padStart(7);
      for (const [where, row] of [['inline', inline], ['worker', worker]]) console.log(`${label}${kib}   ${where.padEnd(8)}${row.total.toFixed(0).padStart(10)}${row.stall.toFixed(0).padStart(16)}`);
    }
  } finally {
    await pool.close();
  }
}
