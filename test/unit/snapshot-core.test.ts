// A snapshot opened through the real core: it reads like a lab (inventory.changed with the
// machines, the connection says which snapshot), and everything that would run something on a
// lab is refused with the reason, while the lab last chosen is where Disconnect goes back to.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { makeCoreFixture, sampleLabDraft, type CoreFixture } from '../support/core-fixture';
import { HAND_MADE_LAB, HAND_MADE_TAKEN_AT, handMadeSnapshot } from '../support/hand-made-snapshot';
import type { RequestOutcome, StreamName } from '../../electron/contract/console-contract';
import type { ConnectionState, SavedLab } from '../../electron/contract/payloads';
import type { LabInventory } from '../../electron/contract/inventory';
import type { LatestPingRuns } from '../../electron/contract/diagnostics';
import type { SnapshotContent } from '../../electron/contract/snapshot';
import type { RecordingEntry, RecordingPlayback } from '../../electron/contract/recordings';
import { ConsoleError } from '../../electron/contract/console-errors';
import { writeSnapshotFile } from '../../electron/snapshots/snapshot-file';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DEMO_LAB_ASSET } from '../../electron/snapshots/demo/demo-lab-file';

const SNAPSHOT_PATH = '/srv/snapshots/walkthrough.obxsnap';
/** One recorded ping from the qrouter namespace to a floating address, with its one reply. */
const RECORDED_RUNS: LatestPingRuns = {
  ping: {
    started: {
      runId: 'ping-0123456789ab',
      kind: 'ping',
      cells: [{ source: { kind: 'namespace', machineId: '26', namespace: 'qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566' }, sourceLabel: 'qrouter-35fe… on node02ob64', target: '198.51.100.31' }],
      count: 1,
      intervalSeconds: 1,
    },
    startedAt: '2026-12-01T08:59:00.000Z',
    cells: [
      {
        state: 'done',
        replies: [{ seq: 1, ttl: 64, timeMs: 0.4, from: '198.51.100.31', bytes: 64, duplicate: false }],
        errors: [],
        result: { transmitted: 1, received: 1, lossPercent: 0, rtt: { min: 0.4, avg: 0.4, max: 0.4, mdev: 0 }, failure: null, command: 'sudo -n ip netns exec qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566 ping -c 1 198.51.100.31' },
      },
    ],
  },
  matrix: null,
};

let fixture: CoreFixture;
let pushed: { stream: StreamName; payload: unknown }[];
let files: Map<string, SnapshotContent>;

beforeEach(async () => {
  files = new Map([[SNAPSHOT_PATH, handMadeSnapshot()]]);
  fixture = await makeCoreFixture({
    agentSocket: null,
    readSnapshot: async (path) => {
      const content = files.get(path);
      if (!content) throw new ConsoleError('not-found', `there is no snapshot file at ${path}`);
      return content;
    },
  });
  pushed = [];
  fixture.core.streams.attach((stream, payload) => pushed.push({ stream, payload }));
});
afterEach(() => fixture.dispose());

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

describe('a snapshot opened in the core', () => {
  test('opens like a lab: inventory.changed carries the recorded machines, read from the recorded outputs', async () => {
    await call('snapshots.open', { path: SNAPSHOT_PATH });
    const inventories = pushed.filter((entry) => entry.stream === 'inventory.changed').map((entry) => entry.payload as LabInventory);
    const last = inventories.at(-1)!;
    expect(last.refreshing).toBe(false);
    expect(last.machines.map((machine) => machine.id)).toEqual(['controller', '21', '22', '23', '24', '25', '26']);
    expect(last.machines.find((machine) => machine.id === '22')?.hostname).toBe('node03ob64');
    expect(last.refreshedAt).toBe(HAND_MADE_TAKEN_AT);
    expect(pushed.some((entry) => entry.stream === 'inventory.probe')).toBe(true);
    expect(await call<LabInventory>('inventory.get', null)).toEqual(last);
  });

  test('the connection says it is a snapshot: which lab, when it was taken, from which file', async () => {
    const state = await call<ConnectionState>('snapshots.open', { path: SNAPSHOT_PATH });
    expect(state).toMatchObject({ labName: HAND_MADE_LAB, phase: 'connected', snapshot: { labName: HAND_MADE_LAB, takenAt: HAND_MADE_TAKEN_AT, kind: 'capture', file: SNAPSHOT_PATH } });
    expect(state.detail).toBe(`snapshot of ${HAND_MADE_LAB} taken 2026-12-01 09:00 UTC (${SNAPSHOT_PATH})`);
    expect(await call<ConnectionState>('connection.get', null)).toEqual(state);
  });

  test('refreshing is refused, saying a snapshot is read-only', async () => {
    await call('snapshots.open', { path: SNAPSHOT_PATH });
    const error = await refusal('inventory.refresh', null);
    expect(error.code).toBe('snapshot-read-only');
    expect(error.message).toBe(`a snapshot is read-only: refreshing needs a live lab, and this is a snapshot of ${HAND_MADE_LAB} taken 2026-12-01 09:00 UTC. Disconnect and connect a lab for it.`);
  });

  test('a terminal on any lab machine is refused, naming it; a shell on this computer is not the lab\'s', async () => {
    await call('snapshots.open', { path: SNAPSHOT_PATH });
    const error = await refusal('terminals.open', { target: { kind: 'container', machineId: '22', container: 'instance-00000012' }, cols: 80, rows: 24 });
    expect(error.code).toBe('snapshot-read-only');
    expect(error.message).toMatch(/^a snapshot is read-only: a terminal \(lxc exec instance-00000012 on node03ob64\) needs a live lab/);
    expect((await refusal('terminals.open', { target: { kind: 'juju-ssh', machineId: '26' }, cols: 80, rows: 24 })).code).toBe('snapshot-read-only');
    expect(await call<unknown[]>('terminals.list', null)).toEqual([]);
  });

  test('ping and matrix runs are refused; the recorded runs are the latest', async () => {
    const recorded = handMadeSnapshot();
    recorded.diagnostics = RECORDED_RUNS;
    files.set(SNAPSHOT_PATH, recorded);
    await call('snapshots.open', { path: SNAPSHOT_PATH });
    const ping = await refusal('diagnostics.ping', { source: { kind: 'machine', machineId: '22' }, targets: ['198.51.100.1'], count: 3 });
    expect(ping.message).toMatch(/^a snapshot is read-only: pinging needs a live lab/);
    expect(await call('diagnostics.latest', null)).toEqual(RECORDED_RUNS);
    const matrix = await refusal('diagnostics.matrix', { sources: [{ kind: 'machine', machineId: '22' }], targets: ['198.51.100.1'] });
    expect(matrix.code).toBe('snapshot-read-only');
  });

  test('its recordings are listed first, marked as the snapshot\'s, and play from it', async () => {
    const recorded = handMadeSnapshot();
    const cast = `${JSON.stringify({ version: 2, width: 80, height: 24, timestamp: 1764579600, title: 'lxc exec instance-0000000c on node03ob64' })}\n[0.5, "o", "root@instance-0000000c:~# "]\n[2.25, "o", "ip -br addr\\r\\n"]\n`;
    recorded.recordings = [{ name: 'instance-0000000c.cast', title: 'lxc exec instance-0000000c on node03ob64', cast }];
    files.set(SNAPSHOT_PATH, recorded);
    await call('snapshots.open', { path: SNAPSHOT_PATH });
    const [first] = await call<RecordingEntry[]>('recordings.list', null);
    expect(first).toMatchObject({ path: `${SNAPSHOT_PATH}/instance-0000000c.cast`, origin: 'snapshot', title: 'lxc exec instance-0000000c on node03ob64', durationSeconds: 2.25, startedAt: '2025-12-01T09:00:00.000Z', problem: null });
    expect(await call<RecordingPlayback>('recordings.read', { path: first!.path })).toEqual({ cast, note: null });
    // Closed, the snapshot's recordings are gone from the list and cannot be read.
    await call('lab.disconnect', null);
    expect((await call<RecordingEntry[]>('recordings.list', null)).some((entry) => entry.origin === 'snapshot')).toBe(false);
    expect((await fixture.core.dispatch('recordings.read', { path: first!.path })).ok).toBe(false);
  });

  test('numbers every change of connection, so a page can drop a reply overtaken by a newer change', async () => {
    const opened = await call<ConnectionState>('snapshots.open', { path: SNAPSHOT_PATH });
    const left = await call<ConnectionState>('lab.disconnect', null);
    expect(left.revision).toBeGreaterThan(opened.revision ?? Infinity);
    const streamed = pushed.filter((entry) => entry.stream === 'connection.changed').map((entry) => entry.payload as ConnectionState);
    expect(streamed.at(-1)).toEqual(left);
    expect(streamed.map((state) => state.revision)).toEqual([...streamed.map((state) => state.revision)].sort((a, b) => (a ?? 0) - (b ?? 0)));
  });

  test('settings never start a periodic refresh of a snapshot', async () => {
    await call('snapshots.open', { path: SNAPSHOT_PATH });
    const before = pushed.length;
    await call('settings.update', { refreshIntervalSeconds: 2 });
    await call('inventory.setVisible', { visible: true });
    expect(pushed.slice(before).filter((entry) => entry.stream === 'inventory.changed')).toEqual([]);
  });

  test('a file that cannot be read is refused and the lab shown stays as it was', async () => {
    const lab = await call<SavedLab>('labs.save', sampleLabDraft());
    await call('labs.select', { labId: lab.id });
    const before = await call<ConnectionState>('connection.get', null);
    const error = await refusal('snapshots.open', { path: '/srv/snapshots/missing.obxsnap' });
    expect(error.message).toBe('there is no snapshot file at /srv/snapshots/missing.obxsnap');
    expect(await call<ConnectionState>('connection.get', null)).toEqual(before);
  });

  test('Disconnect leaves the snapshot for the lab last chosen; connecting a lab leaves it too', async () => {
    const lab = await call<SavedLab>('labs.save', sampleLabDraft());
    await call('labs.select', { labId: lab.id });
    await call('snapshots.open', { path: SNAPSHOT_PATH });
    const after = await call<ConnectionState>('lab.disconnect', null);
    expect(after).toMatchObject({ labId: lab.id, phase: 'not-connected' });
    expect(after.snapshot ?? null).toBe(null);
    expect(await call('inventory.get', null)).toBe(null);
    // Opened again, then another lab chosen: the snapshot is let go.
    await call('snapshots.open', { path: SNAPSHOT_PATH });
    const chosen = await call<ConnectionState>('labs.select', { labId: lab.id });
    expect(chosen.snapshot ?? null).toBe(null);
    expect((await refusal('inventory.refresh', null)).code).toBe('ssh-disconnected');
  });
});

describe('a snapshot file opened in the core', () => {
  test('a snapshot that stores its inventory streams Overview\'s part of it; the whole is one inventory.get away', async () => {
    const own = await makeCoreFixture({ agentSocket: null });
    const streamed: LabInventory[] = [];
    own.core.streams.attach((stream, payload) => {
      if (stream === 'inventory.changed') streamed.push(payload as LabInventory);
    });
    try {
      const outcome = await own.core.dispatch('snapshots.open', { path: resolve(DEMO_LAB_ASSET) });
      expect(outcome.ok).toBe(true);
      // 13 MB of a 5,000-container lab, streamed whole, held an open page for a second (issue 11).
      expect(streamed).toHaveLength(1);
      expect(streamed[0]!.part).toBe('first-view');
      expect(streamed[0]!.probes.map((probe) => `${probe.machineId} ${probe.probeId}`)).toEqual(['controller juju-status']);
      const whole = (await own.core.dispatch('inventory.get', null)) as RequestOutcome<LabInventory>;
      expect(whole.ok && whole.result.part).toBeUndefined();
      expect(whole.ok && whole.result.labId).toBe(streamed[0]!.labId);
      expect(whole.ok && whole.result.probes.length).toBeGreaterThan(20);
    } finally {
      await own.dispose();
    }
  });

  test('a .obxsnap file written by the console opens with the machines it recorded', async () => {
    const own = await makeCoreFixture({ agentSocket: null });
    try {
      const file = join(own.dir, 'walkthrough.obxsnap');
      await writeSnapshotFile(file, handMadeSnapshot());
      const outcome = await own.core.dispatch('snapshots.open', { path: file });
      expect(outcome).toMatchObject({ ok: true, result: { phase: 'connected', snapshot: { file, labName: HAND_MADE_LAB } } });
      const inventory = (await own.core.dispatch('inventory.get', null)) as RequestOutcome<LabInventory>;
      expect(inventory.ok && inventory.result.machines.find((machine) => machine.id === '26')?.hostname).toBe('node02ob64');
    } finally {
      await own.dispose();
    }
  });

  test('a file that is not a snapshot is refused with the reader\'s reason, and nothing changes', async () => {
    const own = await makeCoreFixture({ agentSocket: null });
    try {
      const file = join(own.dir, 'notes.obxsnap');
      await writeFile(file, 'these are not the snapshots you are looking for\n');
      const before = await own.core.dispatch('connection.get', null);
      const outcome = await own.core.dispatch('snapshots.open', { path: file });
      expect(outcome.ok).toBe(false);
      expect(!outcome.ok && outcome.error.message).toContain(file);
      expect(await own.core.dispatch('connection.get', null)).toEqual(before);
    } finally {
      await own.dispose();
    }
  });
});
