// One don't-fragment probe read from what real pings printed (test/fixtures/outputs/README.md says
// where each output comes from): passed, refused as too big (locally or by a router), no reply,
// and BusyBox's ping, which has no don't-fragment option.
import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/unit/parsers/fixtures';
import { readDfProbe, type DfProbeContext } from './df-probe-reading';

const context: DfProbeContext = { source: { kind: 'namespace', machineId: '26', namespace: 'qrouter-35fe' }, sourceLabel: 'qrouter-35fe on node02ob64', hostName: 'node02ob64', target: '198.51.100.12' };
const read = (name: string, exitCode = 1) => readDfProbe({ stdout: fixture('ping', name), stderr: '', exitCode, timedOut: false, stopped: false }, context);

describe('reading a don\'t-fragment probe', () => {
  it('a reply is a pass, with its round trip', () => {
    expect(read('iputils-20221126-df-passed.txt', 0)).toEqual({ kind: 'passed', mtuSaid: null, line: null, rttMs: 0.036 });
  });

  it('"message too long, mtu=1400" is too big, with the MTU the source said (IPv4 and IPv6 wordings)', () => {
    expect(read('iputils-20221126-df-local-message-too-long.txt')).toEqual({ kind: 'too-big', mtuSaid: 1400, line: 'ping: local error: message too long, mtu=1400', rttMs: null });
    expect(read('iputils-20221126-df-ipv6-local-message-too-long.txt')).toMatchObject({ kind: 'too-big', mtuSaid: 1400 });
  });

  it('the local error on stderr (where iputils prints it) is read too', () => {
    const [stdout, stderr] = ['PING 127.0.0.1 (127.0.0.1) 1373(1401) bytes of data.\n', 'ping: local error: message too long, mtu=1400\n'];
    expect(readDfProbe({ stdout, stderr, exitCode: 1, timedOut: false, stopped: false }, context)).toMatchObject({ kind: 'too-big', mtuSaid: 1400 });
  });

  it('a router\'s "Frag needed and DF set (mtu = 1500)" is too big, with the router\'s MTU', () => {
    expect(read('public-notes-iputils-df-frag-needed-then-local-error.txt')).toMatchObject({ kind: 'too-big', mtuSaid: 1500, line: expect.stringContaining('Frag needed and DF set (mtu = 1500)') });
  });

  it('sent and nothing back is no reply', () => {
    expect(read('iputils-20221126-df-no-reply.txt')).toMatchObject({ kind: 'no-reply', mtuSaid: null });
  });

  it('BusyBox refusing -M says the source cannot set don\'t-fragment, never a size', () => {
    expect(read('busybox-1.35.0-no-df-option.txt')).toEqual({ kind: 'no-dont-fragment', line: "ping: invalid option -- 'M'" });
  });

  it('a name that does not resolve is a failure in words, not a dropped packet', () => {
    const reading = readDfProbe({ stdout: '', stderr: fixture('ping', 'iputils-20221126-name-resolution-failure.txt'), exitCode: 2, timedOut: false, stopped: false }, { ...context, target: 'no-such-host.invalid' });
    expect(reading).toMatchObject({ kind: 'failed', failure: { kind: 'unknown-host' } });
  });
});
