import { describe, expect, test } from 'vitest';
import { ConsoleError } from '../contract/console-errors';
import { handMadeSnapshot } from '../../test/support/hand-made-snapshot';
import { NOT_RECORDED_EXIT_CODE, SnapshotTransport, describeSnapshot } from './snapshot-transport';

const content = handMadeSnapshot();
const transport = (machineId: string) => new SnapshotTransport({ machineId, machineName: `machine ${machineId}`, commands: content.commands, label: 'recorded route' });

describe('SnapshotTransport', () => {
  test('answers a recorded command with what it printed on that machine', async () => {
    const result = await transport('22').run(['lxc', 'list', '--format', 'json']);
    const recorded = content.commands.find((command) => command.machineId === '22' && command.argv.join(' ') === 'lxc list --format json')!;
    expect(result).toEqual({ exitCode: 0, signal: null, stdout: recorded.stdout, stderr: '', truncated: false, invalidUtf8: false, durationMs: 42 });
  });

  test('answers each machine from its own commands (the same argv differs per machine)', async () => {
    expect((await transport('22').run(['hostname'])).stdout).toBe('node03ob64\n');
    expect((await transport('26').run(['hostname'])).stdout).toBe('node02ob64\n');
  });

  test('a command recorded as failing fails the same way', async () => {
    const result = await transport('22').run(['sudo', '-n', 'ovs-vsctl', 'show']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe('sudo: a password is required');
  });

  test('a command never recorded exits 127 and says the snapshot holds no output of it on that machine', async () => {
    const result = await transport('26').run(['lxc', 'list', '--format', 'json']);
    expect(result.exitCode).toBe(NOT_RECORDED_EXIT_CODE);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('this snapshot holds no output of `lxc list --format json` on machine 26: it was not run when the snapshot was taken');
  });

  test('arguments are matched one by one, not as one joined line', async () => {
    const result = await transport('22').run(['lxc', 'list --format', 'json']);
    expect(result.exitCode).toBe(NOT_RECORDED_EXIT_CODE);
  });

  test('a command recorded twice answers with its later output', async () => {
    const twice = [...content.commands, { ...content.commands[2]!, stdout: 'node03-renamed\n' }];
    const later = new SnapshotTransport({ machineId: '22', machineName: 'machine 22', commands: twice, label: 'x' });
    expect((await later.run(['hostname'])).stdout).toBe('node03-renamed\n');
  });

  test('streams the recorded stdout to a caller that follows it', async () => {
    const pieces: string[] = [];
    await transport('22').run(['hostname'], { onStdout: (chunk) => pieces.push(chunk) });
    expect(pieces.join('')).toBe('node03ob64\n');
  });

  test('refuses a terminal: a snapshot is read-only and terminals need a live lab', async () => {
    const refused = transport('22').openPty(null, { cols: 80, rows: 24 });
    await expect(refused).rejects.toBeInstanceOf(ConsoleError);
    await expect(refused).rejects.toMatchObject({ code: 'snapshot-read-only', message: expect.stringMatching(/^a snapshot is read-only: a terminal on machine 22 needs a live lab/) });
  });

  test('is a snapshot transport with no room for terminals, always open, labelled as given', () => {
    const answering = transport('22');
    expect(answering.kind).toBe('snapshot');
    expect(answering.roomForTerminal).toBe(false);
    expect(answering.isOpen).toBe(true);
    expect(answering.label).toBe('recorded route');
  });

  test('a snapshot is named by its lab and when it was taken, in UTC', () => {
    expect(describeSnapshot({ labName: 'OrangeBox64', captureEndedAt: '2026-12-07T10:00:59.000Z' })).toBe('snapshot of OrangeBox64 taken 2026-12-07 10:00 UTC');
  });
});
