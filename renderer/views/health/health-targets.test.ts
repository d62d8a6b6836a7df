import { describe, expect, it } from 'vitest';
import type { HealthFinding } from '../../../electron/contract/health';
import { describeObject, healthTarget, healthTerminal } from './health-targets';
import { DHCP_NS, FINDINGS, GATEWAY, healthLab, NODE, ROUTER_NS } from './health-lab.fixture';

const lab = healthLab();
const targetOf = (finding: HealthFinding) => {
  const target = healthTarget(finding, lab);
  return target && { view: target.view, focus: target.focus };
};
const withObject = (finding: HealthFinding, object: Partial<HealthFinding['object']>, command: string | null = finding.command): HealthFinding => ({ ...finding, object: { ...finding.object, ...object }, command });

describe('where a health finding opens', () => {
  it('opens a container in Containers, filtered on it', () => {
    expect(targetOf(FINDINGS.stopped)).toEqual({ view: 'containers', focus: { view: 'containers', filter: 'instance-00000012' } });
  });

  it('opens a machine on its card in Nodes', () => {
    expect(targetOf(FINDINGS.packages)).toEqual({ view: 'nodes', focus: { view: 'nodes', machineId: '24' } });
  });

  it('opens a unit or an application on its row in Overview', () => {
    expect(targetOf(FINDINGS.unit)).toEqual({ view: 'overview', focus: { view: 'overview', target: { kind: 'unit', name: 'nova-compute/1' } } });
    expect(targetOf(FINDINGS.application)).toEqual({ view: 'overview', focus: { view: 'overview', target: { kind: 'application', name: 'neutron-gateway' } } });
  });

  it('opens a namespace in Network', () => {
    expect(targetOf(FINDINGS.dnsmasq)).toEqual({ view: 'network', focus: { view: 'network', machineId: GATEWAY, namespace: DHCP_NS } });
  });

  it('follows a qvo, tap, qbr or qvb to the plumbing of the container whose nic carries it', () => {
    const plumbing = { view: 'network', focus: { view: 'network', machineId: NODE, container: 'instance-0000000c' } };
    expect(targetOf(FINDINGS.vlanTag)).toEqual(plumbing);
    expect(targetOf(withObject(FINDINGS.vlanTag, { kind: 'interface', name: 'tap1896322c-d4' }))).toEqual(plumbing);
    expect(targetOf(withObject(FINDINGS.vlanTag, { kind: 'bridge', name: 'qbr1896322c-d4' }))).toEqual(plumbing);
    // qvb is in no nic's fields: it shares the port's id with the others.
    expect(targetOf(withObject(FINDINGS.vlanTag, { kind: 'interface', name: 'qvb1896322c-d4' }))).toEqual(plumbing);
  });

  it('follows an interface in a namespace (qg-, qr-, a DHCP tap) to that namespace', () => {
    expect(targetOf(withObject(FINDINGS.vlanTag, { kind: 'interface', name: 'qg-9a8b7c6d-5e', machineId: GATEWAY }, null))).toEqual({ view: 'network', focus: { view: 'network', machineId: GATEWAY, namespace: ROUTER_NS } });
    expect(targetOf(withObject(FINDINGS.vlanTag, { kind: 'interface', name: 'tapd1e2f3a4-b5', machineId: GATEWAY }, null))).toEqual({ view: 'network', focus: { view: 'network', machineId: GATEWAY, namespace: DHCP_NS } });
  });

  it('opens a floating address in the router namespace that holds it, at the NAT rules its command shows', () => {
    expect(targetOf(FINDINGS.floatingNat)).toEqual({ view: 'network', focus: { view: 'network', machineId: GATEWAY, namespace: ROUTER_NS, table: 'rules' } });
    expect(targetOf(withObject(FINDINGS.floatingNat, { name: '198.51.100.31/32' }, null))).toEqual({ view: 'network', focus: { view: 'network', machineId: GATEWAY, namespace: ROUTER_NS } });
  });

  it('opens a NAT rule whose address is gone in the namespace its command runs in', () => {
    expect(targetOf(FINDINGS.staleNat)).toEqual({ view: 'network', focus: { view: 'network', machineId: GATEWAY, namespace: ROUTER_NS, table: 'rules' } });
  });

  it('opens the table of a namespace or a machine that its command prints: routes, neighbours, rules', () => {
    const routes = withObject(FINDINGS.dnsmasq, { name: ROUTER_NS }, `sudo ip netns exec ${ROUTER_NS} ip route`);
    expect(targetOf(routes)).toEqual({ view: 'network', focus: { view: 'network', machineId: GATEWAY, namespace: ROUTER_NS, table: 'routes' } });
    expect(targetOf(withObject(FINDINGS.dnsmasq, {}, `sudo ip netns exec ${DHCP_NS} ip -4 neigh show`))!.focus).toMatchObject({ table: 'neighbours' });
    expect(targetOf({ ...FINDINGS.packages, command: 'sudo nft list ruleset' })).toEqual({ view: 'nodes', focus: { view: 'nodes', machineId: '24', part: 'rules' } });
    // A command that shows none of them opens the card as it is.
    expect(targetOf(withObject(FINDINGS.dnsmasq, {}, `sudo ip netns exec ${DHCP_NS} ip -4 addr show`))!.focus).not.toHaveProperty('table');
  });

  it('opens a port that nothing carries on its machine’s card, and an object with no machine nowhere', () => {
    expect(targetOf(FINDINGS.stalePort)).toEqual({ view: 'nodes', focus: { view: 'nodes', machineId: NODE } });
    expect(targetOf(withObject(FINDINGS.stalePort, { machineId: null }, null))).toBeNull();
  });

  it('does not follow a port to a container on another machine', () => {
    expect(targetOf(withObject(FINDINGS.vlanTag, { machineId: '24' }))).toEqual({ view: 'nodes', focus: { view: 'nodes', machineId: '24' } });
  });
});

describe('a finding’s terminal and words', () => {
  it('opens a shell on the machine the command runs on', () => {
    expect(healthTerminal(FINDINGS.vlanTag, lab)).toEqual({ target: { kind: 'machine', machineId: NODE }, label: 'Open terminal on node03ob64' });
  });

  it('offers none without a command, without a machine, or for a machine the lab does not have', () => {
    expect(healthTerminal(FINDINGS.application, lab)).toBeNull();
    expect(healthTerminal({ ...FINDINGS.unit, object: { ...FINDINGS.unit.object, machineId: null } }, lab)).toBeNull();
    expect(healthTerminal({ ...FINDINGS.unit, command: null }, lab)).toBeNull();
    expect(healthTerminal({ ...FINDINGS.unit, object: { ...FINDINGS.unit.object, machineId: '99' } }, lab)).toBeNull();
  });

  it('names the object with its machine', () => {
    expect(describeObject(FINDINGS.vlanTag.object, lab)).toBe('OVS port qvo1896322c-d4 on node03ob64');
    expect(describeObject(FINDINGS.application.object, lab)).toBe('application neutron-gateway');
    expect(describeObject(FINDINGS.packages.object, lab)).toBe('node05ob64');
    expect(describeObject({ kind: 'machine', name: '31', machineId: '31' }, lab)).toBe('machine 31');
  });
});
