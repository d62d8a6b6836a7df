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
/** The OpenStack view's scale target (test/bench/views.bench.mjs): 5,000 Nova servers. */
const OPENSTACK_SERVERS = 5000;
/** `openstack server list --all-projects --long`'s columns, as OSC 6.0 prints them. */
const SERVER_COLUMNS = ['ID', 'Name', 'Status', 'Task State', 'Power State', 'Networks', 'Image Name', 'Image ID', 'Flavor Name', 'Flavor ID', 'Availability Zone', 'Host', 'Properties'];

/** `server list --long` of `count` servers shaped like the lab's capture, as -f json or as the table. */
function syntheticServerList(count, form) {
  const rows = Array.from({ length: count }, (_, index) => {
    const id = `${index.toString(16).padStart(8, '0')}-aaaa-4bbb-8ccc-000000000000`;
    const fixed = `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
    const networks = index % 2 === 0 ? [fixed, `198.51.100.${1 + (index % 250)}`] : [fixed];
    return [id, `lxc-test-${index}`, 'ACTIVE', null, 1, { private: networks }, 'xenial', '1f0c3b5e-2d4a-4b6c-8d7e-9f0a1b2c3d4e', 'm1.tiny', '1', 'nova', `node${String(index % 40).padStart(2, '0')}ob64`, {}];
  });
  if (form === 'json') return JSON.stringify(rows.map((row) => Object.fromEntries(SERVER_COLUMNS.map((column, at) => [column, row[at]]))), null, 2);
  const text = (value, at) => (at === 3 ? 'None' : at === 4 ? 'Running' : at === 5 ? `private=${[...value.private].sort().join(', ')}` : at === 12 ? '' : String(value));
  const cells = rows.map((row) => row.map(text));
  const widths = SERVER_COLUMNS.map((column, at) => Math.max(column.length, ...cells.map((row) => row[at].length)));
  const rule = `+${widths.map((width) => '-'.repeat(width + 2)).join('+')}+`;
  const line = (values) => `| ${values.map((value, at) => value.padEnd(widths[at])).join(' | ')} |`;
  return [rule, line(SERVER_COLUMNS), rule, ...cells.map(line), rule].join('\n');
}

const loadHarness = () =>
  bundleHarness('parsers', [
    `export { parseJujuStatus } from 'electron/probes/parsers/juju-status';`,
    `export { parseLxcList } from 'electron/probes/parsers/lxc-list';`,
    `export { parseOpenStackServerList } from 'electron/probes/parsers/openstack-server-list';`,
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
  const serverCheck = (result) =>
    result.value.servers.length !== OPENSTACK_SERVERS || result.problems.length > 0 ? `read ${result.value.servers.length} servers with ${result.problems.length} problems, expected ${OPENSTACK_SERVERS} and none` : null;
  const lxcCheck = (result) => (result.value.instances.length !== LXC_INSTANCES ? `read ${result.value.instances.length} instances, expected ${LXC_INSTANCES}` : null);

  const rows = [
    measure('juju status --format=json (1,000 units, 500 machines)', harness.syntheticJujuStatusJson(), harness.parseJujuStatus, jujuCheck),
    measure('juju status tabular (1,000 units, 500 machines)', harness.syntheticJujuStatusTabular(), harness.parseJujuStatus, jujuCheck),
    measure(`lxc list --format json (${LXC_INSTANCES} instances)`, harness.syntheticLxcListJson(LXC_INSTANCES), harness.parseLxcList, lxcCheck),
    measure(`lxc list table (${LXC_INSTANCES} instances)`, harness.syntheticLxcListTable(LXC_INSTANCES), harness.parseLxcList, lxcCheck),
    measure(`openstack server list --long -f json (${OPENSTACK_SERVERS})`, syntheticServerList(OPENSTACK_SERVERS, 'json'), harness.parseOpenStackServerList, serverCheck),
    measure(`openstack server list --long table (${OPENSTACK_SERVERS})`, syntheticServerList(OPENSTACK_SERVERS, 'table'), harness.parseOpenStackServerList, serverCheck),
  ];
  console.log(`parse + normalize, median of ${RUNS} runs after ${WARM_UP} warm-up runs (target < ${TARGET_MS} ms)`);
  console.log('input                                                      KiB   median ms   max ms   target');
  for (const row of rows) {
    console.log(`${row.label.padEnd(56)}${row.kib.toFixed(0).padStart(7)}${row.median.toFixed(1).padStart(12)}${row.max.toFixed(1).padStart(9)}   ${row.median < TARGET_MS ? 'ok' : 'OVER'}`);
  }
}
