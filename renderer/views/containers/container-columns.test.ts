import { describe, expect, it } from 'vitest';
import { columnTemplate, containerColumns } from './container-columns';

const withoutIpv6 = [{ ipv6List: [], server: '' }, { ipv6List: [], server: '' }];
const withIpv6 = [{ ipv6List: [], server: '' }, { ipv6List: [{ address: 'fd42::10', iface: 'eth0' }], server: '' }];
const withServer = [{ ipv6List: [], server: '' }, { ipv6List: [], server: 'lxc-test-1' }];

describe('the Containers table’s columns', () => {
  it('leaves IPv6 out when no container has an IPv6 address', () => {
    expect(containerColumns(withoutIpv6, false).map((column) => column.field)).toEqual(['name', 'node', 'state', 'ipv4', 'type', 'snapshots', 'profiles', 'owner']);
    expect(containerColumns(withIpv6, false).map((column) => column.field)).toContain('ipv6');
  });

  it('leaves the type, the snapshot count and the owner out in presentation mode', () => {
    expect(containerColumns(withIpv6, true).map((column) => column.field)).toEqual(['name', 'node', 'state', 'ipv4', 'ipv6', 'profiles']);
  });

  it('gives the heading and the rows one grid: a share per column, then the actions in em', () => {
    for (const presentation of [false, true]) {
      const columns = containerColumns(withoutIpv6, presentation);
      const template = columnTemplate(columns, presentation).split(' ');
      expect(template.length).toBe(columns.length + 1);
      expect(template.slice(0, -1).every((width) => /^[\d.]+fr$/.test(width))).toBe(true);
      expect(template.at(-1)).toMatch(/em$/);
    }
    // Presentation mode gives the name a larger share: it is what the room reads first.
    const share = (presentation: boolean) => Number(columnTemplate(containerColumns(withoutIpv6, presentation), presentation).split(' ')[0]!.replace('fr', ''));
    expect(share(true)).toBeGreaterThan(share(false));
  });

  it('puts the Nova server (the owner column) in the profiles’ place in presentation mode when containers are Nova servers', () => {
    expect(containerColumns(withServer, false).map((column) => column.field)).toEqual(['name', 'node', 'state', 'ipv4', 'type', 'snapshots', 'profiles', 'owner']);
    expect(containerColumns(withServer, true).map((column) => column.field)).toEqual(['name', 'node', 'state', 'ipv4', 'owner']);
    expect(containerColumns(withoutIpv6, true).map((column) => column.field)).toEqual(['name', 'node', 'state', 'ipv4', 'profiles']);
  });

  it('says a shortened heading in full', () => {
    expect(containerColumns(withoutIpv6, false).find((column) => column.field === 'snapshots')).toMatchObject({ label: 'Snaps', spoken: 'Snapshots' });
  });
});
