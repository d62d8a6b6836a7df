// The real Containers view of the walkthrough's lab with OpenStack read: each instance container
// shows its Nova server's name (lxc-test-1) and floating address, the project on hover, and the
// filter finds it by them; the server opens in the OpenStack view.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import ContainersView from './ContainersView.svelte';
import { ConsoleState } from '../../state/console-state.svelte';
import { openStackLab, PROJECT, SERVER_1 } from '../openstack/openstack-lab.fixture';

let component: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
});

function render(presentationMode = false) {
  const consoleState = new ConsoleState();
  consoleState.inventory = openStackLab();
  consoleState.connection = { labId: 'lab', labName: 'OrangeBox64', phase: 'connected', detail: '', since: '2026-12-07T10:00:00.000Z' };
  if (presentationMode) consoleState.settings = { presentationMode: true } as ConsoleState['settings'];
  const show = vi.spyOn(consoleState, 'show');
  const target = document.body.appendChild(document.createElement('div'));
  component = mount(ContainersView, { target, props: { consoleState, onTerminal: () => {} } });
  flushSync();
  return { target, show };
}

const row = (target: HTMLElement, name: string) => target.querySelector<HTMLElement>(`[data-container="${name}"]`);
const serverCell = (target: HTMLElement, name: string) => row(target, name)!.querySelector<HTMLElement>('.cell.owner')!;

describe('Containers and Nova servers', () => {
  it('shows each instance container’s server name and floating address, with its project on hover', () => {
    const { target } = render();
    const cell = serverCell(target, 'instance-0000000c');
    expect(cell.querySelector('button')!.textContent).toBe('lxc-test-1');
    expect(cell.querySelector('button')!.title).toContain(`in project ${PROJECT}`);
    expect(cell.querySelector('.floating')!.textContent).toBe('198.51.100.31');
    // A container Nova does not know has an empty server cell.
    expect(serverCell(target, 'instance-000000ff').textContent!.trim()).toBe('');
  });

  it('opens the server in the OpenStack view', () => {
    const { target, show } = render();
    serverCell(target, 'instance-0000000c').querySelector('button')!.click();
    expect(show).toHaveBeenCalledWith('openstack', { view: 'openstack', serverId: SERVER_1 });
  });

  it('finds a container by its server’s name', () => {
    const { target } = render();
    const input = target.querySelector<HTMLInputElement>('input[aria-label="Filter containers"]')!;
    input.value = 'lxc-test-2';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    expect([...target.querySelectorAll<HTMLElement>('[data-container]')].map((element) => element.dataset.container)).toEqual(['instance-00000012']);
  });

  it('shows the server in presentation mode, in the profiles’ place', () => {
    const { target } = render(true);
    const headings = [...target.querySelectorAll('[role="columnheader"]')].map((cell) => cell.textContent!.trim().replace(/ [▲▼]$/, ''));
    expect(headings).toContain('Nova / Juju');
    expect(headings).not.toContain('Profiles');
    expect(serverCell(target, 'instance-0000000c').textContent).toContain('lxc-test-1');
  });
});
