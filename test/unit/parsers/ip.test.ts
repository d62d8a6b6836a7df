import { describe, expect, it } from 'vitest';
import { parseBrctlShow } from '../../../electron/probes/parsers/brctl';
import { parseIpAddr } from '../../../electron/probes/parsers/ip-addr';
import { parseIpLink } from '../../../electron/probes/parsers/ip-link';
import { parseIpRoute } from '../../../electron/probes/parsers/ip-route';
import { UNREADABLE } from '../../../electron/probes/parsers/parse-result';
import { fixture } from './fixtures';

describe('ip addr inside the lab qrouter namespace', () => {
  const json = parseIpAddr(fixture('ip-addr', 'lab-qrouter-iproute2-6.1.json.txt'));
  const text = parseIpAddr(fixture('ip-addr', 'lab-qrouter-iproute2-6.1.txt'));

  it('reads the router ports, the gateway port and its floating addresses', () => {
    expect(json.format).toBe('json');
    expect(json.value.interfaces.map((iface) => iface.name)).toEqual(['lo', 'qr-cdbf7fe2-ce', 'qr-b2448589-2b', 'qr-9ee5f7e3-a5', 'qg-adbbe7ab-46']);
    const gateway = json.value.interfaces[4]!;
    expect(gateway).toMatchObject({ state: 'UP', mtu: 1500, mac: 'fa:16:3e:88:01:46' });
    expect(gateway.addresses.filter((entry) => entry.family === 'inet').map((entry) => `${entry.address}/${entry.prefixLength}`)).toEqual([
      '198.51.100.130/26',
      '198.51.100.133/32',
      '198.51.100.136/32',
      '198.51.100.138/32',
      '198.51.100.140/32',
    ]);
  });

  it('reads the text form of iproute2 (no -j, as on xenial) to the same interfaces and addresses', () => {
    expect(text.format).toBe('text');
    expect(text.problems).toEqual([]);
    const view = (result: typeof json) => result.value.interfaces.map((iface) => [iface.index, iface.name, iface.state, iface.mtu, iface.mac, iface.addresses]);
    expect(view(text)).toEqual(view(json));
  });

  it('reads the veth peer after "@" and the MTU of a tenant port', () => {
    const { value } = parseIpAddr(fixture('ip-addr', 'netns-capture-iproute2-6.1.txt'));
    expect(value.interfaces.find((iface) => iface.name === 'qr-5e6f7a8b-9c')).toMatchObject({ link: 'qr-peer', mtu: 1450, addresses: [{ address: '198.51.100.65', prefixLength: 26, scope: 'global' }, expect.anything(), expect.anything()] });
    const pretty = parseIpAddr(fixture('ip-addr', 'netns-capture-iproute2-6.1-pretty.json.txt'));
    expect(pretty.value.interfaces.find((iface) => iface.name === 'qr-5e6f7a8b-9c')?.addresses[1]).toEqual({ family: 'inet6', address: '2001:db8:1::1', prefixLength: 64, scope: 'global' });
  });
});

describe('ip route inside the lab qrouter namespace', () => {
  it('reads the default route and connected subnets, from JSON and text alike', () => {
    const json = parseIpRoute(fixture('ip-route', 'lab-qrouter-iproute2-6.1.json.txt'));
    const text = parseIpRoute(fixture('ip-route', 'lab-qrouter-iproute2-6.1.txt'));
    expect(json.value.routes[0]).toEqual({ destination: 'default', gateway: '198.51.100.129', device: 'qg-adbbe7ab-46', protocol: null, scope: null, metric: null, source: null, type: 'unicast' });
    expect(json.value.routes[1]).toEqual({ destination: '198.51.100.0/27', gateway: null, device: 'qr-cdbf7fe2-ce', protocol: 'kernel', scope: 'link', metric: null, source: '198.51.100.1', type: 'unicast' });
    expect(text.value).toEqual(json.value);
  });

  it('reads metrics, static protocol and IPv6 routes', () => {
    const { value } = parseIpRoute(fixture('ip-route', 'netns-capture-iproute2-6.1.txt'));
    expect(value.routes.find((route) => route.protocol === 'static')).toMatchObject({ destination: '198.51.100.0/26', gateway: '198.51.100.126', metric: 100 });
    const v6 = parseIpRoute(fixture('ip-route', 'netns-capture-iproute2-6.1-ipv6.json.txt'));
    expect(v6.value.routes[0]).toMatchObject({ destination: '2001:db8:1::/64', device: 'qr-5e6f7a8b-9c', metric: 256 });
  });

  it('reads route types and reports lines that are not routes', () => {
    const result = parseIpRoute('unreachable 10.0.0.0/8 proto static\nnot a route at all\n');
    expect(result.value.routes).toEqual([{ destination: '10.0.0.0/8', gateway: null, device: null, protocol: 'static', scope: null, metric: null, source: null, type: 'unreachable' }]);
    expect(result.problems).toEqual([{ line: 2, message: 'not a route: "not a route at all"' }]);
  });
});

describe('ip -d link: the nova hybrid VIF chain (tap → qbr → qvb ↔ qvo)', () => {
  it('reads kinds, masters and the qbr bridge with its members, from JSON and text alike', () => {
    const json = parseIpLink(fixture('ip-link', 'netns-capture-vif-chain-iproute2-6.1.json.txt'));
    const text = parseIpLink(fixture('ip-link', 'netns-capture-vif-chain-iproute2-6.1.txt'));
    expect(json.value.bridges).toEqual([{ name: 'qbr9e0c6af1-30', kind: 'bridge', id: '8000.de:18:0:7d:9d:c0', stpEnabled: false, members: ['qvb9e0c6af1-30', 'tap9e0c6af1-30'] }]);
    expect(json.value.interfaces.find((iface) => iface.name === 'qvb9e0c6af1-30')).toMatchObject({ kind: 'veth', slaveKind: 'bridge', master: 'qbr9e0c6af1-30', link: 'qvo9e0c6af1-30' });
    expect(json.value.interfaces.find((iface) => iface.name === 'qvo9e0c6af1-30')).toMatchObject({ kind: 'veth', master: null, link: 'qvb9e0c6af1-30' });
    const view = (result: typeof json) => result.value.interfaces.map((iface) => [iface.name, iface.link, iface.kind, iface.slaveKind, iface.master]);
    expect(view(text)).toEqual(view(json));
    expect(text.value.bridges.map((bridge) => [bridge.name, bridge.members])).toEqual(json.value.bridges.map((bridge) => [bridge.name, bridge.members]));
  });

  it('finds every qbr bridge of the lab host with its tap and qvb', () => {
    const { value } = parseIpLink(fixture('ip-link', 'lab-host-iproute2-6.1.json.txt'));
    const qbrs = value.bridges.filter((bridge) => bridge.name.startsWith('qbr'));
    expect(qbrs).toHaveLength(4);
    for (const bridge of qbrs) {
      const port = bridge.name.slice(3);
      expect(bridge.members.sort(), bridge.name).toEqual([`qvb${port}`, `tap${port}`].sort());
    }
    const text = parseIpLink(fixture('ip-link', 'lab-host-iproute2-6.1.txt'));
    expect(text.value.bridges.map((bridge) => [bridge.name, [...bridge.members].sort()])).toEqual(value.bridges.map((bridge) => [bridge.name, [...bridge.members].sort()]));
  });

  it('reads a kernel OVS port (master ovs-system) from an old iproute2 text output', () => {
    const old = [
      '12: qvoccdf123f-97@qvbccdf123f-97: <BROADCAST,MULTICAST,PROMISC,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast master ovs-system state UP mode DEFAULT group default qlen 1000',
      '    link/ether 4e:97:d2:8d:9c:92 brd ff:ff:ff:ff:ff:ff promiscuity 2 ',
      '    veth ',
      '13: qvbccdf123f-97@qvoccdf123f-97: <BROADCAST,MULTICAST,PROMISC,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast master qbrccdf123f-97 state UP mode DEFAULT group default qlen 1000',
      '    link/ether 22:e6:93:57:4f:db brd ff:ff:ff:ff:ff:ff promiscuity 2 ',
      '    veth',
    ].join('\n');
    const { value } = parseIpLink(old);
    expect(value.bridges).toEqual([
      { name: 'ovs-system', kind: null, id: null, stpEnabled: null, members: ['qvoccdf123f-97'] },
      { name: 'qbrccdf123f-97', kind: null, id: null, stpEnabled: null, members: ['qvbccdf123f-97'] },
    ]);
  });
});

describe('brctl show', () => {
  it('reads bridges and their further interfaces on tab-indented lines', () => {
    const result = parseBrctlShow(fixture('brctl', 'troubleshooting-notes-bridge-utils-tabs.txt'));
    expect(result.problems).toEqual([]);
    expect(result.value.bridges.map((bridge) => [bridge.name, bridge.members])).toEqual([
      ['qbr2b57faaf-8d', ['qvb2b57faaf-8d', 'tap2b57faaf-8d']],
      ['qbr3c726ea9-34', ['qvb3c726ea9-34']],
      ['qbr529df2ab-78', ['qvb529df2ab-78', 'tap529df2ab-78']],
      ['qbr9a356881-4f', ['qvb9a356881-4f']],
      ['qbr9c4a0ea7-ba', ['qvb9c4a0ea7-ba', 'tap9c4a0ea7-ba']],
      ['qbre1041f6d-9e', ['qvbe1041f6d-9e']],
      ['qbrec9191c7-60', ['qvbec9191c7-60', 'tapec9191c7-60']],
    ]);
  });

  it('reads space-aligned output, a bridge with STP on, and bridge ids', () => {
    const spaces = parseBrctlShow(fixture('brctl', 'fuel-qos-notes-bridge-utils-spaces.txt')).value.bridges;
    expect(spaces.find((bridge) => bridge.name === 'br-aux')).toEqual({ name: 'br-aux', kind: 'bridge', id: '8000.e41d2d0f1091', stpEnabled: false, members: ['bond0', 'p_e52381cd-0'] });
    expect(spaces.find((bridge) => bridge.name === 'qbrfc618310-b9')?.members).toEqual(['qvbfc618310-b9', 'tapfc618310-b9']);
    const virbr = parseBrctlShow(fixture('brctl', 'compass-notes-bridge-utils-virbr0-stp.txt')).value.bridges;
    expect(virbr[1]).toEqual({ name: 'virbr0', kind: 'bridge', id: '8000.525400f0397c', stpEnabled: true, members: ['virbr0-nic'] });
  });

  it('refuses output without the brctl heading, naming the line', () => {
    const result = parseBrctlShow('qbr1 8000.000000000000 no\n');
    expect(result.format).toBe(UNREADABLE);
    expect(result.problems[0]?.line).toBe(1);
  });
});
