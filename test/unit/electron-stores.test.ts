// The desktop app's settings store: a damaged file no longer stops the core (electron-store threw
// while constructing), and what it writes is owner-only (electron-store wrote 0644).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ElectronConsoleStore } from '../../electron/store/app-settings-store';
import { emptyStoredState } from '../../electron/store/stored-state';

let userData: string;
beforeEach(async () => {
  userData = await mkdtemp(join(tmpdir(), 'obx-userdata-'));
});
afterEach(() => rm(userData, { recursive: true, force: true }));

describe('the desktop app’s settings store', () => {
  it('starts with defaults on a damaged file, says so, and keeps the damaged copy aside', async () => {
    await writeFile(join(userData, 'orangebox-console.json'), '{"labs": [ {"name": "Osaka"');
    const loaded = await new ElectronConsoleStore(userData).load();
    expect(loaded.state).toEqual(emptyStoredState());
    expect(loaded.problems.join(' ')).toMatch(/it is not valid JSON: .*; it was kept as .*; there was no last good copy, so the console started with defaults/);
    expect((await readdir(userData)).length).toBe(2);
  });

  it('writes owner-only, replacing a file electron-store had left readable by all', async () => {
    const file = join(userData, 'orangebox-console.json');
    await writeFile(file, JSON.stringify(emptyStoredState()), { mode: 0o644 });
    const store = new ElectronConsoleStore(userData);
    await store.save((await store.load()).state);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});
