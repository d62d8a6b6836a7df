// The Network view's container picker and chain heading name the Nova server a container is.
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import InstancePlumbing from './InstancePlumbing.svelte';
import { containerPlumbing } from './plumbing-chain';
import { openStackLab } from '../openstack/openstack-lab.fixture';

let component: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
});

describe('instance plumbing and Nova servers', () => {
  it('names the server beside the container in the picker and the heading, with its floating address and project', () => {
    const inventory = openStackLab();
    const target = document.body.appendChild(document.createElement('div'));
    component = mount(InstancePlumbing, {
      target,
      props: { containers: inventory.links.containers, selected: '22/instance-0000000c', plumbing: containerPlumbing(inventory, '22', 'instance-0000000c'), machineName: (id: string) => `machine ${id}`, onSelect: () => {}, onTerminal: () => {} },
    });
    flushSync();
    const options = [...target.querySelectorAll('option')].map((option) => option.textContent!.trim());
    expect(options).toContain('instance-0000000c (lxc-test-1) — machine 22 (not on Neutron)');
    expect(options).toContain('instance-000000ff — machine 22 (not on Neutron)');
    expect(target.querySelector('#plumbing-title')!.textContent).toContain('Nova server lxc-test-1, floating 198.51.100.31, project 5b2d1f8a9c7e4d3b8a6f0e1c2d3b4a59');
  });
});
