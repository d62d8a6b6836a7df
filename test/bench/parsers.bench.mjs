// What reading a big lab costs: parse + normalize a `juju status` of 1,000 units on 500 machines
// and an `lxc list` of 5,000 instances, each in the probes' JSON form and in the form a person pastes
// (Juju's table, LXD's boxed table). The console re-reads these on every refresh, so each should stay
// well under a frame budget of the UI's refresh: the target is < 50 ms on the 2-core CI machine.
import { performance } from 'node:perf_hooks';
import { bundleHarness } from './bench-harness.mjs';

/** Enough runs for a stable median on a 2-core machine; each run is tens of milliseconds. */
const RUNS = 15;
/** Runs first, unmeasured, so the JIT has compiled the parsers. */
const WARM_UP = 3;
const TARGET_MS = 50;
const LXC_INSTANCES = 5000;

const loadHarness = () =>
  bundleHarness('parsers', [
    `export { parseJujuStatus } from 'electron/probes/parsers/juju-status';`,
    `export { parseLxcList } from 'electron/probes/parsers/lxc-list';`,
    `export * from 'test/unit/parsers/synthetic-outputs';`,
  ]);

function median(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measure(label, text, parse, check) {
  for (let index = 0; index < WARM_UP; index += 1) parse(text);
  const samples = [];
  let result;
  for (let index = 0; index < RUNS; index += 1) {
    const start = performance.now();
    result = parse(text);
    samples.push(performance.now() - start);
  }
  const problem = check(result);
  if (problem) throw new Error(`${label}: ${problem}`);
  return { label, kib: text.length / 1024, median: median(samples), max: Math.max(...samples) };
}

export async function run() {
  const harness = await loadHarness();
  const jujuCheck = (result) =>
    result.value.units.length !== 1000 || result.value.machines.length !== 500 ? `read ${result.value.units.length} units / ${result.value.machines.length} machines, expected 1000 / 500` : null;
  const lxcCheck = (result) => (result.value.instances.length !== LXC_INSTANCES ? `read ${result.value.instances.length} instances, expected ${LXC_INSTANCES}` : null);

  const rows = [
    measure('juju status --format=json (1,000 units, 500 machines)', harness.syntheticJujuStatusJson(), harness.parseJujuStatus, jujuCheck),
    measure('juju status tabular (1,000 units, 500 machines)', harness.syntheticJujuStatusTabular(), harness.parseJujuStatus, jujuCheck),
    measure(`lxc list --format json (${LXC_INSTANCES} instances)`, harness.syntheticLxcListJson(LXC_INSTANCES), harness.parseLxcList, lxcCheck),
    measure(`lxc list table (${LXC_INSTANCES} instances)`, harness.syntheticLxcListTable(LXC_INSTANCES), harness.parseLxcList, lxcCheck),
  ];
  console.log(`parse + normalize, median of ${RUNS} runs after ${WARM_UP} warm-up runs (target < ${TARGET_MS} ms)`);
  console.log('input                                                      KiB   median ms   max ms   target');
  for (const row of rows) {
    console.log(`${row.label.padEnd(56)}${row.kib.toFixed(0).padStart(7)}${row.median.toFixed(1).padStart(12)}${row.max.toFixed(1).padStart(9)}   ${row.median < TARGET_MS ? 'ok' : 'OVER'}`);
  }
}
