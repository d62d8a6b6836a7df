import { describe, expect, test } from 'vitest';
import { InventoryKeeper } from '../inventory/inventory-keeper';
import type { LxcList } from '../contract/lab-model';
import type { LabInventory, ProbeOutcome } from '../contract/inventory';
import { HAND_MADE_TAKEN_AT, MACHINE_21_ROUTE_ERROR, ROUTER_NAMESPACE, handMadeSnapshot } from '../../test/support/hand-made-snapshot';
import { snapshotLab } from './snapshot-lab';

async function readSnapshot(): Promise<{ inventory: LabInventory; streamed: ProbeOutcome[] }> {
  const lab = snapshotLab(handMadeSnapshot());
  const streamed: ProbeOutcome[] = [];
  const keeper = new InventoryKeeper({ ...lab.keeperOptions('snapshot-test'), onInventory: () => {}, onProbe: (outcome) => streamed.push(outcome) });
  try {
    return { inventory: lab.stampInventory(await keeper.refresh()), streamed };
  } finally {
    keeper.stop();
  }
}

const probe = (inventory: LabInventory, machineId: string, probeId: string) => inventory.probes.find((outcome) => outcome.machineId === machineId && outcome.probeId === probeId);

describe('an InventoryKeeper reading a snapshot', () => {
  test('finds the machines of the recorded juju status, with their roles', async () => {
    const { inventory } = await readSnapshot();
    expect(inventory.machines.map((machine) => [machine.id, machine.roles.join('+')])).toEqual([
      ['controller', 'controller'],
      ['21', 'control'],
      ['22', 'compute'],
      ['23', 'control'],
      ['24', 'compute'],
      ['25', 'compute'],
      ['26', 'gateway'],
    ]);
    expect(probe(inventory, 'controller', 'juju-status')?.status).toBe('ok');
  });

  test('parses each machine\'s recorded raw outputs with the ordinary probes', async () => {
    const { inventory } = await readSnapshot();
    const containers = (probe(inventory, '22', 'lxc-list')?.value as LxcList).instances.map((instance) => instance.name);
    expect(containers).toEqual(['instance-00000012', 'instance-00000014', 'juju-79fcc7-24-lxd-0']);
    expect(inventory.machines.find((machine) => machine.id === '22')?.hostname).toBe('node03ob64');
    expect(inventory.machines.find((machine) => machine.id === '22')?.hypervisor?.computeDriver).toBe('lxd.LXDDriver');
    expect(probe(inventory, '26', `netns-addr:${ROUTER_NAMESPACE}`)?.status).toBe('ok');
    expect(inventory.links.containers.map((link) => link.container)).toContain('instance-00000012');
  });

  test('each machine keeps the route it had, as recorded (kind, label, who chose it)', async () => {
    const { inventory } = await readSnapshot();
    const route = (id: string) => inventory.machines.find((machine) => machine.id === id)?.route;
    expect(route('22')).toEqual({ kind: 'jump', label: 'ubuntu@172.27.64.4:22 via ubuntu@127.0.1.1:22', chosenBy: 'auto', note: null });
    expect(route('26')).toEqual({ kind: 'juju-ssh', label: 'juju ssh 26 on ubuntu@127.0.1.1:22', chosenBy: 'override', note: null });
    expect(route('controller')?.label).toBe('ubuntu@127.0.1.1:22');
  });

  test('a machine whose route failed at capture keeps failing with the recorded error', async () => {
    const { inventory } = await readSnapshot();
    expect(inventory.machines.find((machine) => machine.id === '21')?.routeError).toEqual({ code: 'ssh-unreachable', message: MACHINE_21_ROUTE_ERROR });
    expect(inventory.probes.some((outcome) => outcome.machineId === '21')).toBe(false);
  });

  test('a machine the capture never reached says the snapshot holds nothing read from it', async () => {
    const { inventory } = await readSnapshot();
    expect(inventory.machines.find((machine) => machine.id === '23')?.routeError?.message).toBe('this snapshot holds nothing read from machine 23: it was not reached when the snapshot was taken');
  });

  test('a probe whose command was never recorded fails saying so; one recorded failing fails as it did', async () => {
    const { inventory } = await readSnapshot();
    expect(probe(inventory, '22', 'links')?.error?.message).toContain('this snapshot holds no output of `ip -d -j link` on machine 22 (node03ob64)');
    expect(probe(inventory, '22', 'ovs-vsctl')?.error?.message).toMatch(/^ovs-vsctl needs root on (node03ob64|machine 22), and sudo there asks for a password/);
  });

  test('says the lab was read when the snapshot was taken, each probe when its command ran', async () => {
    const { inventory, streamed } = await readSnapshot();
    const lab = snapshotLab(handMadeSnapshot());
    expect(inventory.refreshedAt).toBe(HAND_MADE_TAKEN_AT);
    expect(inventory.lastRefreshMs).toBe(3000);
    const recorded = handMadeSnapshot().commands.find((command) => command.machineId === '22' && command.argv[0] === 'lxc' && command.argv[1] === 'list')!;
    expect(probe(inventory, '22', 'lxc-list')?.startedAt).toBe(recorded.startedAt);
    expect(lab.stampProbe(streamed.find((outcome) => outcome.probeId === 'lxc-list')!).startedAt).toBe(recorded.startedAt);
    // Not recorded: the time the snapshot was taken, never "now".
    expect(probe(inventory, '22', 'links')?.startedAt).toBe(HAND_MADE_TAKEN_AT);
  });

  test('terminals on any machine are refused: a snapshot is read-only', async () => {
    const lab = snapshotLab(handMadeSnapshot());
    const keeper = new InventoryKeeper({ ...lab.keeperOptions('snapshot-test'), onInventory: () => {}, onProbe: () => {} });
    await keeper.refresh();
    for (const machineId of ['controller', '22']) {
      const transport = await keeper.session.terminalTransportFor(machineId);
      await expect(transport.openPty(null, { cols: 80, rows: 24 })).rejects.toMatchObject({ code: 'snapshot-read-only' });
    }
    keeper.stop();
  });
});
