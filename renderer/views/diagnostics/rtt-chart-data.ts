// The RTT chart's data: one x value per echo request (1…count), one series per target with the
// round trip of each echo that came back (a gap where it did not).
import { echoNumber, type CellView } from './ping-run-view';

export interface RttChartData {
  echoes: number[];
  series: (number | null)[][];
}

export function rttChartData(cells: readonly CellView[], count: number): RttChartData {
  const highest = Math.max(count, ...cells.flatMap((cell) => cell.replies.map((reply) => echoNumber(cell, reply))));
  const echoes = Array.from({ length: highest }, (_, index) => index + 1);
  const series = cells.map((cell) => {
    const times: (number | null)[] = echoes.map(() => null);
    for (const reply of cell.replies) {
      if (reply.duplicate || reply.timeMs === null) continue;
      times[echoNumber(cell, reply) - 1] = reply.timeMs;
    }
    return times;
  });
  return { echoes, series };
}

/** Line colours that read on both themes' backgrounds (and on a projector); they repeat after 8. */
export const SERIES_COLOURS = ['#e8700f', '#2f81f7', '#2da44e', '#bf3989', '#8250df', '#0e9aa7', '#c69026', '#cf222e'];
