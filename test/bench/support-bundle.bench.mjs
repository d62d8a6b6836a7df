// Exporting the 5,000-container synthetic lab for support (synthetic-snapshot.mjs: 50 nodes, every
// command's raw output, 1,000 units): target under 2 s with obfuscation. Three figures, side by side
// with the demo lab (14 containers):
// 1. export with obfuscation: secrets masked again, every address, MAC and hostname learnt and
//    replaced, the bundle written with its README, the mapping written beside it;
// 2. the same without obfuscation (masking and writing only), to show what obfuscation adds;
// 3. what `orangebox-console snapshot export FILE -o BUNDLE --obfuscate` does after Node starts:
//    the snapshot file read and checked, then 1.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleHarness, loadAverage, summarise } from './bench-harness.mjs';

/** Rounds of each measure, taking turns between the synthetic lab and the demo. */
const ROUNDS = 5;
const FIXTURES = 'test/fixtures/outputs';

const ms = (value) => `${value.toFixed(0)} ms`;

export async function run() {
  const synthetic = await import('./synthetic-snapshot.mjs').catch(() => null);
  if (!synthetic) {
    console.log('not run: needs test/bench/synthetic-snapshot.mjs (the 5,000-container synthetic snapshot)');
    return;
  }
  const h = await bundleHarness('support-bundle', [
    `export { lxcListJson, profileListJson, ovsShow, ovsInterfacesJson, instanceOvsRow, ipLinkJson, hostLinks, instancePlumbingLinks, portName } from 'electron/snapshots/demo/demo-lab-outputs';`,
    `export { readSnapshotInventory } from 'electron/snapshots/snapshot-inventory';`,
    `export { readSnapshotFile, writeSnapshotFile } from 'electron/snapshots/snapshot-file';`,
    `export { DEMO_LAB_ASSET } from 'electron/snapshots/demo/demo-lab-file';`,
    `export { writeSupportBundle } from 'electron/snapshots/support-bundle/support-bundle';`,
  ]);
  const home = await mkdtemp(join(tmpdir(), 'obx-bench-bundle-'));
  try {
    const big = join(home, 'synthetic-5000.obxsnap');
    await h.writeSnapshotFile(big, await synthetic.syntheticSnapshot(h, FIXTURES));
    const labs = [
      { label: 'synthetic (5,000 containers)', path: big, obfuscated: [], cpu: [], plain: [], fromFile: [], bytes: 0, summary: null },
      { label: 'the demo (14 containers)', path: h.DEMO_LAB_ASSET, obfuscated: [], cpu: [], plain: [], fromFile: [], bytes: 0, summary: null },
    ];
    for (const lab of labs) lab.content = await h.readSnapshotFile(lab.path);
    const big0 = labs[0].content;
    console.log(`synthetic lab: ${big0.inventory.links.containers.length} containers on ${big0.inventory.machines.length - 1} nodes, ${big0.commands.length} commands, ${(((await stat(big)).size) / 1024).toFixed(0)} KiB on disk`);

    let file = 0;
    const next = () => join(home, `bundle-${(file += 1)}.obxsnap`);
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const lab of labs) {
        let started = performance.now();
        const cpu = process.cpuUsage();
        const written = await h.writeSupportBundle(next(), lab.content, { obfuscate: true });
        lab.obfuscated.push(performance.now() - started);
        const used = process.cpuUsage(cpu);
        lab.cpu.push((used.user + used.system) / 1000);
        lab.bytes = written.bytes;
        lab.summary = written.obfuscation;

        started = performance.now();
        await h.writeSupportBundle(next(), lab.content, { obfuscate: false });
        lab.plain.push(performance.now() - started);

        started = performance.now();
        await h.writeSupportBundle(next(), await h.readSnapshotFile(lab.path), { obfuscate: true });
        lab.fromFile.push(performance.now() - started);
      }
    }

    console.log(`\n${loadAverage()}`);
    // CPU time beside wall time: on a shared machine the wall time is mostly waiting for a core.
    console.log('| lab | export, obfuscated (target < 2 s) | its CPU time | export, not obfuscated | snapshot file → obfuscated bundle | bundle | replaced |');
    console.log('|---|---|---|---|---|---|---|');
    for (const lab of labs) {
      const [obfuscated, cpu, plain, fromFile] = [lab.obfuscated, lab.cpu, lab.plain, lab.fromFile].map(summarise);
      const replaced = lab.summary ? `${lab.summary.addresses} addresses in ${lab.summary.networks} networks, ${lab.summary.macs} MACs, ${lab.summary.hostnames} hostnames (${lab.summary.replacements} times)` : '';
      console.log(`| ${lab.label} | ${ms(obfuscated.median)} (max ${ms(obfuscated.max)}) | ${ms(cpu.median)} | ${ms(plain.median)} (max ${ms(plain.max)}) | ${ms(fromFile.median)} (max ${ms(fromFile.max)}) | ${(lab.bytes / 1024).toFixed(0)} KiB | ${replaced} |`);
    }
    console.log(`(median of ${ROUNDS} rounds each, taking turns; each writes a new bundle and, obfuscated, its mapping)`);
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}
