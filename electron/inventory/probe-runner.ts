// Runs probes (command + pure parser) on machines through their transports, in parallel but
// bounded, and turns every run, good or bad, into a ProbeOutcome. One machine failing never
// blocks the others; nothing here throws.
import { ConsoleError } from '../contract/console-errors';
import type { InventoryMachine, ProbeOutcome, ProbeStatus } from '../contract/inventory';
import { isEmptyModel } from '../probes/parsers/parse-result';
import { parseProbeOutput, type OutputParsing } from './probe-output-parsing';
import type { CommandTransport } from '../transports/command-transport';
import type { AnyProbeDefinition } from '../probes/probe-definition';
import { DEFAULT_MAX_OUTPUT_BYTES } from '../ssh/ssh-connection';

/** `[]`: a structured list command's answer when there is nothing to list. */
const EMPTY_JSON_LIST = /^\s*\[\s*\]\s*$/;

/** Two cores here; SSH channels are cheap but parsing is not free. Enough to hide latency. */
export const MAX_PARALLEL_PROBES = 12;
/** A probe slower than this is stuck, not slow (the slowest, dpkg -l, takes ~0.1 s). */
const PROBE_TIMEOUT_MS = 20_000;
/** The most of one probe's output the console reads (lxc list of 5,000 containers is ~20 MB). */
const PROBE_MAX_OUTPUT_BYTES = DEFAULT_MAX_OUTPUT_BYTES;
const inMegabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

export interface ProbeJob {
  machine: InventoryMachine;
  transport: CommandTransport;
  probe: AnyProbeDefinition;
  /** Where a big output is parsed and for how long at most (tests name their own). */
  parsing?: OutputParsing;
}

export async function runProbe({ machine, transport, probe, parsing }: ProbeJob): Promise<ProbeOutcome> {
  const argv = probe.command(machine);
  const startedAt = new Date();
  const base = { machineId: machine.id, probeId: probe.id, command: argv.join(' '), startedAt: startedAt.toISOString() };
  const elapsed = () => Date.now() - startedAt.getTime();
  try {
    const result = await transport.run(argv, { timeoutMs: probe.timeoutMs ?? PROBE_TIMEOUT_MS, maxOutputBytes: PROBE_MAX_OUTPUT_BYTES });
    // Output cut at the console's limit was stopped by the console: what it printed is read.
    const exitAccepted = result.truncated || result.exitCode === 0 || (result.exitCode !== null && (probe.acceptedExitCodes ?? []).includes(result.exitCode));
    if (!exitAccepted) {
      const stderr = result.stderr.trim();
      const explained = probe.explainFailure?.(stderr, machine) ?? null;
      const lastLine = stderr.split('\n').slice(-1)[0] || 'no message';
      return {
        ...base,
        durationMs: elapsed(),
        status: 'failed',
        value: null,
        format: null,
        problems: [],
        error: { code: 'command-exit', message: explained ?? `\`${base.command}\` on ${machine.hostname ?? machine.id} exited with ${result.exitCode ?? result.signal}: ${lastLine}` },
      };
    }
    const parsed = await parseProbeOutput(probe, result.stdout, base.command, parsing);
    const problems = [...parsed.problems];
    if (result.truncated) problems.unshift({ line: null, message: `the command printed more than ${inMegabytes(PROBE_MAX_OUTPUT_BYTES)}, the most the console reads of one command; it was stopped there` });
    if (result.invalidUtf8) problems.push({ line: null, message: 'the output was not valid UTF-8; unreadable bytes are shown as �' });
    // Output that reads as nothing is unreadable, except an empty JSON list: what `lxc list
    // --format json` prints on a machine with no containers (a database node, say).
    const empty = isEmptyModel(parsed.value) && !(problems.length === 0 && EMPTY_JSON_LIST.test(result.stdout));
    const status: ProbeStatus = empty && (result.stdout.trim() !== '' || result.truncated) ? 'failed' : problems.length > 0 ? 'partial' : 'ok';
    return { ...base, durationMs: elapsed(), status, value: parsed.value, format: parsed.format, problems, error: status === 'failed' ? { code: 'command-exit', message: `the output of \`${base.command}\` could not be read (${problems[0]?.message ?? 'unrecognised format'})` } : null };
  } catch (error) {
    const failure = error instanceof ConsoleError ? error : new ConsoleError('internal', String(error));
    return { ...base, durationMs: elapsed(), status: 'failed', value: null, format: null, problems: [], error: failure.toValue() };
  }
}

/** Runs every job with at most `limit` in flight; each outcome is reported the moment it exists. */
export async function runProbeJobs(jobs: ProbeJob[], onOutcome: (outcome: ProbeOutcome) => void, limit = MAX_PARALLEL_PROBES): Promise<ProbeOutcome[]> {
  const outcomes: ProbeOutcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      const outcome = await runProbe(job);
      outcomes.push(outcome);
      onOutcome(outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return outcomes;
}

/**
 * A queue that accepts jobs while it runs (follow-up probes join as soon as the probe that named
 * them answers), with at most `limit` in flight; `drained()` resolves when nothing is left.
 */
export class ProbeQueue {
  private readonly waiting: ProbeJob[] = [];
  private inFlight = 0;
  private idle: (() => void) | null = null;

  constructor(
    private readonly onOutcome: (outcome: ProbeOutcome, job: ProbeJob) => void,
    private readonly limit = MAX_PARALLEL_PROBES,
  ) {}

  add(job: ProbeJob): void {
    this.waiting.push(job);
    this.pump();
  }

  /** Resolves once every job added (including those added meanwhile) has an outcome. */
  drained(): Promise<void> {
    if (this.inFlight === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const previous = this.idle;
      this.idle = () => {
        previous?.();
        resolve();
      };
    });
  }

  private pump(): void {
    while (this.inFlight < this.limit && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.inFlight += 1;
      void runProbe(job).then((outcome) => {
        this.inFlight -= 1;
        this.onOutcome(outcome, job);
        this.pump();
        if (this.inFlight === 0 && this.waiting.length === 0) {
          const idle = this.idle;
          this.idle = null;
          idle?.();
        }
      });
    }
  }
}
