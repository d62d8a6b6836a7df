// `orangebox-console snapshot export`: a support bundle from a snapshot file, what it says it did,
// where the mapping went, and each mistake refused with its reason and exit status 2 (1 for a
// snapshot that cannot be read), before anything is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSnapshotCommand } from '../../electron/cli/snapshot-command';
import { parseExportArguments } from '../../electron/cli/snapshot-export-command';
import { readSnapshotFile, writeSnapshotFile } from '../../electron/snapshots/snapshot-file';
import { HAND_MADE_LAB, handMadeSnapshot } from '../support/hand-made-snapshot';

let dir: string;
let snapshot: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'obx-cli-export-'));
  snapshot = join(dir, 'walkthrough.obxsnap');
  await writeSnapshotFile(snapshot, handMadeSnapshot());
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runSnapshotCommand(['export', ...argv], { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('orangebox-console snapshot export', () => {
  it('writes a bundle of a snapshot file, secrets masked, and says it was not obfuscated', async () => {
    const bundle = join(dir, 'plain.obxsnap');
    const { code, out, err } = await run([snapshot, '-o', bundle]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^Wrote ${bundle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\([\\d.]+ KiB\\) in [\\d.]+ s: a support bundle of ${HAND_MADE_LAB}, 4 machines, \\d+ commands, 0 recordings$`));
    expect(lines[1]).toMatch(/^Masked: [1-9]\d* secret values \([1-9]\d* of them by this export: the snapshot had them in clear\)$/);
    expect(lines[2]).toBe('Not obfuscated: addresses, hostnames and MACs are as the lab had them (--obfuscate replaces them)');
    expect((await readSnapshotFile(bundle)).meta.labName).toBe(HAND_MADE_LAB);
  });

  it('with --obfuscate writes the mapping beside the bundle (or where --mapping says) and says where', async () => {
    const bundle = join(dir, 'support.obxsnap');
    const { code, out } = await run([snapshot, '-o', bundle, '--obfuscate']);
    expect(code).toBe(0);
    const mapping = join(dir, 'support.private-mapping.json');
    expect(out).toMatch(/\nObfuscated: [1-9]\d* IPv4 addresses in [1-9]\d* networks, [1-9]\d* MACs, 3 hostnames, 0 domains \(\d+ replacements\)\n/);
    expect(out.split('\n').at(-1)).toBe(`Mapping back to the real values: ${mapping} — keep it on this computer; it is not in the bundle, never send it`);
    expect(JSON.parse(await readFile(mapping, 'utf8'))).toMatchObject({ bundle, mapping: { labNames: [{ real: HAND_MADE_LAB, obfuscated: 'lab1' }] } });
    expect((await readSnapshotFile(bundle)).meta.labName).toBe('lab1');

    const elsewhere = join(dir, 'kept', 'm.json');
    await rm(join(dir, 'kept'), { recursive: true, force: true });
    const missingFolder = await run([snapshot, '-o', join(dir, 'other.obxsnap'), '--obfuscate', '--mapping', elsewhere]);
    expect(missingFolder.code).toBe(2);
    expect(missingFolder.err).toContain(`cannot write the mapping ${elsewhere}: the folder ${join(dir, 'kept')} does not exist`);
    await expect(stat(join(dir, 'other.obxsnap'))).rejects.toThrow();
  });

  it('refuses an existing bundle, a missing snapshot and a file that is not one, saying why', async () => {
    const existing = await run([snapshot, '-o', snapshot]);
    expect(existing.code).toBe(2);
    expect(existing.err).toBe(`orangebox-console snapshot export: ${snapshot} already exists: the console does not overwrite a file. Choose another name.`);

    const missing = await run([join(dir, 'none.obxsnap'), '-o', join(dir, 'b1.obxsnap')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(`orangebox-console snapshot export: there is no snapshot at ${join(dir, 'none.obxsnap')}`);

    const notSnapshot = join(dir, 'notes.obxsnap');
    await writeFile(notSnapshot, 'hello');
    const foreign = await run([notSnapshot, '-o', join(dir, 'b2.obxsnap')]);
    expect(foreign.code).toBe(1);
    expect(foreign.err).toContain('is not an OrangeBox snapshot');
    await expect(stat(join(dir, 'b2.obxsnap'))).rejects.toThrow();
  });

  it('says what is wrong with its arguments', () => {
    expect(parseExportArguments([snapshot])).toBe('name the bundle to write with -o FILE (e.g. -o lab-support.obxsnap)');
    expect(parseExportArguments(['-o', 'b.obxsnap'])).toBe('name the snapshot (.obxsnap) or the lab controller to export');
    expect(parseExportArguments([snapshot, '-o', 'b.zip'])).toBe('a bundle is a snapshot: give -o a path ending in .obxsnap');
    expect(parseExportArguments([snapshot, '-o', 'b.obxsnap', '--mapping', 'm.json'])).toBe('--mapping only makes sense with --obfuscate (without it there is nothing to map back)');
    expect(parseExportArguments([snapshot, '-o', 'b.obxsnap', '--name', 'x'])).toBe('--name is for a live lab; a snapshot keeps its own name');
    expect(parseExportArguments([snapshot, '-o', 'b.obxsnap', '--json'])).toBe('--json is an option of inventory, not of snapshot export');
    expect(parseExportArguments(['ubuntu@10.0.0.5', '-o', 'b.obxsnap', '--obfuscate', '-i', '/k'])).toMatchObject({ obfuscate: true, source: { kind: 'live' } });
    expect(parseExportArguments([snapshot, '-o', 'b.obxsnap'])).toMatchObject({ source: { kind: 'file', path: snapshot } });
  });

  it('is listed in snapshot --help and has its own --help', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('Usage: orangebox-console snapshot export SNAPSHOT.obxsnap -o BUNDLE.obxsnap [--obfuscate [--mapping FILE]]');
    const help: string[] = [];
    await runSnapshotCommand(['--help'], { out: (text) => help.push(text), err: () => {} });
    expect(help.join('\n')).toContain('orangebox-console snapshot export SNAPSHOT.obxsnap|<controller> -o BUNDLE.obxsnap [--obfuscate]');
  });
});
