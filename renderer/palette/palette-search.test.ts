import { describe, expect, it } from 'vitest';
import type { LabInventory } from '../../electron/contract/inventory';
import type { JujuStatus, LxcInstance } from '../../electron/contract/lab-model';
import { parsers } from '../../electron/probes/parsers/index';
import { fixture } from '../../test/unit/parsers/fixtures';
import { labInventory, machine, outcome } from '../views/profiles/lab-inventory.fixture';
import { paletteEntries, type PaletteSource } from './palette-entries';
import { MAX_SHOWN, rankEntries } from './palette-search';

function labSource(inventory: LabInventory | null): PaletteSource {
  return { inventory, terminals: [], labs: [], connection: null, presentationMode: false, theme: 'dark' };
}

const walkthroughLab = () =>
  labInventory(
    [
      outcome('controller', 'juju-status', parsers['juju-status'](fixture('juju-status', 'walkthrough-2.0.1-tabular.txt')).value as JujuStatus),
      outcome('26', 'ip-netns', parsers['ip-netns'](fixture('ip-netns', 'lab-iproute2-6.1-with-ids.txt')).value),
    ],
    [machine('24', 'node05ob64', ['compute']), machine('26', 'node02ob64', ['gateway'])],
  );

const titles = (query: string, recent: string[] = []) => rankEntries(paletteEntries(labSource(walkthroughLab())), query, recent).map((ranked) => ranked.entry.title);

describe('palette search', () => {
  it('finds a container and its terminal from "lxc 12" (the command word and the end of its name)', () => {
    const best = titles('lxc 12').slice(0, 4);
    expect(best.slice(0, 2)).toEqual(['Terminal into instance-00000012', 'instance-00000012']);
    expect(best.every((title) => title.endsWith('instance-00000012'))).toBe(true);
  });

  it('finds the ping from the router namespace with "qr ping"', () => {
    expect(titles('qr ping')[0]).toBe('Ping from qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566');
  });

  it('puts the application above its units and other names containing its letters', () => {
    const found = titles('glance');
    expect(found[0]).toBe('glance');
    expect(found).toContain('glance/0');
    expect(titles('nova-compute/2')[0]).toBe('nova-compute/2');
  });

  it('finds a machine by its host name and a view by its name', () => {
    expect(titles('node05')[0]).toBe('node05ob64 (machine 24)');
    expect(titles('go nodes')[0]).toBe('Go to Nodes');
    expect(titles('presentation')[0]).toBe('Toggle presentation mode');
  });

  it('matches words found only in the detail (an address), without marking title letters for them', () => {
    const ranked = rankEntries(paletteEntries(labSource(walkthroughLab())), '198.51.100.39', []);
    expect(ranked.length).toBeGreaterThan(0);
    expect(ranked.every((entry) => entry.entry.title.includes('instance-00000012'))).toBe(true);
    expect(ranked[0]!.titleMatches).toEqual([]);
  });

  it('marks the matched letters of the title', () => {
    const [best] = rankEntries(paletteEntries(labSource(walkthroughLab())), 'glance', []);
    expect(best!.titleMatches).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('finds nothing for a word that is nowhere', () => {
    expect(titles('zzzz-not-in-the-lab')).toEqual([]);
  });

  it('lists recently used entries first when nothing is typed, then actions and views', () => {
    const entries = paletteEntries(labSource(walkthroughLab()));
    const ranked = rankEntries(entries, '', ['container:24/instance-00000014:terminal', 'unit:glance/0', 'gone:entry']);
    expect(ranked.slice(0, 2).map((entry) => entry.entry.id)).toEqual(['container:24/instance-00000014:terminal', 'unit:glance/0']);
    expect(ranked[2]!.entry.kind).toBe('action');
    expect(ranked).toHaveLength(MAX_SHOWN);
  });

  it('lets recent use break a tie between equally good matches', () => {
    const entries = paletteEntries(labSource(walkthroughLab()));
    const first = rankEntries(entries, 'nova-compute', [])[0]!.entry.id;
    expect(first).toBe('application:nova-compute');
    expect(rankEntries(entries, 'terminal into instance-0000001', ['container:24/instance-00000014:terminal'])[0]!.entry.id).toBe('container:24/instance-00000014:terminal');
    expect(rankEntries(entries, 'terminal into instance-0000001', ['container:24/instance-00000012:terminal'])[0]!.entry.id).toBe('container:24/instance-00000012:terminal');
  });

  it('searches 5,000 containers and still finds the one asked for, at most 50 shown', () => {
    const base = walkthroughLab();
    const listing = base.probes.find((probe) => probe.probeId === 'lxc-list')!;
    const template = (listing.value as { instances: LxcInstance[] }).instances[0]!;
    const instances: LxcInstance[] = Array.from({ length: 5000 }, (_, index) => ({
      ...template,
      name: `instance-${String(index).padStart(8, '0')}`,
      ipv4: [{ address: `10.${Math.floor(index / 250)}.${index % 250}.5`, iface: 'eth0' }],
      profiles: ['default'],
    }));
    const inventory: LabInventory = { ...base, probes: base.probes.map((probe) => (probe === listing ? { ...probe, value: { instances } } : probe)), links: { containers: [] } };
    const entries = paletteEntries(labSource(inventory));
    expect(entries.filter((entry) => entry.id.endsWith(':terminal') && entry.kind === 'container')).toHaveLength(5000);
    expect(rankEntries(entries, 'terminal 13', [])).toHaveLength(MAX_SHOWN);
    expect(rankEntries(entries, 'terminal 1387', [])[0]!.entry.title).toBe('Terminal into instance-00001387');
    expect(rankEntries(entries, '10.5.137.5', [])[0]!.entry.title).toContain(`instance-${String(5 * 250 + 137).padStart(8, '0')}`);
  });
});
