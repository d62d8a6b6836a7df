// The path MTU check in the core: one check at a time, run from a ping source through the lab's
// transport. It reads the MTUs inside the containers at the ends, works out the interfaces along
// the way from the inventory, then searches with one `ping -M do -s SIZE -c 1 -W 1` at a time,
// every probe streamed as it starts and as it ends, bounded in probes and in time, and stoppable.
import { randomBytes } from 'node:crypto';
import { ConsoleError } from '../contract/console-errors';
import type { PingSource } from '../contract/diagnostics';
import type { LabInventory } from '../contract/inventory';
import type { DfProbeReason, DfProbeStep, MtuCheckProgress } from '../contract/mtu-check';
import { quoteShellCommand } from '../ssh/shell-quote';
import type { CommandResult, CommandTransport } from '../transports/command-transport';
import { readDfProbe } from './df-probe-reading';
import { parseSysfsMtus, pathEnds, pathHops, routerToward, sourceMtu, type InsideMtus } from './mtu-path-hops';
import { searchPathMtu, type DfProbeAnswer } from './mtu-search';
import { mtuVerdict, noDontFragmentMessage, type VerdictInput } from './mtu-verdict';
import { commandInSource, pingSourceLabel, pingTimeLimitMs, type PingTiming } from './ping-command';

/**
 * One check's whole time. A probe takes its 1 s reply wait plus the start of `sudo ip netns exec`
 * or `lxc exec` over SSH (a second or two on a busy lab); 16 probes fit with room to spare.
 */
export const MTU_CHECK_TIME_LIMIT_MS = 90_000;
/** One echo request, one second to answer: a probe, never a flood. */
const PROBE_TIMING: PingTiming = { count: 1, intervalSeconds: 1, replyWaitSeconds: 1 };
/** Reading /sys/class/net inside a container: `lxc exec` starting on a loaded node. */
const INSIDE_READ_TIMEOUT_MS = 15_000;
/** IPv4 header (20) + ICMP header (8); IPv6 header (40) + ICMPv6 header (8). */
const HEADER_BYTES_IPV4 = 28;
const HEADER_BYTES_IPV6 = 48;
/** Every interface's MTU as the kernel has it now: works with BusyBox and GNU tools alike (no `ip -j`). */
const READ_MTUS = ['sh', '-c', 'grep -H . /sys/class/net/*/mtu'];

export interface MtuChecksOptions {
  transportFor(machineId: string): Promise<CommandTransport>;
  nameOf(machineId: string): string;
  inventory(): LabInventory | null;
  onProgress(progress: MtuCheckProgress): void;
}

interface Check {
  progress: MtuCheckProgress;
  abort: AbortController;
  done: Promise<void>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class MtuChecks {
  private current: Check | null = null;

  constructor(private readonly options: MtuChecksOptions) {}

  /** The latest check as far as it got (a page that reloads shows it again). */
  get latest(): MtuCheckProgress | null {
    return this.current?.progress ?? null;
  }

  /** Starts a check (a running one is stopped first); its probes follow on the progress stream. */
  start(source: PingSource, target: string): MtuCheckProgress {
    this.current?.abort.abort();
    const progress: MtuCheckProgress = {
      checkId: `mtu-${randomBytes(6).toString('hex')}`,
      source,
      sourceLabel: pingSourceLabel(source, this.options.nameOf(source.machineId)),
      target,
      startedAt: new Date().toISOString(),
      state: 'running',
      headerBytes: target.includes(':') ? HEADER_BYTES_IPV6 : HEADER_BYTES_IPV4,
      ceiling: null,
      steps: [],
      hops: [],
      result: null,
    };
    const abort = new AbortController();
    const check: Check = { progress, abort, done: Promise.resolve() };
    check.done = this.run(check).catch((error: unknown) => {
      this.finish(check, { ending: 'failed', verdict: `the MTU check stopped on an error: ${message(error)}`, largestPayload: null, pathMtu: null, agrees: null, problem: true });
    });
    this.current = check;
    return structuredClone(progress);
  }

  stop(checkId: string): void {
    if (this.current?.progress.checkId === checkId) this.current.abort.abort();
  }

  stopAll(): void {
    this.current?.abort.abort();
  }

  /** Resolves when the check has ended (tests, shutdown). */
  async finished(checkId: string): Promise<void> {
    if (this.current?.progress.checkId === checkId) await this.current.done;
  }

  private push(check: Check): void {
    this.options.onProgress(structuredClone(check.progress));
  }

  private finish(check: Check, result: MtuCheckProgress['result']): void {
    check.progress.state = 'done';
    check.progress.result = result;
    this.push(check);
  }

  private async readInside(machineId: string, container: string): Promise<InsideMtus | null> {
    try {
      const transport = await this.options.transportFor(machineId);
      const result = await transport.run(['lxc', 'exec', container, '--', ...READ_MTUS], { timeoutMs: INSIDE_READ_TIMEOUT_MS });
      const mtus = parseSysfsMtus(result.stdout);
      return mtus.size > 0 ? mtus : null;
    } catch {
      // Its hop then shows no MTU; the search does not need it.
      return null;
    }
  }

  private async run(check: Check): Promise<void> {
    const { progress, abort } = check;
    const { source, target, sourceLabel } = progress;
    const hostName = this.options.nameOf(source.machineId);
    let outOfTime = false;
    const timer = setTimeout(() => {
      outOfTime = true;
      abort.abort();
    }, MTU_CHECK_TIME_LIMIT_MS);
    try {
      let transport: CommandTransport;
      try {
        transport = await this.options.transportFor(source.machineId);
      } catch (error) {
        return this.finish(check, { ending: 'failed', verdict: `${hostName} cannot be reached to check from it: ${message(error)}`, largestPayload: null, pathMtu: null, agrees: null, problem: true });
      }

      // The interfaces along the way, with the MTUs inside the containers at either end read now.
      const inventory = this.options.inventory();
      const ends = inventory ? pathEnds(inventory, source, target) : { sourceContainer: null, targetContainer: null };
      const [insideSource, insideTarget] = await Promise.all([
        ends.sourceContainer ? this.readInside(ends.sourceContainer.machineId, ends.sourceContainer.container) : null,
        ends.targetContainer ? this.readInside(ends.targetContainer.machineId, ends.targetContainer.container) : null,
      ]);
      progress.hops = inventory ? pathHops(inventory, { source, target, ends, insideSource, insideTarget }) : [];
      const ceiling = (inventory ? sourceMtu(inventory, source, progress.hops, insideSource) : 1500) - progress.headerBytes;
      progress.ceiling = ceiling;
      const known = progress.hops.flatMap((hop) => (hop.mtu === null ? [] : [hop.mtu]));
      const expected = known.length > 0 ? Math.min(...known) - progress.headerBytes : null;
      this.push(check);

      let probeStop: VerdictInput['probeStop'] = null;
      let suggestedSource: PingSource | null = null;
      const probe = async (payload: number, reason: DfProbeReason): Promise<DfProbeAnswer> => {
        const argv = commandInSource(source, ['ping', '-M', 'do', '-s', String(payload), '-c', '1', '-W', '1', target]);
        const step: DfProbeStep = { payload, reason, outcome: null, mtuSaid: null, line: null, rttMs: null, command: `${quoteShellCommand(argv)}   (on ${hostName})` };
        progress.steps.push(step);
        this.push(check);
        let outcome: CommandResult | null = null;
        let failure: ConsoleError | null = null;
        try {
          outcome = await transport.run(argv, { timeoutMs: pingTimeLimitMs(PROBE_TIMING), signal: abort.signal });
        } catch (error) {
          failure = error instanceof ConsoleError ? error : new ConsoleError('internal', message(error));
        }
        if (abort.signal.aborted) {
          progress.steps.pop();
          return { kind: 'stop' };
        }
        if (failure && failure.code !== 'command-timeout') {
          probeStop = { kind: 'failed', message: `the ping from ${sourceLabel} could not run: ${failure.message}` };
          return { kind: 'stop' };
        }
        const reading = readDfProbe(
          { stdout: outcome?.stdout ?? '', stderr: outcome?.stderr ?? '', exitCode: outcome?.exitCode ?? null, timedOut: failure !== null, stopped: false },
          { source, sourceLabel, hostName, target },
        );
        if (reading.kind === 'no-dont-fragment') {
          const router = inventory ? routerToward(inventory, ends.targetContainer?.fixedAddress ?? target) : null;
          suggestedSource = router ? { kind: 'namespace', ...router } : null;
          probeStop = { kind: 'no-dont-fragment', message: noDontFragmentMessage(sourceLabel, reading.line, router ? `${router.namespace} on ${this.options.nameOf(router.machineId)}` : null) };
          progress.steps.pop();
          return { kind: 'stop' };
        }
        if (reading.kind === 'failed') {
          probeStop = { kind: 'failed', message: reading.failure.message };
          step.line = reading.failure.message;
          return { kind: 'stop' };
        }
        Object.assign(step, { outcome: reading.kind, mtuSaid: reading.mtuSaid, line: reading.line, rttMs: reading.rttMs });
        this.push(check);
        return { kind: reading.kind, mtuSaid: reading.mtuSaid };
      };

      let ending = await searchPathMtu({ ceiling, expected, headerBytes: progress.headerBytes }, { probe, halted: () => abort.signal.aborted });
      if (abort.signal.aborted && ending.kind === 'stopped-by-probe') {
        const passed = progress.steps.filter((step) => step.outcome === 'passed').map((step) => step.payload);
        const failed = progress.steps.filter((step) => step.outcome === 'too-big' || step.outcome === 'no-reply').map((step) => step.payload);
        ending = { kind: 'unfinished', largestPassed: passed.length > 0 ? Math.max(...passed) : null, smallestFailed: failed.length > 0 ? Math.min(...failed) : null };
      }
      const result = mtuVerdict({ ending, headerBytes: progress.headerBytes, hops: progress.hops, sourceLabel, target, probeStop, unfinishedBecause: outOfTime ? 'out-of-time' : abort.signal.aborted ? 'stopped' : 'out-of-probes' });
      this.finish(check, { ...result, suggestedSource });
    } finally {
      clearTimeout(timer);
    }
  }
}
