// The real Containers view mounted in a DOM, fed the inventory the core built of the test lab
// (its four nodes' `lxc list`) and, for scale, those containers copied onto fifty nodes.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import ContainersView from './ContainersView.svelte';
import { ConsoleState } from '../../state/console-state.svelte';
import { containerRows, type ContainerRow } from './container-rows';
import type { InventoryMachine, LabInventory, ProbeOutcome } from '../../../electron/contract/inventory';
import type { LxcList } from '../../../electron/contract/lab-model';
import type { ConnectionState } from '../../../electron/contract/payloads';
// Imported, not read from disk: under the DOM environment `new URL(…, import.meta.url)` is a page URL.
import labJson from '../network/fixtures/orangebox-lab-inventory.json';

const lab = labJson as unknown as LabInventory;

/** The scale the view must stay usable at (test/bench/synthetic-inventory.mjs uses the same). */
const SCALE_NODES = 50;
const SCALE_CONTAINERS = 5000;

/** The fixture node's real instances, renamed and spread over many nodes until there are `total`. */
function scaledInventory(total: number, nodes: number): LabInventory {
  const real = lab.probes.filter((probe) => probe.probeId === 'lxc-list').flatMap((probe) => (probe.value as LxcList).instances);
  const template = lab.machines.find((candidate) => candidate.roles.includes('compute')) ?? lab.machines[0]!;
  const machines: InventoryMachine[] = Array.from({ length: nodes }, (_, index) => ({ ...template, id: String(100 + index), hostname: `node${String(index).padStart(2, '0')}ob64` }));
  const lxcList = lab.probes.find((probe) => probe.probeId === 'lxc-list')!;
  const probes: ProbeOutcome[] = machines.map((node, nodeIndex) => {
    const instances = [];
    for (let index = nodeIndex; index < total; index += nodes) {
      const template = real[index % real.length]!;
      instances.push({ ...template, name: `instance-${index.toString(16).padStart(8, '0')}` });
    }
    return { ...lxcList, machineId: node.id, value: { instances } };
  });
  return { labId: 'lab', refreshing: false, refreshedAt: null, lastRefreshMs: null, machines, probes, links: { containers: [] } };
}

/** jsdom does no layout: the table's scrolling viewport is given a screen's height (its other
 * elements keep jsdom's 0, so rows keep the view's fallback height). */
const VIEWPORT_PX = 600;
/** A screenful of rows at the view's fallback row height, and its overscan above and below. */
const MOST_ROWS_IN_PAGE = Math.ceil(VIEWPORT_PX / 34) + 2 * 8;
const clientHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight')!;
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('viewport') ? VIEWPORT_PX : clientHeight.get!.call(this);
    },
  });
});
afterAll(() => {
  delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
});

let component: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
});

/** Terminals and pings need a live lab: these tests show one connected. */
const CONNECTED: ConnectionState = { labId: 'lab-test0001', labName: 'OrangeBox64', phase: 'connected', detail: 'ubuntu@127.0.1.1:22', since: '2026-12-07T10:00:00.000Z' };

function render(inventory: LabInventory, connection: ConnectionState = CONNECTED) {
  const consoleState = new ConsoleState();
  consoleState.inventory = inventory;
  consoleState.connection = connection;
  const show = vi.spyOn(consoleState, 'show');
  const onTerminal = vi.fn<(row: ContainerRow) => void>();
  const target = document.body.appendChild(document.createElement('div'));
  component = mount(ContainersView, { target, props: { consoleState, onTerminal } });
  flushSync();
  return { consoleState, show, onTerminal, target };
}

const bodyRows = (target: HTMLElement) => [...target.querySelectorAll<HTMLElement>('.viewport [role="row"]')];
const shownNames = (target: HTMLElement) => bodyRows(target).map((row) => row.dataset.container).filter((name): name is string => Boolean(name));
const filterBox = (target: HTMLElement) => target.querySelector<HTMLInputElement>('input[aria-label="Filter containers"]')!;
const sortButton = (target: HTMLElement, label: string) =>
  [...target.querySelectorAll<HTMLButtonElement>('[role="columnheader"] button.sort')].find((button) => button.textContent!.startsWith(label))!;

function type(input: HTMLInputElement, text: string) {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

describe('the Containers table at scale', () => {
  it('puts only a window of the 5,000 rows in the page, and says how many there are', () => {
    const inventory = scaledInventory(SCALE_CONTAINERS, SCALE_NODES);
    const { target } = render(inventory);
    const table = target.querySelector('[role="table"]')!;
    expect(Number(table.getAttribute('aria-rowcount'))).toBe(SCALE_CONTAINERS + 1);
    expect(target.querySelector('h1 + p')!.textContent).toContain(`${SCALE_CONTAINERS} containers on ${SCALE_NODES} nodes`);
    const rows = bodyRows(target);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(MOST_ROWS_IN_PAGE);
  });

  it('replaces the rows in the page as the table scrolls', () => {
    const { target } = render(scaledInventory(SCALE_CONTAINERS, SCALE_NODES));
    const first = shownNames(target);
    const viewport = target.querySelector<HTMLElement>('.viewport')!;
    viewport.scrollTop = 2000 * 34;
    viewport.dispatchEvent(new Event('scroll'));
    flushSync();
    const later = bodyRows(target);
    expect(later.length).toBeLessThanOrEqual(MOST_ROWS_IN_PAGE);
    expect(later.map((row) => row.dataset.container)).not.toEqual(first);
    // Each row says where it is among all of them, which is past the first window.
    expect(Math.min(...later.map((row) => Number(row.getAttribute('aria-rowindex'))))).toBeGreaterThan(1000);
  });
});

describe('the Containers table of the test lab', () => {
  const inventory = lab;
  const rows = containerRows(inventory);
  const nodes = [...new Set(rows.map((row) => row.machineId))];

  it('shows a row per container of every node, with its node', () => {
    expect(nodes.length).toBeGreaterThan(1);
    const { target } = render(inventory);
    expect(shownNames(target).sort()).toEqual(rows.map((row) => row.name).sort());
    for (const row of rows) expect(target.querySelector(`[data-container="${row.name}"] .cell.node`)!.textContent).toBe(row.node);
  });

  it('sorts by name when the Name header is pressed, and reverses on a second press', () => {
    const { target } = render(inventory);
    const byName = rows.map((row) => row.name).sort(new Intl.Collator(undefined, { sensitivity: 'variant' }).compare);
    sortButton(target, 'Name').click();
    flushSync();
    expect(shownNames(target)).toEqual(byName);
    expect(sortButton(target, 'Name').closest('[role="columnheader"]')!.getAttribute('aria-sort')).toBe('ascending');
    sortButton(target, 'Name').click();
    flushSync();
    expect(shownNames(target)).toEqual([...byName].reverse());
    expect(sortButton(target, 'Name').closest('[role="columnheader"]')!.getAttribute('aria-sort')).toBe('descending');
  });

  it('narrows the rows to those the filter matches', () => {
    const { target } = render(inventory);
    const wanted = rows[rows.length - 1]!.name;
    type(filterBox(target), wanted);
    const kept = rows.filter((row) => row.name.includes(wanted) || row.profiles.includes(wanted));
    expect(shownNames(target).sort()).toEqual(kept.map((row) => row.name).sort());
    expect(shownNames(target).length).toBeLessThan(rows.length);
    type(filterBox(target), 'no-container-is-called-this');
    expect(bodyRows(target)).toHaveLength(0);
  });

  it('takes its filter from the focus another view opened it with', () => {
    const wanted = rows[0]!.name;
    const { consoleState, target } = render(inventory);
    consoleState.focus = { view: 'containers', filter: wanted };
    flushSync();
    expect(filterBox(target).value).toBe(wanted);
    expect(shownNames(target)).toContain(wanted);
  });

  it('inserts a heading per node when grouped by node', () => {
    const { target } = render(inventory);
    const grouping = [...target.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].find((box) => box.parentElement!.textContent!.includes('Group by node'))!;
    expect(target.querySelectorAll('.cell.heading')).toHaveLength(0);
    grouping.click();
    flushSync();
    const expected = [...nodes].sort((a, b) => Number(a) - Number(b)).map((id) => {
      const own = rows.filter((row) => row.machineId === id);
      return `${own[0]!.node} (machine ${id}) · ${own.length}`;
    });
    expect([...target.querySelectorAll('.cell.heading')].map((heading) => heading.textContent!.trim())).toEqual(expected);
    // Each heading is followed by its own node's rows.
    let node: string | null = null;
    for (const line of bodyRows(target)) {
      const heading = line.querySelector('.cell.heading');
      if (heading) node = heading.textContent!.split(' (')[0]!;
      else expect(rows.find((row) => row.name === line.dataset.container)!.node).toBe(node);
    }
  });

  it('opens a terminal, the profile, the plumbing and a ping from a row', () => {
    // A Nova instance: its own profile is named after it.
    const row = rows.find((candidate) => candidate.ipv4Addresses.length > 0 && candidate.profileList.includes(candidate.name))!;
    expect(row).toBeDefined();
    const { target, show, onTerminal } = render(inventory);
    const line = target.querySelector<HTMLElement>(`[data-container="${row.name}"]`)!;
    const button = (name: RegExp) => [...line.querySelectorAll<HTMLButtonElement>('button')].find((candidate) => name.test(candidate.textContent!.trim()))!;

    button(/^Terminal$/).click();
    expect(onTerminal).toHaveBeenCalledWith(expect.objectContaining({ key: row.key, name: row.name }));

    const menu = line.querySelector('[role="menu"]')!;
    expect(menu.getAttribute('aria-label')).toBe(`Actions for ${row.name}`);
    button(/^Show profile/).click();
    expect(show).toHaveBeenLastCalledWith('profiles', { view: 'profiles', machineId: row.machineId, profile: row.name });
    button(/^Show plumbing$/).click();
    expect(show).toHaveBeenLastCalledWith('network', { view: 'network', machineId: row.machineId, container: row.name });
    button(/^Ping/).click();
    expect(show).toHaveBeenLastCalledWith('diagnostics', { view: 'diagnostics', targets: row.ipv4Addresses });
  });

  it('in a snapshot, a row\'s terminal and ping are disabled and say a snapshot is read-only; its profile and plumbing still open', () => {
    const row = rows.find((candidate) => candidate.ipv4Addresses.length > 0 && candidate.profileList.includes(candidate.name))!;
    const snapshot: ConnectionState = { ...CONNECTED, labId: 'snapshot-0123456789ab', snapshot: { labName: 'OrangeBox64', takenAt: '2026-12-07T10:00:00.000Z', kind: 'capture', file: null } };
    const { target, show, onTerminal } = render(inventory, snapshot);
    const line = target.querySelector<HTMLElement>(`[data-container="${row.name}"]`)!;
    const button = (name: RegExp) => [...line.querySelectorAll<HTMLButtonElement>('button')].find((candidate) => name.test(candidate.textContent!.trim()))!;
    for (const action of [button(/^Terminal$/), button(/^Ping/)]) {
      expect(action.disabled).toBe(true);
      expect(action.title).toMatch(/^A snapshot is read-only: this needs a live lab\. This is a snapshot of OrangeBox64;/);
    }
    button(/^Terminal$/).click();
    expect(onTerminal).not.toHaveBeenCalled();
    button(/^Show plumbing$/).click();
    expect(show).toHaveBeenLastCalledWith('network', { view: 'network', machineId: row.machineId, container: row.name });
  });

  it('asks to connect when there is no inventory', () => {
    const consoleState = new ConsoleState();
    const target = document.body.appendChild(document.createElement('div'));
    component = mount(ContainersView, { target, props: { consoleState, onTerminal: () => {} } });
    flushSync();
    expect(target.textContent).toContain('Connect to the lab to see its containers.');
    expect(target.querySelector('[role="table"]')).toBeNull();
  });
});
