import { describe, expect, it } from 'vitest';
import type { LabInventory, ProbeOutcome } from '../../../electron/contract/inventory';
import { parseTypedTargets, selectionForFocus, sourceChoices, targetChoices } from './ping-choices';

const probe = (machineId: string, probeId: string, value: unknown, status: ProbeOutcome['status'] = 'ok'): ProbeOutcome => ({
  machineId,
  probeId,
  command: probeId,
  startedAt: '2026-01-01T00:00:00Z',
  durationMs: 1,
  status,
  value,
  format: 'json',
  problems: [],
  error: null,
});
const machine = (id: string, hostname: string, routeError: boolean = false) => ({
  id,
  hostname,
  address: null,
  roles: [],
  applications: [],
  jujuState: null,
  route: null,
  routeError: routeError ? { code: 'ssh-unreachable' as const, message: 'down' } : null,
  hypervisor: null,
});
const instance = (name: string, state: string, ipv4: string[]) => ({
  name,
  state,
  type: 'container',
  ephemeral: false,
  ipv4: ipv4.map((address) => ({ address, iface: 'eth0' })),
  ipv6: [],
  snapshots: 0,
  location: null,
  profiles: null,
  project: null,
});

const inventory: LabInventory = {
  labId: 'lab-1',
  refreshing: false,
  refreshedAt: null,
  lastRefreshMs: null,
  links: { containers: [] },
  machines: [machine('controller', 'OrangeBox64'), machine('22', 'node03ob64'), machine('26', 'node02ob64'), machine('27', 'gone', true)],
  probes: [
    probe('26', 'ip-netns', { namespaces: [{ name: 'qdhcp-net', id: 1, kind: 'qdhcp', resourceId: 'net' }, { name: 'qrouter-r1', id: 0, kind: 'qrouter', resourceId: 'r1' }] }),
    probe('22', 'lxc-list', { instances: [instance('juju-1-22-lxd-0', 'RUNNING', ['198.51.100.200']), instance('instance-0000000c', 'RUNNING', ['198.51.100.12']), instance('instance-00000099', 'STOPPED', [])] }),
    probe('24', 'lxc-list', null, 'failed'),
    probe('26', 'netns-addr:qrouter-r1', {
      interfaces: [
        { name: 'lo', addresses: [{ family: 'inet', address: '127.0.0.1', prefixLength: 8, scope: 'host' }] },
        { name: 'qg-abc', addresses: [{ family: 'inet', address: '198.51.100.130', prefixLength: 26, scope: 'global' }, { family: 'inet', address: '198.51.100.133', prefixLength: 32, scope: 'global' }] },
      ],
    }),
  ],
};

describe('ping sources from the inventory', () => {
  it('lists the qrouter namespace first, then running containers (instances first), then reachable machines', () => {
    expect(sourceChoices(inventory).map((choice) => choice.label)).toEqual([
      'qrouter-r1 on node02ob64',
      'qdhcp-net on node02ob64',
      'instance-0000000c on node03ob64',
      'juju-1-22-lxd-0 on node03ob64',
      'OrangeBox64 (controller)',
      'node03ob64 (machine 22)',
      'node02ob64 (machine 26)',
    ]);
    expect(sourceChoices(inventory)[0]!.source).toEqual({ kind: 'namespace', machineId: '26', namespace: 'qrouter-r1' });
  });
  it('has nothing to offer without an inventory', () => {
    expect(sourceChoices(null)).toEqual([]);
    expect(targetChoices(null)).toEqual([]);
  });
});

describe('ping targets from the inventory', () => {
  it("offers containers' IPv4 (instances first) and the floating /32s on the qg- port", () => {
    expect(targetChoices(inventory)).toEqual([
      { address: '198.51.100.12', label: 'instance-0000000c', group: 'Container addresses' },
      { address: '198.51.100.200', label: 'juju-1-22-lxd-0', group: 'Container addresses' },
      { address: '198.51.100.133', label: 'floating on qg-abc', group: 'Floating addresses' },
    ]);
  });
});

describe('typed targets', () => {
  it('keeps addresses and host names once each, and rejects options and shell syntax', () => {
    expect(parseTypedTargets(' 198.51.100.4, node03ob64;198.51.100.4\n::1 -f a;b $(id)')).toEqual({
      targets: ['198.51.100.4', 'node03ob64', '::1', 'a', 'b'],
      rejected: ['-f', '$(id)'],
    });
    expect(parseTypedTargets('   ')).toEqual({ targets: [], rejected: [] });
  });
});

describe('a focus from another view', () => {
  it('chooses its source, ticks the targets the inventory offers and types the others', () => {
    const source = { kind: 'namespace' as const, machineId: '26', namespace: 'qrouter-r1' };
    expect(selectionForFocus({ targets: ['198.51.100.133', '198.51.100.99'], source }, targetChoices(inventory))).toEqual({
      sourceKey: 'namespace|26|qrouter-r1',
      selected: ['198.51.100.133'],
      typed: '198.51.100.99',
    });
    expect(selectionForFocus({ targets: ['198.51.100.12'] }, targetChoices(inventory))).toEqual({ sourceKey: null, selected: ['198.51.100.12'], typed: '' });
  });
});
