import { describe, expect, it } from 'vitest';
import type { IpLinks, IpNeighbours, IpRoutes, OvsShow, FirewallRules } from '../contract/lab-model';
import type { PathAnalysis } from '../contract/troubleshoot';
import { derivePath } from './derive-path';
import { editValue, labPathInventory, labPathProbes, ROUTER_NAMESPACE, withPortTag } from './lab-path.fixture';

const routerSource = { kind: 'namespace', machineId: '26', namespace: ROUTER_NAMESPACE } as const;
const instance14 = { kind: 'container', machineId: '24', container: 'instance-00000014' } as const;
const address = (text: string) => ({ kind: 'address', address: text }) as const;
const kinds = (analysis: PathAnalysis) => analysis.hops.map((hop) => hop.kind);
const findingsOf = (analysis: PathAnalysis) => analysis.hops.flatMap((hop) => hop.findings.map((finding) => ({ hop: hop.name, ...finding })));

describe('path analysis on the lab as its probes saw it', () => {
  it('follows the qrouter namespace to an instance fixed address through every hop, and finds nothing wrong', () => {
    const analysis = derivePath(labPathInventory(), routerSource, address('198.51.100.20'));
    expect(kinds(analysis)).toEqual(['router', 'qr', 'br-int', 'qvo', 'qvb', 'qbr', 'tap', 'container']);
    expect(analysis.hops.map((hop) => hop.name)).toEqual([ROUTER_NAMESPACE, 'qr-cdbf7fe2-ce', 'br-int', 'qvo9e0c6af1-30', 'qvb9e0c6af1-30', 'qbr9e0c6af1-30', 'tap9e0c6af1-30', 'instance-00000014']);
    expect(analysis.verdict).toEqual({ status: 'ok', text: 'Path looks right: 8 hops, no fault found.', hopIndex: null });
    const router = analysis.hops[0]!;
    expect(router.details).toContainEqual({ label: 'route', value: '198.51.100.0/27 dev qr-cdbf7fe2-ce' });
    expect(router.details).toContainEqual({ label: 'neighbour', value: '198.51.100.20 fa:16:3e:e4:a3:bf REACHABLE' });
    const bridge = analysis.hops[2]!;
    expect(bridge.vlanTag).toBe(1);
    expect(bridge.details).toContainEqual({ label: 'in', value: 'qr-cdbf7fe2-ce tag 1' });
    expect(bridge.details).toContainEqual({ label: 'out', value: 'qvo9e0c6af1-30 tag 1' });
    expect(bridge.counters).toEqual({ kind: 'ovs', machineId: '24', interface: 'qvo9e0c6af1-30', passes: 'tx' });
    expect(analysis.hops.map((hop) => hop.counters?.passes ?? null)).toEqual([null, 'tx', 'tx', 'tx', 'rx', null, 'tx', null]);
    expect(analysis.hops[1]!).toMatchObject({ state: 'UP', mtu: 1500, addresses: ['198.51.100.1/27'], namespace: ROUTER_NAMESPACE, vlanTag: 1 });
    expect(analysis.hops[7]!).toMatchObject({ addresses: ['198.51.100.20'], mac: 'fa:16:3e:e4:a3:bf' });
    expect(analysis.targetLabel).toBe('198.51.100.20 (instance-00000014)');
    expect(analysis.trace).toEqual({
      machineId: '26',
      bridge: 'br-int',
      inPort: 'qr-cdbf7fe2-ce',
      // The gateway runs no ovs-interfaces probe, so the port goes by name (ofproto/trace accepts names).
      ofport: null,
      flow: 'in_port=qr-cdbf7fe2-ce,dl_src=fa:16:3e:6c:81:69,dl_dst=fa:16:3e:e4:a3:bf,icmp,nw_src=198.51.100.1,nw_dst=198.51.100.20',
      hopId: 'in.br-int',
    });
  });

  it('routes an instance to an instance on another network through the router, both chains drawn', () => {
    const analysis = derivePath(labPathInventory(), instance14, { kind: 'container', machineId: '24', container: 'instance-00000012' });
    expect(kinds(analysis)).toEqual(['container', 'tap', 'qbr', 'qvb', 'qvo', 'br-int', 'qr', 'router', 'qr', 'br-int', 'qvo', 'qvb', 'qbr', 'tap', 'container']);
    expect(analysis.hops[6]!.name).toBe('qr-cdbf7fe2-ce');
    expect(analysis.hops[8]!.name).toBe('qr-b2448589-2b');
    expect(analysis.hops[5]!.vlanTag).toBe(1);
    expect(analysis.hops[9]!.vlanTag).toBe(2);
    expect(analysis.verdict.status).toBe('ok');
    expect(analysis.notes.join(' ')).toContain("default gateway is taken to be its network's router port qr-cdbf7fe2-ce (198.51.100.1)");
    expect(analysis.trace?.flow).toBe('in_port=10,dl_src=fa:16:3e:e4:a3:bf,dl_dst=fa:16:3e:6c:81:69,icmp,nw_src=198.51.100.20,nw_dst=198.51.100.39');
  });

  it('translates a floating address with the router’s DNAT pair and reaches the instance behind it', () => {
    const analysis = derivePath(labPathInventory(), routerSource, address('198.51.100.138'));
    expect(analysis.targetLabel).toBe('198.51.100.138 (floating → instance-00000014)');
    expect(analysis.hops[0]!.details).toContainEqual({ label: 'DNAT', value: '198.51.100.138 → 198.51.100.20' });
    expect(analysis.hops.at(-1)!.name).toBe('instance-00000014');
    expect(analysis.verdict.status).toBe('ok');
  });
});

describe('each fault is named at its hop, verdict first', () => {
  it('a qvo whose VLAN tag differs from its network’s DHCP and router ports blocks at br-int', () => {
    const analysis = derivePath(labPathInventory(withPortTag(labPathProbes(), 'qvo9e0c6af1-30', 4)), routerSource, address('198.51.100.20'));
    expect(analysis.verdict).toEqual({
      status: 'blocked',
      text: "Blocked at br-int: qvo9e0c6af1-30 has VLAN tag 4, the network's DHCP and router ports use tag 1.",
      hopIndex: 2,
    });
    const finding = analysis.hops[2]!.findings[0]!;
    expect(finding).toMatchObject({ kind: 'vlan-tag', should: 'tag 1', is: 'tag 4' });
    expect(finding.evidence).toEqual(['qvo9e0c6af1-30 tag 4', 'tap9fab3b71-9d (DHCP) tag 1', 'qr-cdbf7fe2-ce (router) tag 1']);
    expect(finding.command).toBe('sudo -n ovs-vsctl show   (on node05ob64 (machine 24))');
  });

  it('the same wrong tag blocks the instance’s own traffic out at its br-int hop', () => {
    const analysis = derivePath(labPathInventory(withPortTag(labPathProbes(), 'qvo9e0c6af1-30', 4)), instance14, address('198.51.100.1'));
    expect(kinds(analysis)).toEqual(['container', 'tap', 'qbr', 'qvb', 'qvo', 'br-int', 'qr']);
    expect(analysis.verdict.text).toBe("Blocked at br-int: qvo9e0c6af1-30 has VLAN tag 4, the network's DHCP and router ports use tag 1.");
  });

  it('a port on the dead VLAN is named as such', () => {
    const analysis = derivePath(labPathInventory(withPortTag(labPathProbes(), 'qvo9e0c6af1-30', 4095)), routerSource, address('198.51.100.20'));
    expect(analysis.verdict.text).toContain("qvo9e0c6af1-30 is on Neutron's dead VLAN 4095");
  });

  it('a link down along the chain blocks there', () => {
    const probes = editValue<IpLinks>(labPathProbes(), '24', 'links', (links) => {
      links.interfaces.find((iface) => iface.name === 'tap9e0c6af1-30')!.state = 'DOWN';
    });
    const analysis = derivePath(labPathInventory(probes), routerSource, address('198.51.100.20'));
    expect(analysis.verdict.status).toBe('blocked');
    expect(analysis.verdict.text).toMatch(/^Blocked at tap9e0c6af1-30: tap9e0c6af1-30 is DOWN/);
    expect(analysis.verdict.hopIndex).toBe(6);
  });

  it('an MTU lower than the hop before is a warning: small pings pass', () => {
    const probes = editValue<IpLinks>(labPathProbes(), '24', 'links', (links) => {
      links.interfaces.find((iface) => iface.name === 'qvb9e0c6af1-30')!.mtu = 1400;
    });
    const analysis = derivePath(labPathInventory(probes), routerSource, address('198.51.100.20'));
    expect(analysis.verdict.status).toBe('ok');
    expect(analysis.verdict.text).toContain('qvb9e0c6af1-30 has MTU 1400, lower than 1500 on qvo9e0c6af1-30');
    expect(findingsOf(analysis)).toContainEqual(expect.objectContaining({ hop: 'qvb9e0c6af1-30', kind: 'mtu-lower', should: 'at least 1500', is: '1400' }));
  });

  it('a tap whose MTU was lowered, with its bridge following it: the warning names the tap', () => {
    const probes = editValue<IpLinks>(labPathProbes(), '24', 'links', (links) => {
      for (const name of ['tap9e0c6af1-30', 'qbr9e0c6af1-30']) links.interfaces.find((iface) => iface.name === name)!.mtu = 1400;
    });
    const analysis = derivePath(labPathInventory(probes), routerSource, address('198.51.100.20'));
    const warnings = findingsOf(analysis).filter((finding) => finding.kind === 'mtu-lower');
    expect(warnings.map((finding) => finding.hop)).toEqual(['tap9e0c6af1-30']);
    expect(warnings[0]!.message).toBe(
      "tap9e0c6af1-30 has MTU 1400, lower than 1500 on qvb9e0c6af1-30 (qbr9e0c6af1-30 follows it: a Linux bridge takes its ports' lowest MTU): packets larger than 1400 bytes are dropped here (default-size pings still pass).",
    );
    expect(analysis.verdict.status).toBe('ok');
  });

  it('a floating address without its DNAT rule blocks at the router', () => {
    const probes = editValue<FirewallRules>(labPathProbes(), '26', `netns-firewall:${ROUTER_NAMESPACE}`, (firewall) => {
      firewall.natPairs = firewall.natPairs.filter((pair) => pair.floating !== '198.51.100.138');
      firewall.rules = firewall.rules.filter((rule) => !rule.text.includes('198.51.100.138'));
    });
    const analysis = derivePath(labPathInventory(probes), routerSource, address('198.51.100.138'));
    expect(analysis.verdict.status).toBe('blocked');
    expect(analysis.verdict.text).toBe(`Blocked at the router ${ROUTER_NAMESPACE}: ${ROUTER_NAMESPACE} has no DNAT rule for the floating address 198.51.100.138: packets to it are never translated to the instance.`);
    expect(analysis.hops[0]!.findings[0]!.command).toBe(`sudo -n ip netns exec ${ROUTER_NAMESPACE} nft list ruleset   (on node02ob64 (machine 26))`);
  });

  it('a floating address whose fixed address no instance has is named at the router port', () => {
    const analysis = derivePath(labPathInventory(), routerSource, address('198.51.100.140'));
    expect(analysis.verdict.text).toBe('Blocked at qr-cdbf7fe2-ce: An instance with the address 198.51.100.29 is missing: no container in lxc list has it, so nothing behind qr-cdbf7fe2-ce can answer');
  });

  it('no route in the router blocks there, with its routing table as evidence', () => {
    const probes = editValue<IpRoutes>(labPathProbes(), '26', `netns-route:${ROUTER_NAMESPACE}`, (routes) => {
      routes.routes = routes.routes.filter((route) => route.destination !== 'default' && route.destination !== '198.51.100.0/27');
    });
    const analysis = derivePath(labPathInventory(probes), routerSource, address('198.51.100.20'));
    expect(analysis.verdict.text).toContain('has no route to 198.51.100.20');
    expect(analysis.hops[0]!.findings[0]!.evidence).toContain('198.51.100.32/27 dev qr-b2448589-2b');
  });

  it('a FAILED neighbour entry for the next hop blocks at the router', () => {
    const probes = editValue<IpNeighbours>(labPathProbes(), '26', `netns-neigh:${ROUTER_NAMESPACE}`, (neighbours) => {
      neighbours.entries = [{ address: '198.51.100.20', device: 'qr-cdbf7fe2-ce', mac: null, states: ['FAILED'], router: false }];
    });
    const analysis = derivePath(labPathInventory(probes), routerSource, address('198.51.100.20'));
    expect(analysis.verdict.text).toContain('Nothing answers ARP for 198.51.100.20 on qr-cdbf7fe2-ce');
  });

  it('a FAILED neighbour caused by a wrong tag further on: the verdict names the tag, and the router as what sees it', () => {
    const probes = editValue<IpNeighbours>(withPortTag(labPathProbes(), 'qvo9e0c6af1-30', 4), '26', `netns-neigh:${ROUTER_NAMESPACE}`, (neighbours) => {
      neighbours.entries = [{ address: '198.51.100.20', device: 'qr-cdbf7fe2-ce', mac: null, states: ['FAILED'], router: false }];
    });
    const analysis = derivePath(labPathInventory(probes), routerSource, address('198.51.100.20'));
    expect(analysis.verdict).toEqual({
      status: 'blocked',
      text: `Blocked at br-int: qvo9e0c6af1-30 has VLAN tag 4, the network's DHCP and router ports use tag 1. The router ${ROUTER_NAMESPACE} sees it: its neighbour entry for 198.51.100.20 is FAILED.`,
      hopIndex: 2,
    });
    // The router's FAILED entry is what the wrong tag does: a warning there, the fault at br-int.
    expect(analysis.hops[0]!.findings.find((finding) => finding.kind === 'no-neighbour')?.severity).toBe('warning');
  });

  it('an instance with no OVS port blocks at its qvo', () => {
    const probes = ['24', '26'].reduce(
      (edited, machineId) =>
        editValue<OvsShow>(edited, machineId, 'ovs-vsctl', (show) => {
          for (const bridge of show.bridges) bridge.ports = bridge.ports.filter((port) => port.name !== 'qvo9e0c6af1-30');
        }),
      labPathProbes(),
    );
    const analysis = derivePath(labPathInventory(probes), instance14, address('198.51.100.1'));
    expect(analysis.verdict.text).toMatch(/^Blocked at qvo9e0c6af1-30: The OVS port qvo9e0c6af1-30 is missing/);
  });

  it('a probe that was not read makes an "could not check" note, not a fault', () => {
    const probes = labPathProbes().filter((outcome) => outcome.probeId !== `netns-firewall:${ROUTER_NAMESPACE}`);
    const analysis = derivePath(labPathInventory(probes), routerSource, address('198.51.100.138'));
    expect(findingsOf(analysis)).toContainEqual(expect.objectContaining({ kind: 'not-read', severity: 'info' }));
  });

  it('a machine without a route to a tenant address is told to ping from a namespace', () => {
    const machine = { kind: 'machine', machineId: '26' } as const;
    expect(derivePath(labPathInventory(), machine, address('198.51.100.20')).verdict.status).toBe('incomplete');
    const probes = [...labPathProbes(), { ...labPathProbes()[0]!, machineId: '26', probeId: 'routes', value: { routes: [{ destination: '10.0.0.0/8', gateway: null, device: 'eth0', protocol: 'kernel', scope: 'link', metric: null, source: null, type: null }] } }];
    const analysis = derivePath(labPathInventory(probes), machine, address('198.51.100.20'));
    expect(analysis.verdict.text).toContain('has no route to 198.51.100.20: tenant addresses live in the qrouter and qdhcp namespaces');
  });

  it('a container that is not in the inventory says so instead of a path', () => {
    const analysis = derivePath(labPathInventory(), routerSource, { kind: 'container', machineId: '24', container: 'instance-000000ff' });
    expect(analysis.hops).toEqual([]);
    expect(analysis.verdict).toMatchObject({ status: 'incomplete', text: expect.stringContaining('instance-000000ff is not in the inventory') });
  });
});
