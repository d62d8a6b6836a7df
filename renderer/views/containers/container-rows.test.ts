import { describe, expect, it } from 'vitest';
import type { LabInventory, ProbeOutcome } from '../../../electron/contract/inventory';
import { arrangeRows, changedCells, compactList, containerRows, groupByNode, ownProfileOf } from './container-rows';

function lxcList(machineId: string, instances: { name: string; state: string; ip: string }[]): ProbeOutcome {
  return {
    machineId,
    probeId: 'lxc-list',
    command: 'lxc list --format json',
    startedAt: '2026-11-22T00:00:00.000Z',
    durationMs: 10,
    status: 'ok',
    format: 'json',
    problems: [],
    error: null,
    value: { instances: instances.map((instance) => ({ name: instance.name, state: instance.state, type: 'container', ephemeral: false, ipv4: [{ address: instance.ip, iface: 'eth0' }], ipv6: [], snapshots: 0, location: null, profiles: [instance.name], project: null })) },
  };
}

function inventory(probes: ProbeOutcome[]): LabInventory {
  return {
    labId: 'lab-000000000001',
    refreshing: false,
    refreshedAt: null,
    lastRefreshMs: null,
    probes,
    machines: [
      { id: '22', hostname: 'node03ob64', address: '127.0.1.22', roles: ['compute'], applications: [], jujuState: 'started', route: null, routeError: null, hypervisor: null },
      { id: '24', hostname: 'node05ob64', address: '127.0.1.24', roles: ['compute'], applications: [], jujuState: 'started', route: null, routeError: null, hypervisor: null },
    ],
    links: {
      containers: [
        { container: 'instance-00000002', machineId: '22', state: 'RUNNING', profiles: [], jujuMachineId: null, units: [], nics: [{ device: 'qbr1', bridge: 'qbr1', tap: 'tap1', mac: 'fa:16:3e:00:00:01', ovsPort: 'qvo1', neutronPortId: 'p1', vmUuid: 'instance-00000002' }] },
        { container: 'juju-79fcc7-22-lxd-0', machineId: '22', state: 'RUNNING', profiles: [], jujuMachineId: '22/lxd/0', units: ['mysql/0'], nics: [] },
      ],
    },
  };
}

const lab = inventory([
  lxcList('22', [
    { name: 'instance-00000002', state: 'RUNNING', ip: '198.51.100.4' },
    { name: 'juju-79fcc7-22-lxd-0', state: 'RUNNING', ip: '198.51.100.200' },
  ]),
  lxcList('24', [{ name: 'instance-00000012', state: 'STOPPED', ip: '198.51.100.39' }]),
]);

describe('container rows', () => {
  it('joins every node’s containers with their node and their Nova or Juju owner', () => {
    const rows = containerRows(lab);
    expect(rows.map((row) => [row.key, row.node, row.owner])).toEqual([
      ['22/instance-00000002', 'node03ob64', 'nova instance-00000002'],
      ['22/juju-79fcc7-22-lxd-0', 'node03ob64', 'juju 22/lxd/0 (mysql/0)'],
      ['24/instance-00000012', 'node05ob64', ''],
    ]);
    expect(rows[0]!.ipv4).toBe('198.51.100.4 (eth0)');
  });

  it('sorts addresses by number, filters, and groups by node', () => {
    const rows = containerRows(lab);
    expect(arrangeRows(rows, '', 'ipv4', false).map((row) => row.ipv4.split(' ')[0])).toEqual(['198.51.100.4', '198.51.100.39', '198.51.100.200']);
    expect(arrangeRows(rows, 'stopped', 'name', false).map((row) => row.name)).toEqual(['instance-00000012']);
    expect(groupByNode(rows).map((group) => [group.node, group.rows.length])).toEqual([['node03ob64', 2], ['node05ob64', 1]]);
  });

  it('marks exactly the cells that changed since the last refresh', () => {
    const before = containerRows(lab);
    const after = containerRows(inventory([lxcList('22', [{ name: 'instance-00000002', state: 'STOPPED', ip: '198.51.100.4' }, { name: 'juju-79fcc7-22-lxd-0', state: 'RUNNING', ip: '198.51.100.200' }]), lxcList('24', [{ name: 'instance-00000012', state: 'STOPPED', ip: '198.51.100.39' }])]));
    expect([...changedCells(before, after).entries()].map(([key, fields]) => [key, [...fields]])).toEqual([['22/instance-00000002', ['state']]]);
    expect(changedCells([], after).size).toBe(0);
  });

  it('names the container’s own profile and its addresses to ping', () => {
    const rows = containerRows(lab);
    expect(rows[0]!.ipv4Addresses).toEqual(['198.51.100.4']);
    expect(ownProfileOf(rows[0]!)).toBe('instance-00000002');
    expect(ownProfileOf({ name: 'juju-79fcc7-22-lxd-0', profileList: ['default', 'juju-default'] })).toBe('juju-default');
    expect(ownProfileOf({ name: 'instance-00000014', profileList: ['instance-00000014', 'extra'] })).toBe('instance-00000014');
    expect(ownProfileOf({ name: 'bare', profileList: [] })).toBeNull();
  });

  it('keeps each address with its interface, for showing the interface apart', () => {
    const rows = containerRows(lab);
    expect(rows[0]!.ipv4List).toEqual([{ address: '198.51.100.4', iface: 'eth0' }]);
    expect(rows[0]!.ipv6List).toEqual([]);
    // The joined text stays what the filter and the sort read.
    expect(rows[0]!.ipv4).toBe('198.51.100.4 (eth0)');
  });

  it('shows the first items of a long list in a cell and counts the rest', () => {
    expect(compactList(['default', 'juju-default'], 2)).toEqual({ shown: ['default', 'juju-default'], more: 0 });
    expect(compactList(['default', 'juju-default', 'extra', 'gpu'], 2)).toEqual({ shown: ['default', 'juju-default'], more: 2 });
    expect(compactList([], 2)).toEqual({ shown: [], more: 0 });
    // A cell always shows at least one item: "+3" alone says nothing.
    expect(compactList(['a', 'b', 'c'], 0)).toEqual({ shown: ['a'], more: 2 });
  });
});
