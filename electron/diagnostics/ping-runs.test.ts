import { describe, expect, it } from 'vitest';
import type { PingRunUpdate } from '../contract/diagnostics';
import type { CommandOptions, CommandResult, CommandTransport } from '../transports/command-transport';
import { LocalTransport } from '../transports/local-transport';
import { MAX_PINGS_PER_CONNECTION, PingRuns } from './ping-runs';

/** A machine whose ping prints one reply every few milliseconds until its count, or until stopped. */
class ScriptedMachine implements CommandTransport {
  readonly kind = 'ssh' as const;
  readonly label = 'scripted';
  readonly isOpen = true;
  running = 0;
  mostAtOnce = 0;

  async run(argv: readonly string[], options: CommandOptions = {}): Promise<CommandResult> {
    this.running += 1;
    this.mostAtOnce = Math.max(this.mostAtOnce, this.running);
    const target = argv.at(-1)!;
    const count = Number(argv[argv.indexOf('-c') + 1]);
    let stdout = `PING ${target} (${target}) 56(84) bytes of data.\n`;
    options.onStdout?.(stdout);
    let sent = 0;
    for (; sent < count && !options.signal?.aborted; sent += 1) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const line = `64 bytes from ${target}: icmp_seq=${sent + 1} ttl=64 time=0.${sent + 1} ms\n`;
      stdout += line;
      options.onStdout?.(line);
    }
    const summary = `\n--- ${target} ping statistics ---\n${sent} packets transmitted, ${sent} received, 0% packet loss, time 10ms\n`;
    options.onStdout?.(summary);
    this.running -= 1;
    return { exitCode: 0, signal: null, stdout: stdout + summary, stderr: '', truncated: false, invalidUtf8: false, durationMs: 1 };
  }

  readonly roomForTerminal = false;

  openPty(): never {
    throw new Error('no pty here');
  }

  close(): void {}
}

function runsOn(machine: CommandTransport) {
  const updates: PingRunUpdate[] = [];
  const runs = new PingRuns({ transportFor: async () => machine, nameOf: (id) => `node-${id}`, onUpdate: (update) => updates.push(update) });
  return { runs, updates };
}

const targets = Array.from({ length: 10 }, (_, index) => `198.51.100.${index + 1}`);
const timing = { count: 3, intervalSeconds: 0.2, replyWaitSeconds: 1 };

describe('ping runs', () => {
  it('streams replies as they are printed and ends every cell with its numbers', async () => {
    const { runs, updates } = runsOn(new ScriptedMachine());
    const run = runs.start('ping', [{ kind: 'namespace', machineId: '26', namespace: 'qrouter-1' }], targets.slice(0, 2), timing);
    expect(run.cells.map((cell) => cell.sourceLabel)).toEqual(['qrouter-1 on node-26', 'qrouter-1 on node-26']);
    await runs.finished(run.runId);
    const first = updates.filter((update) => update.cell === 0);
    expect(first.filter((update) => update.replies.length > 0).length).toBeGreaterThanOrEqual(1);
    expect(first.flatMap((update) => update.replies).map((reply) => reply.seq)).toEqual([1, 2, 3]);
    expect(first.at(-1)).toMatchObject({ state: 'done', result: { transmitted: 3, received: 3, lossPercent: 0, failure: null } });
  });

  it('keeps the latest ping and matrix as far as they got, for a page that reloads', async () => {
    const { runs, updates } = runsOn(new ScriptedMachine());
    expect(runs.latest).toEqual({ ping: null, matrix: null });
    const first = runs.start('ping', [{ kind: 'machine', machineId: '22' }], targets.slice(0, 2), timing);
    await runs.finished(first.runId);
    const matrix = runs.start('matrix', [{ kind: 'machine', machineId: '22' }], targets.slice(0, 3), { ...timing, count: 100 });
    // Mid-run: each cell holds what its updates said so far.
    await new Promise((resolve) => setTimeout(resolve, 30));
    const seen = (runId: string, cell: number) => updates.filter((update) => update.runId === runId && update.cell === cell).flatMap((update) => update.replies);
    expect(runs.latest.matrix!.started).toEqual(matrix);
    expect(runs.latest.matrix!.cells[0]!.replies).toEqual(seen(matrix.runId, 0));
    expect(runs.latest.matrix!.cells[0]!.state).toBe('running');
    runs.stop(matrix.runId);
    await runs.finished(matrix.runId);
    // The ping before it is still the latest ping, finished.
    expect(runs.latest.ping!.started.runId).toBe(first.runId);
    expect(runs.latest.ping!.cells.map((cell) => [cell.state, cell.replies.map((reply) => reply.seq), cell.result?.received])).toEqual([
      ['done', [1, 2, 3], 3],
      ['done', [1, 2, 3], 3],
    ]);
    expect(runs.latest.matrix!.cells.every((cell) => cell.state === 'done' && cell.result?.failure?.kind === 'stopped')).toBe(true);
    expect(runs.latest.matrix!.cells[2]!.replies).toEqual(seen(matrix.runId, 2));
  });

  it('keeps at most a few pings on one machine connection at once, however large the matrix', async () => {
    const machine = new ScriptedMachine();
    const { runs, updates } = runsOn(machine);
    const run = runs.start('matrix', [{ kind: 'machine', machineId: '22' }, { kind: 'container', machineId: '22', container: 'c1' }], targets, timing);
    await runs.finished(run.runId);
    expect(machine.mostAtOnce).toBe(MAX_PINGS_PER_CONNECTION);
    expect(updates.filter((update) => update.state === 'done')).toHaveLength(20);
  });

  it('stops a run: running cells end with what they had, queued ones without starting', async () => {
    const { runs, updates } = runsOn(new ScriptedMachine());
    const run = runs.start('ping', [{ kind: 'machine', machineId: '22' }], targets, { ...timing, count: 100 });
    await new Promise((resolve) => setTimeout(resolve, 40));
    runs.stop(run.runId);
    await runs.finished(run.runId);
    const results = updates.filter((update) => update.result).map((update) => update.result!);
    expect(results).toHaveLength(targets.length);
    expect(results.every((result) => result.failure?.kind === 'stopped')).toBe(true);
    expect(results.some((result) => result.received > 0 && result.received < 100)).toBe(true);
  });

  it('says the source is unreachable when its machine cannot be reached', async () => {
    const updates: PingRunUpdate[] = [];
    const runs = new PingRuns({
      transportFor: () => Promise.reject(new Error('connection refused at 127.0.1.22:22')),
      nameOf: () => 'node03ob64',
      onUpdate: (update) => updates.push(update),
    });
    const run = runs.start('ping', [{ kind: 'machine', machineId: '22' }], ['127.0.1.22'], timing);
    await runs.finished(run.runId);
    expect(updates.at(-1)?.result?.failure).toEqual({ kind: 'source-unreachable', message: 'node03ob64 cannot be reached to ping from it: connection refused at 127.0.1.22:22' });
  });
});

describe('streaming output from a local command', () => {
  it('hands over stdout as it arrives, and a stop ends the command early with what it printed', async () => {
    const chunks: string[] = [];
    const stop = new AbortController();
    const started = Date.now();
    const running = new LocalTransport().run(['sh', '-c', 'echo first; sleep 0.3; echo second; sleep 20; echo never'], {
      onStdout: (chunk) => {
        chunks.push(chunk);
        if (chunk.includes('second')) stop.abort();
      },
      signal: stop.signal,
    });
    const result = await running;
    expect(chunks.join('')).toBe('first\nsecond\n');
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    expect(result.stdout).toBe('first\nsecond\n');
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
