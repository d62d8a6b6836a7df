// The real Nodes view of the walkthrough's lab with OpenStack read: each compute node's card shows
// Nova's hypervisor row, and the node whose hypervisor is QEMU, or that Nova does not list, is flagged.
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import NodesView from './NodesView.svelte';
import { ConsoleState } from '../../state/console-state.svelte';
import type { LabInventory } from '../../../electron/contract/inventory';
import { openStackLab, openStackUnavailableLab } from '../openstack/openstack-lab.fixture';

let component: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
});

function render(inventory: LabInventory): HTMLElement {
  const consoleState = new ConsoleState();
  consoleState.inventory = inventory;
  consoleState.connection = { labId: 'lab', labName: 'OrangeBox64', phase: 'connected', detail: '', since: '2026-12-07T10:00:00.000Z' };
  const target = document.body.appendChild(document.createElement('div'));
  component = mount(NodesView, { target, props: { consoleState } });
  flushSync();
  return target;
}

const novaRow = (target: HTMLElement, machineId: string) => target.querySelector<HTMLElement>(`[data-machine="${machineId}"] [data-testid="nova-hypervisor"]`);

describe('Nodes: Nova’s hypervisor row on each compute node', () => {
  it('shows type, state, status, vCPUs, memory and running instances of an lxd node, unflagged', () => {
    const row = novaRow(render(openStackLab()), '22')!;
    expect(row.textContent!.replace(/\s+/g, ' ').trim()).toBe('lxd up, enabled · vCPUs 2 of 16 · memory 4.0 of 31.3 GiB · 1 running');
    expect(row.classList.contains('flagged')).toBe(false);
    expect(row.querySelector('[role="note"]')).toBeNull();
  });

  it('flags the node Nova reports as QEMU, in the finding’s words', () => {
    const row = novaRow(render(openStackLab()), '24')!;
    expect(row.classList.contains('flagged')).toBe(true);
    expect(row.querySelector('strong')!.textContent).toBe('QEMU');
    expect(row.querySelector('[role="note"]')!.textContent).toContain('Nova reports node05ob64 as a QEMU hypervisor, not lxd.');
  });

  it('flags a compute node that Nova does not list', () => {
    const inventory = openStackLab();
    const openstack = inventory.links.openstack!;
    const withoutNode03 = { ...inventory, links: { ...inventory.links, openstack: { ...openstack, hypervisors: openstack.hypervisors.filter((row) => row.hostname !== 'node03ob64') } } };
    const row = novaRow(render(withoutNode03), '22')!;
    expect(row.classList.contains('flagged')).toBe(true);
    expect(row.querySelector('[role="note"]')!.textContent).toContain('Nova does not list node03ob64 as a hypervisor');
  });

  it('names the Nova server and floating address of each instance container in the card’s container list', () => {
    const target = render(openStackLab());
    const item = target.querySelector<HTMLElement>('[data-machine="22"] li[data-container="instance-0000000c"]')!;
    expect(item.querySelector('.server')!.textContent).toBe('lxc-test-1 · 198.51.100.31');
    expect(target.querySelector('[data-machine="22"] li[data-container="instance-000000ff"] .server')).toBeNull();
  });

  it('shows no row on machines that are not compute nodes, and says why when OpenStack was not read', () => {
    const target = render(openStackLab());
    expect(novaRow(target, '26')).toBeNull();
    const unavailable = novaRow(render(openStackUnavailableLab({ reason: 'no-client', message: 'The controller has no openstack command.', candidates: [] })), '22')!;
    expect(unavailable.textContent).toContain('not read: The controller has no openstack command.');
  });
});
