// `orangebox-console snapshot capture`: its arguments (shared with inventory where they connect),
// and the bad ones it refuses before connecting to anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCaptureArguments, runSnapshotCommand } from '../../electron/cli/snapshot-command';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'obx-capture-args-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function snapshot(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runSnapshotCommand(argv, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('orangebox-console snapshot capture arguments', () => {
  it('reads the file, the name and every connection option inventory reads', () => {
    expect(parseCaptureArguments(['ubuntu@127.0.1.1', '-o', 'lab.obxsnap', '--name', 'OrangeBox64', '-i', 'key', '--known-hosts', 'kh', '--accept-new', '--route', '23=juju-ssh', '--recording', 'a.cast', '--recording', 'b.cast'])).toEqual({
      file: 'lab.obxsnap',
      name: 'OrangeBox64',
      recordings: ['a.cast', 'b.cast'],
      connection: expect.objectContaining({ controller: 'ubuntu@127.0.1.1', identity: 'key', knownHosts: 'kh', acceptNew: true, routes: { '23': 'juju-ssh' } }),
    });
    expect(parseCaptureArguments(['obx-controller', '--output', 'a.obxsnap'])).toMatchObject({ file: 'a.obxsnap', name: null, connection: { controller: 'obx-controller' } });
  });

  it('refuses what a capture cannot do, saying what is missing or wrong', () => {
    expect(parseCaptureArguments(['-o', 'lab.obxsnap'])).toBe('name the lab controller to capture');
    expect(parseCaptureArguments(['ubuntu@127.0.1.1'])).toMatch(/name the snapshot file to write with -o FILE/);
    expect(parseCaptureArguments(['ubuntu@127.0.1.1', '-o'])).toMatch(/-o needs the snapshot file/);
    expect(parseCaptureArguments(['ubuntu@127.0.1.1', '-o', 'x', '--recording'])).toBe('--recording needs a terminal recording (.cast file)');
    expect(parseCaptureArguments(['ubuntu@127.0.1.1', '-o', 'x', '--json'])).toBe('--json is an option of inventory, not of snapshot capture');
    expect(parseCaptureArguments(['ubuntu@127.0.1.1', '-o', 'x', '--route', '22=teleport'])).toMatch(/--route needs MACHINE=jump or MACHINE=juju-ssh/);
  });

  it('exits 2 on bad arguments and on a folder that does not exist, before connecting', async () => {
    expect((await snapshot([])).code).toBe(2);
    expect((await snapshot(['explode'])).err).toMatch(/unknown subcommand "explode"/);
    expect((await snapshot(['capture', 'ubuntu@127.0.1.1'])).code).toBe(2);
    // 127.0.9.9 answers nothing: had the command connected first, it would exit 1.
    const missing = await snapshot(['capture', 'ubuntu@127.0.9.9', '-o', join(dir, 'no-such-folder', 'lab.obxsnap')]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(`the folder ${join(dir, 'no-such-folder')} does not exist`);
  });

  it('exits 1 on a recording that cannot go in, before connecting', async () => {
    // 127.0.9.9 answers nothing: the message is about the recording, not the lab.
    const result = await snapshot(['capture', 'ubuntu@127.0.9.9', '-o', join(dir, 'lab.obxsnap'), '--recording', join(dir, 'nowhere.cast')]);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`the recording ${join(dir, 'nowhere.cast')} cannot go into the snapshot: there is no file ${join(dir, 'nowhere.cast')}`);
  });

  it('prints its usage with --help, exit 0', async () => {
    const help = await snapshot(['capture', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/Usage: orangebox-console snapshot capture <controller> -o FILE/);
  });
});
