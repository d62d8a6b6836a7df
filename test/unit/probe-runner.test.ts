// A probe whose command printed more than the console reads: the transport stopped it at the
// limit (no exit status), and the probe says so first, in words, instead of "exited with null".
import { describe, expect, it } from 'vitest';
import { runProbe } from '../../electron/inventory/probe-runner';
import { LXC_LIST_PROBE } from '../../electron/probes/definitions/lxc-list';
import type { CommandOptions, CommandResult, CommandTransport } from '../../electron/transports/command-transport';
import type { InventoryMachine } from '../../electron/contract/inventory';

const MACHINE: InventoryMachine = { id: '24', hostname: 'node05ob64', address: '10.0.0.24', roles: ['compute'], applications: [], jujuState: 'started', route: null, routeError: null, hypervisor: null };

/** Answers every command with `result`, and keeps the options it was given. */
function answering(result: Partial<CommandResult>): CommandTransport & { options: CommandOptions[] } {
  const options: CommandOptions[] = [];
  return {
    kind: 'local',
    label: 'scripted',
    isOpen: true,
    roomForTerminal: true,
    options,
    run: async (_argv, given = {}) => {
      options.push(given);
      return { exitCode: 0, signal: null, stdout: '', stderr: '', truncated: false, invalidUtf8: false, durationMs: 1, ...result };
    },
    openPty: () => Promise.reject(new Error('no terminals here')),
    close: () => {},
  };
}

describe('a probe whose output was cut at the limit', () => {
  it('fails with the limit named first, not an exit status, when what was kept cannot be read', async () => {
    const transport = answering({ exitCode: null, stdout: '{"name": "x"}\n'.repeat(1000), truncated: true });
    const outcome = await runProbe({ machine: MACHINE, transport, probe: LXC_LIST_PROBE });
    expect(outcome.status).toBe('failed');
    expect(outcome.error?.message).toBe('the output of `lxc list --format json` could not be read (the command printed more than 64 MB, the most the console reads of one command; it was stopped there)');
    expect(transport.options[0]?.maxOutputBytes).toBe(64 * 1024 * 1024);
  });

  it('fails when the cut output is only blank space (nothing to read, not an empty list)', async () => {
    const outcome = await runProbe({ machine: MACHINE, transport: answering({ exitCode: null, stdout: ' '.repeat(5000), truncated: true }), probe: LXC_LIST_PROBE });
    expect(outcome.status).toBe('failed');
    expect(outcome.problems[0]?.message).toMatch(/^the command printed more than 64 MB/);
  });

  it('reads what it can and is partial when the kept part parses', async () => {
    const outcome = await runProbe({ machine: MACHINE, transport: answering({ exitCode: null, stdout: '[{"name":"instance-00000012","status":"Running","type":"container"}]', truncated: true }), probe: LXC_LIST_PROBE });
    expect(outcome.status).toBe('partial');
    expect(outcome.problems.map((problem) => problem.message)).toEqual(['the command printed more than 64 MB, the most the console reads of one command; it was stopped there']);
  });
});
