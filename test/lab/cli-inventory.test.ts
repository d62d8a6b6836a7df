// `orangebox-console inventory` against the real lab: a readable summary, JSON with secrets
// masked, route overrides, and host keys refused unless known (or --accept-new). And
// `orangebox-console check`: the health checks over the lab with no fault on find nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInventoryCommand } from '../../electron/cli/inventory-command';
import { runCheckCommand } from '../../electron/cli/check-command';
import type { HealthReport } from '../../electron/contract/health';
import { allLabFaultsOff, LAB_FAULTS_HOLD_WAIT_MS, releaseLabFaults } from './lab-faults';
import type { LabInventory } from '../../electron/contract/inventory';
import { loadLabManifest, type LabManifest } from './lab-manifest';

let lab: LabManifest;
let dir: string;

async function inventory(args: string[], command = runInventoryCommand) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  lab = loadLabManifest();
  dir = await mkdtemp(join(tmpdir(), 'obx-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const controller = () => `${lab.user}@${lab.controller.address}`;

describe('orangebox-console inventory', () => {
  it('prints the model and every machine with its route and containers, exit 0', async () => {
    const { code, out } = await inventory([controller(), '-i', lab.userKey, '--known-hosts', lab.knownHosts]);
    expect(code).toBe(0);
    expect(out).toContain(`Model ${lab.juju.model} on controller ${lab.juju.controller}`);
    for (const machine of lab.machines) expect(out).toContain(`machine ${machine.id}  ${machine.hostname}  ${machine.address}`);
    expect(out).toMatch(/machine 23 .*\n {2}route: juju-ssh/);
    for (const instance of lab.machines.flatMap((machine) => machine.instances)) expect(out).toMatch(new RegExp(`${instance.name} +RUNNING +${instance.fixedAddress.replace(/\./g, '\\.')}`));
    expect(out).toContain(`netns ${lab.gateway.router.namespace}`);
    for (const machine of lab.machines.filter((candidate) => candidate.role === 'compute')) {
      expect(out).toMatch(new RegExp(`machine ${machine.id} .*\\n(?: .*\\n)*? {2}hypervisor: LXD \\(nova-lxd, lxd\\.LXDDriver\\) \\(${machine.nova!.novaComputeConf} line \\d+\\)\\n {2}packages: lxd \\S+, lxd-client \\S+`));
    }
  });

  it('prints JSON with every nova.conf secret masked', async () => {
    const { code, out } = await inventory([controller(), '-i', lab.userKey, '--known-hosts', lab.knownHosts, '--json']);
    expect(code).toBe(0);
    const parsed = JSON.parse(out) as LabInventory;
    expect(parsed.machines.map((machine) => machine.id)).toEqual(['controller', ...lab.machines.map((machine) => machine.id)]);
    expect(parsed.machines.filter((machine) => machine.hypervisor?.kind === 'lxd').map((machine) => machine.id)).toEqual(lab.machines.filter((machine) => machine.role === 'compute').map((machine) => machine.id));
    for (const secret of Object.values(lab.nova.secrets)) expect(out).not.toContain(secret);
  });

  it('follows a --route override', async () => {
    const { out } = await inventory([controller(), '-i', lab.userKey, '--known-hosts', lab.knownHosts, '--route', '22=juju-ssh']);
    expect(out).toMatch(/machine 22 .*\n {2}route: juju-ssh/);
  });

  it('refuses an unknown host key with its fingerprint, and records it only with --accept-new', async () => {
    const knownHosts = join(dir, 'known_hosts');
    await writeFile(knownHosts, '');
    const refused = await inventory([controller(), '-i', lab.userKey, '--known-hosts', knownHosts]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(lab.controller.hostKeyFingerprint);
    expect(refused.err).toContain('--accept-new');
    const accepted = await inventory([controller(), '-i', lab.userKey, '--known-hosts', knownHosts, '--accept-new']);
    expect(accepted.code).toBe(0);
    expect(accepted.err).toContain(`recorded the new host key of ${lab.controller.address}`);
    expect(await readFile(knownHosts, 'utf8')).toContain(lab.controller.hostKey.split(' ')[1]);
  });

  it('exits 2 on bad arguments and 1 when nothing answers', async () => {
    expect((await inventory([])).code).toBe(2);
    expect((await inventory([controller(), '--route', '22=teleport'])).code).toBe(2);
    const dead = await inventory([`${lab.user}@127.0.9.9`, '-i', lab.userKey, '--known-hosts', lab.knownHosts]);
    expect(dead.code).toBe(1);
    expect(dead.err).toMatch(/127\.0\.9\.9:22.*connection refused/);
  });
});

describe('orangebox-console check', () => {
  // Another test file's injected fault would be a finding here: hold the lab's faults, all off.
  beforeAll(() => allLabFaultsOff(), LAB_FAULTS_HOLD_WAIT_MS);
  afterAll(() => releaseLabFaults());

  it('finds nothing on the lab with every fault off, and every check ran: exit 0', async () => {
    const { code, out, err } = await inventory([controller(), '-i', lab.userKey, '--known-hosts', lab.knownHosts, '--json'], runCheckCommand);
    const report = JSON.parse(out) as HealthReport;
    expect(report.findings, err).toEqual([]);
    expect(report.checks.filter((check) => check.status !== 'ran')).toEqual([]);
    expect(code).toBe(0);
  });

  it('prints the report as a page, and exits 1 when nothing answers', async () => {
    const { code, out } = await inventory([controller(), '-i', lab.userKey, '--known-hosts', lab.knownHosts], runCheckCommand);
    expect(code).toBe(0);
    expect(out).toMatch(new RegExp(`^Lab ${controller().replace(/\./g, '\\.')}: \\d+ health checks, read .* UTC\n0 errors, 0 warnings, 0 info\n\nNo findings\.`));
    const dead = await inventory([`${lab.user}@127.0.9.9`, '-i', lab.userKey, '--known-hosts', lab.knownHosts], runCheckCommand);
    expect(dead.code).toBe(1);
    expect(dead.err).toMatch(/^orangebox-console check: .*127\.0\.9\.9:22.*connection refused/);
  });
});
