// Against the real lab (npm run lab:up first): the path analysis of one source/target pair (the
// qrouter namespace → an instance's fixed address), through the whole core as the page asks it
// (troubleshoot.analyse on the inventory read by one refresh): target under 3 s to the verdict.
// Beside it, a whole test run (every hop's counters, ofproto/trace, 5 pings 0.2 s apart, counters
// again), and the derivation alone over the 5,000-container synthetic inventory (each analysis
// indexes the inventory afresh, as the core does for each request).
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleHarness, loadAverage, summarise, timeEach } from './bench-harness.mjs';
import { syntheticInventory } from './synthetic-inventory.mjs';

/** Analyses of the pair: each is a pure walk of the inventory, so a few dozen give a stable median. */
const ANALYSES = 30;
/** Test runs: each pings 5 times 0.2 s apart, ~1 s of the lab's time and a few commands per machine. */
const TEST_RUNS = 3;
const TEST_RUN_LIMIT_MS = 120_000;
const MANIFEST = join(process.env.OBX_LAB_DIR ?? '/tmp/orangebox-lab', 'lab.json');

export async function run() {
  if (!existsSync(MANIFEST)) {
    console.log(`not run: the lab is not up (${MANIFEST} missing); run \`npm run lab:up\``);
    return;
  }
  const lab = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  const h = await bundleHarness('path-analysis', [
    `export { createConsoleCore } from 'electron/core/console-core';`,
    `export { FileStore } from 'electron/store/file-store';`,
    `export { derivePath } from 'electron/troubleshoot/derive-path';`,
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'obx-bench-path-'));
  const core = await h.createConsoleCore({ host: 'browser', store: new h.FileStore(join(dir, 'state.json')), knownHostsFiles: [lab.knownHosts], agentSocket: null });
  const progress = [];
  core.streams.attach((stream, payload) => stream === 'troubleshoot.progress' && progress.push(payload));
  const call = async (name, params) => {
    const outcome = await core.dispatch(name, params);
    if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`);
    return outcome.result;
  };
  try {
    const saved = await call('labs.save', { name: 'bench path', controller: { host: lab.controller.address, port: 22, user: lab.user, identityFile: lab.userKey, sshConfigHost: null } });
    await call('lab.connect', { labId: saved.id });
    const refreshStart = performance.now();
    await call('inventory.refresh', null);
    const refreshMs = performance.now() - refreshStart;

    const instance = lab.machines.flatMap((machine) => machine.instances)[0];
    const request = { source: { kind: 'namespace', machineId: lab.gateway.machineId, namespace: lab.gateway.router.namespace }, target: { kind: 'address', address: instance.fixedAddress } };
    let verdict = '';
    const analyses = summarise(await timeEach(ANALYSES, async () => (verdict = (await call('troubleshoot.analyse', request)).verdict.text)));

    const runs = await timeEach(TEST_RUNS, async () => {
      const started = await call('troubleshoot.test', { ...request, count: 5 });
      const deadline = Date.now() + TEST_RUN_LIMIT_MS;
      for (;;) {
        const last = progress.filter((entry) => entry.runId === started.runId).at(-1);
        if (last && (last.stage === 'done' || last.stage === 'failed')) return;
        if (Date.now() > deadline) throw new Error(`a test run took over ${TEST_RUN_LIMIT_MS / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
    const testRuns = summarise(runs);
    const last = progress.at(-1);

    // The derivation alone at scale: each analysis indexes the inventory afresh (5,000 containers, 50 nodes).
    const synthetic = syntheticInventory();
    const from = synthetic.links.containers.find((container) => container.nics.length > 0) ?? synthetic.links.containers[0];
    const scale = summarise(await timeEach(ANALYSES, async () => h.derivePath(synthetic, { kind: 'container', machineId: from.machineId, container: from.container }, { kind: 'address', address: '198.51.100.77' })));

    console.log(`pair: ${lab.gateway.router.namespace} → ${instance.fixedAddress}; verdict: ${verdict}`);
    console.log(`test run said: ${last?.stoppedAt?.text ?? last?.error}`);
    console.log('what                                            median ms    max ms');
    console.log(`${'refresh (once, before the analyses)'.padEnd(48)}${refreshMs.toFixed(0).padStart(9)}${''.padStart(10)}`);
    console.log(`${`troubleshoot.analyse (${ANALYSES}×, target < 3000)`.padEnd(48)}${analyses.median.toFixed(1).padStart(9)}${analyses.max.toFixed(1).padStart(10)}`);
    console.log(`${`troubleshoot.test to done (${TEST_RUNS}×, 5 pings)`.padEnd(48)}${testRuns.median.toFixed(0).padStart(9)}${testRuns.max.toFixed(0).padStart(10)}`);
    console.log(`${`derivePath, 5,000-container inventory (${ANALYSES}×)`.padEnd(48)}${scale.median.toFixed(1).padStart(9)}${scale.max.toFixed(1).padStart(10)}`);
    console.log(`load as it ended: ${loadAverage()}`);
  } finally {
    await core.close();
    await rm(dir, { recursive: true, force: true });
  }
}
