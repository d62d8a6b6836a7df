import { describe, expect, it } from 'vitest';
import { applyUpdate, runViewOf, summarizeCell, type RunView } from './ping-run-view';
import { csvField, reportFileName, runAsCsv, runAsJson, runAsText } from './ping-report';
import { rttChartData } from './rtt-chart-data';

const source = { kind: 'namespace' as const, machineId: '26', namespace: 'qrouter-r1' };
const reply = (seq: number, timeMs: number) => ({ seq, ttl: 64, timeMs, from: 'x', bytes: 64, duplicate: false });

function finishedRun(): RunView {
  const run = runViewOf(
    {
      runId: 'ping-000000000001',
      kind: 'ping',
      count: 2,
      intervalSeconds: 1,
      cells: [
        { source, sourceLabel: 'qrouter-r1 on node02ob64', target: '198.51.100.4' },
        { source, sourceLabel: 'qrouter-r1 on node02ob64', target: '198.51.100.29' },
      ],
    },
    '2026-11-22T05:52:05.123Z',
  );
  applyUpdate(run, { runId: run.runId, cell: 0, state: 'running', replies: [reply(1, 0.5), reply(2, 1.5)], errors: [], result: null });
  applyUpdate(run, {
    runId: run.runId,
    cell: 0,
    state: 'done',
    replies: [],
    errors: [],
    result: { transmitted: 2, received: 2, lossPercent: 0, rtt: { min: 0.5, avg: 1, max: 1.5, mdev: 0.5 }, failure: null, command: 'ping' },
  });
  applyUpdate(run, {
    runId: run.runId,
    cell: 1,
    state: 'done',
    replies: [],
    errors: ['From 198.51.100.1 icmp_seq=1 Destination Host Unreachable'],
    result: { transmitted: 2, received: 0, lossPercent: 100, rtt: null, failure: { kind: 'unreachable', message: '198.51.100.29 did not answer, "really"' }, command: 'ping' },
  });
  return run;
}

describe('a run as the page holds it', () => {
  it('fills cells from updates and ignores updates of another run', () => {
    const run = finishedRun();
    applyUpdate(run, { runId: 'ping-ffffffffffff', cell: 0, state: 'running', replies: [reply(3, 9)], errors: [], result: null });
    expect(run.cells[0]!.replies).toHaveLength(2);
    expect(run.cells.map((cell) => cell.state)).toEqual(['done', 'done']);
  });
  it('sums up each cell in a few words', () => {
    const run = finishedRun();
    expect(summarizeCell(run.cells[0]!)).toMatchObject({ tone: 'ok', short: '1.00 ms' });
    expect(summarizeCell(run.cells[1]!)).toMatchObject({ tone: 'bad', short: 'unreachable' });
  });
  it('charts one series per target by echo number, BusyBox numbering from 0 included', () => {
    const run = finishedRun();
    run.cells[1]!.replies.push(reply(0, 2));
    expect(rttChartData(run.cells, run.count)).toEqual({ echoes: [1, 2], series: [[0.5, 1.5], [2, null]] });
  });
});

describe('reports', () => {
  it('writes CSV with a header and one quoted-where-needed row per cell', () => {
    const lines = runAsCsv(finishedRun()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('source,target,outcome,transmitted,received,loss_percent,rtt_min_ms,rtt_avg_ms,rtt_max_ms,rtt_mdev_ms,message');
    expect(lines[1]).toBe('qrouter-r1 on node02ob64,198.51.100.4,ok,2,2,0,0.5,1,1.5,0.5,');
    expect(lines[2]).toBe('qrouter-r1 on node02ob64,198.51.100.29,unreachable,2,0,100,,,,,"198.51.100.29 did not answer, ""really"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
  });
  it('writes JSON with every reply and the failure', () => {
    const parsed = JSON.parse(runAsJson(finishedRun()));
    expect(parsed.cells[0]).toMatchObject({ target: '198.51.100.4', outcome: 'ok', received: 2, replies: [{ seq: 1 }, { seq: 2 }] });
    expect(parsed.cells[1]).toMatchObject({ outcome: 'unreachable', lossPercent: 100, failure: { kind: 'unreachable' } });
  });
  it('writes text the way ping sums up, one line per cell', () => {
    const text = runAsText(finishedRun());
    expect(text).toContain('qrouter-r1 on node02ob64 → 198.51.100.4: 2 sent, 2 received, 0% loss, rtt min/avg/max/mdev = 0.50/1.00/1.50/0.50 ms');
    expect(text).toContain('→ 198.51.100.29: 2 sent, 0 received, 100% loss — 198.51.100.29 did not answer');
  });
  it('names files by kind and start time, without colons', () => {
    expect(reportFileName(finishedRun(), 'csv')).toBe('ping-2026-11-22T05-52-05Z.csv');
  });
});
