// A path test in the core: the hops' counters read, the flow traced through br-int, a bounded
// ping from the source, the counters read again, and the hop where the pings stopped named. Every
// step is bounded (commands have time limits, the ping a count) and every run can be stopped; each
// stage's news goes to the page the moment it exists.
import { randomBytes } from 'node:crypto';
import type { PingSource } from '../contract/diagnostics';
import type { LabInventory } from '../contract/inventory';
import type { OfprotoTraceSummary, PathTarget, PathTestProgress, PathTestStarted } from '../contract/troubleshoot';
import { pingCommand, pingTimeLimitMs, type PingTiming } from '../diagnostics/ping-command';
import { pingNumbers } from '../diagnostics/ping-statistics';
import { parsePing } from '../probes/parsers/ping';
import { quoteShellCommand } from '../ssh/shell-quote';
import { derivePath } from './derive-path';
import { counterReadings, readHopCounters, type MachineRunner } from './hop-counters';
import { DPIF_SHOW_ARGV, parseDpifShow, summariseTrace, traceArgv } from './ofproto-trace';
import { wherePacketsStop } from './packet-stop';

/** The test ping's pace: fast enough to finish in a couple of seconds, slow enough for iputils without root (0.2 s floor). */
export const TEST_PING_INTERVAL_S = 0.2;
export const TEST_PING_REPLY_WAIT_S = 1;
/** ofproto/trace and dpif/show answer in milliseconds; beyond this ovs-vswitchd is not answering. */
export const TRACE_TIMEOUT_MS = 8_000;

export interface PathTestOptions {
  inventory(): LabInventory | null;
  run: MachineRunner;
  nameOf(machineId: string): string;
  onProgress(progress: PathTestProgress): void;
}

export class PathTests {
  private readonly runs = new Map<string, { abort: AbortController; done: Promise<void> }>();
  private latestProgress: PathTestProgress | null = null;

  constructor(private readonly options: PathTestOptions) {}

  get latest(): PathTestProgress | null {
    return this.latestProgress;
  }

  start(source: PingSource, target: PathTarget, count: number): PathTestStarted {
    const inventory = this.options.inventory();
    if (!inventory) throw new Error('the lab has not been read yet: refresh, then test the path');
    const analysis = derivePath(inventory, source, target);
    const runId = `path-${randomBytes(6).toString('hex')}`;
    const abort = new AbortController();
    const progress: PathTestProgress = { runId, stage: 'starting', analysis, counters: [], ping: null, trace: null, stoppedAt: null, error: null };
    this.latestProgress = progress;
    const done = this.execute(progress, count, abort.signal).finally(() => this.runs.delete(runId));
    this.runs.set(runId, { abort, done });
    return { runId, analysis };
  }

  stop(runId: string): void {
    this.runs.get(runId)?.abort.abort();
  }

  async finished(runId: string): Promise<void> {
    await this.runs.get(runId)?.done;
  }

  stopAll(): void {
    for (const run of this.runs.values()) run.abort.abort();
  }

  private send(progress: PathTestProgress, news: Partial<PathTestProgress>): void {
    Object.assign(progress, news);
    this.options.onProgress({ ...progress });
  }

  private async execute(progress: PathTestProgress, count: number, signal: AbortSignal): Promise<void> {
    const { analysis } = progress;
    const { run } = this.options;
    if (!analysis.targetAddress || analysis.hops.length === 0) {
      this.send(progress, { stage: 'failed', error: `Nothing to test: ${analysis.verdict.text}` });
      return;
    }
    try {
      this.send(progress, { stage: 'counters-before' });
      // The trace injects no packet (OVS simulates it), so it runs beside the first read.
      const [before, trace] = await Promise.all([readHopCounters(run, analysis.hops, signal), this.trace(progress, signal)]);
      this.send(progress, { stage: 'ping', counters: counterReadings(analysis.hops, before, null), trace });
      if (signal.aborted) throw new Error('stopped');

      const timing: PingTiming = { count, intervalSeconds: TEST_PING_INTERVAL_S, replyWaitSeconds: TEST_PING_REPLY_WAIT_S };
      const argv = pingCommand(analysis.source, analysis.targetAddress, timing);
      const command = `${quoteShellCommand(argv)}   (on ${this.options.nameOf(analysis.source.machineId)})`;
      let ping: PathTestProgress['ping'];
      try {
        const result = await run(analysis.source.machineId, argv, { timeoutMs: pingTimeLimitMs(timing), signal });
        const numbers = pingNumbers(parsePing(result.stdout).value);
        ping = { command, transmitted: numbers.transmitted ?? count, received: numbers.received, error: numbers.transmitted === null ? result.stderr.trim().split('\n')[0] || 'ping printed no statistics' : null };
      } catch (error) {
        ping = { command, transmitted: null, received: null, error: error instanceof Error ? error.message : String(error) };
      }
      this.send(progress, { stage: 'counters-after', ping });
      if (signal.aborted) throw new Error('stopped');

      const after = await readHopCounters(run, analysis.hops, signal);
      const counters = counterReadings(analysis.hops, before, after);
      const stoppedAt = wherePacketsStop(analysis.hops, counters, ping.transmitted, ping.received);
      this.send(progress, { stage: 'done', counters, stoppedAt });
    } catch (error) {
      const message = signal.aborted ? 'stopped before it finished' : error instanceof Error ? error.message : String(error);
      this.send(progress, { stage: 'failed', error: message });
    }
  }

  private async trace(progress: PathTestProgress, signal: AbortSignal): Promise<OfprotoTraceSummary | null> {
    const flow = progress.analysis.trace;
    if (!flow) return null;
    const argv = traceArgv(flow);
    const command = `${quoteShellCommand(argv)}   (on ${this.options.nameOf(flow.machineId)})`;
    try {
      const [ports, traced] = await Promise.all([
        this.options.run(flow.machineId, DPIF_SHOW_ARGV, { timeoutMs: TRACE_TIMEOUT_MS, signal }),
        this.options.run(flow.machineId, argv, { timeoutMs: TRACE_TIMEOUT_MS, signal }),
      ]);
      if (traced.exitCode !== 0) {
        const reason = traced.stderr.trim().split('\n')[0] || `exit ${traced.exitCode}`;
        return { command, outcome: 'unknown', text: `ofproto/trace failed: ${reason}`, outputPorts: [], raw: traced.stdout + traced.stderr, error: reason };
      }
      const hops = progress.analysis.hops;
      const exitPort = hops[hops.findIndex((hop) => hop.id === flow.hopId) + 1]?.name ?? null;
      return summariseTrace(traced.stdout, command, parseDpifShow(ports.exitCode === 0 ? ports.stdout : ''), exitPort);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { command, outcome: 'unknown', text: `ofproto/trace could not run: ${reason}`, outputPorts: [], raw: '', error: reason };
    }
  }
}
