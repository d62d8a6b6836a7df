// The page's diagnostics after a reload: the latest ping and matrix come back from the core as
// far as they got, then follow the stream; what the stream sent before the answer is in it.
import { describe, expect, it } from 'vitest';
import { scriptedCore } from '../../../test/support/scripted-core';
import type { LatestPingRuns, PingRunUpdate } from '../../../electron/contract/diagnostics';
import { DiagnosticsState } from './diagnostics.svelte';
import { runViewOf } from './ping-run-view';

const reply = (seq: number) => ({ seq, from: '198.51.100.4', ttl: 64, timeMs: seq / 10, bytes: 64, duplicate: false });
const update = (runId: string, cell: number, seqs: number[], state: PingRunUpdate['state'] = 'running'): PingRunUpdate => ({ runId, cell, state, replies: seqs.map(reply), errors: [], result: null });

/** A core whose diagnostics.latest answers when the test says. */
function coreWithLatest(latest: LatestPingRuns) {
  let answer!: () => void;
  const answered = new Promise<void>((resolve) => (answer = resolve));
  const core = scriptedCore({ 'diagnostics.latest': async () => (await answered, structuredClone(latest)) });
  return { ...core, answer };
}

const source = { kind: 'namespace' as const, machineId: '26', namespace: 'qrouter-1' };
const latest: LatestPingRuns = {
  ping: {
    started: { runId: 'ping-0000000000a1', kind: 'ping', count: 5, intervalSeconds: 0.2, cells: [{ source, sourceLabel: 'qrouter-1 on node02ob64', target: '198.51.100.4' }] },
    startedAt: '2026-11-22T10:00:00.000Z',
    // Replies 1 and 2 so far, the second of them also on its way in the stream.
    cells: [{ state: 'running', replies: [reply(1), reply(2)], errors: [], result: null }],
  },
  matrix: null,
};

describe('diagnostics after a reload', () => {
  it('shows the latest ping as far as it got, then follows it, each reply once', async () => {
    const core = coreWithLatest(latest);
    const diagnostics = new DiagnosticsState();
    diagnostics.attach(core.api);
    // Sent before the answer: already in it.
    core.push('diagnostics.update', update('ping-0000000000a1', 0, [2]));
    // Another run's news (a matrix this page does not know): kept as before, not dropped.
    core.push('diagnostics.update', update('ping-0000000000b2', 0, [1]));
    core.answer();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(diagnostics.ping?.runId).toBe('ping-0000000000a1');
    expect(diagnostics.ping?.cells[0]!.replies.map((entry) => entry.seq)).toEqual([1, 2]);
    expect(diagnostics.pingActive).toBe(true);
    // After the answer: applied.
    core.push('diagnostics.update', update('ping-0000000000a1', 0, [3], 'done'));
    expect(diagnostics.ping?.cells[0]!.replies.map((entry) => entry.seq)).toEqual([1, 2, 3]);
    expect(diagnostics.pingActive).toBe(false);
    expect(diagnostics.matrix).toBeNull();
  });

  it('keeps a run this page started while the answer was on its way', async () => {
    const core = coreWithLatest(latest);
    const diagnostics = new DiagnosticsState();
    diagnostics.attach(core.api);
    diagnostics.ping = runViewOf({ ...latest.ping!.started, runId: 'ping-0000000000c3' }, '2026-11-22T10:01:00.000Z');
    core.answer();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(diagnostics.ping.runId).toBe('ping-0000000000c3');
    core.push('diagnostics.update', update('ping-0000000000c3', 0, [1]));
    expect(diagnostics.ping.cells[0]!.replies.map((entry) => entry.seq)).toEqual([1]);
  });

  it('shows only the newest answer when the lab shown changes twice quickly (the older answer came first and threw)', async () => {
    const answers: (() => void)[] = [];
    const none: LatestPingRuns = { ping: null, matrix: null };
    const runs = [none, latest, none];
    let asked = 0;
    const core = scriptedCore({
      'diagnostics.latest': () => {
        const runsOfThisLab = runs[Math.min(asked++, runs.length - 1)]!;
        return new Promise<LatestPingRuns>((resolve) => answers.push(() => resolve(structuredClone(runsOfThisLab))));
      },
    });
    const diagnostics = new DiagnosticsState();
    diagnostics.attach(core.api);
    await new Promise((resolve) => setTimeout(resolve, 0));
    answers.shift()!();
    const first = diagnostics.showLatest(); // the snapshot with a ping
    const second = diagnostics.showLatest(); // then the live lab, no run yet
    answers.shift()!();
    answers.shift()!();
    await Promise.all([first, second]);
    expect(diagnostics.ping).toBeNull();
    core.push('diagnostics.update', update('ping-0000000000a1', 0, [9]));
    expect(diagnostics.ping).toBeNull();
  });
});
