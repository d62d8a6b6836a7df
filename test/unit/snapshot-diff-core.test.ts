// snapshots.diff through the real core's dispatcher: two snapshot files compared, a snapshot file
// compared with the lab shown now (a snapshot open), the lab shown left as it was; no lab shown,
// a bad file and a request comparing the lab shown with itself are refused with the reason.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { makeCoreFixture, type CoreFixture } from '../support/core-fixture';
import { HAND_MADE_LAB, handMadeSnapshot } from '../support/hand-made-snapshot';
import { LATER_TAKEN_AT, LOST_UNIT, STOPPED_CONTAINER, laterHandMadeSnapshot } from '../support/hand-made-changes';
import type { RequestOutcome } from '../../electron/contract/console-contract';
import type { LabComparison } from '../../electron/contract/lab-diff';
import type { ConnectionState } from '../../electron/contract/payloads';
import type { SnapshotContent } from '../../electron/contract/snapshot';
import { ConsoleError } from '../../electron/contract/console-errors';

const EARLIER = '/srv/snapshots/earlier.obxsnap';
const LATER = '/srv/snapshots/later.obxsnap';

let fixture: CoreFixture;
let files: Map<string, SnapshotContent>;

beforeEach(async () => {
  files = new Map([
    [EARLIER, handMadeSnapshot()],
    [LATER, laterHandMadeSnapshot()],
  ]);
  fixture = await makeCoreFixture({
    agentSocket: null,
    readSnapshot: async (path) => {
      const content = files.get(path);
      if (!content) throw new ConsoleError('not-found', `there is no snapshot at ${path}`);
      return structuredClone(content);
    },
  });
});
afterEach(() => fixture.dispose());

async function request<T>(name: string, params: unknown): Promise<T> {
  const outcome = (await fixture.core.dispatch(name, params)) as RequestOutcome<T>;
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return outcome.result;
}
const refusal = async (name: string, params: unknown) => {
  const outcome = await fixture.core.dispatch(name, params);
  return outcome.ok ? null : outcome.error;
};
const changeIds = (comparison: LabComparison) => comparison.changes.map((change) => change.id);

describe('snapshots.diff', () => {
  test('compares two snapshot files: the container stopped and the unit whose agent was lost, nothing else', async () => {
    const comparison = await request<LabComparison>('snapshots.diff', { before: { source: 'snapshot', path: EARLIER }, after: { source: 'snapshot', path: LATER } });
    expect(changeIds(comparison)).toEqual([`container:22/${STOPPED_CONTAINER}`, `unit:${LOST_UNIT}`]);
    expect(comparison.counts.container.changed).toBe(1);
    expect(comparison.before).toEqual({ source: 'snapshot', file: EARLIER, labName: HAND_MADE_LAB, takenAt: '2026-12-01T09:00:03.000Z', description: `snapshot of ${HAND_MADE_LAB} taken 2026-12-01 09:00 UTC` });
    expect(comparison.after).toMatchObject({ source: 'snapshot', file: LATER, takenAt: LATER_TAKEN_AT });
  });

  test('compares a snapshot file with the snapshot shown now, and leaves it shown', async () => {
    const opened = await request<ConnectionState>('snapshots.open', { path: LATER });
    const comparison = await request<LabComparison>('snapshots.diff', { before: { source: 'snapshot', path: EARLIER }, after: { source: 'shown' } });
    expect(changeIds(comparison)).toEqual([`container:22/${STOPPED_CONTAINER}`, `unit:${LOST_UNIT}`]);
    expect(comparison.after).toEqual({ source: 'shown', file: LATER, labName: HAND_MADE_LAB, takenAt: LATER_TAKEN_AT, description: `snapshot of ${HAND_MADE_LAB} taken 2026-12-01 10:00 UTC, as shown now` });
    // The other way round, the same changes undone.
    const back = await request<LabComparison>('snapshots.diff', { before: { source: 'shown' }, after: { source: 'snapshot', path: EARLIER } });
    expect(back.changes[0]!.fields[0]).toEqual({ field: 'state', label: 'state', before: 'STOPPED', after: 'RUNNING' });
    expect(await request<ConnectionState>('connection.get', null)).toEqual(opened);
  });

  test('refuses to compare with the lab shown when none is, saying what to do', async () => {
    expect(await refusal('snapshots.diff', { before: { source: 'snapshot', path: EARLIER }, after: { source: 'shown' } })).toEqual({
      code: 'ssh-disconnected',
      message: 'no lab is shown to compare with: connect a lab (or open a snapshot) and let it be read first, or compare two snapshot files',
    });
  });

  test('refuses a file that is not there with the reader’s message, and the lab shown stays', async () => {
    await request('snapshots.open', { path: EARLIER });
    const before = await request<ConnectionState>('connection.get', null);
    expect(await refusal('snapshots.diff', { before: { source: 'snapshot', path: '/srv/snapshots/gone.obxsnap' }, after: { source: 'shown' } })).toEqual({ code: 'not-found', message: 'there is no snapshot at /srv/snapshots/gone.obxsnap' });
    expect(await request<ConnectionState>('connection.get', null)).toEqual(before);
  });

  test('validates the request: a side is a snapshot path or the lab shown, and not the lab shown twice', async () => {
    expect((await refusal('snapshots.diff', { before: { source: 'shown' }, after: { source: 'shown' } }))?.message).toMatch(/choose a snapshot file for at least one side/);
    expect((await refusal('snapshots.diff', { before: { source: 'snapshot', path: '  ' }, after: { source: 'shown' } }))?.message).toMatch(/give the path of a snapshot file \(\.obxsnap\) to compare/);
    expect((await refusal('snapshots.diff', { before: { source: 'live' }, after: { source: 'shown' } }))?.code).toBe('invalid-payload');
  });
});
