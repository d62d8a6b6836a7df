// A run's results as text to paste in a ticket, as CSV for a spreadsheet and as JSON for a
// script. Pure: the view only hands the text to the clipboard or a download.
import { formatMs, summarizeCell, type CellView, type RunView } from './ping-run-view';

export const CSV_COLUMNS = ['source', 'target', 'outcome', 'transmitted', 'received', 'loss_percent', 'rtt_min_ms', 'rtt_avg_ms', 'rtt_max_ms', 'rtt_mdev_ms', 'message'] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const outcomeOf = (cell: CellView) => (cell.result ? (cell.result.failure?.kind ?? 'ok') : cell.state);

export function runAsCsv(run: RunView): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const cell of run.cells) {
    const result = cell.result;
    const rtt = result?.rtt ?? null;
    const row = [
      cell.sourceLabel,
      cell.target,
      outcomeOf(cell),
      result?.transmitted ?? null,
      result?.received ?? cell.replies.length,
      result?.lossPercent ?? null,
      rtt?.min ?? null,
      rtt?.avg ?? null,
      rtt?.max ?? null,
      rtt?.mdev ?? null,
      result?.failure?.message ?? '',
    ];
    lines.push(row.map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function runAsJson(run: RunView): string {
  return `${JSON.stringify(
    {
      kind: run.kind,
      startedAt: run.startedAt,
      count: run.count,
      intervalSeconds: run.intervalSeconds,
      cells: run.cells.map((cell) => ({
        source: cell.source,
        sourceLabel: cell.sourceLabel,
        target: cell.target,
        outcome: outcomeOf(cell),
        transmitted: cell.result?.transmitted ?? null,
        received: cell.result?.received ?? cell.replies.length,
        lossPercent: cell.result?.lossPercent ?? null,
        rtt: cell.result?.rtt ?? null,
        failure: cell.result?.failure ?? null,
        command: cell.result?.command ?? null,
        replies: cell.replies,
        errors: cell.errors,
      })),
    },
    null,
    2,
  )}\n`;
}

/** One line per cell, the way ping itself would sum it up. */
export function runAsText(run: RunView): string {
  const header = `${run.kind === 'matrix' ? 'Reachability matrix' : 'Ping'} started ${run.startedAt}: ${run.count} × every ${run.intervalSeconds} s`;
  const lines = run.cells.map((cell) => {
    const result = cell.result;
    const head = `${cell.sourceLabel} → ${cell.target}:`;
    if (!result) return `${head} ${summarizeCell(cell).short}`;
    const numbers = `${result.transmitted ?? '?'} sent, ${result.received} received, ${result.lossPercent ?? '?'}% loss`;
    const rtt = result.rtt ? `, rtt min/avg/max/mdev = ${formatMs(result.rtt.min)}/${formatMs(result.rtt.avg)}/${formatMs(result.rtt.max)}/${formatMs(result.rtt.mdev)} ms` : '';
    const failure = result.failure ? ` — ${result.failure.message}` : '';
    return `${head} ${numbers}${rtt}${failure}`;
  });
  return `${[header, ...lines].join('\n')}\n`;
}

/** "ping-2026-11-22T05-52-05.csv": sortable, and legal on every file system. */
export function reportFileName(run: RunView, extension: 'csv' | 'json'): string {
  return `${run.kind}-${run.startedAt.replace(/\.\d+Z$/, 'Z').replace(/[:]/g, '-')}.${extension}`;
}
