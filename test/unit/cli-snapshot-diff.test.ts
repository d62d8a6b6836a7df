// `orangebox-console snapshot diff A B [--json]` on written snapshot files: the same snapshot twice
// (exit 0), a capture after a container stopped and a unit lost its agent (exit 1, counts first,
// one line per change, the typed list as JSON), bad files and arguments (exit 2, naming the file).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../electron/cli/cli';
import { runSnapshotCommand } from '../../electron/cli/snapshot-command';
import { writeSnapshotFile } from '../../electron/snapshots/snapshot-file';
import type { LabComparison } from '../../electron/contract/lab-diff';
import { HAND_MADE_LAB, handMadeSnapshot } from '../support/hand-made-snapshot';
import { laterHandMadeSnapshot } from '../support/hand-made-changes';

let dir: string;
let before: string;
let after: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'obx-cli-snapshot-diff-'));
  before = join(dir, 'before.obxsnap');
  after = join(dir, 'after.obxsnap');
  await writeSnapshotFile(before, handMadeSnapshot());
  await writeSnapshotFile(after, laterHandMadeSnapshot());
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function diff(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runSnapshotCommand(['diff', ...argv], { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('orangebox-console snapshot diff', () => {
  it('exits 0 and says there is no difference between a snapshot and itself, naming what it could not compare', async () => {
    const { code, out, err } = await diff([before, before]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out.split('\n').slice(0, 4)).toEqual([`Before: snapshot of ${HAND_MADE_LAB} taken 2026-12-01 09:00 UTC (${before})`, `After:  snapshot of ${HAND_MADE_LAB} taken 2026-12-01 09:00 UTC (${before})`, '', 'No differences.']);
    // Machine 21 was unreachable when it was taken: its containers were not read, so not compared.
    expect(out).toMatch(/Not compared \(one side did not read them\):\n {2}containers and LXD profiles on machine 21: machine 21 cannot be reached: connect ECONNREFUSED .* \(in both readings\)\n/);
  });

  it('exits 1 and prints the counts, then one line per change grouped by kind', async () => {
    const { code, out } = await diff([before, after]);
    expect(code).toBe(1);
    const lines = out.split('\n');
    expect(lines[1]).toBe(`After:  snapshot of ${HAND_MADE_LAB} taken 2026-12-01 10:00 UTC (${after})`);
    // The tabular status keeps the application's own line: only the unit's changed.
    expect(lines[3]).toBe('2 changes: 1 container (1 changed), 1 unit (1 changed)');
    const changes = lines.slice(4, lines.indexOf('Not compared (one side did not read them):'));
    expect(changes).toEqual([
      '',
      'Containers:',
      '  ~ container instance-00000014 on node03ob64: state RUNNING → STOPPED, address 198.51.100.20 (eth0) → none',
      '',
      'Units:',
      expect.stringMatching(/^ {2}~ unit nova-compute\/0: workload active → unknown, agent idle → lost/),
      '',
    ]);
  });

  it('prints the typed comparison with --json', async () => {
    const { code, out } = await diff([before, after, '--json']);
    expect(code).toBe(1);
    const comparison = JSON.parse(out) as LabComparison;
    expect(comparison.before).toMatchObject({ source: 'snapshot', file: before, labName: HAND_MADE_LAB, takenAt: '2026-12-01T09:00:03.000Z' });
    expect(comparison.counts.container).toEqual({ added: 0, removed: 0, changed: 1 });
    expect(comparison.changes[0]).toEqual({
      id: 'container:22/instance-00000014',
      kind: 'changed',
      object: { type: 'container', machineId: '22', host: 'node03ob64', container: 'instance-00000014' },
      title: 'container instance-00000014 on node03ob64',
      fields: [
        { field: 'state', label: 'state', before: 'RUNNING', after: 'STOPPED' },
        { field: 'ipv4', label: 'address', before: '198.51.100.20 (eth0)', after: null },
      ],
    });
    expect(comparison.changes.map((change) => change.id)).toEqual(['container:22/instance-00000014', 'unit:nova-compute/0']);
  });

  it('exits 2 naming the file when one is missing or not a snapshot', async () => {
    const missing = join(dir, 'missing.obxsnap');
    const missingRun = await diff([before, missing]);
    expect(missingRun.code).toBe(2);
    expect(missingRun.err).toBe(`orangebox-console snapshot diff: there is no snapshot at ${missing}`);
    const foreign = join(dir, 'foreign.obxsnap');
    await writeFile(foreign, 'not a snapshot');
    const foreignRun = await diff([foreign, after]);
    expect(foreignRun.code).toBe(2);
    expect(foreignRun.err).toMatch(new RegExp(`^orangebox-console snapshot diff: ${foreign.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not an OrangeBox snapshot`));
    expect(foreignRun.out).toBe('');
  });

  it('exits 2 for anything but two files and --json, saying what it needs', async () => {
    expect(await diff([before])).toMatchObject({ code: 2, err: expect.stringMatching(/^orangebox-console snapshot diff: name two snapshot files, the one before and the one after/) });
    expect(await diff([before, after, before])).toMatchObject({ code: 2, err: expect.stringMatching(/compare two snapshot files at a time \(given 3/) });
    expect(await diff([before, after, '--yaml'])).toMatchObject({ code: 2, err: expect.stringMatching(/unknown option "--yaml"/) });
  });

  it('documents the exit statuses in its --help and in orangebox-console --help', async () => {
    const help = await diff(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/Usage: orangebox-console snapshot diff A\.obxsnap B\.obxsnap \[--json\]/);
    expect(help.out).toContain('Exit status: 0 no differences, 1 differences found, 2 trouble');
    const out: string[] = [];
    const original = console.log;
    console.log = (text: string) => void out.push(text);
    try {
      await runCli(['--help']);
    } finally {
      console.log = original;
    }
    expect(out.join('\n')).toContain('snapshot diff A B [--json]');
    expect(out.join('\n')).toMatch(/snapshot diff exit status: 0 no differences, 1 differences found, 2 trouble/);
  });
});
