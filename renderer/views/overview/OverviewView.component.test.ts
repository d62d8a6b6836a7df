// The real Overview mounted in a DOM with a Juju model at the benchmarks' scale (1,000 units on
// 50 machines with a container each, 25 applications of 40 units): a row asked for from the palette is brought
// into its windowed table, focused and marked; an application's row opens its detail, which leads
// on to a unit's row; a relation's row appears in the table, focused, both ends marked; a machine's
// and a container's rows open their terminals.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, tick, unmount } from 'svelte';
import OverviewView from './OverviewView.svelte';
import { ConsoleState } from '../../state/console-state.svelte';
import type { InventoryMachine, LabInventory } from '../../../electron/contract/inventory';
import type { JujuMachine, JujuRelation, JujuStatus, JujuUnit } from '../../../electron/contract/lab-model';
import type { OverviewTarget } from '../../state/view-focus';

const APPLICATIONS = 25;
const UNITS = 1000;
const MACHINES = 50;
const app = (index: number) => `app-${String(index % APPLICATIONS).padStart(3, '0')}`;

/** Units spread over the applications in turn (app-024/39 is the last line), each on a machine. */
function largeModel(): JujuStatus {
  const units: JujuUnit[] = Array.from({ length: UNITS }, (_, index) => ({
    name: `${app(index)}/${Math.floor(index / APPLICATIONS)}`,
    application: app(index),
    // app-000's units run in their machine's container; the others on the machine itself.
    machine: index % APPLICATIONS === 0 ? `${1 + (index % MACHINES)}/lxd/0` : String(1 + (index % MACHINES)),
    address: `198.51.100.${1 + (index % 250)}`,
    workloadStatus: 'active',
    agentStatus: 'idle',
    message: 'Unit is ready',
    leader: index < APPLICATIONS,
    principal: null,
    ports: [],
  }));
  const machines: JujuMachine[] = Array.from({ length: MACHINES }, (_, index): JujuMachine[] => {
    const id = String(1 + index);
    const base = { state: 'started', series: 'jammy', base: null, availabilityZone: null, message: null };
    return [
      { id, parent: null, containerType: null, address: `10.0.0.${1 + index}`, instanceId: `node-${index}`, ...base },
      { id: `${id}/lxd/0`, parent: id, containerType: 'lxd', address: `10.0.1.${1 + index}`, instanceId: `juju-bench-${id}-lxd-0`, ...base },
    ];
  }).flat();
  const relations: JujuRelation[] = Array.from({ length: APPLICATIONS - 1 }, (_, index) => ({
    application: app(index),
    endpoint: `ep-${index}`,
    relatedApplication: app(index + 1),
    relatedEndpoint: null,
    interface: `if-${index}`,
    type: 'regular',
    message: null,
  }));
  return {
    model: { name: 'bench', controller: 'maas', cloud: 'maas', region: null, version: '2.9.42', type: 'iaas', sla: null, timestamp: null, notes: null },
    applications: Array.from({ length: APPLICATIONS }, (_, index) => ({
      name: app(index),
      charm: app(index),
      charmRev: 7,
      version: '1.0',
      status: 'active',
      message: null,
      scale: UNITS / APPLICATIONS,
      exposed: false,
      subordinateTo: [],
      channel: 'stable',
      store: 'charmhub',
      series: 'jammy',
      base: null,
    })),
    units,
    machines,
    relations,
    saas: [],
    otherSections: [],
  };
}

function inventory(status: JujuStatus): LabInventory {
  const machines: InventoryMachine[] = Array.from({ length: MACHINES }, (_, index) => ({ id: String(1 + index), hostname: `node${index}`, address: null, roles: ['compute'], applications: [], jujuState: 'started', route: null, routeError: null, hypervisor: null }));
  const juju = { machineId: 'controller', probeId: 'juju-status', command: 'juju status --format=json', startedAt: '2026-01-01T00:00:00.000Z', durationMs: 1, status: 'ok' as const, value: status, format: 'json' as const, problems: [], error: null };
  return { labId: 'lab', refreshing: false, refreshedAt: null, lastRefreshMs: null, machines, probes: [juju], links: { containers: [] } };
}

const LAST_APP = app(APPLICATIONS - 1);
const PREVIOUS_APP = app(APPLICATIONS - 2);

beforeAll(() => {
  // jsdom does not scroll a page: where the view asks for it is all there is to see.
  Element.prototype.scrollIntoView = vi.fn();
  // Nor has it CSS.escape; the view's names need no escaping beyond quotes in a selector.
  globalThis.CSS ??= { escape: (value: string) => value.replace(/["\\]/g, '\\$&') } as typeof CSS;
});

let component: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
});

/** The Overview as the palette opens it: the focus is set, then the view mounts. */
async function render(target: OverviewTarget | null = null) {
  const consoleState = new ConsoleState();
  consoleState.inventory = inventory(largeModel());
  // Terminals need a live lab: the Overview is shown connected.
  consoleState.connection = { labId: 'lab-test0001', labName: 'OrangeBox64', phase: 'connected', detail: 'ubuntu@127.0.1.1:22', since: '2026-12-07T10:00:00.000Z' };
  if (target) consoleState.show('overview', { view: 'overview', target });
  const open = vi.spyOn(consoleState.terminals, 'open').mockResolvedValue();
  const element = document.body.appendChild(document.createElement('div'));
  component = mount(OverviewView, { target: element, props: { consoleState } });
  await settle();
  return { consoleState, open, element };
}

/** The view's effects, then the tick its reveal waits for, then the table's own tick to focus. */
async function settle() {
  flushSync();
  for (let step = 0; step < 3; step += 1) await tick();
  flushSync();
}

const row = (element: HTMLElement, selector: string) => element.querySelector<HTMLElement>(selector);

describe('the Overview at a thousand units', () => {
  it('brings a unit asked for from the palette into its windowed table, focused and marked', async () => {
    const last = `${app(UNITS - 1)}/${Math.floor((UNITS - 1) / APPLICATIONS)}`;
    const { element } = await render({ kind: 'unit', name: last });
    const unit = row(element, `[data-unit-row="${last}"]`)!;
    expect(unit, 'the last line is in the page').not.toBeNull();
    expect(unit.getAttribute('aria-rowindex')).toBe(String(UNITS + 1));
    expect(unit.getAttribute('aria-current')).toBe('true');
    expect(document.activeElement).toBe(unit);
    // Only a window of the thousand lines is in the page.
    expect(element.querySelectorAll('[data-unit-row]').length).toBeLessThan(50);
  });

  it('brings a Juju container asked for from the palette into the machines table, focused', async () => {
    const { element } = await render({ kind: 'machine', id: `${MACHINES}/lxd/0` });
    const machine = row(element, `[data-machine-row="${MACHINES}/lxd/0"]`)!;
    expect(machine).not.toBeNull();
    expect(document.activeElement).toBe(machine);
    expect(machine.classList.contains('selected')).toBe(true);
  });

  it('clears a filter that hides what the palette asks for', async () => {
    const { consoleState, element } = await render();
    const filter = element.querySelector<HTMLInputElement>('input[placeholder^="Filter"]')!;
    filter.value = `${app(1)}/`;
    filter.dispatchEvent(new Event('input', { bubbles: true }));
    flushSync();
    expect(row(element, `[data-unit-row="${app(2)}/0"]`)).toBeNull();
    const far = `${PREVIOUS_APP}/${UNITS / APPLICATIONS - 1}`;
    consoleState.show('overview', { view: 'overview', target: { kind: 'unit', name: far } });
    await settle();
    expect(filter.value).toBe('');
    expect(document.activeElement).toBe(row(element, `[data-unit-row="${far}"]`));
  });

  it('opens an application’s detail from a click on its row, and leads on to one of its units', async () => {
    const { element } = await render();
    const application = row(element, `tr[data-application-row="${LAST_APP}"]`)!;
    application.querySelector<HTMLElement>('td.message')!.click();
    await settle();
    const name = application.querySelector('button')!;
    expect(name.getAttribute('aria-expanded')).toBe('true');
    const detail = row(element, `[data-application-detail="${LAST_APP}"]`)!;
    const links = [...detail.querySelectorAll<HTMLElement>('[data-unit-link]')];
    // A large application's units are cut short in the detail; all are marked in the table.
    expect(links.length).toBeLessThan(UNITS / APPLICATIONS);
    expect(detail.textContent).toContain('more, marked in Units');
    expect(row(element, `[data-unit-row="${LAST_APP}/0"]`)!.classList.contains('selected')).toBe(true);
    expect(detail.querySelector(`[data-application-link="${PREVIOUS_APP}"]`)).not.toBeNull();
    links.at(-1)!.click();
    await settle();
    const unit = row(element, `[data-unit-row="${links.at(-1)!.dataset.unitLink}"]`)!;
    expect(document.activeElement).toBe(unit);
    expect(row(element, '[data-application-detail]')).toBeNull();
    // The name's button opens the detail and closes it again.
    name.click();
    await settle();
    expect(name.getAttribute('aria-expanded')).toBe('true');
    name.click();
    await settle();
    expect(name.getAttribute('aria-expanded')).toBe('false');
  });

  it('shows a relation asked for in the relations table, focused, and marks both of its ends', async () => {
    const key = `${PREVIOUS_APP}:ep-${APPLICATIONS - 2} ${LAST_APP}`;
    const { element } = await render({ kind: 'relation', key });
    const relation = row(element, `tr[data-relation-row="${key}"]`)!;
    expect(relation, 'the relations are shown as a table').not.toBeNull();
    expect(document.activeElement).toBe(relation);
    expect(row(element, `tr[data-application-row="${PREVIOUS_APP}"]`)!.getAttribute('aria-current')).toBe('true');
    expect(row(element, `tr[data-application-row="${LAST_APP}"]`)!.getAttribute('aria-current')).toBe('true');
    // Its other end leads to that application, its detail open and the keyboard on its name.
    relation.querySelector<HTMLElement>(`[data-application-link="${LAST_APP}"]`)!.click();
    await settle();
    expect(document.activeElement).toBe(row(element, `tr[data-application-row="${LAST_APP}"] button`));
    expect(row(element, `[data-application-detail="${LAST_APP}"]`)).not.toBeNull();
  });

  it('opens a terminal on a machine from its row, and in a Juju container from the container’s row', async () => {
    const { element, open } = await render();
    row(element, '[data-machine-row="1"]')!.querySelector<HTMLButtonElement>('button[aria-label="Terminal on machine 1"]')!.click();
    expect(open).toHaveBeenLastCalledWith({ kind: 'machine', machineId: '1' });
    row(element, '[data-machine-row="1/lxd/0"]')!.querySelector<HTMLButtonElement>('button[aria-label^="Terminal in juju-bench-1-lxd-0"]')!.click();
    expect(open).toHaveBeenLastCalledWith({ kind: 'container', machineId: '1', container: 'juju-bench-1-lxd-0' });
  });
});
