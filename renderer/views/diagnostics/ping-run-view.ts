// A ping run as the page holds it: each cell with the replies streamed so far and its result,
// and what each cell says in a few words (for the stats table, the matrix and the reports).
import type { PingReply } from '../../../electron/contract/lab-model';
import { mergePingUpdate, type PingCell, type PingCellResult, type PingCellState, type PingRunRecord, type PingRunStarted, type PingRunUpdate } from '../../../electron/contract/diagnostics';

export interface CellView extends PingCell {
  state: PingCellState;
  replies: PingReply[];
  errors: string[];
  result: PingCellResult | null;
}

export interface RunView {
  runId: string;
  kind: 'ping' | 'matrix';
  count: number;
  intervalSeconds: number;
  startedAt: string;
  cells: CellView[];
}

export function runViewOf(started: PingRunStarted, startedAt: string): RunView {
  return {
    runId: started.runId,
    kind: started.kind,
    count: started.count,
    intervalSeconds: started.intervalSeconds,
    startedAt,
    cells: started.cells.map((cell) => ({ ...cell, state: 'queued', replies: [], errors: [], result: null })),
  };
}

/** A run as the core kept it (the page reloaded meanwhile): each cell as far as it got. */
export function runViewOfRecord(record: PingRunRecord): RunView {
  const run = runViewOf(record.started, record.startedAt);
  run.cells = run.cells.map((cell, index) => ({ ...cell, ...record.cells[index] }));
  return run;
}

/** Applies one update from the core to its cell (in place: the run is reactive state). */
export function applyUpdate(run: RunView, update: PingRunUpdate): void {
  const cell = run.cells[update.cell];
  if (!cell || update.runId !== run.runId) return;
  mergePingUpdate(cell, update);
}

export const runIsActive = (run: RunView | null): boolean => run !== null && run.cells.some((cell) => cell.state !== 'done');

export type CellTone = 'pending' | 'ok' | 'warn' | 'bad';

export interface CellSummary {
  tone: CellTone;
  /** "0.52 ms", "50% loss", "unreachable", "running…" */
  short: string;
  /** The failure in words, or the numbers. */
  detail: string;
}

const FAILURE_WORDS: Record<string, string> = {
  'unknown-host': 'unknown host',
  unreachable: 'unreachable',
  'partial-loss': 'loss',
  'permission-denied': 'permission denied',
  'ping-missing': 'no ping',
  'source-unreachable': 'source unreachable',
  timeout: 'timed out',
  stopped: 'stopped',
  failed: 'failed',
};

export const formatMs = (value: number | null | undefined): string => (value === null || value === undefined ? '–' : value < 10 ? value.toFixed(2) : value.toFixed(1));

export function summarizeCell(cell: CellView): CellSummary {
  const received = cell.replies.filter((reply) => !reply.duplicate).length;
  if (!cell.result) {
    if (cell.state === 'queued') return { tone: 'pending', short: 'queued', detail: 'waiting for a free slot' };
    const last = cell.replies.at(-1)?.timeMs;
    return { tone: 'pending', short: last !== undefined && last !== null ? `${formatMs(last)} ms…` : 'running…', detail: `${received} ${received === 1 ? 'reply' : 'replies'} so far` };
  }
  const { failure, rtt, lossPercent } = cell.result;
  if (!failure) return { tone: 'ok', short: `${formatMs(rtt?.avg)} ms`, detail: `${cell.result.received}/${cell.result.transmitted ?? '?'} replies, ${lossPercent ?? 0}% loss` };
  if (failure.kind === 'partial-loss') return { tone: 'warn', short: `${lossPercent}% loss`, detail: failure.message };
  if (failure.kind === 'stopped') return { tone: cell.result.received > 0 ? 'ok' : 'warn', short: cell.result.received > 0 ? `${formatMs(rtt?.avg)} ms (stopped)` : 'stopped', detail: failure.message };
  return { tone: 'bad', short: FAILURE_WORDS[failure.kind] ?? failure.kind, detail: failure.message };
}

/** ping's sequence numbers start at 1 (iputils) or 0 (BusyBox): echo number 1 is the first either way. */
export function echoNumber(cell: CellView, reply: PingReply): number {
  const zeroBased = cell.replies.some((candidate) => candidate.seq === 0);
  return reply.seq + (zeroBased ? 1 : 0);
}
