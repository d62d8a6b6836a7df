// Against the real lab (npm run lab:up first):
// 1. One command's round trip (`true` on the controller) through the console's transport, through
//    a bare ssh2 exec on the console's own connection (the same TCP/SSH session, the console's code
//    left out), through a bare ssh2 exec on a connection of its own, and through OpenSSH with a
//    ControlMaster: target console ≤ 1.2× ssh2 on the same connection, ≥ 3× faster than
//    ControlMaster. The paths take turns in rounds, so a burst of load elsewhere hits them alike.
// 2. A full lab refresh (probes in parallel, bounded), against its slowest single probe (target
//    ≤ 1.5×) and against running the same probes, on the same connections, one after another for
//    real (taking turns with the refresh, round by round).
// 3. A snapshot capture (one refresh with every command recorded and masked, routes opened afresh)
//    beside a full refresh that also opens its routes afresh, taking turns (target ≤ 1.2×).
import { existsSync, readFileSync } from 'node:fs';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { bundleHarness, loadAverage, summarise, timeEach } from './bench-harness.mjs';

/** Round trips per path: enough for a stable median, a few seconds in all; taken in ROUNDS turns. */
const ROUND_TRIPS = 300;
const ROUNDS = 10;
const WARM_UP = 30;
/** Rounds of (parallel refresh, the same probes one after another). */
const REFRESHES = 5;
/** Rounds of (a refresh opening its routes afresh, a capture): each takes a second or two. */
const CAPTURES = 5;
const MANIFEST = join(process.env.OBX_LAB_DIR ?? '/tmp/orangebox-lab', 'lab.json');

const runCommand = (command, args) =>
  new Promise((resolve, reject) => execFile(command, args, (error, stdout) => (error ? reject(error) : resolve(stdout))));

export async function run() {
  if (!existsSync(MANIFEST)) {
    console.log(`not run: the lab is not up (${MANIFEST} missing); run \`npm run lab:up\``);
    return;
  }
  const lab = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  const h = await bundleHarness('lab-transport', [
    `export { SshConnection } from 'electron/ssh/ssh-connection';`,
    `export { KnownHosts } from 'electron/ssh/known-hosts';`,
    `export { InteractiveHostKeyPolicy } from 'electron/ssh/interactive-host-key-policy';`,
    `export { PromptBroker } from 'electron/core/prompt-broker';`,
    `export { StreamHub } from 'electron/core/stream-hub';`,
    `export { InventoryKeeper } from 'electron/inventory/inventory-keeper';`,
    `export { sshController } from 'electron/lab/lab-controller';`,
    `export { runProbeJobs, MAX_PARALLEL_PROBES } from 'electron/inventory/probe-runner';`,
    `export { CONTROLLER_PROBES, MACHINE_PROBES, namespaceProbes } from 'electron/inventory/probe-catalog';`,
    `export { CONTROLLER_MACHINE_ID } from 'electron/contract/inventory';`,
    `export { captureSnapshot } from 'electron/snapshots/capture';`,
  ]);
  const hostKeys = new h.InteractiveHostKeyPolicy(new h.KnownHosts([lab.knownHosts]), new h.PromptBroker(new h.StreamHub()));
  const auth = { identityFiles: [lab.userKey], identitiesOnly: true, agentSocket: null, passphrases: null };
  const target = { host: lab.controller.address, port: 22, user: lab.user };

  // 1. round trips
  const transport = await h.SshConnection.open(target, { auth, hostKeys });
  const bareExec = (client) => () =>
    new Promise((resolve, reject) =>
      client.exec('true', (error, stream) => {
        if (error) return reject(error);
        stream.on('close', resolve).resume();
        stream.stderr.resume();
      }),
    );
  // The ssh2 client inside the console's connection (a private field; reached here only to take
  // the console's own code out of the same session).
  const sameConnection = bareExec(transport.client);
  const raw = new ssh2.Client();
  await new Promise((resolve, reject) => {
    raw.once('ready', resolve).once('error', reject);
    raw.on('connect', () => raw.setNoDelay(true));
    raw.connect({ ...target, username: lab.user, privateKey: readFileSync(lab.userKey) });
  });
  const ownConnection = bareExec(raw);
  const dir = await mkdtemp(join(tmpdir(), 'obx-bench-cm-'));
  const controlPath = join(dir, 'cm.sock');
  const sshArgs = ['-F', lab.sshConfig, '-o', `ControlPath=${controlPath}`];
  const master = spawn('ssh', [...sshArgs, '-M', '-N', 'obx-controller'], { stdio: 'ignore' });
  for (let tries = 0; tries < 50 && !existsSync(controlPath); tries += 1) await new Promise((resolve) => setTimeout(resolve, 100));
  const controlMaster = () => runCommand('ssh', [...sshArgs, 'obx-controller', 'true']);

  const paths = [
    { label: 'console transport (SshConnection.exec)', once: () => transport.exec(['true']), count: ROUND_TRIPS },
    { label: 'bare ssh2 exec, the console’s own connection', once: sameConnection, count: ROUND_TRIPS },
    { label: 'bare ssh2 exec, a connection of its own', once: ownConnection, count: ROUND_TRIPS },
    { label: 'OpenSSH ControlMaster (ssh -S … true)', once: controlMaster, count: ROUND_TRIPS / 3 },
  ];
  for (const path of paths) await timeEach(path === paths[3] ? 5 : WARM_UP, path.once);
  const samples = paths.map(() => []);
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [index, path] of paths.entries()) samples[index].push(...(await timeEach(path.count / ROUNDS, path.once)));
  }
  const stats = samples.map(summarise);
  const [consoleStats, sameStats, ownStats, masterStats] = stats;
  console.log(`command round trip (\`true\` on the controller; ${ROUND_TRIPS} runs each, ${ROUND_TRIPS / 3} through ControlMaster, in ${ROUNDS} alternating rounds)`);
  console.log('path                                            median ms   p99 ms   × ssh2 same connection');
  for (const [index, path] of paths.entries()) console.log(`${path.label.padEnd(48)}${stats[index].median.toFixed(2).padStart(9)}${stats[index].p99.toFixed(2).padStart(9)}${(stats[index].median / sameStats.median).toFixed(2).padStart(9)}`);
  console.log(
    `console / ssh2 on the same connection: ${(consoleStats.median / sameStats.median).toFixed(2)}× (target ≤ 1.2×); ` +
      `on a connection of its own ssh2 takes ${(ownStats.median / sameStats.median).toFixed(2)}× its time on the console's; ` +
      `ControlMaster / console transport: ${(masterStats.median / consoleStats.median).toFixed(1)}× (target ≥ 3×)`,
  );
  console.log(loadAverage());
  master.kill();
  raw.end();
  await rm(dir, { recursive: true, force: true });

  // 2. full refresh, and the same probes one after another
  const controller = h.sshController(transport);
  const keeper = new h.InventoryKeeper({
    labId: 'lab-benchmark0001',
    controller: () => controller,
    routeContext: (controller) => ({ controller, user: lab.user, auth, hostKeys }),
    routeChoice: () => 'auto',
    onInventory: () => {},
    onProbe: () => {},
  });
  await keeper.refresh(); // opens the routes: later refreshes are the steady state
  /** The refresh's probes as jobs, each on the machine's route the refresh used (its connection). */
  const jobsOf = async (inventory) => {
    const jobs = [];
    for (const outcome of inventory.probes) {
      const machine = inventory.machines.find((candidate) => candidate.id === outcome.machineId);
      const namespace = outcome.probeId.split(':')[1];
      const catalog = namespace !== undefined ? h.namespaceProbes(namespace) : machine.id === h.CONTROLLER_MACHINE_ID ? h.CONTROLLER_PROBES : h.MACHINE_PROBES;
      const probe = catalog.find((candidate) => candidate.id === outcome.probeId);
      if (!probe) throw new Error(`no probe ${outcome.probeId} in the catalog`);
      jobs.push({ machine, transport: await keeper.session.transportFor(machine.id), probe });
    }
    return jobs;
  };
  const walls = [];
  const sequentialWalls = [];
  let last;
  let lastSequential;
  for (let index = 0; index < REFRESHES; index += 1) {
    last = await keeper.refresh();
    walls.push(last.lastRefreshMs);
    const jobs = await jobsOf(last);
    const started = performance.now();
    lastSequential = await h.runProbeJobs(jobs, () => {}, 1);
    sequentialWalls.push(performance.now() - started);
  }
  const failed = lastSequential.filter((outcome) => outcome.status === 'failed');
  if (failed.length > 0) console.log(`note: ${failed.length} probes failed one after another: ${failed.map((outcome) => `${outcome.probeId} on ${outcome.machineId}`).join(', ')}`);
  const wall = summarise(walls).median;
  const sequentialMs = summarise(sequentialWalls).median;
  const slowest = last.probes.reduce((max, outcome) => (outcome.durationMs > max.durationMs ? outcome : max));
  const alone = lastSequential.find((outcome) => outcome.machineId === slowest.machineId && outcome.probeId === slowest.probeId);
  const summed = last.probes.reduce((sum, outcome) => sum + outcome.durationMs, 0);
  console.log(`\nfull lab refresh (${last.probes.length} probes on ${last.machines.length} machines, median of ${REFRESHES} rounds, each a refresh then the same probes one after another)`);
  console.log(`parallel refresh (up to ${h.MAX_PARALLEL_PROBES} probes at once)   ${wall.toFixed(0).padStart(6)} ms   (rounds: ${walls.map((ms) => ms.toFixed(0)).join(', ')})`);
  console.log(`the same probes one after another     ${sequentialMs.toFixed(0).padStart(6)} ms   (rounds: ${sequentialWalls.map((ms) => ms.toFixed(0)).join(', ')}) → parallel refresh is ${(sequentialMs / wall).toFixed(1)}× faster`);
  console.log(
    `slowest single probe in the refresh: ${slowest.probeId} on ${slowest.machineId} ${slowest.durationMs.toFixed(0)} ms (${alone ? `${alone.durationMs.toFixed(0)} ms when run alone` : 'not run alone'}) → refresh ${(wall / slowest.durationMs).toFixed(2)}× it (target ≤ 1.5×)` +
      (alone ? `, ${(wall / Math.max(1, alone.durationMs)).toFixed(2)}× it alone` : ''),
  );
  console.log(`(the probes' own durations inside the parallel refresh add up to ${summed.toFixed(0)} ms: each is slower while they share the cores and connections)`);
  console.log(loadAverage());

  // 3. a capture beside a refresh that, like it, opens every machine's route first
  const options = { routeContext: (controller) => ({ controller, user: lab.user, auth, hostKeys }), routeChoice: () => 'auto' };
  const coldWalls = [];
  const captureWalls = [];
  let content;
  for (let index = 0; index < CAPTURES; index += 1) {
    const cold = new h.InventoryKeeper({ labId: 'lab-benchmark0002', controller: () => controller, ...options, onInventory: () => {}, onProbe: () => {} });
    let started = performance.now();
    await cold.refresh();
    coldWalls.push(performance.now() - started);
    cold.stop();
    started = performance.now();
    content = await h.captureSnapshot({ lab: { id: 'lab-benchmark0003', name: 'bench', controller: { kind: 'ssh', host: target.host, port: 22, user: lab.user, identityFile: lab.userKey, sshConfigHost: null } }, controller: () => controller, ...options });
    captureWalls.push(performance.now() - started);
  }
  const coldMs = summarise(coldWalls).median;
  const captureMs = summarise(captureWalls).median;
  const recordedBytes = content.commands.reduce((sum, command) => sum + command.stdout.length + command.stderr.length, 0);
  console.log(`\nsnapshot capture (${content.commands.length} commands, ${(recordedBytes / 1024).toFixed(0)} KiB of output recorded and masked; median of ${CAPTURES} rounds, each a refresh opening its routes then a capture)`);
  console.log(`full refresh, routes opened afresh   ${coldMs.toFixed(0).padStart(6)} ms   (rounds: ${coldWalls.map((ms) => ms.toFixed(0)).join(', ')})`);
  console.log(`capture                              ${captureMs.toFixed(0).padStart(6)} ms   (rounds: ${captureWalls.map((ms) => ms.toFixed(0)).join(', ')}) → ${(captureMs / coldMs).toFixed(2)}× the refresh (target ≤ 1.2×), ${(captureMs / wall).toFixed(2)}× a refresh on open routes`);
  console.log(loadAverage());
  keeper.stop();
  transport.close();
}
