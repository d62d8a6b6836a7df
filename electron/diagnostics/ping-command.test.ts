import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { pingCommand, pingTimeLimitMs } from './ping-command';
import { MatrixRequest, PingRequest, PingTarget } from '../contract/diagnostics';

const timing = { count: 3, intervalSeconds: 0.5, replyWaitSeconds: 1 };

describe('ping commands', () => {
  it('runs ping on a machine, in a namespace through sudo -n, in a container through lxc exec', () => {
    expect(pingCommand({ kind: 'machine', machineId: '22' }, '127.0.1.22', timing)).toEqual(['ping', '-c', '3', '-i', '0.5', '-W', '1', '127.0.1.22']);
    expect(pingCommand({ kind: 'namespace', machineId: '26', namespace: 'qrouter-1' }, '198.51.100.4', timing)).toEqual([
      'sudo', '-n', 'ip', 'netns', 'exec', 'qrouter-1', 'ping', '-c', '3', '-i', '0.5', '-W', '1', '198.51.100.4',
    ]);
    expect(pingCommand({ kind: 'container', machineId: '22', container: 'instance-0000000c' }, 'lxc-test-0', timing)).toEqual([
      'lxc', 'exec', 'instance-0000000c', '--', 'ping', '-c', '3', '-i', '0.5', '-W', '1', 'lxc-test-0',
    ]);
  });

  it('gives a ping its own pace plus time to start before it is stopped', () => {
    expect(pingTimeLimitMs(timing)).toBeGreaterThan(2000);
    expect(pingTimeLimitMs({ ...timing, count: 100 })).toBeGreaterThan(pingTimeLimitMs(timing) + 48_000);
  });
});

describe('what a ping may be aimed at', () => {
  const accepts = (target: string) => v.safeParse(PingTarget, target).success;
  it('accepts addresses and host names', () => {
    for (const target of ['198.51.100.4', '127.0.0.1', 'node03ob64', 'lxc-test-1.example.', '::1', 'fe80::1', ' 198.51.100.12 ']) expect(accepts(target), target).toBe(true);
  });
  it('refuses options, spaces and shell syntax', () => {
    for (const target of ['-f', '--help', '198.51.100.4 -f', 'a;reboot', '$(reboot)', '`id`', 'a|b', 'a&b', "a'b", 'a>b', '', 'a..b'])
      expect(accepts(target), target).toBe(false);
  });
  it('bounds the count, the interval and the number of targets and sources', () => {
    const source = { kind: 'namespace', machineId: '26', namespace: 'qrouter-1' };
    expect(v.safeParse(PingRequest, { source, targets: ['198.51.100.4'] }).success).toBe(true);
    expect(v.safeParse(PingRequest, { source, targets: ['198.51.100.4'], count: 101 }).success).toBe(false);
    expect(v.safeParse(PingRequest, { source, targets: ['198.51.100.4'], intervalSeconds: 0.01 }).success).toBe(false);
    expect(v.safeParse(PingRequest, { source, targets: [] }).success).toBe(false);
    expect(v.safeParse(PingRequest, { source: { ...source, namespace: '-n' }, targets: ['198.51.100.4'] }).success).toBe(false);
    expect(v.safeParse(MatrixRequest, { sources: Array.from({ length: 17 }, () => source), targets: ['198.51.100.4'] }).success).toBe(false);
  });
});
