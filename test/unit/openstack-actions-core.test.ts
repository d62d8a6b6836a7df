// The demo steps through the whole core: a snapshot shown (as the demo lab is) refuses them with
// why, and nothing is recorded in the console's state; no lab at all says to connect first.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { makeCoreFixture, type CoreFixture } from '../support/core-fixture';
import { handMadeSnapshot } from '../support/hand-made-snapshot';

const SNAPSHOT_PATH = '/srv/snapshots/walkthrough.obxsnap';
const LAUNCH = { action: 'launch-instances', namePrefix: 'demo', count: 1, image: 'cirros', flavor: 'm1.tiny', network: 'private' };

let fixture: CoreFixture;
beforeEach(async () => {
  fixture = await makeCoreFixture({ agentSocket: null, readSnapshot: async () => handMadeSnapshot() });
});
afterEach(() => fixture.dispose());

describe('the demo steps in the core', () => {
  test('a snapshot refuses a plan, saying it is read-only, and lists nothing created', async () => {
    expect(await fixture.core.dispatch('snapshots.open', { path: SNAPSHOT_PATH })).toMatchObject({ ok: true });
    const outcome = await fixture.core.dispatch('openstack.plan', LAUNCH);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('snapshot-read-only');
    expect(outcome.error.message).toContain('running OpenStack commands');
    expect(await fixture.core.dispatch('openstack.run', { planId: 'osplan-0123456789ab' })).toMatchObject({ ok: false, error: { code: 'snapshot-read-only' } });
    expect(await fixture.core.dispatch('openstack.created', null)).toEqual({ ok: true, result: [] });
  });

  test('without a lab, a plan says to connect first', async () => {
    expect(await fixture.core.dispatch('openstack.plan', LAUNCH)).toMatchObject({ ok: false, error: { code: 'ssh-disconnected', message: expect.stringContaining('connect it first') } });
  });
});
