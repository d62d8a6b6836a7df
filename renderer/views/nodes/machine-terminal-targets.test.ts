import { describe, expect, it } from 'vitest';
import type { ProbeOutcome } from '../../../electron/contract/inventory';
import { canExec, containersOf, namespacesOf } from './machine-terminal-targets';

const outcome = (probeId: string, value: unknown): ProbeOutcome => ({
  machineId: '22',
  probeId,
  command: probeId,
  startedAt: '2025-01-01T00:00:00Z',
  durationMs: 1,
  status: 'ok',
  value,
  format: null,
  problems: [],
  error: null,
});

describe('what on a machine can have a terminal', () => {
  it('lists the containers lxc list showed, by name, with their state', () => {
    const probes = [outcome('lxc-list', { instances: [{ name: 'juju-79fcc7-22-lxd-0', state: 'RUNNING' }, { name: 'instance-00000002', state: 'STOPPED' }] })];
    expect(containersOf(probes)).toEqual([
      { name: 'instance-00000002', state: 'STOPPED' },
      { name: 'juju-79fcc7-22-lxd-0', state: 'RUNNING' },
    ]);
    expect(containersOf(probes).map(canExec)).toEqual([false, true]);
  });

  it('lists namespaces with routers first', () => {
    const probes = [outcome('ip-netns', { namespaces: [{ name: 'qdhcp-1', kind: 'qdhcp' }, { name: 'qrouter-2', kind: 'qrouter' }, { name: 'blue', kind: 'other' }] })];
    expect(namespacesOf(probes).map((namespace) => namespace.name)).toEqual(['qrouter-2', 'qdhcp-1', 'blue']);
  });

  it('shows nothing for a probe that failed or said something unexpected', () => {
    expect(containersOf([])).toEqual([]);
    expect(containersOf([outcome('lxc-list', null)])).toEqual([]);
    expect(containersOf([outcome('lxc-list', { instances: 'nope' })])).toEqual([]);
    expect(namespacesOf([outcome('ip-netns', { namespaces: [{ kind: 'qrouter' }] })])).toEqual([]);
  });
});
