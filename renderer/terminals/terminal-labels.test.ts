import { describe, expect, it } from 'vitest';
import { shortNamespace, stateLabel, tabLabel } from './terminal-labels';

describe('short words for a terminal', () => {
  it('names a tab after what the terminal is in', () => {
    expect(tabLabel({ kind: 'container', machineId: '22', container: 'instance-0000000c' })).toBe('instance-0000000c');
    expect(tabLabel({ kind: 'namespace', machineId: '26', namespace: 'qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566' })).toBe('qrouter-35fea0f3…');
    expect(tabLabel({ kind: 'machine', machineId: 'controller' })).toBe('controller');
    expect(tabLabel({ kind: 'machine', machineId: '24' })).toBe('machine 24');
    expect(tabLabel({ kind: 'juju-ssh', machineId: '23' })).toBe('juju ssh 23');
    expect(tabLabel({ kind: 'local' })).toBe('local shell');
  });

  it('keeps a namespace name that is not Neutron’s as it is', () => {
    expect(shortNamespace('blue')).toBe('blue');
  });

  it('says the state in words, with the exit status', () => {
    expect(stateLabel({ state: 'exited', exitCode: 130 })).toBe('exited 130');
    expect(stateLabel({ state: 'exited', exitCode: null })).toBe('ended');
    expect(stateLabel({ state: 'disconnected', exitCode: null })).toBe('disconnected');
  });
});
