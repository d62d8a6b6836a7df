import { describe, expect, it } from 'vitest';
import { HostnameObfuscator } from './hostname-obfuscation';
import { TextObfuscator } from './text-obfuscation';

function obfuscator(hostnames: string[] = [], sharedWords: string[] = []) {
  const text = new TextObfuscator(new HostnameObfuscator(sharedWords));
  for (const name of hostnames) text.hostnames.learn(name);
  return text;
}

const ADDRESSES = { addresses: true };

describe('text obfuscation', () => {
  it('rewrites addresses and CIDRs inside text, keeping prefixes, URLs and ports', () => {
    const text = obfuscator();
    const input = [
      '2: eth0    inet 10.0.8.5/24 brd 10.0.8.255 scope global eth0',
      'transport_url = rabbit://nova:••••••@10.0.8.20:5672/',
      '10.0.8.0/24 dev eth0 proto kernel scope link src 10.0.8.5',
      'my_ip = 10.0.8.5',
    ].join('\n');
    text.learn(input);
    text.seal();
    expect(text.rewrite(input, ADDRESSES)).toBe(
      [
        '2: eth0    inet 240.0.0.5/24 brd 240.0.0.255 scope global eth0',
        'transport_url = rabbit://nova:••••••@240.0.0.20:5672/',
        '240.0.0.0/24 dev eth0 proto kernel scope link src 240.0.0.5',
        'my_ip = 240.0.0.5',
      ].join('\n'),
    );
  });

  it('learns prefixes from ip -j addr and from ifconfig netmasks', () => {
    const text = obfuscator();
    const json = '[{"addr_info":[{"family":"inet","local":"198.51.100.4","prefixlen":27}]},{"local":"198.51.100.40"}]';
    const ifconfig = 'inet addr:172.16.5.9  Bcast:172.16.5.255  Mask:255.255.0.0';
    text.learn(json);
    text.learn(ifconfig);
    text.seal();
    // .40 was said with no prefix and lies outside the /27: its /24 is taken, which holds the /27.
    expect(text.ipv4.networkPairs()).toEqual([
      { real: '172.16.0.0/16', obfuscated: '240.0.0.0/16' },
      { real: '198.51.100.0/24', obfuscated: '240.1.0.0/24' },
    ]);
    expect(text.rewrite(json, ADDRESSES)).toBe('[{"addr_info":[{"family":"inet","local":"240.1.0.4","prefixlen":27}]},{"local":"240.1.0.40"}]');
    expect(text.rewrite(ifconfig, ADDRESSES)).toBe('inet addr:240.0.5.9  Bcast:240.0.5.255  Mask:255.255.0.0');
  });

  it('leaves versions that are longer dotted numbers, and package listings when told', () => {
    const text = obfuscator();
    const dpkg = 'ii  sa-topology-conf   1.2.5.1   all   topology';
    const oid = 'oid 1.3.6.1.4.1.2021 and version 2.0.1';
    text.learn(dpkg, { addresses: false });
    text.learn(oid);
    text.seal();
    expect(text.rewrite(dpkg, { addresses: false })).toBe(dpkg);
    expect(text.rewrite(oid, ADDRESSES)).toBe(oid);
  });

  it('maps each MAC to the fixed prefix and a counter, the same MAC always the same, whatever its case', () => {
    const text = obfuscator();
    const input = 'link/ether fa:16:3e:73:c1:de brd ff:ff:ff:ff:ff:ff\nattached-mac="FA:16:3E:73:C1:DE"\nother 52:54:00:12:34:56 multicast 01:00:5e:00:00:fb';
    text.learn(input);
    text.seal();
    expect(text.rewrite(input, ADDRESSES)).toBe(
      'link/ether 02:0b:58:00:00:01 brd ff:ff:ff:ff:ff:ff\nattached-mac="02:0B:58:00:00:01"\nother 02:0b:58:00:00:02 multicast 01:00:5e:00:00:fb',
    );
  });

  it('rewrites the MAC a bridge id and an EUI-64 link-local address spell, consistently with the MAC itself', () => {
    const text = obfuscator();
    const input = 'qbr1896322c-d4  8000.fa163e73c1de  no  tap1896322c-d4\nlink/ether fa:16:3e:73:c1:de\ninet6 fe80::f816:3eff:fe73:c1de/64 scope link';
    text.learn(input);
    text.seal();
    expect(text.rewrite(input, ADDRESSES)).toBe('qbr1896322c-d4  8000.020b58000001  no  tap1896322c-d4\nlink/ether 02:0b:58:00:00:01\ninet6 fe80::b:58ff:fe00:1/64 scope link');
  });

  it('never hands out a MAC the bundle already holds with the same prefix', () => {
    const text = obfuscator();
    const input = 'a 02:0b:58:00:00:01 b fa:16:3e:00:00:01';
    text.learn(input);
    text.seal();
    const out = text.rewrite(input, ADDRESSES);
    const [first, second] = out.match(/02:0b:58:[0-9a-f:]{8}/g)!;
    expect(first).not.toBe(second);
    expect(second).not.toBe('02:0b:58:00:00:01');
  });

  it('maps the lab\'s hostnames to hostN and their domain, case-insensitively and as whole names only', () => {
    const text = obfuscator(['node03ob64.maas', 'OrangeBox64', 'node02ob64']);
    const input = 'node03ob64.maas is NODE03OB64; host = node02ob64\ncontroller OrangeBox64\nnode03ob64x stays, cloud maas stays, juju-79fcc7-22-lxd-0 stays';
    text.learn(input);
    text.seal();
    expect(text.rewrite(input, ADDRESSES)).toBe('host2.domain1.example is host2; host = host1\ncontroller host3\nnode03ob64x stays, cloud maas stays, juju-79fcc7-22-lxd-0 stays');
  });

  it('finds a hostname right after a terminal colour code, as a recording shows it', () => {
    const text = obfuscator(['node03ob64']);
    text.seal();
    expect(text.rewrite('\u001b[01;32mnode03ob64\u001b[0m:~# ', ADDRESSES)).toBe('\u001b[01;32mhost1\u001b[0m:~# ');
  });

  it('counts replacements in a string it has rewritten before, and gives the same result', () => {
    const text = obfuscator(['node03ob64']);
    text.learn('10.0.0.5/24');
    text.seal();
    expect(text.rewrite('node03ob64 10.0.0.5', ADDRESSES)).toBe('host1 240.0.0.5');
    expect(text.rewrite('node03ob64 10.0.0.5', ADDRESSES)).toBe('host1 240.0.0.5');
    expect(text.replaced).toMatchObject({ hostnames: 2, addresses: 2 });
  });

  it('leaves a hostname that is also a word of the lab (a charm, juju) and says so', () => {
    const hostnames = new HostnameObfuscator(['mysql']);
    for (const name of ['juju', 'mysql', 'node07ob64']) hostnames.learn(name);
    hostnames.seal();
    expect(hostnames.mapping()).toEqual({ hostnames: [{ real: 'node07ob64', obfuscated: 'host1' }], domains: [], leftAsIs: ['juju', 'mysql'] });
  });

  it('replaces the lab name whole, wherever it appears as a whole', () => {
    const text = obfuscator();
    text.learnLabName('Acme Tokyo lab');
    text.seal();
    expect(text.rewrite('snapshot of Acme Tokyo lab taken', ADDRESSES)).toBe('snapshot of lab1 taken');
    expect(text.labNameOf('Acme Tokyo lab')).toBe('lab1');
  });
});
