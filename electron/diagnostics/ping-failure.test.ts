import { describe, expect, it } from 'vitest';
import { classifyPingEnding, type PingEnding } from './ping-failure';
import { pingNumbers } from './ping-statistics';
import { parsePing } from '../probes/parsers/ping';

const namespace = { kind: 'namespace' as const, machineId: '26', namespace: 'qrouter-1' };
const container = { kind: 'container' as const, machineId: '22', container: 'instance-0000000c' };

function ending(stdout: string, more: Partial<PingEnding> = {}): PingEnding {
  const parsed = parsePing(stdout).value;
  return {
    source: namespace,
    sourceLabel: 'qrouter-1 on node02ob64',
    hostName: 'node02ob64',
    target: '198.51.100.4',
    numbers: pingNumbers(parsed),
    errors: parsed.errors,
    stderr: '',
    exitCode: 0,
    stopped: false,
    timedOut: false,
    ...more,
  };
}

const ALL_ANSWERED = `PING 198.51.100.4 (198.51.100.4) 56(84) bytes of data.
64 bytes from 198.51.100.4: icmp_seq=1 ttl=64 time=0.921 ms
64 bytes from 198.51.100.4: icmp_seq=2 ttl=64 time=9.96 ms

--- 198.51.100.4 ping statistics ---
2 packets transmitted, 2 received, 0% packet loss, time 200ms
rtt min/avg/max/mdev = 0.921/5.438/9.955/4.517 ms
`;
const NOTHING_ANSWERED = `PING 198.51.100.29 (198.51.100.29) 56(84) bytes of data.
From 198.51.100.1 icmp_seq=1 Destination Host Unreachable

--- 198.51.100.29 ping statistics ---
2 packets transmitted, 0 received, +1 errors, 100% packet loss, time 1001ms
`;

describe('why a ping did not get every answer', () => {
  it('is no failure when every echo came back', () => {
    expect(classifyPingEnding(ending(ALL_ANSWERED))).toBeNull();
  });

  it('calls 100% loss unreachable and quotes what the router said', () => {
    const failure = classifyPingEnding(ending(NOTHING_ANSWERED, { exitCode: 1, target: '198.51.100.29' }));
    expect(failure?.kind).toBe('unreachable');
    expect(failure?.message).toMatch(/198\.51\.100\.29 did not answer.*2 sent, 0 received.*Destination Host Unreachable/);
  });

  it('names an unknown host from iputils and from BusyBox', () => {
    const iputils = classifyPingEnding(ending('', { exitCode: 2, target: 'nosuch', stderr: 'ping: nosuch: Name or service not known\n' }));
    expect(iputils).toMatchObject({ kind: 'unknown-host' });
    expect(iputils?.message).toMatch(/nosuch is an unknown host/);
    const busybox = classifyPingEnding(ending('', { source: container, exitCode: 1, target: 'nosuch', errors: ["ping: bad address 'nosuch'"] }));
    expect(busybox?.kind).toBe('unknown-host');
  });

  it('says what to do when sudo asks for a password or LXD refuses the user', () => {
    const sudo = classifyPingEnding(ending('', { exitCode: 1, stderr: 'sudo: a password is required\n' }));
    expect(sudo?.kind).toBe('permission-denied');
    expect(sudo?.message).toMatch(/passwordless sudo/);
    const lxd = classifyPingEnding(
      ending('', { source: container, exitCode: 1, stderr: 'Error: Get "http://unix.socket/1.0": dial unix /var/lib/lxd/unix.socket: connect: permission denied\n' }),
    );
    expect(lxd?.kind).toBe('permission-denied');
    expect(lxd?.message).toMatch(/lxd group/);
  });

  it('tells a missing ping, a stopped container and a vanished namespace apart', () => {
    expect(classifyPingEnding(ending('', { exitCode: 127, stderr: 'sudo: ping: command not found\n' }))?.kind).toBe('ping-missing');
    expect(classifyPingEnding(ending('', { source: container, exitCode: 1, stderr: 'Error: Instance is not running\n' }))?.kind).toBe('source-unreachable');
    expect(classifyPingEnding(ending('', { exitCode: 1, stderr: 'Cannot open network namespace "qrouter-1": No such file or directory\n' }))?.kind).toBe('source-unreachable');
  });

  it('reports partial loss, a stop and a time-out with the numbers', () => {
    const partial = ALL_ANSWERED.replace('2 received, 0%', '1 received, 50%');
    expect(classifyPingEnding(ending(partial.replace('2 packets transmitted', '2 packets transmitted')))?.kind).toBe('partial-loss');
    const cut = ALL_ANSWERED.split('\n').slice(0, 3).join('\n');
    expect(classifyPingEnding(ending(cut, { stopped: true, exitCode: null }))).toEqual({ kind: 'stopped', message: 'stopped after 2 replies' });
    expect(classifyPingEnding(ending(cut, { timedOut: true, exitCode: null }))?.kind).toBe('timeout');
  });
});

describe('ping numbers completed from the replies', () => {
  it('computes mdev when BusyBox does not print it, and everything when ping was cut short', () => {
    const busybox = pingNumbers(parsePing(`PING 198.51.100.39 (198.51.100.39): 56 data bytes
64 bytes from 198.51.100.39: seq=0 ttl=63 time=1.000 ms
64 bytes from 198.51.100.39: seq=1 ttl=63 time=3.000 ms

--- 198.51.100.39 ping statistics ---
2 packets transmitted, 2 packets received, 0% packet loss
round-trip min/avg/max = 1.000/2.000/3.000 ms
`).value);
    expect(busybox).toEqual({ transmitted: 2, received: 2, lossPercent: 0, rtt: { min: 1, avg: 2, max: 3, mdev: 1 } });
    const cut = pingNumbers(parsePing(ALL_ANSWERED.split('\n').slice(0, 3).join('\n')).value);
    expect(cut).toEqual({ transmitted: null, received: 2, lossPercent: null, rtt: { min: 0.921, avg: 5.441, max: 9.96, mdev: 4.52 } });
  });
});
