import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLinkStatistics, parseOvsStatistics } from './link-statistics';

const output = (path: string) => readFileSync(new URL(`../../test/fixtures/outputs/${path}`, import.meta.url), 'utf8');

describe('packet counters', () => {
  it('reads ip -s -j link inside a qrouter namespace (iproute2 6.1)', () => {
    const { counters, error } = parseLinkStatistics(output('ip-link-statistics/lab-qrouter-iproute2-6.1.json.txt'));
    expect(error).toBeNull();
    expect([...counters.keys()]).toEqual(['lo', 'qr-cdbf7fe2-ce', 'qr-b2448589-2b', 'qr-9ee5f7e3-a5', 'qg-adbbe7ab-46']);
    expect(counters.get('qr-cdbf7fe2-ce')).toEqual({ rxPackets: 62, txPackets: expect.any(Number), rxDropped: 0, txDropped: 0 });
  });

  it('reads a host’s links, veths and bridges included, and loopback in a private namespace', () => {
    const host = parseLinkStatistics(output('ip-link-statistics/lab-host-iproute2-6.1.json.txt'));
    expect(host.counters.get('tap9e0c6af1-30')?.rxPackets).toEqual(expect.any(Number));
    expect(host.counters.get('qvb9e0c6af1-30')?.txDropped).toBe(0);
    expect(parseLinkStatistics(output('ip-link-statistics/capture-loopback-iproute2-6.1.json.txt')).counters.get('lo')).toEqual({ rxPackets: 4, txPackets: 4, rxDropped: 0, txDropped: 0 });
  });

  it('reads OVS’s statistics column per interface (OVS 3.1)', () => {
    const { counters, error } = parseOvsStatistics(output('ovs-statistics/lab-ovs-3.1.0-interface-name-statistics.json.txt'));
    expect(error).toBeNull();
    expect(counters.get('qvo1896322c-d4')).toEqual({ rxPackets: 23, txPackets: 51, rxDropped: 0, txDropped: 0 });
    expect(counters.has('br-int')).toBe(true);
  });

  it('says why when the output is not what it expects', () => {
    expect(parseLinkStatistics('Cannot open netlink socket: Permission denied').error).toContain('printed no JSON list of links');
    expect(parseOvsStatistics('ovs-vsctl: unix:/var/run/openvswitch/db.sock: database connection failed').error).toMatch(/ovs-vsctl reported an error/);
  });
});
