// The real OpenStack view mounted in a DOM, fed the walkthrough's lab as the core hands it over
// with OpenStack read (openstack-lab.fixture.ts), OpenStack unreadable, an older snapshot without
// it, and 5,000 servers.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, tick, unmount } from 'svelte';
import OpenStackView from './OpenStackView.svelte';
import { ConsoleState } from '../../state/console-state.svelte';
import type { LabInventory } from '../../../electron/contract/inventory';
import type { ConnectionState } from '../../../electron/contract/payloads';
import { labWithoutOpenStack, openStackLab, openStackLabAtScale, openStackUnavailableLab, ROUTER, SERVER_1, SERVER_2, SERVER_MISSING } from './openstack-lab.fixture';

const CONNECTED: ConnectionState = { labId: 'lab', labName: 'OrangeBox64', phase: 'connected', detail: 'ubuntu@127.0.1.1:22', since: '2026-12-07T10:00:00.000Z' };

/** jsdom does no layout: each table's scrolling viewport is given a screen's height. */
const VIEWPORT_PX = 600;
/** A screenful of lines at the table's fallback line height (34 px), and its overscan of 8 above and below. */
const MOST_ROWS_IN_PAGE = Math.ceil(VIEWPORT_PX / 34) + 2 * 8;
const clientHeight = Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight')!;
const scrollIntoView = Element.prototype.scrollIntoView;
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.classList.contains('viewport') ? VIEWPORT_PX : clientHeight.get!.call(this);
    },
  });
  Element.prototype.scrollIntoView = vi.fn();
});
afterAll(() => {
  delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
  Element.prototype.scrollIntoView = scrollIntoView;
});

let component: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
});

function render(inventory: LabInventory, connection: ConnectionState | null = CONNECTED) {
  const consoleState = new ConsoleState();
  consoleState.inventory = inventory;
  consoleState.connection = connection;
  const show = vi.spyOn(consoleState, 'show');
  const openTerminal = vi.spyOn(consoleState.terminals, 'open').mockResolvedValue(undefined as never);
  const target = document.body.appendChild(document.createElement('div'));
  component = mount(OpenStackView, { target, props: { consoleState } });
  flushSync();
  return { consoleState, show, openTerminal, target };
}

const section = (target: HTMLElement, id: string) => target.querySelector<HTMLElement>(`[data-section="openstack-${id}"]`)!;
const rowsOf = (target: HTMLElement, id: string) => [...section(target, id).querySelectorAll<HTMLElement>('.viewport [role="row"]')];
const rowKeys = (target: HTMLElement, id: string) => rowsOf(target, id).map((row) => row.dataset.row);
const cell = (row: HTMLElement, column: string) => row.querySelector<HTMLElement>(`[data-column="${column}"]`)!;
/** A cell's words, without the coloured ● beside a state (hidden from screen readers: the words say it). */
const textOf = (element: Element) => element.textContent!.replace('●', '').trim();
const rowText = (row: HTMLElement) => [...row.querySelectorAll('[role="cell"]')].map(textOf);
const heading = (target: HTMLElement, id: string, label: string) => [...section(target, id).querySelectorAll<HTMLButtonElement>('[role="columnheader"] button')].find((button) => button.textContent!.startsWith(label))!;
const namesIn = (target: HTMLElement) => rowsOf(target, 'servers').map((row) => cell(row, 'name').textContent!.trim());

function type(input: HTMLInputElement, text: string) {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  flushSync();
}

describe('the OpenStack view of the walkthrough’s lab', () => {
  it('lists each server with its status, power state, host, container, addresses, floating address, image, flavor and project', () => {
    const { target } = render(openStackLab());
    const first = rowsOf(target, 'servers').find((row) => row.dataset.row === SERVER_1)!;
    expect(rowText(first)).toEqual(['lxc-test-1', 'ACTIVE', 'Running', 'node03ob64', 'instance-0000000c ⌨', '10.5.5.11', '198.51.100.31', 'xenial-lxd', 'm1.small', '5b2d1f8a9c7e4d3b8a6f0e1c2d3b4a59']);
    // The server whose container LXD does not have says so in its container cell, and is marked.
    const missing = rowsOf(target, 'servers').find((row) => row.dataset.row === SERVER_MISSING)!;
    expect(cell(missing, 'container').textContent).toContain('instance-00000015 (missing)');
    expect(missing.classList.contains('flagged')).toBe(true);
    expect(target.querySelector('h1 + p')!.textContent).toContain('3 servers on 2 hypervisors, 2 networks, 1 routers, 3 floating addresses; read with ~/novarc on the controller');
  });

  it('shows networks with their subnets (CIDR, gateway) and router, the router’s gateway and interfaces, and floating addresses with their server', () => {
    const { target } = render(openStackLab());
    const networks = rowsOf(target, 'networks').map(rowText);
    expect(networks).toContainEqual(['ext_net', 'yes', 'flat', 'ext_subnet 198.51.100.0/24 gw 198.51.100.1', 'provider-router', '', 'ACTIVE']);
    expect(networks.find((row) => row[0] === 'private')).toEqual(['private', 'no', 'vxlan 1041', 'private_subnet 10.5.5.0/24 gw 10.5.5.1', 'provider-router', expect.stringMatching(/^qdhcp-/), 'ACTIVE']);
    expect(rowsOf(target, 'routers').map(rowText)).toEqual([['provider-router', 'ACTIVE', 'ext_net 198.51.100.20', '10.5.5.1 on private_subnet', `qrouter-${ROUTER}`]]);
    const floating = rowsOf(target, 'floating-ips').map(rowText);
    expect(floating).toEqual([
      ['198.51.100.31', '10.5.5.11', 'lxc-test-1', 'provider-router', 'ACTIVE', expect.any(String)],
      ['198.51.100.32', '10.5.5.12', 'lxc-test-2', 'provider-router', 'ACTIVE', expect.any(String)],
      ['198.51.100.40', '', '', '', 'DOWN', expect.any(String)],
    ]);
  });

  it('marks compute services and network agents that are down, in words and in colour', () => {
    const { target } = render(openStackLab());
    const down = rowsOf(target, 'services').find((row) => textOf(cell(row, 'host')) === 'node05ob64')!;
    expect(textOf(cell(down, 'state'))).toBe('down');
    expect(cell(down, 'state').querySelector('.mark.bad')).not.toBeNull();
    expect(down.classList.contains('flagged')).toBe(true);
    const l3 = rowsOf(target, 'agents').find((row) => textOf(cell(row, 'type')) === 'L3 agent')!;
    expect(textOf(cell(l3, 'alive'))).toBe('down');
    expect(l3.classList.contains('flagged')).toBe(true);
    const ovs = rowsOf(target, 'agents').find((row) => textOf(cell(row, 'type')) === 'Open vSwitch agent')!;
    expect(cell(ovs, 'alive').querySelector('.mark.ok')).not.toBeNull();
    expect(ovs.classList.contains('flagged')).toBe(false);
  });

  it('lists hypervisors with type, state, vCPUs, memory and instances, the QEMU one marked', () => {
    const { target } = render(openStackLab());
    const rows = rowsOf(target, 'hypervisors');
    expect(rows.map(rowText)).toEqual([
      ['node03ob64', 'lxd', 'up', 'enabled', '2 of 16', '4.0 of 31.3 GiB', '1'],
      ['node05ob64', 'QEMU', 'up', 'enabled', '4 of 16', '6.0 of 31.3 GiB', '2'],
    ]);
    expect(rows[1]!.classList.contains('flagged')).toBe(true);
    expect(cell(rows[1]!, 'type').querySelector('.mark.warn')).not.toBeNull();
  });

  it('sorts servers by a clicked heading, and turns the order round on a second click', () => {
    const { target } = render(openStackLab());
    expect(namesIn(target)).toEqual(['lxc-test-1', 'lxc-test-2', 'lxc-test-3']);
    heading(target, 'servers', 'Name').click();
    flushSync();
    expect(namesIn(target)).toEqual(['lxc-test-3', 'lxc-test-2', 'lxc-test-1']);
    expect(heading(target, 'servers', 'Name').closest('[role="columnheader"]')!.getAttribute('aria-sort')).toBe('descending');
    heading(target, 'servers', 'Floating').click();
    flushSync();
    // Ascending by floating address: the server without one first.
    expect(namesIn(target)).toEqual(['lxc-test-3', 'lxc-test-1', 'lxc-test-2']);
  });

  it('keeps, in every section, the rows the filter matches, and says how many of how many', () => {
    const { target } = render(openStackLab());
    type(target.querySelector<HTMLInputElement>('input[aria-label="Filter OpenStack"]')!, '198.51.100.32');
    expect(namesIn(target)).toEqual(['lxc-test-2']);
    expect(section(target, 'servers').querySelector('h2')!.textContent).toContain('1 of 3');
    expect(rowsOf(target, 'floating-ips').map((row) => cell(row, 'server').textContent!.trim())).toEqual(['lxc-test-2']);
    expect(section(target, 'routers').textContent).toContain('No routers match “198.51.100.32”');
  });

  it('opens a server’s container in Containers, and a terminal into it', () => {
    const { target, show, openTerminal } = render(openStackLab());
    const first = rowsOf(target, 'servers').find((row) => row.dataset.row === SERVER_1)!;
    cell(first, 'container').querySelector<HTMLButtonElement>('button.link')!.click();
    expect(show).toHaveBeenCalledWith('containers', { view: 'containers', filter: 'instance-0000000c' });
    cell(first, 'container').querySelector<HTMLButtonElement>('button[aria-label="Terminal into instance-0000000c"]')!.click();
    expect(openTerminal).toHaveBeenCalledWith({ kind: 'container', machineId: '22', container: 'instance-0000000c' });
  });

  it('lists the findings at the top; each opens what it is about', async () => {
    const { target, show } = render(openStackLab());
    const findings = [...target.querySelectorAll<HTMLElement>('[data-finding]')];
    expect(findings.map((finding) => finding.dataset.finding)).toEqual(['server-container-missing', 'hypervisor-not-lxd', 'container-unknown-to-nova']);
    expect(target.querySelector('#openstack-findings-title')!.textContent).toContain('3 findings, 1 error');
    expect(findings[0]!.textContent).toContain('lxc list instance-00000015');
    // Filtered away first: the finding's server is shown anyway (the filter is cleared).
    type(target.querySelector<HTMLInputElement>('input[aria-label="Filter OpenStack"]')!, 'lxc-test-1');
    findings[0]!.querySelector('button')!.click();
    await vi.waitFor(() => expect((document.activeElement as HTMLElement | null)?.dataset.row).toBe(SERVER_MISSING), { timeout: 5000 });
    expect(target.querySelector<HTMLInputElement>('input[aria-label="Filter OpenStack"]')!.value).toBe('');
    findings[1]!.querySelector('button')!.click();
    await vi.waitFor(() => expect((document.activeElement as HTMLElement | null)?.dataset.row).toBe('node05ob64'), { timeout: 5000 });
    findings[2]!.querySelector('button')!.click();
    await tick();
    expect(show).toHaveBeenLastCalledWith('containers', { view: 'containers', filter: 'instance-000000ff' });
  });

  it('scrolls to and focuses the server another view or the palette asks for', async () => {
    const { consoleState } = render(openStackLab());
    consoleState.focus = { view: 'openstack', serverId: SERVER_2 };
    flushSync();
    await vi.waitFor(() => expect((document.activeElement as HTMLElement | null)?.dataset.row).toBe(SERVER_2), { timeout: 5000 });
  });

  it('leaves the project, image, flavor and power state out in presentation mode', () => {
    const inventory = openStackLab();
    const consoleState = new ConsoleState();
    consoleState.inventory = inventory;
    consoleState.connection = CONNECTED;
    consoleState.settings = { presentationMode: true } as ConsoleState['settings'];
    const target = document.body.appendChild(document.createElement('div'));
    component = mount(OpenStackView, { target, props: { consoleState } });
    flushSync();
    const labels = [...section(target, 'servers').querySelectorAll('[role="columnheader"]')].map((entry) => entry.textContent!.trim().replace(/ [▲▼]$/, ''));
    expect(labels).toEqual(['Name', 'Status', 'Host', 'Container', 'Addresses', 'Floating']);
  });
});

describe('the OpenStack view when OpenStack cannot be read', () => {
  it('says the core’s message exactly and names where to give the rc file, and shows no tables', () => {
    const message = 'No OpenStack credentials were found on the controller: looked for ~/novarc, ~/admin-openrc and clouds.yaml.';
    const { target } = render(openStackUnavailableLab({ reason: 'no-credentials', message, candidates: [] }));
    const alert = target.querySelector<HTMLElement>('[data-openstack="unavailable"]')!;
    expect(alert.querySelector('strong')!.textContent).toBe(message);
    expect(alert.textContent).toContain('Name the controller’s rc file (e.g. ~/novarc or ~/admin-openrc) or clouds.yaml in “OpenStack credentials on the controller” when editing the lab (Manage labs)');
    expect(target.querySelector('[data-section]')).toBeNull();
  });

  it('lists the candidates when there are several, and opens the lab settings', () => {
    const { target, consoleState } = render(openStackUnavailableLab({ reason: 'several-credentials', message: 'Two credential files were found; name one for this lab.', candidates: ['~/novarc', '~/admin-openrc'] }));
    const alert = target.querySelector<HTMLElement>('[data-openstack="unavailable"]')!;
    expect([...alert.querySelectorAll('code')].map((code) => code.textContent)).toEqual(['~/novarc', '~/admin-openrc']);
    [...alert.querySelectorAll('button')].find((button) => button.textContent === 'Open the lab’s settings')!.click();
    expect(consoleState.managingLabs).toBe(true);
  });

  it('says an inventory without OpenStack (an older snapshot) has none to show', () => {
    const { target } = render(labWithoutOpenStack(), { ...CONNECTED, snapshot: { path: '/tmp/old.obxsnap', takenAt: '2026-01-01T00:00:00.000Z' } } as unknown as ConnectionState);
    expect(target.querySelector('[data-openstack="absent"]')!.textContent).toContain('did not read OpenStack yet');
  });
});

describe('the OpenStack view at scale', () => {
  it('puts only a window of 5,000 servers in the page, and filters them', () => {
    const { target } = render(openStackLabAtScale(5000));
    const table = section(target, 'servers').querySelector('[role="table"]')!;
    expect(Number(table.getAttribute('aria-rowcount'))).toBe(5001);
    const rows = rowsOf(target, 'servers');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(MOST_ROWS_IN_PAGE);
    type(target.querySelector<HTMLInputElement>('input[aria-label="Filter OpenStack"]')!, 'load-04999');
    expect(rowKeys(target, 'servers')).toEqual(['srv-4999']);
  });
});
