// Saved labs and settings on disk: atomic writes, and damaged files salvaged without loss.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as fs from 'node:fs/promises';
import { join, relative } from 'node:path';
import { FileStore } from '../../electron/store/file-store';
import type { DurableFileSystem } from '../../electron/store/durable-file';
import { emptyStoredState } from '../../electron/store/stored-state';
import { defaultSettings } from '../../electron/contract/payloads';
import { makeCoreFixture, sampleLabDraft } from '../support/core-fixture';
import { ConsoleError } from '../../electron/contract/console-errors';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'obx-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const validLab = {
  id: 'lab-0123456789ab',
  name: 'OrangeBox 64',
  controller: { kind: 'ssh' as const, host: '127.0.1.1', port: 22, user: 'ubuntu', identityFile: null, sshConfigHost: null },
  createdAt: '2026-11-01T10:00:00.000Z',
  routes: {},
};

describe('FileStore', () => {
  it('starts empty when no file exists, and round-trips what it saved', async () => {
    const store = new FileStore(join(dir, 'nested', 'state.json'));
    expect(await store.load()).toEqual({ state: emptyStoredState(), problems: [] });
    const state = { ...emptyStoredState(), labs: [validLab], lastLabId: validLab.id };
    await store.save(state);
    expect(await store.load()).toEqual({ state, problems: [] });
    expect((await stat(store.location)).mode & 0o777).toBe(0o600);
    // No temporary file left behind; the last good copy beside the file.
    expect((await readdir(join(dir, 'nested'))).sort()).toEqual(['state.json', 'state.json.bak']);
    expect(await readFile(store.backupLocation, 'utf8')).toBe(await readFile(store.location, 'utf8'));
    expect((await stat(store.backupLocation)).mode & 0o777).toBe(0o600);
  });

  it('writes through a temporary file that is fsynced, renamed over the file, then the folder fsynced; the same for the last good copy', async () => {
    const location = join(dir, 'state.json');
    const steps: string[] = [];
    const name = (path: string) => (path === dir ? 'folder' : path.startsWith(`${location}.bak.`) ? 'bak.tmp' : path.startsWith(`${location}.`) && path.endsWith('.tmp') ? 'tmp' : relative(dir, path));
    const recordingFs: DurableFileSystem = {
      mkdir: fs.mkdir,
      rm: fs.rm,
      rename: async (from, to) => {
        steps.push(`rename ${name(String(from))} → ${name(String(to))}`);
        await fs.rename(from, to);
      },
      open: (async (path: string, flags: string, mode?: number) => {
        const handle = await fs.open(path, flags, mode);
        const label = name(path);
        steps.push(`open ${label} ${flags}`);
        return Object.assign(Object.create(handle) as fs.FileHandle, {
          writeFile: async (data: string, encoding: BufferEncoding) => (steps.push(`write ${label}`), handle.writeFile(data, encoding)),
          sync: async () => (steps.push(`fsync ${label}`), handle.sync()),
          close: async () => (steps.push(`close ${label}`), handle.close()),
        });
      }) as DurableFileSystem['open'],
    };
    await new FileStore(location, recordingFs).save({ ...emptyStoredState(), labs: [validLab] });
    expect(steps).toEqual([
      'open tmp w', 'write tmp', 'fsync tmp', 'close tmp', 'rename tmp → state.json', 'open folder r', 'fsync folder', 'close folder',
      'open bak.tmp w', 'write bak.tmp', 'fsync bak.tmp', 'close bak.tmp', 'rename bak.tmp → state.json.bak', 'open folder r', 'fsync folder', 'close folder',
    ]);
  });

  it('restores the last good copy over a file cut short, keeps the damaged one aside, and says so', async () => {
    const store = new FileStore(join(dir, 'state.json'));
    const good = { ...emptyStoredState(), labs: [validLab], lastLabId: validLab.id };
    await store.save(good);
    const whole = await readFile(store.location, 'utf8');
    for (const damaged of [whole.slice(0, whole.length / 2), '', '\0'.repeat(64)]) {
      await writeFile(store.location, damaged);
      const { state, problems } = await store.load();
      expect(state, JSON.stringify(damaged.slice(0, 20))).toEqual(good);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/was damaged \((it is empty|it is not valid JSON)/);
      expect(problems[0]).toContain(`the last good copy (${store.backupLocation}) was restored`);
      expect(await readFile(store.location, 'utf8')).toBe(whole);
      const keptAt = /kept as (\S+),/.exec(problems[0]!)![1]!;
      expect(await readFile(keptAt, 'utf8')).toBe(damaged);
      await rm(keptAt);
    }
  });

  it('with the last good copy damaged too, salvages what it can from the file and says both are damaged', async () => {
    const location = join(dir, 'state.json');
    await writeFile(location, JSON.stringify({ schemaVersion: 1, settings: { theme: 'purple' }, labs: [validLab, { id: 'bad' }], lastLabId: validLab.id }));
    await writeFile(`${location}.bak`, '{"schemaVersion": 1, "labs": [');
    const { state, problems } = await new FileStore(location).load();
    expect(state.labs).toEqual([validLab]);
    expect(problems[0]).toMatch(/was damaged \(some of it does not fit the settings format\); it was kept as .*unreadable-.*; the last good copy \(.*state\.json\.bak\) is damaged too \(it is not valid JSON/);
    expect(problems.join('\n')).toMatch(/saved lab #2 could not be read/);
    expect(problems.join('\n')).toMatch(/setting "theme" was invalid/);
  });

  it('keeps a copy of a file that is not JSON and starts with defaults', async () => {
    const location = join(dir, 'state.json');
    await writeFile(location, '{"schemaVersion": 1, "labs": [tru');
    const { state, problems } = await new FileStore(location).load();
    expect(state).toEqual(emptyStoredState());
    expect(problems[0]).toMatch(/not valid JSON/);
    const kept = (await readdir(dir)).find((name) => name.startsWith('state.json.unreadable-'));
    expect(kept).toBeDefined();
    expect(await readFile(join(dir, kept!), 'utf8')).toBe('{"schemaVersion": 1, "labs": [tru');
  });

  it('salvages every valid lab and setting from a partly damaged file', async () => {
    const location = join(dir, 'state.json');
    const damaged = {
      schemaVersion: 1,
      settings: { theme: 'purple', refreshIntervalSeconds: 30, terminalScrollbackLines: 5000, presentationMode: true },
      labs: [validLab, { ...validLab, id: 'lab-ffffffffffff', controller: { ...validLab.controller, port: 'twenty-two' } }],
      lastLabId: validLab.id,
    };
    await writeFile(location, JSON.stringify(damaged));
    const { state, problems } = await new FileStore(location).load();
    expect(state.labs).toEqual([validLab]);
    expect(state.lastLabId).toBe(validLab.id);
    expect(state.settings).toEqual({ ...defaultSettings, theme: 'system', refreshIntervalSeconds: 30, terminalScrollbackLines: 5000, presentationMode: true });
    expect(problems.join('\n')).toMatch(/setting "theme" was invalid/);
    expect(problems.join('\n')).toMatch(/saved lab #2 could not be read \(controller\.port/);
    expect(problems.join('\n')).toMatch(/kept as .*unreadable-/);
  });

  it('reports a file it cannot write with the path and the reason', async () => {
    // A regular file where the folder should be: refused even for root.
    await writeFile(join(dir, 'not-a-folder'), '');
    const location = join(dir, 'not-a-folder', 'state.json');
    const failure = await new FileStore(location).save(emptyStoredState()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ConsoleError);
    expect((failure as ConsoleError).code).toBe('store-unwritable');
    expect((failure as ConsoleError).message).toContain(location);
    expect((failure as ConsoleError).message).toMatch(/ENOTDIR|EEXIST/);
  });
});

describe('the core on a damaged store', () => {
  it('tells the UI what it could not keep, through notices.pending', async () => {
    await writeFile(join(dir, 'console-state.json'), 'garbage');
    const fixture = await makeCoreFixture({}, dir);
    const outcome = await fixture.core.dispatch('notices.pending', null);
    expect(outcome).toMatchObject({ ok: true, result: [{ level: 'warning', code: 'store-unreadable', message: expect.stringContaining('not valid JSON') }] });
    await fixture.dispose();
  });

  it('tells the UI it restored the last good copy of a settings file cut short, with the labs as they were', async () => {
    const first = await makeCoreFixture({}, dir);
    await first.core.dispatch('labs.save', sampleLabDraft('Kobe'));
    await first.dispose();
    const location = join(dir, 'console-state.json');
    const whole = await readFile(location, 'utf8');
    await writeFile(location, whole.slice(0, 40));
    const second = await makeCoreFixture({}, dir);
    expect(await second.core.dispatch('notices.pending', null)).toMatchObject({
      ok: true,
      result: [{ level: 'warning', code: 'store-unreadable', message: expect.stringContaining('the last good copy') }],
    });
    expect(await second.core.dispatch('labs.list', null)).toMatchObject({ ok: true, result: [{ name: 'Kobe' }] });
    await second.dispose();
  });

  it('persists labs and the selection across a restart of the core', async () => {
    const first = await makeCoreFixture({}, dir);
    const saved = await first.core.dispatch('labs.save', sampleLabDraft('Nagoya'));
    expect(saved.ok).toBe(true);
    const labId = (saved as { result: { id: string } }).result.id;
    await first.core.dispatch('labs.select', { labId });
    await first.core.dispatch('settings.update', { theme: 'light' });
    await first.dispose();

    const second = await makeCoreFixture({}, dir);
    expect(await second.core.dispatch('labs.list', null)).toMatchObject({ ok: true, result: [{ id: labId, name: 'Nagoya' }] });
    expect(await second.core.dispatch('connection.get', null)).toMatchObject({ ok: true, result: { labId, phase: 'not-connected', detail: 'ubuntu@127.0.1.1:22' } });
    expect(await second.core.dispatch('settings.get', null)).toMatchObject({ ok: true, result: { theme: 'light' } });
    await second.dispose();
  });

  it('refuses two labs with the same name and a removed lab’s id', async () => {
    const fixture = await makeCoreFixture({}, dir);
    await fixture.core.dispatch('labs.save', sampleLabDraft('Demo'));
    expect(await fixture.core.dispatch('labs.save', sampleLabDraft('demo'))).toMatchObject({ ok: false, error: { code: 'invalid-payload', message: expect.stringContaining('already saved') } });
    expect(await fixture.core.dispatch('labs.select', { labId: 'lab-000000000000' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    await fixture.dispose();
  });
});
