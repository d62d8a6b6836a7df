// `orangebox-console inventory --snapshot FILE` and `web --snapshot FILE` on the command line: the
// same summary and JSON as from a live lab, read from the file; a bad file is named with its problem.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../electron/cli/cli';
import { runInventoryCommand, parseInventoryArguments } from '../../electron/cli/inventory-command';
import { parseWebHostArguments } from '../../electron/web/start-web-host';
import { writeSnapshotFile } from '../../electron/snapshots/snapshot-file';
import type { LabInventory } from '../../electron/contract/inventory';
import { HAND_MADE_LAB, handMadeSnapshot } from '../support/hand-made-snapshot';

let dir: string;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'obx-cli-snapshot-'));
  file = join(dir, 'walkthrough.obxsnap');
  await writeSnapshotFile(file, handMadeSnapshot());
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function inventory(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runInventoryCommand(argv, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('orangebox-console inventory --snapshot', () => {
  it('prints the summary of the recorded lab, naming the snapshot', async () => {
    const { code, out } = await inventory(['--snapshot', file]);
    // Machine 21 could not be reached when the snapshot was taken: incomplete, as live.
    expect(code).toBe(4);
    expect(out.split('\n')[0]).toBe(`Snapshot of ${HAND_MADE_LAB} taken 2026-12-01 09:00 UTC (${file})`);
    expect(out).toContain('Model default on controller maas');
    expect(out).toMatch(/machine 22 {2}node03ob64/);
    expect(out).toMatch(/instance-00000012 +RUNNING/i);
    expect(out).toContain('netns qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566');
    expect(out).toContain('UNREACHABLE: machine 21 cannot be reached');
  });

  it('prints the inventory as JSON with --json', async () => {
    const { out } = await inventory(['--snapshot', file, '--json']);
    const read = JSON.parse(out) as LabInventory;
    expect(read.machines.map((machine) => machine.id)).toEqual(['controller', '21', '22', '23', '24', '25', '26']);
    expect(read.refreshedAt).toBe('2026-12-01T09:00:03.000Z');
  });

  it('exits 1 naming the file when it is not a snapshot', async () => {
    const foreign = join(dir, 'foreign.obxsnap');
    await writeFile(foreign, 'not a snapshot');
    const { code, err } = await inventory(['--snapshot', foreign]);
    expect(code).toBe(1);
    expect(err).toMatch(/^orangebox-console inventory: /);
    expect(err).toContain(foreign);
  });

  it('takes either a controller or a snapshot, not both, and needs a file', () => {
    expect(parseInventoryArguments(['ubuntu@10.0.0.1', '--snapshot', file])).toMatch(/either a controller or --snapshot, not both/);
    expect(parseInventoryArguments(['--snapshot'])).toBe('--snapshot needs a snapshot file (.obxsnap)');
    expect(parseInventoryArguments([])).toMatch(/or a snapshot file with --snapshot/);
  });
});

describe('orangebox-console web --snapshot', () => {
  it('takes the snapshot file to open at start', () => {
    expect(parseWebHostArguments(['--snapshot', file, '--port', '0'])).toMatchObject({ snapshotFile: file, port: 0 });
    expect(parseWebHostArguments(['--snapshot'])).toBe('--snapshot needs a snapshot file (.obxsnap)');
  });

  it('names --snapshot FILE in --help for web and inventory', async () => {
    const out: string[] = [];
    const original = console.log;
    console.log = (text: string) => void out.push(text);
    try {
      await runCli(['--help']);
    } finally {
      console.log = original;
    }
    const help = out.join('\n');
    expect(help).toMatch(/--snapshot FILE +show a lab snapshot/);
    expect(help).toMatch(/--snapshot FILE +read a lab snapshot/);
  });
});
