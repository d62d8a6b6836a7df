// `orangebox-console check`: the health checks over a snapshot (the shipped demo, a hand-made
// capture, a broken lab written as a snapshot would store it), printed by severity with each
// finding's object, machine, evidence and command, or as JSON; exit 0 with no findings, 3 with
// findings, 1 when the file cannot be read, 2 on bad arguments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeReport, FINDINGS_EXIT_STATUS, runCheckCommand } from '../../electron/cli/check-command';
import { runCli } from '../../electron/cli/cli';
import type { HealthReport } from '../../electron/contract/health';
import { writeSnapshotFile } from '../../electron/snapshots/snapshot-file';
import { runHealthChecks } from '../../electron/health/run-health-checks';
import { handMadeSnapshot } from '../support/hand-made-snapshot';
import { readBundledDemo } from '../../electron/snapshots/demo/bundled-demo';
import { healthyLab, inventoryOf, INSTANCE_0C, model, port } from '../support/health-lab';

const DEMO = fileURLToPath(new URL('../../assets/demo-lab.obxsnap', import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'obx-cli-check-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function check(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCheckCommand(argv, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('orangebox-console check --snapshot', () => {
  it('finds nothing on the shipped demo lab: exit 0, and says which checks it could not run', async () => {
    const { code, out } = await check(['--snapshot', DEMO]);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toMatch(/^Snapshot of OrangeBox demo \(walkthrough\) taken 2016-12-07 10:00 UTC \(.*demo-lab\.obxsnap\): \d+ health checks, read 2016-12-07 10:00 UTC$/);
    expect(out).toContain('0 errors, 0 warnings, 0 info');
    expect(out).toContain('No findings.');
  });

  it('prints the report as JSON with --json', async () => {
    const { code, out } = await check(['--snapshot', DEMO, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(out) as HealthReport;
    expect(report.findings).toEqual([]);
    expect(report.checks.find((entry) => entry.id === 'qvo-vlan-tag')).toMatchObject({ status: 'ran', findings: 0 });
  });

  it('names the machines it could not reach and the checks that could not see them', async () => {
    const file = join(dir, 'hand-made.obxsnap');
    await writeSnapshotFile(file, handMadeSnapshot());
    const { code, out } = await check(['--snapshot', file]);
    expect(code).toBe(0);
    expect(out).toMatch(/^machine 21 could not be reached \(.*\): nothing on it was checked$/m);
    expect(out).toMatch(/^ {2}qvo-vlan-tag \(each instance's qvo carries its network's VLAN tag\): NOT RUN: ovs-vsctl could not be read \(machine 22: ovs-vsctl needs root on machine 22/m);
  });

  it('exits 1 naming the file when it is not a snapshot, 2 on bad arguments', async () => {
    const foreign = join(dir, 'foreign.obxsnap');
    await writeFile(foreign, 'not a snapshot');
    const unread = await check(['--snapshot', foreign]);
    expect(unread.code).toBe(1);
    expect(unread.err).toMatch(/^orangebox-console check: .*foreign\.obxsnap/);
    expect((await check([])).code).toBe(2);
    expect((await check(['--snapshot', DEMO, '--frobnicate'])).err).toContain('unknown option "--frobnicate"');
  });
});

describe('the check report as printed', () => {
  it('groups findings by severity, each with its object, machine, message, evidence and command', () => {
    const lab = healthyLab();
    for (const machineId of ['22', '24', '26']) for (const bridge of model(lab, machineId, 'ovs-vsctl', 'ovs-vsctl').bridges) for (const entry of bridge.ports) if (entry.name === port('qvo', INSTANCE_0C.portId)) entry.tag = 4;
    const packages = model(lab, '24', 'packages', 'packages');
    packages.packages = packages.packages.filter((pkg) => pkg.name !== 'python-pylxd');
    const inventory = inventoryOf(lab);
    const report = runHealthChecks(inventory);
    const text = describeReport(report, 'Lab ubuntu@obx', inventory);
    expect(text).toContain('Lab ubuntu@obx: 18 health checks, read 2026-12-08 01:00 UTC\n1 error, 1 warning, 0 info');
    expect(text).toContain(
      [
        'ERRORS (1)',
        '  [qvo-vlan-tag] ovs-port qvo1896322c-d4 on machine 22',
        `    qvo1896322c-d4 on machine 22 has VLAN tag 4; its network f8ec06d8-2f6c-4a3e-9c1d-5e7f8a9b0c1d's DHCP and router ports use VLAN tag 1: the instance cannot reach its gateway or its DHCP server; set it back with \`sudo ovs-vsctl set Port qvo1896322c-d4 tag=1\` (or restart neutron-openvswitch-agent).`,
        '    evidence: qvo1896322c-d4 tag: 4 (ovs-vsctl show on machine 22)',
        '              tap9fab3b71-9d (qdhcp-f8ec06d8-2f6c-4a3e-9c1d-5e7f8a9b0c1d) tag: 1',
      ].join('\n'),
    );
    expect(text).toContain('    command:  sudo ovs-vsctl get Port qvo1896322c-d4 tag\n\nWARNINGS (1)\n  [compute-packages-differ] machine node05ob64 on machine 24');
    expect(text.indexOf('ERRORS')).toBeLessThan(text.indexOf('WARNINGS'));
  });

  it(`exits ${FINDINGS_EXIT_STATUS} when a snapshot's lab has findings`, async () => {
    // The demo with one of node07ob64's qvo ports moved to VLAN 4, as its `ovs-vsctl show` would print it.
    const demo = await readBundledDemo();
    const commands = demo.commands.map((command) =>
      command.machineId === '25' && command.argv.join(' ') === 'sudo -n ovs-vsctl show' ? { ...command, stdout: command.stdout.replace(/(Port "qvo1896322c-d4"\n\s+tag: )\d+/, '$14') } : command,
    );
    expect(commands).not.toEqual(demo.commands);
    const file = join(dir, 'broken.obxsnap');
    await writeSnapshotFile(file, { ...demo, commands });
    const { code, out } = await check(['--snapshot', file]);
    expect(code).toBe(FINDINGS_EXIT_STATUS);
    expect(out).toContain('1 error, 0 warnings, 0 info');
    expect(out).toContain('[qvo-vlan-tag] ovs-port qvo1896322c-d4 on machine 25');
    expect(out).toContain('    command:  sudo ovs-vsctl get Port qvo1896322c-d4 tag');
  });

  it('is listed in the console’s --help with its exit status', async () => {
    const out: string[] = [];
    const original = console.log;
    console.log = (text: string) => void out.push(text);
    try {
      await runCli(['--help']);
    } finally {
      console.log = original;
    }
    expect(out.join('\n')).toContain('check <controller> [options]');
    expect(out.join('\n')).toContain('check exit status: 0 no findings, 3 findings (printed)');
  });
});
