import { describe, expect, it } from 'vitest';
import { containerKey, parseContainerKey, sectionForFocus } from './network-focus';

describe('the Network view opened with a focus', () => {
  it('shows a container’s plumbing', () => {
    expect(sectionForFocus({ view: 'network', machineId: '24', container: 'instance-00000014' })).toEqual({ section: 'plumbing', container: '24/instance-00000014', namespace: null });
  });

  it('shows a gateway namespace', () => {
    expect(sectionForFocus({ view: 'network', machineId: '26', namespace: 'qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566' })).toEqual({
      section: 'gateway',
      container: null,
      namespace: { machineId: '26', namespace: 'qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566' },
    });
  });

  it('keys a container by its machine, and reads the key back', () => {
    expect(parseContainerKey(containerKey('22', 'instance-0000000c'))).toEqual({ machineId: '22', container: 'instance-0000000c' });
    expect(parseContainerKey('instance-0000000c')).toBeNull();
    expect(parseContainerKey('22/')).toBeNull();
  });
});
