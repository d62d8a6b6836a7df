// Ping runs in the core: one ping per source→target cell, run on the source's machine through
// the lab's transport, its replies streamed the moment ping prints them, a bounded number at
// once, and every run stoppable. A run is a single source with its targets, or a matrix.
import { randomBytes } from 'node:crypto';
import { ConsoleError } from '../contract/console-errors';
import { mergePingUpdate, type LatestPingRuns, type PingCell, type PingCellResult, type PingRunStarted, type PingRunUpdate, type PingSource } from '../contract/diagnostics';
import { ChannelGate } from '../ssh/channel-gate';
import { quoteShellCommand } from '../ssh/shell-quote';
import type { CommandResult, CommandTransport } from '../transports/command-transport';
import { createPingStream } from '../probes/parsers/ping';
import { pingCommand, pingSourceLabel, pingTimeLimitMs, type PingTiming } from './ping-command';
import { pingNumbers } from './ping-statistics';
import { classifyPingEnding } from './ping-failure';

/**
 * Pings on one SSH connection at once. OpenSSH allows 10 channels per connection (MaxSessions)
 * and the machine's terminals and inventory probes share them: pings take at most 4, so a
 * matrix never starves a shell the engineer has open there.
 */
export const MAX_PINGS_PER_CONNECTION = 4;
/**
 * Pings in flight across the whole lab. Each is a process on a lab machine and a stream of
 * updates to the page; 12 fills a 4-source matrix's rows at once and stays light on a laptop.
 */
export const MAX_PINGS_AT_ONCE = 12;

export interface PingRunsOptions {
  transportFor(machineId: string): Promise<CommandTransport>;
  /** The machine's host name as the inventory knows it. */
  nameOf(machineId: string): string;
  onUpdate(update: PingRunUpdate): void;
}

interface Run {
  abort: AbortController;
  done: Promise<void>;
}

export class PingRuns {
  private readonly runs = new Map<string, Run>();
  private readonly overall = new ChannelGate(MAX_PINGS_AT_ONCE);
  private readonly perConnection = new Map<string, ChannelGate>();
  /** The latest run of each kind, kept up to date: a page that reloads shows it again. */
  private readonly latestRuns: LatestPingRuns = { ping: null, matrix: null };

  constructor(private readonly options: PingRunsOptions) {}

  /** The latest ping and matrix, as far as they got. */
  get latest(): LatestPingRuns {
    return this.latestRuns;
  }

  /** Starts every cell (sources × targets); updates follow on the stream. */
  start(kind: 'ping' | 'matrix', sources: readonly PingSource[], targets: readonly string[], timing: PingTiming): PingRunStarted {
    const runId = `ping-${randomBytes(6).toString('hex')}`;
    const cells: PingCell[] = sources.flatMap((source) =>
      targets.map((target) => ({ source, sourceLabel: pingSourceLabel(source, this.options.nameOf(source.machineId)), target })),
    );
    const started: PingRunStarted = { runId, kind, cells, count: timing.count, intervalSeconds: timing.intervalSeconds };
    this.latestRuns[kind] = { started, startedAt: new Date().toISOString(), cells: cells.map(() => ({ state: 'queued', replies: [], errors: [], result: null })) };
    const abort = new AbortController();
    const done = Promise.all(cells.map((cell, index) => this.runCell(runId, index, cell, timing, abort.signal))).then(() => {
      this.runs.delete(runId);
    });
    this.runs.set(runId, { abort, done });
    return started;
  }

  /** Stops a run (its cells end with what they have); a run that already ended is left as it is. */
  stop(runId: string): void {
    this.runs.get(runId)?.abort.abort();
  }

  /** Resolves when the run has ended (tests, shutdown). */
  async finished(runId: string): Promise<void> {
    await this.runs.get(runId)?.done;
  }

  stopAll(): void {
    for (const run of this.runs.values()) run.abort.abort();
  }

  private gateFor(key: string): ChannelGate {
    let gate = this.perConnection.get(key);
    if (!gate) this.perConnection.set(key, (gate = new ChannelGate(MAX_PINGS_PER_CONNECTION)));
    return gate;
  }

  private async runCell(runId: string, index: number, cell: PingCell, timing: PingTiming, signal: AbortSignal): Promise<void> {
    const { source, target } = cell;
    const hostName = this.options.nameOf(source.machineId);
    const argv = pingCommand(source, target, timing);
    const command = `${quoteShellCommand(argv)}   (on ${hostName})`;
    const send = (news: Omit<PingRunUpdate, 'runId' | 'cell'>) => {
      const update = { runId, cell: index, ...news };
      const record = [this.latestRuns.ping, this.latestRuns.matrix].find((run) => run?.started.runId === runId);
      const progress = record?.cells[index];
      if (progress) mergePingUpdate(progress, update);
      this.options.onUpdate(update);
    };
    const end = (result: PingCellResult) => send({ state: 'done', replies: [], errors: [], result });
    const nothing = { transmitted: null, received: 0, lossPercent: null, rtt: null };

    let transport: CommandTransport;
    try {
      transport = await this.options.transportFor(source.machineId);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      end({ ...nothing, command, failure: { kind: 'source-unreachable', message: `${hostName} cannot be reached to ping from it: ${message}` } });
      return;
    }
    // Through `juju ssh` every machine's commands share the controller's one connection.
    const releaseConnection = await this.gateFor(transport.kind === 'juju-ssh' ? 'controller' : source.machineId).acquire();
    const releaseOverall = await this.overall.acquire();
    try {
      if (signal.aborted) {
        end({ ...nothing, command, failure: { kind: 'stopped', message: 'stopped before it started' } });
        return;
      }
      send({ state: 'running', replies: [], errors: [], result: null });
      const stream = createPingStream();
      let outcome: CommandResult | null = null;
      let failure: ConsoleError | null = null;
      try {
        outcome = await transport.run(argv, {
          timeoutMs: pingTimeLimitMs(timing),
          signal,
          onStdout: (chunk) => {
            const update = stream.push(chunk);
            if (update.replies.length > 0 || update.errors.length > 0) send({ state: 'running', replies: update.replies, errors: update.errors, result: null });
          },
        });
      } catch (error) {
        failure = error instanceof ConsoleError ? error : new ConsoleError('internal', String(error));
      }
      // ping prints resolution failures on stderr: read them as ping output too.
      const parsed = stream.finish().value;
      const stderrErrors = (outcome?.stderr ?? '').split('\n').filter((line) => line.startsWith('ping: ') && !parsed.errors.includes(line.trim()));
      const errors = [...parsed.errors, ...stderrErrors.map((line) => line.trim())];
      if (stderrErrors.length > 0) send({ state: 'running', replies: [], errors: stderrErrors, result: null });
      const numbers = pingNumbers(parsed);
      if (failure && failure.code !== 'command-timeout') {
        end({ ...numbers, command, failure: { kind: 'source-unreachable', message: `the ping from ${cell.sourceLabel} could not run: ${failure.message}` } });
        return;
      }
      const classified = classifyPingEnding({
        source,
        sourceLabel: cell.sourceLabel,
        hostName,
        target,
        numbers,
        errors,
        stderr: outcome?.stderr ?? '',
        exitCode: outcome?.exitCode ?? null,
        stopped: signal.aborted,
        timedOut: failure?.code === 'command-timeout',
      });
      end({ ...numbers, command, failure: classified });
    } finally {
      releaseOverall();
      releaseConnection();
    }
  }
}
