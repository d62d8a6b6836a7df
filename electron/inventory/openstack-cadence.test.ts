// OpenStack's lists cost a dozen `openstack` runs on the controller: the periodic refresh reads them
// at most once a minute and keeps the last reading meanwhile; an explicit refresh always reads them.
// Driven on the demo lab's recorded outputs (its session answers the same commands from the file).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEMO_LAB_ASSET } from '../snapshots/demo/demo-lab-file';
import { decodeSnapshot } from '../snapshots/snapshot-file';
import { snapshotLab } from '../snapshots/snapshot-lab';
import { InventoryKeeper } from './inventory-keeper';

afterEach(() => {
  vi.useRealTimers();
});

describe('OpenStack read by the inventory keeper', () => {
  it('reads OpenStack on every explicit refresh, and on a periodic one only once a minute has passed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-07T10:00:00Z'));
    const content = await decodeSnapshot(await readFile(resolve(DEMO_LAB_ASSET)));
    const session = snapshotLab(content).session('lab-cadencetest1');
    const read: string[] = [];
    const keeper = new InventoryKeeper({ labId: session.labId, session, onInventory: () => {}, onProbe: (outcome) => read.push(outcome.probeId), openstackCredentials: () => content.lab.openstackCredentials ?? null });
    try {
      const first = await keeper.refresh();
      expect(read).toContain('openstack-servers');
      const servers = first.probes.find((outcome) => outcome.probeId === 'openstack-servers')!;

      read.length = 0;
      vi.setSystemTime(new Date('2026-12-07T10:00:30Z'));
      const periodic = await keeper.refresh(true);
      expect(read.filter((probeId) => probeId.startsWith('openstack-') && probeId !== 'openstack-credentials')).toEqual([]);
      expect(read).toContain('lxc-list');
      // The last reading stays, with its own time, and the links still join it to the containers.
      expect(periodic.probes.find((outcome) => outcome.probeId === 'openstack-servers')).toBe(servers);
      expect(periodic.links.openstack?.servers.length).toBeGreaterThan(0);
      expect(periodic.links.containers.some((link) => link.server?.name === 'lxc-test-1')).toBe(true);

      read.length = 0;
      vi.setSystemTime(new Date('2026-12-07T10:01:01Z'));
      await keeper.refresh(true);
      expect(read).toContain('openstack-servers');

      read.length = 0;
      await keeper.refresh();
      expect(read).toContain('openstack-servers');
    } finally {
      keeper.stop();
    }
  });
});
