// The palette opens a namespace's or a machine's card at one table: "Routes in qrouter-…",
// "NAT rules in qrouter-…", "ARP table on node03ob64", with the table's summary as the detail.
import { describe, expect, it } from 'vitest';
import { paletteEntries } from './palette-entries';
import { rankEntries } from './palette-search';
import { GATEWAY, netTablesLab, QROUTER } from '../views/network/tables/net-tables.fixture';

const entries = () => paletteEntries({ inventory: netTablesLab(), terminals: [], labs: [], connection: null, presentationMode: false, theme: 'dark' });
const ranked = (query: string) => rankEntries(entries(), query, []).map((entry) => entry.entry);

describe('the palette’s way to a table', () => {
  it('opens the qrouter’s card at its NAT rules, its pairs counted in the detail', () => {
    const found = ranked('nat rules in qrouter')[0]!;
    expect(found.title).toBe(`NAT rules in ${QROUTER}`);
    expect(found.detail).toBe('qrouter on node02ob64 · 10 rules, 3 NAT pairs · nft');
    expect(found.command).toEqual({ type: 'show', view: 'network', focus: { view: 'network', machineId: GATEWAY, namespace: QROUTER, table: 'rules' } });
  });

  it('opens a namespace’s routes', () => {
    const found = entries().find((entry) => entry.title === `Routes in ${QROUTER}`)!;
    expect(found.detail).toBe('qrouter on node02ob64 · 3 routes, a default route');
    expect(found.command).toEqual({ type: 'show', view: 'network', focus: { view: 'network', machineId: GATEWAY, namespace: QROUTER, table: 'routes' } });
  });

  it('opens a compute node’s ARP table on its Nodes card, and says when it was not read', () => {
    expect(ranked('arp table on node03ob64')[0]).toMatchObject({ title: 'ARP table on node03ob64', detail: 'machine 22 · none', command: { type: 'show', view: 'nodes', focus: { view: 'nodes', machineId: '22', part: 'neighbours' } } });
    expect(entries().find((entry) => entry.title === 'Routes on node05ob64')!.detail).toBe('machine 24 · not read');
  });

  it('offers the tables of compute nodes and gateways only', () => {
    const machines = new Set(entries().filter((entry) => /^(Routes|ARP table|NAT rules) on /.test(entry.title)).map((entry) => entry.title.replace(/^.* on /, '')));
    expect([...machines].sort()).toEqual(['node02ob64', 'node03ob64', 'node05ob64']);
  });
});
