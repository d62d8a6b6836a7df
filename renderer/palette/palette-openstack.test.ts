// The palette on the walkthrough's lab with OpenStack read: an instance's container is found by its
// Nova server's name ("lxc-test-1"), and the server opens in the OpenStack view.
import { describe, expect, it } from 'vitest';
import { paletteEntries } from './palette-entries';
import { rankEntries } from './palette-search';
import { openStackLab, SERVER_1 } from '../views/openstack/openstack-lab.fixture';

const ranked = (query: string) =>
  rankEntries(paletteEntries({ inventory: openStackLab(), terminals: [], labs: [], connection: null, presentationMode: false, theme: 'dark' }), query, []).map((entry) => entry.entry);

describe('the palette and Nova servers', () => {
  it('finds the container of server lxc-test-1 by the server’s name, and names the server beside the container', () => {
    const found = ranked('lxc-test-1');
    expect(found.slice(0, 2).map((entry) => entry.title).sort()).toEqual(['Server lxc-test-1', 'instance-0000000c (lxc-test-1)']);
    const container = found.find((entry) => entry.id === 'container:22/instance-0000000c')!;
    expect(container.detail).toBe('server lxc-test-1 · node03ob64 · running · 10.5.5.11 · 198.51.100.31');
    expect(container.command).toEqual({ type: 'show', view: 'containers', focus: { view: 'containers', filter: 'instance-0000000c' } });
    expect(found.find((entry) => entry.title === 'Server lxc-test-1')!.command).toEqual({ type: 'show', view: 'openstack', focus: { view: 'openstack', serverId: SERVER_1 } });
  });

  it('finds a container by its floating address', () => {
    expect(ranked('198.51.100.32')[0]!.title).toContain('instance-00000012');
  });

  it('lists the OpenStack view with its shortcut', () => {
    expect(ranked('go openstack')[0]).toMatchObject({ title: 'Go to OpenStack', shortcut: 'Alt+0', command: { type: 'show', view: 'openstack', focus: null } });
  });
});
