// "Export for support" through the real core: the snapshot shown is exported as a bundle (secrets
// masked, obfuscated when asked, the mapping beside it), with its steps on supportBundle.progress;
// with nothing to export, or a path it must not write, it is refused with the reason.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCoreFixture, type CoreFixture } from '../support/core-fixture';
import { HAND_MADE_LAB, handMadeSnapshot } from '../support/hand-made-snapshot';
import type { RequestOutcome, StreamName } from '../../electron/contract/console-contract';
import type { SupportBundleExported, SupportBundleProgress } from '../../electron/contract/support-bundle';
import { readSnapshotFile, writeSnapshotFile } from '../../electron/snapshots/snapshot-file';

let fixture: CoreFixture;
let dir: string;
let pushed: { stream: StreamName; payload: unknown }[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'obx-support-core-'));
  fixture = await makeCoreFixture({ agentSocket: null });
  pushed = [];
  fixture.core.streams.attach((stream, payload) => pushed.push({ stream, payload }));
});
afterEach(async () => {
  await fixture.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function call<T>(name: string, params: unknown): Promise<T> {
  const outcome = (await fixture.core.dispatch(name, params)) as RequestOutcome<T>;
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`);
  return outcome.result;
}

async function refusal(name: string, params: unknown): Promise<{ code: string; message: string }> {
  const outcome = await fixture.core.dispatch(name, params);
  if (outcome.ok) throw new Error(`${name} was not refused`);
  return outcome.error;
}

async function openHandMade(): Promise<void> {
  const file = join(dir, 'walkthrough.obxsnap');
  await writeSnapshotFile(file, handMadeSnapshot());
  await call('snapshots.open', { path: file });
}

describe('supportBundles.export', () => {
  test('exports the snapshot shown, obfuscated, with the mapping beside it and its steps streamed', async () => {
    await openHandMade();
    const path = join(dir, 'support.obxsnap');
    const exported = await call<SupportBundleExported>('supportBundles.export', { path, obfuscate: true });
    expect(exported).toMatchObject({ path, mappingPath: join(dir, 'support.private-mapping.json'), bundleLabName: 'lab1', source: 'snapshot', machines: 4, recordings: 0 });
    expect(exported.masked).toBeGreaterThan(0);
    expect(exported.maskedWhere.some((where) => where.includes('cat /etc/nova/nova.conf'))).toBe(true);
    expect(exported.obfuscation).toMatchObject({ hostnames: 3 });
    expect(exported.obfuscation!.addresses).toBeGreaterThan(0);
    expect(exported.bytes).toBe((await stat(path)).size);
    expect((await readSnapshotFile(path)).meta.labName).toBe('lab1');
    expect(JSON.parse(await readFile(exported.mappingPath!, 'utf8'))).toMatchObject({ mapping: { labNames: [{ real: HAND_MADE_LAB, obfuscated: 'lab1' }] } });
    const steps = pushed.filter((item) => item.stream === 'supportBundle.progress').map((item) => (item.payload as SupportBundleProgress).step);
    expect(steps).toEqual(['masking', 'obfuscating', 'writing']);
  });

  test('without obfuscation writes no mapping and keeps the lab as it was', async () => {
    await openHandMade();
    const path = join(dir, 'plain.obxsnap');
    const exported = await call<SupportBundleExported>('supportBundles.export', { path, obfuscate: false });
    expect(exported).toMatchObject({ mappingPath: null, obfuscation: null, bundleLabName: HAND_MADE_LAB });
    await expect(stat(join(dir, 'plain.private-mapping.json'))).rejects.toThrow();
  });

  test('with no lab shown, it says to connect one', async () => {
    const refused = await refusal('supportBundles.export', { path: join(dir, 'x.obxsnap'), obfuscate: true });
    expect(refused.code).toBe('ssh-disconnected');
    expect(refused.message).toBe('connect to a lab first: a snapshot is read from a connected live lab');
  });

  test('refuses a path that is not a full .obxsnap path, and a file that exists, before writing anything', async () => {
    await openHandMade();
    expect((await refusal('supportBundles.export', { path: 'bundle.obxsnap', obfuscate: false })).message).toContain('give the full path of the snapshot file');
    expect((await refusal('supportBundles.export', { path: join(dir, 'bundle.zip'), obfuscate: false })).message).toContain('give a path ending in .obxsnap');
    expect((await refusal('supportBundles.export', { path: join(dir, 'b.obxsnap'), obfuscate: 'yes' })).message).toContain('obfuscate is true or false');
    const taken = join(dir, 'taken.obxsnap');
    await writeFile(taken, 'x');
    expect((await refusal('supportBundles.export', { path: taken, obfuscate: true })).message).toBe(`${taken} already exists: the console does not overwrite a file. Choose another name.`);
    expect(pushed.some((item) => item.stream === 'supportBundle.progress')).toBe(false);
  });

  test('suggests a path in the snapshots folder whose name does not carry the lab\'s', async () => {
    await openHandMade();
    const suggested = await call<string>('supportBundles.suggestPath', null);
    expect(suggested).toMatch(new RegExp(`^${join(homedir(), 'OrangeBox snapshots').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/support-bundle-\\d{4}-\\d{2}-\\d{2}-\\d{6}\\.obxsnap$`));
    expect(suggested).not.toContain('OrangeBox64');
  });
});
