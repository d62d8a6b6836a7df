// A gateway's namespace cards with their tables: a router's card opens at its routes and its NAT
// pairs (chains folded), a DHCP namespace's at its routes only; a table asked for by a focus is
// opened on the one card it names.
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import GatewayNamespaces from './GatewayNamespaces.svelte';
import { summarizeGateways } from './gateway-namespaces';
import { GATEWAY, netTablesLab, QDHCP, QROUTER } from './tables/net-tables.fixture';

let component: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
});

function show(highlighted: { machineId: string; namespace: string; table?: 'routes' | 'neighbours' | 'rules' } | null): HTMLElement {
  const target = document.body.appendChild(document.createElement('div'));
  component = mount(GatewayNamespaces, { target, props: { summary: summarizeGateways(netTablesLab()), highlighted, onTerminal: () => {}, onPing: () => {} } });
  flushSync();
  return target;
}

const openTables = (card: Element) => [...card.querySelectorAll<HTMLDetailsElement>('[data-net-table]')].filter((section) => section.open).map((section) => section.dataset.netTable);

describe('namespace cards and their tables', () => {
  it('opens a router at its routes and NAT pairs, a DHCP namespace at its routes', () => {
    const page = show(null);
    const router = page.querySelector(`[data-namespace="${QROUTER}"]`)!;
    expect(openTables(router)).toEqual(['routes', 'rules']);
    expect([...router.querySelectorAll('tr[data-nat-pair]')].map((row) => row.getAttribute('data-nat-pair'))).toEqual(['198.51.100.31', '198.51.100.32', '198.51.100.40']);
    expect(router.querySelector('tr.default-route')!.textContent).toContain('198.51.100.1');
    expect(openTables(page.querySelector(`[data-namespace="${QDHCP}"]`)!)).toEqual(['routes']);
  });

  it('opens the table a focus asks for on that card only', () => {
    const page = show({ machineId: GATEWAY, namespace: QDHCP, table: 'rules' });
    const dhcp = page.querySelector(`[data-namespace="${QDHCP}"]`)!;
    expect(openTables(dhcp)).toEqual(['routes', 'rules']);
    expect(dhcp.querySelector('[data-net-table="rules"] [data-table-problem]')!.textContent).toContain('sudo: a password is required');
    expect(openTables(page.querySelector(`[data-namespace="${QROUTER}"]`)!)).toEqual(['routes', 'rules']);
  });
});
