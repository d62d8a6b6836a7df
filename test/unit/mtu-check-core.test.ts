// The MTU check's requests through the whole core: a snapshot refuses it (it needs a live lab) and
// shows no latest check; without a lab, connect first; a payload that names no target is refused
// before anything runs.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { makeCoreFixture, type CoreFixture } from '../support/core-fixture';
import { handMadeSnapshot } from '../support/hand-made-snapshot';
import type { RequestOutcome } from '../../electron/contract/console-contract';

const SNAPSHOT_PATH = '/srv/snapshots/walkthrough.obxsnap';
const QROUTER = { kind: 'namespace', machineId: '26', namespace: 'qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566' };

let fixture: CoreFixture;
beforeEach(async () => {
  fixture = await makeCoreFixture({ agentSocket: null, readSnapshot: async () => handMadeSnapshot() });
});
afterEach(() => fixture.dispose());

async function outcome(name: string, params: unknown) {
  return (await fixture.core.dispatch(name, params)) as RequestOutcome<unknown>;
}

describe('the MTU check in the core', () => {
  test('a snapshot refuses it, saying it needs a live lab, and has no latest check', async () => {
    expect((await outcome('snapshots.open', { path: SNAPSHOT_PATH })).ok).toBe(true);
    const refused = await outcome('diagnostics.mtuCheck', { source: QROUTER, target: '198.51.100.12' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'snapshot-read-only', message: expect.stringMatching(/^a snapshot is read-only: checking a path MTU needs a live lab/) } });
    expect(await outcome('diagnostics.mtuLatest', null)).toEqual({ ok: true, result: null });
  });

  test('without a lab it says to connect first', async () => {
    expect(await outcome('diagnostics.mtuCheck', { source: QROUTER, target: '198.51.100.12' })).toMatchObject({ ok: false, error: { code: 'ssh-disconnected', message: expect.stringContaining('connect first') } });
  });

  test('a target that could be read as an option, and a check id it did not start, are refused before anything runs', async () => {
    expect(await outcome('diagnostics.mtuCheck', { source: QROUTER, target: '-f' })).toMatchObject({ ok: false, error: { code: 'invalid-payload', message: expect.stringContaining('cannot start with "-"') } });
    expect(await outcome('diagnostics.mtuStop', { checkId: 'ping-0123456789ab' })).toMatchObject({ ok: false, error: { code: 'invalid-payload', message: expect.stringContaining('not an MTU check this console started') } });
  });
});
