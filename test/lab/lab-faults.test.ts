// The fault facts tests rely on name the lab's real objects (from lab.json, what up built), and a
// test file that injects faults holds the lab's faults so no other test process can meanwhile.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { LAB_FAULT_NAMES, LAB_FAULTS_HOLD_WAIT_MS, holdLabFaults, labFaults, releaseLabFaults } from './lab-faults';
import { allInstances, gatewayMachine, labDir, loadLabManifest } from './lab-manifest';

const run = promisify(execFile);
/** `flock -n` answers at once: held (exit 1) or free (exit 0). */
const tryLock = () =>
  run('flock', ['-n', join(labDir(), 'state', 'faults-session.lock'), 'true'], { timeout: 10_000 }).then(
    () => 'free',
    (error: { code?: number }) => (error.code === 1 ? 'held' : `flock failed: ${String(error.code)}`),
  );

afterAll(() => releaseLabFaults(), LAB_FAULTS_HOLD_WAIT_MS);

describe('the lab fault facts', () => {
  it('name the objects up built: the instance devices, the floating address, the qdhcp namespace, the machines', async () => {
    const lab = loadLabManifest();
    const faults = await labFaults();
    expect(faults.map((fault) => fault.name)).toEqual([...LAB_FAULT_NAMES]);
    const byName = new Map(faults.map((fault) => [fault.name, fault]));
    const instance = (name: string | null) => allInstances(lab).find((candidate) => candidate.name === name)!;

    const vlan = byName.get('vlan-tag')!;
    expect(vlan.object).toEqual({ kind: 'ovs-port', name: instance(vlan.instance).devices.qvo });
    expect(vlan.machineIds).toEqual([instance(vlan.instance).machineId]);
    expect(vlan.path).toMatchObject({ toAddress: instance(vlan.instance).fixedAddress, hop: vlan.object.name, pingBreaks: true });

    const qbr = byName.get('qbr-down')!;
    expect(qbr.object).toEqual({ kind: 'bridge', name: instance(qbr.instance).devices.bridge });
    expect(qbr.machineIds).toEqual([instance(qbr.instance).machineId]);

    const tap = byName.get('tap-mtu')!;
    expect(tap.object).toEqual({ kind: 'interface', name: instance(tap.instance).devices.tap });
    expect(tap.note).toContain(String(instance(tap.instance).mtu));

    const nat = byName.get('nat-rule')!;
    expect(lab.gateway.floatingIps).toContainEqual({ address: nat.object.name, fixedAddress: instance(nat.instance).fixedAddress, instance: nat.instance });
    expect(nat.machineIds).toEqual([gatewayMachine(lab).id]);
    expect(nat.path?.fromNamespace).toBe(lab.gateway.router.namespace);

    const dnsmasq = byName.get('dnsmasq')!;
    expect(lab.networks.map((network) => network.dhcpNamespace)).toContain(dnsmasq.object.name);
    expect(dnsmasq.machineIds).toEqual([gatewayMachine(lab).id]);

    const stale = byName.get('stale-port')!;
    expect(stale.object.kind).toBe('ovs-port');
    expect(allInstances(lab).map((candidate) => candidate.devices.qvo)).not.toContain(stale.object.name);
    expect(stale.machineIds).toEqual(lab.machines.filter((machine) => machine.role === 'compute').map((machine) => machine.id));
  });

  it('are held by one test process at a time, and free once it releases them', async () => {
    await holdLabFaults();
    expect(await tryLock()).toBe('held');
    await releaseLabFaults();
    expect(await tryLock()).toBe('free');
  }, LAB_FAULTS_HOLD_WAIT_MS);
});
