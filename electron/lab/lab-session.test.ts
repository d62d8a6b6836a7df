import { describe, expect, it } from 'vitest';
import { handMadeSnapshot } from '../../test/support/hand-made-snapshot';
import { InventoryKeeper } from '../inventory/inventory-keeper';
import { snapshotLab } from '../snapshots/snapshot-lab';
import { LocalTransport } from '../transports/local-transport';
import { localController } from './lab-controller';
import { LabSession } from './lab-session';
import type { MachineRoute } from './machine-routes';

const SIZE = { cols: 80, rows: 24 };

async function readSnapshotSession() {
  const lab = snapshotLab(handMadeSnapshot());
  const session = lab.session('lab-sessiontest1');
  const keeper = new InventoryKeeper({ labId: session.labId, session, onInventory: () => {}, onProbe: () => {} });
  const inventory = await keeper.refresh();
  return { session, keeper, inventory };
}

describe('a LabSession on a snapshot', () => {
  it('is not live, and refuses pings, refreshes and shells on any machine with the read-only reason', async () => {
    const { session, keeper } = await readSnapshotSession();
    try {
      expect(session.live).toBe(false);
      expect(() => session.requireLive('pinging')).toThrow(expect.objectContaining({ code: 'snapshot-read-only', message: expect.stringMatching(/^a snapshot is read-only: pinging needs a live lab, and this is a snapshot of /) }));
      for (const machineId of ['controller', '22']) await expect(session.openShell(machineId, null, SIZE)).rejects.toMatchObject({ code: 'snapshot-read-only' });
    } finally {
      keeper.stop();
    }
  });

  it('runs an argv on a machine from the file, names machines as the inventory read them, and keeps each route', async () => {
    const { session, keeper, inventory } = await readSnapshotSession();
    try {
      const recorded = handMadeSnapshot().commands.find((command) => command.machineId === '22' && command.argv.join(' ') === 'hostname')!;
      expect((await session.run('22', ['hostname'])).stdout).toBe(recorded.stdout);
      expect(session.nameOf('22')).toBe(inventory.machines.find((machine) => machine.id === '22')!.hostname);
      expect(session.nameOf('99')).toBe('machine 99');
      expect(await session.transportFor('22')).toBe(await session.transportFor('22'));
      await expect(session.transportFor('99')).rejects.toMatchObject({ code: 'not-found' });
    } finally {
      keeper.stop();
    }
  });
});

describe('a live LabSession', () => {
  /** Machines reached on this computer: what a route opener hands back, counted. */
  function localSession() {
    const opened: MachineRoute[] = [];
    const session = new LabSession({
      labId: 'lab-sessiontest2',
      controller: () => localController(),
      routeChoice: () => 'auto',
      openRoute: async (machine, choice) => {
        const route: MachineRoute = { machineId: machine.id, kind: 'jump', transport: new LocalTransport(), chosenBy: choice === 'auto' ? 'auto' : 'override', note: null };
        opened.push(route);
        return route;
      },
    });
    session.knowMachines([{ id: '22', hostname: 'node03ob64', address: '127.0.0.1', roles: ['compute'], applications: [], jujuState: 'started', route: null, routeError: null, hypervisor: null }]);
    return { session, opened };
  }

  it('is live, runs argv on a machine over its route, and opens the route once until it is forgotten', async () => {
    const { session, opened } = localSession();
    try {
      expect(session.live).toBe(true);
      expect(() => session.requireLive('pinging')).not.toThrow();
      expect((await session.run('22', ['printf', '%s', 'a b'])).stdout).toBe('a b');
      await session.run('22', ['true']);
      expect(opened).toHaveLength(1);
      session.forgetRoute('22');
      await session.run('22', ['true']);
      expect(opened).toHaveLength(2);
    } finally {
      session.close();
    }
  });

  it('says the lab is not connected while its link is down', async () => {
    const session = new LabSession({ labId: 'lab-sessiontest3', controller: () => null, routeChoice: () => 'auto', openRoute: () => Promise.reject(new Error('never opened')) });
    await expect(session.transportFor('22')).rejects.toMatchObject({ code: 'ssh-disconnected' });
  });
});
