// The real RTT chart mounted in a DOM: uPlot itself draws it (on a stubbed canvas), fed replies
// that the console's own ping parser read from captured `ping` outputs, streamed in as a run does.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type uPlot from 'uplot';
import RttChart from './RttChart.svelte';
import { DiagnosticsState } from './diagnostics.svelte';
import { applyUpdate, runViewOf, type RunView } from './ping-run-view';
import { parsePing } from '../../../electron/probes/parsers/ping';
import type { PingReply } from '../../../electron/contract/lab-model';

/** Every chart the component builds: the real uPlot, watched. */
const plots = vi.hoisted(() => [] as uPlot[]);
vi.mock('uplot', async (importOriginal) => {
  const real = (await importOriginal<{ default: typeof uPlot }>()).default;
  function Watched(options: uPlot.Options, data: uPlot.AlignedData, target: HTMLElement) {
    const plot = new real(options, data, target);
    vi.spyOn(plot, 'setData');
    vi.spyOn(plot, 'destroy');
    plots.push(plot);
    return plot;
  }
  Object.assign(Watched, real);
  return { default: Watched };
});

// A path, not `new URL(…, import.meta.url)`: under the DOM environment that is a page URL.
const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/outputs/ping');
const repliesOf = (name: string) => parsePing(readFileSync(resolve(FIXTURES, name), 'utf8')).value.replies;
/** Two targets, as two cells of one run: IPv4 and IPv6 loopback, as iputils printed them. */
const TARGETS = [
  { target: '127.0.0.1', replies: repliesOf('iputils-20221126-loopback.txt') },
  { target: '::1', replies: repliesOf('iputils-20221126-ipv6-loopback.txt') },
];
const COUNT = 3;

let component: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (component) unmount(component);
  component = null;
  plots.length = 0;
  document.body.innerHTML = '';
});

/** A run held the way the page holds it (reactive state), with no replies yet. */
function startRun(): { run: RunView; diagnostics: DiagnosticsState } {
  const diagnostics = new DiagnosticsState();
  diagnostics.ping = runViewOf(
    {
      runId: 'run-1',
      kind: 'ping',
      count: COUNT,
      intervalSeconds: 1,
      cells: TARGETS.map(({ target }) => ({ source: { kind: 'machine', machineId: '22' }, sourceLabel: 'node03ob64', target })),
    },
    '2026-01-01T00:00:00.000Z',
  );
  return { run: diagnostics.ping!, diagnostics };
}

function stream(run: RunView, cell: number, replies: PingReply[]) {
  applyUpdate(run, { runId: run.runId, cell, state: 'running', replies, errors: [], result: null });
  flushSync();
}

function render(run: RunView) {
  const target = document.body.appendChild(document.createElement('div'));
  component = mount(RttChart, { target, props: { cells: run.cells, count: run.count } });
  flushSync();
  return target;
}

describe('the RTT chart', () => {
  it('has real replies to draw', () => {
    for (const { replies } of TARGETS) expect(replies.filter((reply) => reply.timeMs !== null).length).toBeGreaterThanOrEqual(COUNT);
  });

  it('draws a uPlot chart on a canvas, one series per target, named after it', () => {
    const { run } = startRun();
    const target = render(run);
    expect(plots).toHaveLength(1);
    expect(target.querySelector('[data-testid="rtt-chart"] canvas')).not.toBeNull();
    const plot = plots[0]!;
    expect(plot.series.slice(1).map((series) => series.label)).toEqual(TARGETS.map(({ target }) => target));
    const legend = [...target.querySelectorAll('.u-legend .u-series')].map((row) => row.textContent);
    // The legend is not live, so it lists the targets alone (not the x axis).
    expect(legend).toHaveLength(TARGETS.length);
    for (const { target: name } of TARGETS) expect(legend.some((text) => text!.includes(name))).toBe(true);
    // No replies yet: an x value per echo request, and only gaps.
    expect(plot.data[0]).toEqual([1, 2, 3]);
    expect(plot.data.slice(1)).toEqual(TARGETS.map(() => [null, null, null]));
  });

  it('passes each reply to the chart as it streams in, without rebuilding it', () => {
    const { run } = startRun();
    render(run);
    const plot = plots[0]!;
    const first = TARGETS[0]!.replies[0]!;
    const updates = vi.mocked(plot.setData).mock.calls.length;
    stream(run, 0, [first]);
    expect(vi.mocked(plot.setData).mock.calls.length).toBeGreaterThan(updates);
    expect(plot.data[1]![first.seq - 1]).toBe(first.timeMs);
    expect([...plot.data[2]!]).toEqual(Array.from({ length: COUNT }, () => null));

    for (const [cell, { replies }] of TARGETS.entries()) stream(run, cell, cell === 0 ? replies.slice(1, COUNT) : replies.slice(0, COUNT));
    for (const [cell, { replies }] of TARGETS.entries()) {
      expect(plot.data[cell + 1]).toEqual(replies.slice(0, COUNT).map((reply) => reply.timeMs));
    }
    expect(plots).toHaveLength(1);
  });

  it('extends the x axis when more echoes come back than were asked for', () => {
    const { run } = startRun();
    render(run);
    const extra = { ...TARGETS[0]!.replies[0]!, seq: COUNT + 2 };
    stream(run, 0, [extra]);
    expect(plots[0]!.data[0]).toHaveLength(COUNT + 2);
  });

  it('destroys its chart when unmounted', () => {
    const { run } = startRun();
    const target = render(run);
    const plot = plots[0]!;
    unmount(component!);
    component = null;
    expect(plot.destroy).toHaveBeenCalledTimes(1);
    expect(target.querySelector('canvas')).toBeNull();
  });
});
