// @vitest-environment jsdom
// The page's first moments: with no lab saved it opens on "connect a lab", but a view the engineer
// chose while the page was still loading (Alt+8 straight after opening it) is not taken away.
import { describe, expect, it, vi } from 'vitest';
import type { RequestName } from '../../electron/contract/console-contract';
import { defaultSettings, type ConnectionState } from '../../electron/contract/payloads';
import { scriptedCore } from '../../test/support/scripted-core';
import { ConsoleState } from './console-state.svelte';

vi.hoisted(() => {
  // jsdom has no canvas (xterm asks for one as it loads); xterm then measures text the DOM way.
  HTMLCanvasElement.prototype.getContext = (() => null) as never;
});

function noLabCore(labsAnswered: Promise<void>) {
  const answers: Partial<Record<RequestName, (params: never) => unknown>> = {
    'labs.list': async () => {
      await labsAnswered;
      return [];
    },
    'settings.get': () => defaultSettings,
    'notices.pending': () => [],
    'prompts.pending': () => [],
    'terminals.list': () => [],
    'inventory.get': () => null,
  };
  return scriptedCore(answers).api;
}

type Answers = Partial<Record<RequestName, (params: never) => unknown>>;

/** A core with no lab saved, nothing pending and no terminals; `overrides` answer the rest. */
const firstLoadAnswers = (overrides: Answers): Answers => ({
  'labs.list': () => [],
  'settings.get': () => defaultSettings,
  'notices.pending': () => [],
  'prompts.pending': () => [],
  'terminals.list': () => [],
  'inventory.get': () => null,
  ...overrides,
});

describe('the first load with no lab saved', () => {
  it('opens on the labs screen when nothing was chosen', async () => {
    const consoleState = new ConsoleState();
    await consoleState.attach(noLabCore(Promise.resolve()));
    expect(consoleState.managingLabs).toBe(true);
  });

  it('keeps a view chosen while the page was loading', async () => {
    let answerLabs: () => void = () => {};
    const consoleState = new ConsoleState();
    const attached = consoleState.attach(noLabCore(new Promise((resolve) => (answerLabs = resolve))));
    consoleState.show('recordings');
    answerLabs();
    await attached;
    expect(consoleState.view).toBe('recordings');
    expect(consoleState.managingLabs).toBe(false);
  });
});

describe('leaving the lab shown for another', () => {
  it('drops what was read of the one before (the demo’s machines are not the new lab’s)', async () => {
    const answers = firstLoadAnswers({
      'inventory.get': () => ({ labId: 'snapshot-demo', refreshing: false, refreshedAt: null, lastRefreshMs: null, machines: [], probes: [], links: { containers: [] } }),
      'connection.get': () => ({ labId: 'snapshot-demo', labName: 'demo', phase: 'connected', detail: '', since: '2026-12-07T00:00:00.000Z' }),
    });
    const { api, push } = scriptedCore(answers);
    const consoleState = new ConsoleState();
    await consoleState.attach(api);
    expect(consoleState.inventory?.labId).toBe('snapshot-demo');
    push('connection.changed', { labId: 'lab-000000000001', labName: 'OrangeBox 64', phase: 'not-connected', detail: 'not connected', since: '2026-12-07T00:00:00.000Z' });
    expect(consoleState.inventory).toBeNull();
  });
});

describe('Disconnect pressed while a snapshot is still opening', () => {
  it('stays on the live lab: the late reply to the opening is older than the disconnect and is not shown', async () => {
    const snapshotShown = { labId: 'snapshot-0123456789ab', labName: 'orangebox64', phase: 'connected' as const, detail: 'snapshot', since: '2026-12-07T00:00:00.000Z', snapshot: { kind: 'capture' as const, labName: 'orangebox64', takenAt: '2026-12-07T00:00:00.000Z', file: '/srv/lab.obxsnap' }, revision: 5 };
    const liveLab = { labId: 'lab-000000000001', labName: 'OrangeBox 64', phase: 'not-connected' as const, detail: 'not connected', since: '2026-12-07T00:00:01.000Z', snapshot: null, revision: 6 };
    let answerOpen: () => void = () => {};
    const answers = firstLoadAnswers({
      'snapshots.open': () => new Promise((resolve) => (answerOpen = () => resolve(snapshotShown))),
      'lab.disconnect': () => liveLab,
    });
    const { api, push } = scriptedCore(answers);
    const consoleState = new ConsoleState();
    await consoleState.attach(api);
    const opening = consoleState.openSnapshotFile('/srv/lab.obxsnap');
    push('connection.changed', snapshotShown);
    expect(consoleState.openSnapshot?.labName).toBe('orangebox64');
    await consoleState.disconnect();
    expect(consoleState.openSnapshot).toBeNull();
    answerOpen();
    await opening;
    expect(consoleState.openSnapshot).toBeNull();
    expect(consoleState.connection?.labId).toBe('lab-000000000001');
  });
});

describe('the core restarted under the page (the browser host run again)', () => {
  it('shows the new core’s state when the page reloads, though its count of changes started again', async () => {
    let connection: ConnectionState = { labId: 'lab-000000000001', labName: 'OrangeBox 64', phase: 'connected', detail: 'ubuntu@127.0.1.1:22', since: '2026-12-07T00:00:00.000Z', revision: 41, coreRun: 'first-run' };
    const answers = firstLoadAnswers({
      'connection.get': () => connection,
    });
    const consoleState = new ConsoleState();
    await consoleState.attach(scriptedCore(answers).api);
    expect(consoleState.connection?.phase).toBe('connected');
    connection = { ...connection, phase: 'not-connected', detail: 'not connected', revision: 0, coreRun: 'second-run' };
    await consoleState.reload();
    expect(consoleState.connection?.phase).toBe('not-connected');
  });
});

describe('the engineer connects while the page is still loading (a slow first answer)', () => {
  it('keeps the connected lab: the first load’s older answer of the same core does not undo it', async () => {
    const notConnected: ConnectionState = { labId: 'lab-000000000001', labName: 'OrangeBox 64', phase: 'not-connected', detail: 'not connected', since: '2026-12-07T00:00:00.000Z', revision: 2, coreRun: 'this-run' };
    const connected: ConnectionState = { ...notConnected, phase: 'connected', detail: 'ubuntu@127.0.1.1:22', revision: 5 };
    let answerConnection: (() => void) | null = null;
    const answers = firstLoadAnswers({
      'connection.get': () => new Promise((resolve) => (answerConnection = () => resolve(notConnected))),
    });
    const { api, push } = scriptedCore(answers);
    const consoleState = new ConsoleState();
    const attaching = consoleState.attach(api);
    await vi.waitFor(() => expect(answerConnection).not.toBeNull(), { timeout: 2000 });
    push('connection.changed', connected);
    answerConnection!();
    await attaching;
    expect(consoleState.connection?.phase).toBe('connected');
    expect(consoleState.connection?.revision).toBe(5);
  });
});
