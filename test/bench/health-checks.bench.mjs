// All health checks (electron/health/) over the 5,000-container synthetic lab (synthetic-snapshot.mjs:
// 50 compute nodes, every instance's tap/qbr/qvb/qvo in `ip link`, br-int in `ovs-vsctl show`, OVS's
// Interface table, 1,000 Juju units), with and without OpenStack's lists (synthetic-openstack.mjs: a
// server per instance). Target: under 100 ms for the whole catalog, beside a full refresh of the same
// lab (the keeper reading every recorded output through the parsers, as opening a capture without a
// stored inventory does; its figure includes the checks, which run at its end). Each check alone too,
// on a fresh copy each round (the checks share an index built once per inventory, timed with the run).
import { bundleHarness, loadAverage, summarise } from './bench-harness.mjs';
import { syntheticSnapshot } from './synthetic-snapshot.mjs';
import { withSyntheticOpenStack } from './synthetic-openstack.mjs';

const ROUNDS = 15;
const REFRESHES = 3;
const FIXTURES = 'test/fixtures/outputs';
const TARGET_MS = 100;

const ms = (value) => `${value.toFixed(1).padStart(8)} ms`;

export async function run() {
  const h = await bundleHarness('health-checks', [
    `export { lxcListJson, profileListJson, ovsShow, ovsInterfacesJson, instanceOvsRow, ipLinkJson, hostLinks, instancePlumbingLinks, portName } from 'electron/snapshots/demo/demo-lab-outputs';`,
    `export { readSnapshotInventory } from 'electron/snapshots/snapshot-inventory';`,
    `export { runHealthChecks } from 'electron/health/run-health-checks';`,
    `export { HEALTH_CHECKS } from 'electron/health/health-check-catalog';`,
  ]);
  const content = await syntheticSnapshot(h, FIXTURES);
  const refreshes = [];
  let inventory = content.inventory;
  for (let round = 0; round < REFRESHES; round += 1) {
    const started = performance.now();
    inventory = (await h.readSnapshotInventory(content)).inventory;
    refreshes.push(performance.now() - started);
  }
  const labs = [
    { label: 'synthetic lab, OpenStack not read', inventory },
    { label: 'the same with OpenStack (a server per instance)', inventory: withSyntheticOpenStack(inventory) },
  ];
  const containers = inventory.links.containers.length;
  console.log(`synthetic lab: ${containers} containers on ${inventory.machines.length - 1} nodes, ${inventory.probes.length} probe outcomes; ${h.HEALTH_CHECKS.length} checks`);
  console.log(`full refresh (keeper over the recorded outputs, checks included), median of ${REFRESHES}: ${ms(summarise(refreshes).median)}`);
  console.log(`\nall checks (median and p99 of ${ROUNDS} rounds, each on a fresh copy of the inventory, parsed from JSON as an opened snapshot is; target < ${TARGET_MS} ms)`);
  console.log(`${''.padEnd(50)}${'wall'.padStart(11)}${'p99'.padStart(11)}${'CPU'.padStart(11)}`);
  for (const lab of labs) {
    const samples = [];
    // CPU time (user + system) beside the wall time: on a loaded machine the wall time is mostly waiting for a core.
    const cpuSamples = [];
    let report = null;
    for (let round = 0; round < ROUNDS; round += 1) {
      const copy = JSON.parse(JSON.stringify(lab.inventory));
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      report = h.runHealthChecks(copy);
      samples.push(performance.now() - started);
      const cpu = process.cpuUsage(cpuBefore);
      cpuSamples.push((cpu.user + cpu.system) / 1000);
    }
    const { median, p99 } = summarise(samples);
    const found = report.checks.reduce((sum, check) => sum + check.findings, 0);
    const cpu = summarise(cpuSamples).median;
    console.log(`${lab.label.padEnd(50)}${ms(median)}${ms(p99)}${ms(cpu)}   ${median < TARGET_MS ? 'under' : 'OVER'} the target; ${found} findings, ${report.checks.filter((check) => check.status === 'not-read').length} checks not read`);
  }
  console.log(`\neach check alone (median of ${ROUNDS}, with OpenStack; each builds the shared index it needs)`);
  const withOpenStack = labs[1].inventory;
  for (const check of h.HEALTH_CHECKS) {
    const samples = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const copy = JSON.parse(JSON.stringify(withOpenStack));
      const started = performance.now();
      h.runHealthChecks(copy, [check]);
      samples.push(performance.now() - started);
    }
    console.log(`  ${check.id.padEnd(32)}${ms(summarise(samples).median)}`);
  }
  console.log(loadAverage());
}
