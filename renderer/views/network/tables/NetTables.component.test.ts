// A namespace's and a machine's tables mounted in a DOM, as an engineer sees them: routes with the
// default one first and marked, neighbours with an unresolved one marked, the qrouter's floating ↔
// fixed pairs with the container and server behind each, chains folded until opened, long tables
// cut with "Show all", and a table that failed or was never read saying so instead of an empty one.
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import NetTables from './NetTables.svelte';
import { readNetTables } from './net-tables';
import { DEAD_FIXED, DEAD_FLOATING, GATEWAY, netTablesLab, QDHCP, QROUTER } from './net-tables.fixture';
import type { NetTable } from '../../../state/view-focus';
import { SERVER_1 } from '../../openstack/openstack-lab.fixture';

let component: ReturnType<typeof mount> | null = null;
const opened: string[] = [];

afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
  opened.length = 0;
});

function show(machineId: string, namespace: string | null, initiallyOpen: NetTable[] = [], reveal: { table: NetTable } | null = null): HTMLElement {
  const target = document.body.appendChild(document.createElement('div'));
  const where = namespace ? `in ${namespace}` : `on machine ${machineId}`;
  component = mount(NetTables, {
    target,
    props: {
      tables: readNetTables(netTablesLab(), machineId, namespace),
      where,
      initiallyOpen,
      reveal,
      onOpenContainer: (machine: string, container: string) => opened.push(`container ${machine}/${container}`),
      onOpenServer: (serverId: string) => opened.push(`server ${serverId}`),
    },
  });
  flushSync();
  return target;
}

const section = (page: HTMLElement, table: NetTable) => page.querySelector<HTMLDetailsElement>(`[data-net-table="${table}"]`)!;
const cells = (row: Element) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim());

describe('a qrouter namespace’s tables', () => {
  it('lists the routes with the default route first and marked, and the command that read them', () => {
    const page = show(GATEWAY, QROUTER, ['routes']);
    const rows = [...section(page, 'routes').querySelectorAll('tbody tr')];
    expect(rows.map((row) => row.getAttribute('data-route'))).toEqual(['default', '10.5.5.0/24', '198.51.100.0/24']);
    expect(rows[0]!.classList.contains('default-route')).toBe(true);
    expect(cells(rows[0]!)).toEqual(['default default route', '198.51.100.1', 'qg-5e1b2c3d-4f', '—', '—', '—']);
    expect(cells(rows[1]!)).toEqual(['10.5.5.0/24', '—', 'qr-6b1c2d3e-4f src 10.5.5.1', 'kernel', 'link', '—']);
    expect(section(page, 'routes').querySelector('[data-testid="table-command"]')!.textContent).toBe(`sudo ip netns exec ${QROUTER} ip -j route show table all`);
    expect(section(page, 'routes').querySelector('summary')!.textContent).toContain('3 routes, default via 198.51.100.1');
  });

  it('picks out the floating ↔ fixed pairs with the container and server behind each, and says nft printed them', () => {
    const page = show(GATEWAY, QROUTER, ['rules']);
    const rules = section(page, 'rules');
    expect(rules.querySelector('[data-testid="rules-tool"]')!.textContent).toContain('nftables (nft list ruleset)');
    expect(rules.querySelector('[data-testid="table-command"]')!.textContent).toBe(`sudo ip netns exec ${QROUTER} nft list ruleset`);
    const pairs = [...rules.querySelectorAll('tr[data-nat-pair]')];
    expect(pairs.map(cells)).toEqual([
      ['198.51.100.31', '→ 10.5.5.11', 'DNAT+SNAT', 'instance-0000000c server lxc-test-1'],
      ['198.51.100.32', '→ 10.5.5.12', 'DNAT+SNAT', 'instance-00000012 server lxc-test-2'],
      [DEAD_FLOATING, `→ ${DEAD_FIXED}`, 'DNAT+SNAT', `nothing the lab knows has ${DEAD_FIXED}`],
    ]);
    [...pairs[0]!.querySelectorAll('button')].forEach((button) => button.click());
    expect(opened).toEqual(['container 22/instance-0000000c', `server ${SERVER_1}`]);
    expect(rules.querySelector('summary')!.textContent).toContain('10 rules, 3 NAT pairs · nft');
  });

  it('keeps each chain folded, with its count, until it is opened', () => {
    const page = show(GATEWAY, QROUTER, ['rules']);
    const chains = [...section(page, 'rules').querySelectorAll<HTMLDetailsElement>('details[data-chain]')];
    expect(chains.map((chain) => chain.querySelector('summary')!.textContent!.replace(/\s+/g, ' ').trim())).toEqual([
      'table neutron-l3-agent (ip) · chain PREROUTING 3 rules, 3 NAT',
      'table neutron-l3-agent (ip) · chain OUTPUT 3 rules, 3 NAT',
      'table neutron-l3-agent (ip) · chain POSTROUTING 4 rules, 4 NAT',
    ]);
    expect(section(page, 'rules').querySelectorAll('tr[data-rule-line]')).toHaveLength(0);
    chains[2]!.open = true;
    chains[2]!.dispatchEvent(new Event('toggle'));
    flushSync();
    const rows = [...chains[2]!.querySelectorAll('tr[data-rule-line]')];
    expect(rows.map(cells)[3]).toEqual(['oifname "qg-5e1b2c3d-4f" ip saddr 10.5.5.0/24 snat to 198.51.100.20', 'snat', '198.51.100.20', '14']);
  });

  it('lists the neighbours, an unresolved one marked', () => {
    const page = show(GATEWAY, QROUTER, ['neighbours']);
    const rows = [...section(page, 'neighbours').querySelectorAll('tr[data-neighbour]')];
    expect(rows.map(cells)).toEqual([
      ['10.5.5.11', 'qr-6b1c2d3e-4f', 'fa:16:3e:00:00:01', 'REACHABLE', '—'],
      ['198.51.100.1', 'qg-5e1b2c3d-4f', '—', 'FAILED', '—'],
    ]);
    expect(rows[1]!.classList.contains('unresolved')).toBe(true);
    expect(section(page, 'neighbours').querySelector('summary')!.textContent).toContain('2 entries, 1 unresolved');
  });

  it('draws no rows of a folded section', () => {
    const page = show(GATEWAY, QROUTER);
    expect(page.querySelectorAll('table')).toHaveLength(0);
    expect([...page.querySelectorAll('summary')].map((summary) => summary.textContent!.replace(/\s+/g, ' ').trim())).toEqual([
      'Routes 3 routes, default via 198.51.100.1',
      'Neighbours (ARP) 2 entries, 1 unresolved',
      'NAT and filter rules 10 rules, 3 NAT pairs · nft',
    ]);
  });

  it('opens, scrolls to and focuses the table asked for', () => {
    const page = show(GATEWAY, QROUTER, [], { table: 'neighbours' });
    expect(section(page, 'neighbours').open).toBe(true);
    expect(section(page, 'neighbours').querySelectorAll('tr[data-neighbour]')).toHaveLength(2);
    expect(section(page, 'routes').open).toBe(false);
  });
});

describe('tables that could not be read', () => {
  it('says a failed probe failed, with its error and command, not an empty table', () => {
    const page = show(GATEWAY, QDHCP, ['rules']);
    const rules = section(page, 'rules');
    expect(rules.getAttribute('data-state')).toBe('failed');
    expect(rules.querySelector('summary')!.textContent).toContain('could not be read');
    expect(rules.querySelector('[data-table-problem]')!.textContent).toBe(`netns-firewall:${QDHCP} on node02ob64 (machine 26) failed (sudo ip netns exec ${QDHCP} nft list ruleset; sudo ip netns exec ${QDHCP} iptables-save): sudo: a password is required`);
    expect(rules.querySelectorAll('table')).toHaveLength(0);
  });

  it('says a probe that never ran has not run, not that the table is empty', () => {
    const page = show(GATEWAY, QDHCP, ['neighbours']);
    const neighbours = section(page, 'neighbours');
    expect(neighbours.getAttribute('data-state')).toBe('missing');
    expect(neighbours.querySelector('summary')!.textContent).toContain('not read');
    expect(neighbours.querySelector('[data-table-problem]')!.textContent).toBe(`The netns-neigh:${QDHCP} probe on node02ob64 (machine 26) has not run yet; press Refresh in Nodes.`);
  });

  it('tells an empty table that was read from one that was not', () => {
    const page = show('22', null, ['neighbours']);
    const neighbours = section(page, 'neighbours');
    expect(neighbours.getAttribute('data-state')).toBe('ok');
    expect(neighbours.textContent).toContain('No neighbours: the ARP table on machine 22 is empty');
    expect(neighbours.querySelector('[data-testid="table-command"]')!.textContent).toBe('ip -j neigh');
  });
});

describe('a compute node’s own tables', () => {
  it('cuts a long table at its first rows and shows all on request', () => {
    const page = show('22', null, ['routes']);
    const routes = section(page, 'routes');
    expect(routes.querySelectorAll('tbody tr')).toHaveLength(8);
    expect(routes.querySelector('tbody tr')!.getAttribute('data-route')).toBe('default');
    const more = [...routes.querySelectorAll('button')].find((button) => button.textContent!.trim() === 'Show all 13 routes')!;
    more.click();
    flushSync();
    expect(routes.querySelectorAll('tbody tr')).toHaveLength(13);
  });

  it('says iptables printed the rules and groups them by chain', () => {
    const page = show('22', null, ['rules']);
    const rules = section(page, 'rules');
    expect(rules.querySelector('[data-testid="rules-tool"]')!.textContent).toContain('iptables (iptables-save)');
    expect(rules.querySelector('[data-testid="table-command"]')!.textContent).toBe('sudo iptables-save');
    expect(rules.querySelectorAll('tr[data-nat-pair]')).toHaveLength(0);
    expect([...rules.querySelectorAll('details[data-chain]')].map((chain) => chain.getAttribute('data-chain'))).toEqual([
      'ipv4 filter neutron-openvswi-i9e0c6af1-3',
      'ipv4 filter neutron-openvswi-o9e0c6af1-3',
      'ipv4 filter FORWARD',
    ]);
  });

  it('shows a machine’s failed rules with nft’s own error', () => {
    const page = show('24', null, ['rules', 'routes']);
    expect(section(page, 'rules').querySelector('[data-table-problem]')!.textContent).toContain('Operation not permitted');
    expect(section(page, 'routes').querySelector('[data-table-problem]')!.textContent).toBe('The routes probe on node05ob64 (machine 24) has not run yet; press Refresh in Nodes.');
  });
});
