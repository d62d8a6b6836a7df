// Against the real lab (npm run lab:up first):
// 1. One command's round trip (`true` on the controller) through the console's transport, through
//    a bare ssh2 exec, and through OpenSSH with a ControlMaster: target ≤ 1.2× ssh2, ≥ 3× faster
//    than ControlMaster.
// 2. A full lab refresh, against its slowest single probe (target ≤ 1.5×) and against running the
//    same probes one after another.
import { existsSync, readFileSync } from 'node:fs';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { bundleHarness, summarise, timeEach } from './bench-harness.mjs';

/** Round trips per path: enough for a stable median, a few seconds in all. */
const ROUND_TRIPS = 300;
const WARM_UP = 30;
const REFRESHES = 5;
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
    `export { runProbeJobs } from 'electron/inventory/probe-runner';`,
  ]);
  const hostKeys = new h.InteractiveHostKeyPolicy(new h.KnownHosts([lab.knownHosts]), new h.PromptBroker(new h.StreamHub()));
  const auth = { identityFiles: [lab.userKey], identitiesOnly: true, agentSocket: null, passphrases: null };
  const target = { host: lab.controller.address, port: 22, user: lab.user };

  // 1. round trips
  const transport = await h.SshConnection.open(target, { auth, hostKeys });
  const raw = new ssh2.Client();
  await new Promise((resolve, reject) => {
    raw.once('ready', resolve).once('error', reject);
    raw.on('connect', () => raw.setNoDelay(true));
    raw.connect({ ...target, username: lab.user, privateKey: readFileSync(lab.userKey) });
  });
  const rawExec = () =>
    new Promise((resolve, reject) =>
      raw.exec('true', (error, stream) => {
        if (error) return reject(error);
        stream.on('close', resolve).resume();
        stream.stderr.resume();
      }),
    );
  const dir = await mkdtemp(join(tmpdir(), 'obx-bench-cm-'));
  const controlPath = join(dir, 'cm.sock');
  const sshArgs = ['-F', lab.sshConfig, '-o', `ControlPath=${controlPath}`];
  const master = spawn('ssh', [...sshArgs, '-M', '-N', 'obx-controller'], { stdio: 'ignore' });
  for (let tries = 0; tries < 50 && !existsSync(controlPath); tries += 1) await new Promise((resolve) => setTimeout(resolve, 100));
  const controlMaster = () => runCommand('ssh', [...sshArgs, 'obx-controller', 'true']);

  await timeEach(WARM_UP, () => transport.exec(['true']));
  await timeEach(WARM_UP, rawExec);
  await timeEach(5, controlMaster);
  const rows = [
    ['console transport (SshConnection.exec)', summarise(await timeEach(ROUND_TRIPS, () => transport.exec(['true'])))],
    ['bare ssh2 exec', summarise(await timeEach(ROUND_TRIPS, rawExec))],
    ['OpenSSH ControlMaster (ssh -S … true)', summarise(await timeEach(ROUND_TRIPS / 3, controlMaster))],
  ];
  const rawMedian = rows[1][1].median;
  console.log(`command round trip (\`true\` on the controller, ${ROUND_TRIPS} runs each)`);
  console.log('path                                        median ms   p99 ms   × ssh2');
  for (const [label, stats] of rows) console.log(`${label.padEnd(44)}${stats.median.toFixed(2).padStart(9)}${stats.p99.toFixed(2).padStart(9)}${(stats.median / rawMedian).toFixed(2).padStart(9)}`);
  console.log(`ControlMaster / console transport: ${(rows[2][1].median / rows[0][1].median).toFixed(1)}× (target ≥ 3×); console / ssh2: ${(rows[0][1].median / rawMedian).toFixed(2)}× (target ≤ 1.2×)`);
  master.kill();
  raw.end();
  await rm(dir, { recursive: true, force: true });

  // 2. full refresh
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
  const walls = [];
  let last;
  for (let index = 0; index < REFRESHES; index += 1) {
    last = await keeper.refresh();
    walls.push(last.lastRefreshMs);
  }
  const wall = summarise(walls).median;
  const slowest = last.probes.reduce((max, outcome) => (outcome.durationMs > max.durationMs ? outcome : max));
  const sequentialMs = last.probes.reduce((sum, outcome) => sum + outcome.durationMs, 0);
  console.log(`\nfull lab refresh (${last.probes.length} probes on ${last.machines.length} machines, median of ${REFRESHES})`);
  console.log(`wall time ${wall.toFixed(0)} ms; slowest single probe ${slowest.probeId} on ${slowest.machineId} ${slowest.durationMs.toFixed(0)} ms → ${(wall / slowest.durationMs).toFixed(2)}× (target ≤ 1.5×)`);
  console.log(`the same probes one after another: ${sequentialMs.toFixed(0)} ms → parallel refresh is ${(sequentialMs / wall).toFixed(1)}× faster`);
  keeper.stop();
  transport.close();
}
