// The Containers view marks the cells a refresh changed, mounted in a DOM and fed the inventory
// the core built of the test lab, then that inventory as a refresh would bring it: a container
// stopped (its state and its address change), probes streaming in one by one meanwhile.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import ContainersView from './ContainersView.svelte';
import { ConsoleState } from '../../state/console-state.svelte';
import type { LabInventory } from '../../../electron/contract/inventory';
import type { LxcList } from '../../../electron/contract/lab-model';
// Imported, not read from disk: under the DOM environment `new URL(…, import.meta.url)` is a page URL.
import labJson from '../network/fixtures/orangebox-lab-inventory.json';

const lab = labJson as unknown as LabInventory;
/** Longer than the view keeps a change highlighted (4 s). */
const PAST_HIGHLIGHT_MS = 5000;
const STOPPED = 'juju-79fcc7-22-lxd-0';

/** The inventory with one container of a machine stopped (no address), as `lxc list` says it. */
function withStopped(inventory: LabInventory, name: string, machineId = '22'): LabInventory {
  return {
    ...inventory,
    probes: inventory.probes.map((probe) =>
      probe.probeId === 'lxc-list' && probe.machineId === machineId
        ? { ...probe, value: { instances: (probe.value as LxcList).instances.map((instance) => (instance.name === name ? { ...instance, state: 'STOPPED', ipv4: [], ipv6: [] } : instance)) } }
        : probe,
    ),
  };
}

/** The same content in new objects: what each streamed probe or the refresh's answer brings. */
const copyOf = (inventory: LabInventory): LabInventory => structuredClone(inventory);

let component: ReturnType<typeof mount> | null = null;
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
  vi.useRealTimers();
});

function render(inventory: LabInventory) {
  const consoleState = new ConsoleState();
  consoleState.inventory = inventory;
  const target = document.body.appendChild(document.createElement('div'));
  component = mount(ContainersView, { target, props: { consoleState, onTerminal: () => undefined } });
  flushSync();
  return { consoleState, target };
}

function update(consoleState: ConsoleState, inventory: LabInventory) {
  consoleState.inventory = inventory;
  flushSync();
}

/** "container field" for every highlighted cell, in page order. */
const highlighted = (target: HTMLElement) =>
  [...target.querySelectorAll<HTMLElement>('[role="cell"].changed')].map((cell) => {
    const field = [...cell.classList].find((name) => name !== 'cell' && name !== 'changed');
    return `${cell.closest<HTMLElement>('[role="row"]')!.dataset.container} ${field}`;
  });

describe('changed cells in the Containers table', () => {
  it('highlights nothing on the first reading, nor when a refresh changes nothing', () => {
    const { consoleState, target } = render(lab);
    expect(highlighted(target)).toEqual([]);
    update(consoleState, copyOf(lab));
    expect(highlighted(target)).toEqual([]);
  });

  it('highlights exactly the cells a refresh changed, and lets them go after a while', () => {
    const { consoleState, target } = render(lab);
    update(consoleState, withStopped(lab, STOPPED));
    expect(highlighted(target)).toEqual([`${STOPPED} state`, `${STOPPED} ipv4`]);
    expect(target.querySelector(`[data-container="${STOPPED}"] .cell.state`)!.textContent).toBe('STOPPED');
    vi.advanceTimersByTime(PAST_HIGHLIGHT_MS);
    flushSync();
    expect(highlighted(target)).toEqual([]);
  });

  it('lets the highlight go even when more of the same refresh arrives after the change', () => {
    const { consoleState, target } = render(lab);
    const stopped = withStopped(lab, STOPPED);
    update(consoleState, stopped);
    expect(highlighted(target)).toEqual([`${STOPPED} state`, `${STOPPED} ipv4`]);
    // Other machines' probes stream in, then the refresh's answer: nothing new in the rows.
    update(consoleState, copyOf(stopped));
    update(consoleState, copyOf(stopped));
    expect(highlighted(target)).toEqual([`${STOPPED} state`, `${STOPPED} ipv4`]);
    vi.advanceTimersByTime(PAST_HIGHLIGHT_MS);
    flushSync();
    expect(highlighted(target)).toEqual([]);
  });

  it('keeps every change of one refresh highlighted when its machines’ readings arrive one by one', () => {
    const { consoleState, target } = render(lab);
    const other = (lab.probes.find((probe) => probe.probeId === 'lxc-list' && probe.machineId === '24')!.value as LxcList).instances[0]!.name;
    const first = withStopped(lab, STOPPED);
    update(consoleState, first);
    // Machine 24's reading comes in a moment later, in the same refresh.
    update(consoleState, withStopped(first, other, '24'));
    expect(highlighted(target).sort()).toEqual([`${STOPPED} state`, `${STOPPED} ipv4`, `${other} state`, `${other} ipv4`].sort());
    vi.advanceTimersByTime(PAST_HIGHLIGHT_MS);
    flushSync();
    expect(highlighted(target)).toEqual([]);
  });

  it('highlights the container again when it comes back', () => {
    const { consoleState, target } = render(lab);
    update(consoleState, withStopped(lab, STOPPED));
    vi.advanceTimersByTime(PAST_HIGHLIGHT_MS);
    flushSync();
    update(consoleState, copyOf(lab));
    expect(highlighted(target)).toEqual([`${STOPPED} state`, `${STOPPED} ipv4`]);
    expect(target.querySelector(`[data-container="${STOPPED}"] .cell.state`)!.textContent).toBe('RUNNING');
  });
});
