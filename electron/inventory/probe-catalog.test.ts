import { describe, expect, it } from 'vitest';
import type { InventoryMachine } from '../contract/inventory';
import { probeKindOf } from '../contract/probe-models';
import type { ProbeDefinition } from '../probes/probe-definition';
import { parseIpAddr } from '../probes/parsers/ip-addr';
import { OPENSTACK_CREDENTIALS_PROBE } from '../probes/definitions/openstack-credentials';
import { FIREWALL_SCRIPT } from '../probes/definitions/firewall-script';
import { CONTROLLER_PROBES, MACHINE_PROBES, namespaceProbes, openstackProbes } from './probe-catalog';

const machine = (roles: InventoryMachine['roles']): InventoryMachine => ({
  id: '26',
  hostname: 'node02ob64',
  address: '10.0.0.26',
  roles,
  applications: [],
  jujuState: 'started',
  route: null,
  routeError: null,
  hypervisor: null,
});

const everyProbe = [...CONTROLLER_PROBES, ...MACHINE_PROBES, ...namespaceProbes('qrouter-1f2e')];
const openstack = openstackProbes({ path: '~/novarc', kind: 'rc-file', cloud: null, chosenBy: 'found' });

describe('the probe catalog', () => {
  // Snapshots and the demo lab store each command's output under its argv and each outcome under
  // its id: a probe whose id or command changed would no longer be answered from them.
  it('runs the commands snapshots hold, under the ids they hold them', () => {
    const gateway = machine(['gateway', 'compute', 'control']);
    expect(everyProbe.map((probe) => [probe.id, probe.command(gateway).join(' ')])).toEqual([
      ['hostname', 'hostname'],
      ['juju-status', 'juju status --format=json'],
      ['openstack-credentials', OPENSTACK_CREDENTIALS_PROBE.command(gateway).join(' ')],
      ['hostname', 'hostname'],
      ['packages', 'dpkg -l'],
      ['lxc-list', 'lxc list --format json'],
      ['lxc-profiles', 'lxc profile list --format json'],
      ['nova-conf', 'cat /etc/nova/nova.conf'],
      ['nova-compute-conf', 'cat /etc/nova/nova-compute.conf'],
      ['ip-netns', 'ip netns list'],
      ['ovs-vsctl', 'sudo -n ovs-vsctl show'],
      ['ovs-interfaces', 'sudo -n ovs-vsctl --format=json --columns=name,external_ids,ofport,mac_in_use list Interface'],
      ['links', 'ip -d -j link'],
      ['routes', 'ip -j route'],
      ['neigh', 'ip -j neigh'],
      ['firewall', `sh -c ${FIREWALL_SCRIPT} orangebox-firewall-probe sudo -n`],
      ['dnsmasq-processes', 'pgrep -a dnsmasq'],
      ['netns-addr:qrouter-1f2e', 'sudo -n ip netns exec qrouter-1f2e ip -j addr'],
      ['netns-route:qrouter-1f2e', 'sudo -n ip netns exec qrouter-1f2e ip -j route'],
      ['netns-neigh:qrouter-1f2e', 'sudo -n ip netns exec qrouter-1f2e ip -j neigh'],
      ['netns-firewall:qrouter-1f2e', `sudo -n ip netns exec qrouter-1f2e sh -c ${FIREWALL_SCRIPT} orangebox-firewall-probe`],
    ]);
  });

  it('files every probe under the kind its id names', () => {
    for (const probe of [...everyProbe, ...openstack]) expect(probeKindOf(probe.id), probe.id).toBe(probe.kind);
  });

  it('runs each machine probe where its host rule says', () => {
    const applies = (roles: InventoryMachine['roles']) => MACHINE_PROBES.filter((probe) => probe.appliesTo(machine(roles))).map((probe) => probe.id);
    expect(applies(['compute'])).toEqual(['hostname', 'packages', 'lxc-list', 'lxc-profiles', 'nova-conf', 'nova-compute-conf', 'ovs-vsctl', 'ovs-interfaces', 'links', 'routes', 'neigh', 'firewall']);
    expect(applies(['gateway'])).toEqual(['hostname', 'packages', 'ip-netns', 'ovs-vsctl', 'links', 'routes', 'neigh', 'firewall', 'dnsmasq-processes']);
    expect(applies(['control'])).toEqual(['hostname', 'packages', 'lxc-list', 'lxc-profiles']);
    expect(applies(['other'])).toEqual(['hostname', 'packages']);
  });

  it('explains a sudo that asks for a password, and a missing program, in words', () => {
    const ovs = MACHINE_PROBES.find((probe) => probe.id === 'ovs-vsctl')!;
    expect(ovs.explainFailure?.('sudo: a password is required', machine(['compute']))).toMatch(/^ovs-vsctl needs root on node02ob64.*passwordless sudo/);
    const lxc = MACHINE_PROBES.find((probe) => probe.id === 'lxc-list')!;
    expect(lxc.explainFailure?.('bash: lxc: command not found', machine(['compute']))).toBe('lxc is not installed on node02ob64 (bash: lxc: command not found)');
    const firewall = namespaceProbes('qrouter-1f2e').find((probe) => probe.kind === 'netns-firewall')!;
    expect(firewall.explainFailure?.('neither nft nor iptables-save is installed', machine(['gateway']))).toMatch(/^neither nft nor iptables-save is installed on node02ob64: its NAT and filter rules cannot be read/);
    expect(firewall.explainFailure?.('sudo: a password is required', machine(['gateway']))).toMatch(/^ip netns exec qrouter-1f2e needs root on node02ob64/);
  });

  it('takes pgrep finding no dnsmasq (exit 1) as an answer: no process', () => {
    const dnsmasq = MACHINE_PROBES.find((probe) => probe.id === 'dnsmasq-processes')!;
    expect(dnsmasq.acceptedExitCodes).toEqual([1]);
    expect(dnsmasq.parse('').value).toEqual({ processes: [] });
  });

  it('types each probe by its kind: a parser of another model does not compile', () => {
    const wrong: ProbeDefinition<'lxc-list'> = {
      id: 'lxc-list',
      kind: 'lxc-list',
      appliesTo: () => true,
      command: () => ['lxc', 'list', '--format', 'json'],
      // @ts-expect-error ip addr's model is not lxc list's
      parse: parseIpAddr,
    };
    expect(wrong.kind).toBe('lxc-list');
  });
});
