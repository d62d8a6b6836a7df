import { describe, expect, it } from 'vitest';
import { Ipv4Obfuscator, ipv4ToNumber, netmaskPrefix } from './ipv4-obfuscation';

const sealed = (learnt: [string, number | null][]) => {
  const ipv4 = new Ipv4Obfuscator();
  for (const [address, prefix] of learnt) ipv4.learn(address, prefix);
  ipv4.seal();
  return ipv4;
};

const inNetwork = (address: string, cidr: string) => {
  const [base, prefix] = cidr.split('/');
  const mask = Number(prefix) === 0 ? 0 : (0xffffffff << (32 - Number(prefix))) >>> 0;
  return ((ipv4ToNumber(address) & mask) >>> 0) === ipv4ToNumber(base!);
};

describe('IPv4 obfuscation', () => {
  it('moves a network whole into class E and keeps every host number', () => {
    const ipv4 = sealed([['10.0.8.5', 24], ['10.0.8.77', null]]);
    expect(ipv4.map('10.0.8.5')).toBe('240.0.0.5');
    expect(ipv4.map('10.0.8.77')).toBe('240.0.0.77');
    expect(ipv4.map('10.0.8.0')).toBe('240.0.0.0');
    expect(ipv4.map('10.0.8.255')).toBe('240.0.0.255');
    expect(ipv4.networkPairs()).toEqual([{ real: '10.0.8.0/24', obfuscated: '240.0.0.0/24' }]);
  });

  it('gives the same address the same replacement every time, and different addresses different ones', () => {
    const ipv4 = sealed([['172.27.64.3', 22], ['172.27.65.9', null], ['192.168.1.1', null]]);
    const first = ['172.27.64.3', '172.27.65.9', '192.168.1.1'].map((address) => ipv4.map(address));
    expect(['172.27.64.3', '172.27.65.9', '192.168.1.1'].map((address) => ipv4.map(address))).toEqual(first);
    expect(new Set(first).size).toBe(3);
  });

  it('keeps subnets inside their network: nested networks stay nested, a /32 stays inside its /26', () => {
    const ipv4 = sealed([
      ['198.51.100.0', 24],
      ['198.51.100.4', 27],
      ['198.51.100.39', 27],
      ['198.51.100.130', 26],
      ['198.51.100.133', 32],
    ]);
    const private1 = ipv4.map('198.51.100.0');
    expect(inNetwork(ipv4.map('198.51.100.4'), `${private1}/27`)).toBe(true);
    expect(inNetwork(ipv4.map('198.51.100.39'), `${ipv4.map('198.51.100.32')}/27`)).toBe(true);
    expect(inNetwork(ipv4.map('198.51.100.133'), `${ipv4.map('198.51.100.128')}/26`)).toBe(true);
    expect(ipv4.networkPairs()).toEqual([{ real: '198.51.100.0/24', obfuscated: '240.0.0.0/24' }]);
  });

  it('places separate networks in separate blocks of their own size, aligned', () => {
    const ipv4 = sealed([['10.1.0.1', 16], ['10.2.3.4', 24], ['192.168.7.9', 30]]);
    const pairs = ipv4.networkPairs();
    expect(pairs.map((pair) => pair.obfuscated)).toEqual(['240.0.0.0/16', '240.1.0.0/24', '240.1.1.0/30']);
    expect(ipv4.map('10.1.255.254')).toBe('240.0.255.254');
    expect(ipv4.map('192.168.7.10')).toBe('240.1.1.2');
  });

  it('leaves loopback, "this network", link-local, multicast and netmasks as they are', () => {
    const ipv4 = sealed([['127.0.1.22', 8], ['10.0.0.1', 8]]);
    for (const kept of ['127.0.1.22', '127.0.0.1', '0.0.0.0', '169.254.169.254', '224.0.0.251', '255.255.255.0', '255.255.255.255']) expect(ipv4.map(kept)).toBe(kept);
  });

  it('never hands out a block that a real class E network of the lab holds', () => {
    const ipv4 = sealed([['240.0.0.9', 24], ['10.0.0.1', 24]]);
    const targets = ipv4.networkPairs().map((pair) => pair.obfuscated);
    expect(targets).not.toContain('240.0.0.0/24');
    expect(ipv4.map('10.0.0.1')).not.toBe('240.0.0.1');
  });

  it('an address never learnt still gets a place of its own, clashing with none', () => {
    const ipv4 = sealed([['10.0.0.1', 24]]);
    const late = ipv4.map('198.51.100.77');
    expect(late).not.toBe('198.51.100.77');
    expect(inNetwork(late, '240.0.0.0/24')).toBe(false);
  });

  it('reads a netmask as a prefix length', () => {
    expect(netmaskPrefix('255.255.255.224')).toBe(27);
    expect(netmaskPrefix('255.255.0.0')).toBe(16);
    expect(netmaskPrefix('255.0.255.0')).toBeNull();
  });
});
