// Each kind of change leads to the view that shows its object, focused on it.
import { describe, expect, it } from 'vitest';
import type { LabChange, LabObjectRef } from '../../../electron/contract/lab-diff';
import { changeTarget } from './change-targets';
import { paletteEntries } from '../../palette/palette-entries';

const change = (object: LabObjectRef): LabChange => ({ id: 'x', kind: 'changed', object, title: 'x', fields: [] });

describe('changeTarget', () => {
  it('opens every kind of object in its view', () => {
    const targets = [
      change({ type: 'container', machineId: '22', host: 'node03ob64', container: 'instance-0000000c' }),
      change({ type: 'unit', unit: 'glance/0', application: 'glance' }),
      change({ type: 'application', application: 'glance' }),
      change({ type: 'relation', ends: ['glance:identity-service', 'keystone:identity-service'] }),
      change({ type: 'machine', machineId: '22', hostname: 'node03ob64' }),
      change({ type: 'machine', machineId: '24/lxd/0', hostname: null }),
      change({ type: 'profile', machineId: '22', host: 'node03ob64', profile: 'instance-0000000c' }),
      change({ type: 'namespace', machineId: '26', host: 'node02ob64', namespace: 'qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566' }),
    ].map(changeTarget);
    expect(targets.map((target) => [target.label, target.focus])).toEqual([
      ['Show in Containers', { view: 'containers', filter: 'instance-0000000c' }],
      ['Show in Overview', { view: 'overview', target: { kind: 'unit', name: 'glance/0' } }],
      ['Show in Overview', { view: 'overview', target: { kind: 'application', name: 'glance' } }],
      ['Show in Overview', { view: 'overview', target: { kind: 'relation', key: 'glance:identity-service keystone:identity-service' } }],
      ['Show in Nodes', { view: 'nodes', machineId: '22' }],
      ['Show in Overview', { view: 'overview', target: { kind: 'machine', id: '24/lxd/0' } }],
      ['Show in Profiles', { view: 'profiles', machineId: '22', profile: 'instance-0000000c' }],
      ['Show in Network', { view: 'network', machineId: '26', namespace: 'qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566' }],
    ]);
    for (const target of targets) expect(target.view).toBe(target.focus.view);
  });

  it('is offered from the palette as "Compare with a snapshot…", with or without a lab', () => {
    const entries = paletteEntries({ inventory: null, terminals: [], labs: [], connection: null, presentationMode: false, theme: 'dark' });
    expect(entries.find((entry) => entry.id === 'action:compare-snapshot')).toMatchObject({ title: 'Compare with a snapshot…', command: { type: 'show', view: 'changes', focus: null } });
    expect(entries.find((entry) => entry.id === 'view:changes')).toMatchObject({ title: 'Go to Changes', shortcut: 'Alt+9' });
  });
});
