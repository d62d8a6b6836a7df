import { describe, expect, it } from 'vitest';
import { UNREADABLE } from '../../../electron/probes/parsers/parse-result';
import { createPingStream, parsePing } from '../../../electron/probes/parsers/ping';
import { splitShellTranscript } from '../../../electron/probes/parsers/shell-transcript';
import { fixture } from './fixtures';

const gatewayTranscript = fixture('transcripts', 'walkthrough-gateway-ip-netns-and-ping.txt');
const pings = splitShellTranscript(gatewayTranscript).filter((entry) => entry.command.startsWith('ping '));

describe('ping, walkthrough (floating IPs from the qrouter namespace, iputils on xenial)', () => {
  it('reads the interrupted ping with its statistics', () => {
    const result = parsePing(pings[0]!.output);
    expect(result.format).toBe('iputils');
    expect(result.problems).toEqual([]);
    expect(result.value).toEqual({
      target: '119.115.26.136',
      address: '119.115.26.136',
      transmitted: 3,
      received: 3,
      lossPercent: 0,
      totalTimeMs: 2000,
      rtt: { min: 0.383, avg: 0.553, max: 0.816, mdev: 0.19 },
      replies: [
        { seq: 1, ttl: 64, timeMs: 0.816, from: '119.115.26.136', bytes: 64, duplicate: false },
        { seq: 2, ttl: 64, timeMs: 0.462, from: '119.115.26.136', bytes: 64, duplicate: false },
        { seq: 3, ttl: 64, timeMs: 0.383, from: '119.115.26.136', bytes: 64, duplicate: false },
      ],
      errors: [],
      complete: true,
      implementation: 'iputils',
    });
  });

  it('reads the second ping, cut off before its statistics, and says so', () => {
    const result = parsePing(pings[1]!.output);
    expect(result.value.replies.map((reply) => reply.timeMs)).toEqual([0.827, 0.369, 0.497]);
    expect(result.value).toMatchObject({ complete: false, transmitted: null, received: null, rtt: null });
    expect(result.problems).toEqual([{ line: null, message: expect.stringMatching(/stopped before printing its statistics/) }]);
  });

  it('reads only the first run when given the whole session, and says where the second starts', () => {
    const fromFirstPing = gatewayTranscript.split('\n').slice(9);
    const secondHeader = fromFirstPing.findIndex((line) => line.startsWith('PING 119.115.26.133')) + 1;
    const result = parsePing(fromFirstPing.join('\n'));
    expect(result.value.replies).toHaveLength(3);
    expect(result.problems).toContainEqual({ line: secondHeader, message: 'a second ping starts here; only the first one is read' });
  });
});

describe('ping, iputils 20221126 (captured on 127.0.0.1 / ::1)', () => {
  it('reads IPv6 replies whose address holds colons', () => {
    const { value } = parsePing(fixture('ping', 'iputils-20221126-ipv6-loopback.txt'));
    expect(value).toMatchObject({ target: '::1', address: '::1', transmitted: 3, received: 3, lossPercent: 0 });
    expect(value.replies.map((reply) => reply.from)).toEqual(['::1', '::1', '::1']);
  });

  it('keeps the address when replies name the host ("localhost (127.0.0.1)")', () => {
    const { value } = parsePing(fixture('ping', 'iputils-20221126-hostname-localhost.txt'));
    expect(value.target).toBe('localhost');
    expect(value.replies.every((reply) => reply.from === '127.0.0.1')).toBe(true);
  });

  it('reads "Destination Host Unreachable" as errors, with 100% loss and no round trip', () => {
    const { value } = parsePing(fixture('ping', 'iputils-20221126-destination-host-unreachable.txt'));
    expect(value.errors).toEqual([1, 2, 3].map((seq) => `From 127.0.0.1 icmp_seq=${seq} Destination Host Unreachable`));
    expect(value).toMatchObject({ transmitted: 3, received: 0, lossPercent: 100, rtt: null, complete: true, replies: [] });
  });

  it('reads a total loss without any reply line', () => {
    for (const name of ['iputils-20221126-total-loss.txt', 'iputils-20221126-lo-down-total-loss.txt']) {
      const result = parsePing(fixture('ping', name));
      expect(result.problems, name).toEqual([]);
      expect(result.value, name).toMatchObject({ received: 0, lossPercent: 100, rtt: null, replies: [], errors: [], complete: true });
    }
  });

  it('reads a name that does not resolve as an error naming the target', () => {
    const result = parsePing(fixture('ping', 'iputils-20221126-name-resolution-failure.txt'));
    expect(result.format).toBe('iputils');
    expect(result.value).toMatchObject({ target: 'no-such-host.invalid', address: null, errors: ['ping: no-such-host.invalid: Temporary failure in name resolution'], complete: false });
  });

  it('reads the replies of a killed ping and reports the missing statistics', () => {
    const result = parsePing(fixture('ping', 'iputils-20221126-killed-no-statistics.txt'));
    expect(result.value.replies.map((reply) => reply.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(result.value.complete).toBe(false);
    expect(result.problems).toHaveLength(1);
  });

  it('reads the older iputils forms (icmp_req=, "unknown host", "Name or service not known")', () => {
    expect(parsePing('64 bytes from 10.0.0.1: icmp_req=4 ttl=63 time=1.20 ms\n').value.replies[0]).toMatchObject({ seq: 4, ttl: 63, timeMs: 1.2 });
    expect(parsePing('ping: unknown host node99\n').value).toMatchObject({ target: 'node99', errors: ['ping: unknown host node99'] });
    expect(parsePing('ping: node99: Name or service not known\n').value.target).toBe('node99');
  });
});

describe('ping, BusyBox 1.35 (instances, CirrOS)', () => {
  it('reads seq= replies and the three-value round trip', () => {
    const result = parsePing(fixture('ping', 'busybox-1.35.0-loopback.txt'));
    expect(result.format).toBe('busybox');
    expect(result.value).toMatchObject({ transmitted: 3, received: 3, lossPercent: 0, totalTimeMs: null, rtt: { min: 0.04, avg: 0.061, max: 0.075, mdev: null } });
    expect(result.value.replies.map((reply) => reply.seq)).toEqual([0, 1, 2]);
  });

  it('reads "bad address" as an error naming the target', () => {
    const result = parsePing(fixture('ping', 'busybox-1.35.0-bad-address.txt'));
    expect(result.format).toBe('busybox');
    expect(result.value).toMatchObject({ target: 'no-such-host.invalid', errors: ["ping: bad address 'no-such-host.invalid'"] });
  });

  it('reads 100% loss (BusyBox prints nothing for ICMP errors)', () => {
    for (const name of ['busybox-1.35.0-total-loss.txt', 'busybox-1.35.0-icmp-host-unreachable-rejected.txt']) {
      const result = parsePing(fixture('ping', name));
      expect(result.format, name).toBe('busybox');
      expect(result.value, name).toMatchObject({ transmitted: 3, received: 0, lossPercent: 100, rtt: null, complete: true });
    }
  });
});

describe('ping, BSD / macOS', () => {
  it('reads stddev as the deviation and "0.0%" loss, skipping the "$ " prompt', () => {
    const result = parsePing(fixture('ping', 'bsd-macos-loopback.txt'));
    expect(result.format).toBe('bsd');
    expect(result.problems).toEqual([]);
    expect(result.value).toMatchObject({ transmitted: 1, received: 1, lossPercent: 0, rtt: { min: 0.075, avg: 0.075, max: 0.075, mdev: 0 } });
  });

  it('reads an interrupted run (^C) with its statistics', () => {
    const { value } = parsePing(fixture('ping', 'bsd-macos-interrupted.txt'));
    expect(value).toMatchObject({ target: 'baidu.com', address: '123.125.114.144', transmitted: 5, received: 5, rtt: { mdev: 0.412 } });
    expect(value.replies.map((reply) => reply.seq)).toEqual([0, 1, 2, 3, 4]);
  });

  it('reads "Request timeout" and "cannot resolve" as errors', () => {
    expect(parsePing('PING 10.0.0.9 (10.0.0.9): 56 data bytes\nRequest timeout for icmp_seq 0\n').value.errors).toEqual(['Request timeout for icmp_seq 0']);
    expect(parsePing('ping: cannot resolve node99: Unknown host\n').value).toMatchObject({ target: 'node99', implementation: 'bsd' });
  });
});

describe('ping as a stream', () => {
  it('yields each reply once its line is complete, however the chunks split it', () => {
    const text = fixture('ping', 'iputils-20221126-loopback.txt');
    const stream = createPingStream();
    const seen: number[] = [];
    for (let index = 0; index < text.length; index += 7) seen.push(...stream.push(text.slice(index, index + 7)).replies.map((reply) => reply.seq));
    expect(seen).toEqual([1, 2, 3]);
    expect(stream.finish().value).toEqual(parsePing(text).value);
  });

  it('yields unreachable errors as they arrive and reads a last line without a newline at finish', () => {
    const stream = createPingStream();
    expect(stream.push('PING 10.0.0.9 (10.0.0.9) 56(84) bytes of data.\r\nFrom 10.0.0.1 icmp_seq=1 Destination Host Unreachable\r\n').errors).toEqual([
      'From 10.0.0.1 icmp_seq=1 Destination Host Unreachable',
    ]);
    expect(stream.push('64 bytes from 10.0.0.9: icmp_seq=2 ttl=64 time=0.5 ms').replies).toEqual([]);
    expect(stream.finish().value.replies).toHaveLength(1);
  });

  it('says the output is empty when nothing came', () => {
    const result = createPingStream().finish();
    expect(result.format).toBe(UNREADABLE);
    expect(result.problems).toEqual([{ line: null, message: 'the ping output is empty' }]);
  });
});

describe('ping -D (iputils timestamps)', () => {
  it('reads replies and errors prefixed with "[seconds.micros]"', () => {
    const { value } = parsePing('[1700000000.123456] 64 bytes from 10.0.0.1: icmp_seq=1 ttl=64 time=0.300 ms\n[1700000001.123456] From 10.0.0.1 icmp_seq=2 Destination Host Unreachable\n');
    expect(value.replies).toEqual([{ seq: 1, ttl: 64, timeMs: 0.3, from: '10.0.0.1', bytes: 64, duplicate: false }]);
    expect(value.errors).toHaveLength(1);
  });
});
