// Saving a snapshot from the UI: the core refuses when there is no live lab to read, checks the path
// before reading anything, writes a file its own reader opens, streams progress, and remembers the
// snapshots opened or saved. The capture itself runs over a lab answered from a hand-made snapshot
// here; test/lab's capture tests and the e2e run read the real lab.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeCoreFixture, sampleLabDraft, type CoreFixture } from '../support/core-fixture';
import { HAND_MADE_LAB, handMadeSnapshot } from '../support/hand-made-snapshot';
import type { RequestOutcome } from '../../electron/contract/console-contract';
import type { SavedLab } from '../../electron/contract/payloads';
import type { RecentSnapshot, SnapshotCaptured, SnapshotCaptureProgress } from '../../electron/contract/snapshot-capture';
import { ConsoleError } from '../../electron/contract/console-errors';
import { createSnapshotHandlers, DEFAULT_SNAPSHOT_FOLDER_NAME, type CaptureSource } from '../../electron/core/snapshot-handlers';
import type { RouteContext } from '../../electron/lab/machine-routes';
import { snapshotLab } from '../../electron/snapshots/snapshot-lab';
import { readSnapshotFile, writeSnapshotFile } from '../../electron/snapshots/snapshot-file';
import { emptyStoredState, salvageStoredState } from '../../electron/store/stored-state';

let fixture: CoreFixture;
const NO_CREDENTIALS: Omit<RouteContext, 'controller'> = {
  user: 'ubuntu',
  auth: { identityFiles: [], identitiesOnly: true, agentSocket: null, passphrases: null },
  hostKeys: { decide: async () => ({ accept: true }), preferredTypes: async () => [] },
};

beforeEach(async () => {
  fixture = await makeCoreFixture({ agentSocket: null });
});
afterEach(() => fixture.dispose());

async function refusal(name: string, params: unknown): Promise<{ code: string; message: string }> {
  const outcome = await fixture.core.dispatch(name, params);
  if (outcome.ok) throw new Error(`${name} was not refused`);
  return outcome.error;
}

async function call<T>(name: string, params: unknown, core = fixture.core): Promise<T> {
  const outcome = (await core.dispatch(name, params)) as RequestOutcome<T>;
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`);
  return outcome.result;
}

describe('snapshots.capture through the core', () => {
  test('is refused with no lab connected, naming the lab to connect', async () => {
    expect(await refusal('snapshots.capture', { path: join(fixture.dir, 'lab.obxsnap') })).toEqual({
      code: 'ssh-disconnected',
      message: 'connect to a lab first: a snapshot is read from a connected live lab',
    });
    const lab = await call<SavedLab>('labs.save', sampleLabDraft('OrangeBox 64'));
    await call('labs.select', { labId: lab.id });
    expect((await refusal('snapshots.capture', { path: join(fixture.dir, 'lab.obxsnap') })).message).toBe(
      'connect to OrangeBox 64 first: a snapshot is read from a connected live lab',
    );
  });

  test('is refused while a snapshot is shown: a snapshot of a snapshot needs a live lab', async () => {
    const file = join(fixture.dir, 'walkthrough.obxsnap');
    await writeSnapshotFile(file, handMadeSnapshot());
    await call('snapshots.open', { path: file });
    const error = await refusal('snapshots.capture', { path: join(fixture.dir, 'again.obxsnap') });
    expect(error.code).toBe('snapshot-read-only');
    expect(error.message).toBe(`the lab shown is a snapshot already (${file}): saving a snapshot needs a live lab. Disconnect and connect a lab first.`);
  });

  test('a path that is not a full path ending in .obxsnap is refused before anything is read', async () => {
    expect((await refusal('snapshots.capture', { path: 'lab.obxsnap' })).message).toContain('give the full path of the snapshot file, starting with / or ~/');
    expect((await refusal('snapshots.capture', { path: '/home/ubuntu/.bashrc' })).message).toContain('give a path ending in .obxsnap');
    expect((await refusal('snapshots.capture', { path: '   ' })).message).toContain('give the path of the snapshot file to write');
  });

  test('suggests ~/OrangeBox snapshots/<lab>-<time>.obxsnap for the lab shown', async () => {
    const lab = await call<SavedLab>('labs.save', sampleLabDraft('OrangeBox 64 / ACME'));
    await call('labs.select', { labId: lab.id });
    const suggested = await call<string>('snapshots.suggestPath', null);
    expect(suggested).toMatch(new RegExp(`/${DEFAULT_SNAPSHOT_FOLDER_NAME}/OrangeBox-64-ACME-\\d{4}-\\d{2}-\\d{2}-\\d{6}\\.obxsnap$`));
  });
});

describe('recent snapshots', () => {
  test('a snapshot opened goes to the top of the list, once, and the list outlives the core', async () => {
    const first = join(fixture.dir, 'first.obxsnap');
    const second = join(fixture.dir, 'second.obxsnap');
    await writeSnapshotFile(first, handMadeSnapshot());
    await writeSnapshotFile(second, handMadeSnapshot({ labName: 'Second lab' }));
    const pushed: RecentSnapshot[][] = [];
    fixture.core.streams.attach((stream, payload) => stream === 'snapshots.recentChanged' && pushed.push(payload as RecentSnapshot[]));
    await call('snapshots.open', { path: first });
    await call('snapshots.open', { path: second });
    await call('snapshots.open', { path: first });
    const recent = await call<RecentSnapshot[]>('snapshots.recent', null);
    expect(recent.map((entry) => [entry.path, entry.labName])).toEqual([[first, HAND_MADE_LAB], [second, 'Second lab']]);
    expect(pushed.at(-1)).toEqual(recent);

    await fixture.core.close();
    const again = await makeCoreFixture({ agentSocket: null }, fixture.dir);
    try {
      expect(await call<RecentSnapshot[]>('snapshots.recent', null, again.core)).toEqual(recent);
    } finally {
      await again.dispose();
    }
  });

  test('a file that cannot be opened is not remembered', async () => {
    const file = join(fixture.dir, 'notes.obxsnap');
    await writeFile(file, 'not a snapshot\n');
    expect((await fixture.core.dispatch('snapshots.open', { path: file })).ok).toBe(false);
    expect(await call<RecentSnapshot[]>('snapshots.recent', null)).toEqual([]);
  });
});

describe('a capture of a live lab (answered from a hand-made snapshot)', () => {
  let home: string;
  let recent: RecentSnapshot[];
  let progress: SnapshotCaptureProgress[];

  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'obx-capture-home-'));
    recent = [];
    progress = [];
  });
  afterEach(() => rm(home, { recursive: true, force: true }));

  /** Recordings the Recordings view lists, as the core's reader answers them. */
  let listedRecordings: Map<string, string>;

  function handlers(source?: CaptureSource) {
    const recorded = handMadeSnapshot();
    const lab = snapshotLab(recorded);
    const live: CaptureSource = {
      live: true,
      lab: { id: 'lab-capturecore1', name: 'Walkthrough live', controller: recorded.lab.controller, routes: recorded.lab.routes },
      controller: () => lab.controller,
      routeContext: (controller) => ({ controller, ...NO_CREDENTIALS }),
      routeChoice: (machineId) => recorded.lab.routes[machineId] ?? 'auto',
      openRoute: (machine) => lab.openRoute(machine),
    };
    return createSnapshotHandlers({
      source: () => source ?? live,
      labName: () => 'Walkthrough live',
      latestPingRuns: () => recorded.diagnostics,
      onProgress: (report) => progress.push(report),
      readRecording: async (path) => {
        const cast = listedRecordings?.get(path);
        if (cast === undefined) throw new ConsoleError('invalid-payload', `${path} is not a recording this console wrote or you opened`);
        return { cast, note: null };
      },
      recent: () => recent,
      saveRecent: async (next) => {
        recent = next;
      },
      home,
    }).handlers;
  }

  test('writes an owner-only file that the reader opens, with the machines it read', async () => {
    const file = join(home, 'walkthrough.obxsnap');
    const result = (await handlers()['snapshots.capture']({ path: file, recordings: [] })) as SnapshotCaptured;
    const content = await readSnapshotFile(file);
    expect(content.meta.labName).toBe('Walkthrough live');
    expect(content.inventory.machines.map((machine) => machine.id)).toEqual(['controller', '21', '22', '23', '24', '25', '26']);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(result).toMatchObject({ path: file, labName: 'Walkthrough live', bytes: (await stat(file)).size, machines: 7, unreachable: content.inventory.machines.filter((machine) => machine.routeError).length, commands: content.commands.length, probes: content.inventory.probes.length });
    expect(result.masked).toBeGreaterThan(0);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(recent.map((entry) => entry.path)).toEqual([file]);
  });

  test('keeps the recordings chosen, their output masked and what was typed left out; one not listed stops it before the lab is read', async () => {
    const header = JSON.stringify({ version: 2, width: 80, height: 24, timestamp: 1764579600, title: 'lxc exec instance-0000000c on node03ob64' });
    const cast = [
      header,
      '[0.1, "o", "root@instance-0000000c:~# "]',
      '[0.5, "i", "sudo mysql -p\\r"]',
      '[0.6, "o", "Enter password: "]',
      '[1.0, "i", "hunter2-typed\\r"]',
      '[1.2, "o", "cat /etc/nova/nova.conf\\r\\n[database]\\r\\nconnection = mysql://nova:s3cretNovaDb@10.0.0.5/nova\\r\\n"]',
      '[1.3, "o", "admin_password = "]',
      '[1.4, "o", "Pl41nTextAdm1n\\r\\n"]',
      '',
    ].join('\n');
    listedRecordings = new Map([['/home/engineer/orangebox-recordings/instance-0000000c.cast', cast]]);
    const file = join(home, 'with-recording.obxsnap');
    const result = (await handlers()['snapshots.capture']({ path: file, recordings: ['/home/engineer/orangebox-recordings/instance-0000000c.cast'] })) as SnapshotCaptured;
    expect(result.recordings).toBe(1);
    const [kept] = (await readSnapshotFile(file)).recordings;
    expect(kept).toMatchObject({ name: 'instance-0000000c.cast', title: 'lxc exec instance-0000000c on node03ob64' });
    expect(kept!.cast).toContain('Enter password: ');
    expect(kept!.cast).not.toContain('"i"');
    for (const secret of ['hunter2-typed', 's3cretNovaDb', 'Pl41nTextAdm1n']) expect(kept!.cast).not.toContain(secret);
    // The output keeps its times: the player shows it as it happened.
    expect(kept!.cast.split('\n').slice(1, -1).map((line) => (JSON.parse(line) as [number])[0])).toEqual([0.1, 0.6, 1.2, 1.3, 1.4]);

    progress.length = 0;
    const refused = handlers()['snapshots.capture']({ path: join(home, 'other.obxsnap'), recordings: ['/etc/shadow.cast'] });
    await expect(refused).rejects.toThrow(/the recording \/etc\/shadow\.cast cannot go into the snapshot: .* is not a recording this console wrote/);
    expect(progress).toEqual([]);
  });

  test('streams its progress, for that file, ending with done and every command counted', async () => {
    const file = join(home, 'walkthrough.obxsnap');
    const result = (await handlers()['snapshots.capture']({ path: file, recordings: [] })) as SnapshotCaptured;
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.every((report) => report.path === file)).toBe(true);
    expect(progress.filter((report) => report.done)).toHaveLength(1);
    expect(progress.at(-1)).toMatchObject({ done: true, machines: 7, commands: result.commands, probes: result.probes, maskedValues: result.masked });
  });

  test('a folder that does not exist is said before anything is read; the default folder is made', async () => {
    const missing = join(home, 'no-such-folder', 'lab.obxsnap');
    await expect(handlers()['snapshots.capture']({ path: missing, recordings: [] })).rejects.toThrow(
      `cannot save the snapshot to ${missing}: the folder ${join(home, 'no-such-folder')} does not exist. Create it, or choose another folder.`,
    );
    expect(progress).toEqual([]);
    const inDefault = join(home, DEFAULT_SNAPSHOT_FOLDER_NAME, 'lab.obxsnap');
    await handlers()['snapshots.capture']({ path: inDefault, recordings: [] });
    expect((await stat(join(home, DEFAULT_SNAPSHOT_FOLDER_NAME))).mode & 0o777).toBe(0o700);
    expect((await readSnapshotFile(inDefault)).meta.labName).toBe('Walkthrough live');
  });

  test('an existing file is never overwritten', async () => {
    const file = join(home, 'kept.obxsnap');
    await writeFile(file, 'precious');
    await expect(handlers()['snapshots.capture']({ path: file, recordings: [] })).rejects.toThrow(`${file} already exists: the console does not overwrite a snapshot. Choose another name.`);
  });

  test('without a live lab, the source\'s refusal is what the engineer reads', async () => {
    const refused = new ConsoleError('ssh-disconnected', 'connect to OrangeBox 64 first: a snapshot is read from a connected live lab');
    await expect(handlers({ live: false, refusal: refused })['snapshots.capture']({ path: join(home, 'x.obxsnap'), recordings: [] })).rejects.toBe(refused);
  });
});

describe('recent snapshots in the saved state', () => {
  test('a damaged entry is dropped and said; the readable ones are kept, each path once', () => {
    const good = { path: '/srv/a.obxsnap', labName: 'A', takenAt: '2026-12-07T10:00:00.000Z', kind: 'capture', usedAt: '2026-12-07T11:00:00.000Z' };
    const { state, problems } = salvageStoredState({ ...emptyStoredState(), recentSnapshots: [good, { path: 42 }, good] });
    expect(state.recentSnapshots).toEqual([good]);
    expect(problems).toEqual([expect.stringMatching(/^recent snapshot #2 could not be read .*; it is no longer listed, its file is untouched$/)]);
  });

  test('a file from before recent snapshots existed reads as an empty list', () => {
    const { recentSnapshots: _absent, ...older } = emptyStoredState();
    expect(salvageStoredState(older)).toEqual({ state: emptyStoredState(), problems: [] });
  });
});
