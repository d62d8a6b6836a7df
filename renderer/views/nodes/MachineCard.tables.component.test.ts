// A compute node's card with its own routes, neighbours and rules: shown under their heading,
// folded until asked for; the palette's "ARP table on <node>" opens that one table.
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import MachineCard from './MachineCard.svelte';
import { nodeFacts } from './node-facts';
import { readNetTables } from '../network/tables/net-tables';
import { netTablesLab } from '../network/tables/net-tables.fixture';
import type { NetTable } from '../../state/view-focus';

let card: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (card) unmount(card);
  card = null;
  document.body.innerHTML = '';
});

function show(revealTable: { table: NetTable } | null, withTables = true): HTMLElement {
  const inventory = netTablesLab();
  const machine = inventory.machines.find((candidate) => candidate.id === '22')!;
  const target = document.body.appendChild(document.createElement('div'));
  card = mount(MachineCard, {
    target,
    props: { machine, probes: inventory.probes.filter((outcome) => outcome.machineId === '22'), facts: nodeFacts(inventory, '22'), routeOverride: null, onRoute: () => {}, onOpenTerminal: () => {}, onOpenFile: () => {}, tables: withTables ? readNetTables(inventory, '22') : null, revealTable },
  });
  flushSync();
  return target;
}

const opened = (page: HTMLElement) => [...page.querySelectorAll<HTMLDetailsElement>('[data-net-table]')].filter((section) => section.open).map((section) => section.dataset.netTable);

describe('a compute node’s own tables on its card', () => {
  it('lists routes, neighbours and rules, summed up and folded', () => {
    const page = show(null);
    const section = page.querySelector('section[aria-label="Routes, neighbours and rules of node03ob64"]')!;
    expect([...section.querySelectorAll('summary')].map((summary) => summary.textContent!.replace(/\s+/g, ' ').trim())).toEqual([
      'Routes 13 routes, default via 198.51.100.1',
      'Neighbours (ARP) none',
      'NAT and filter rules 21 rules · iptables',
    ]);
    expect(opened(page)).toEqual([]);
  });

  it('opens the table the palette asked for', () => {
    const page = show({ table: 'neighbours' });
    expect(opened(page)).toEqual(['neighbours']);
    expect(page.querySelector('[data-net-table="neighbours"]')!.textContent).toContain('No neighbours: the ARP table on node03ob64 is empty');
  });

  it('has no tables section for a machine given none', () => {
    expect(show(null, false).querySelector('[data-net-table]')).toBeNull();
  });
});
