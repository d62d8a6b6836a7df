import { describe, expect, it } from 'vitest';
import type { LabInventory, ProbeOutcome } from '../contract/inventory';
import type { LxcProfileList } from '../contract/lab-model';
import { InventoryKeeper } from '../inventory/inventory-keeper';
import { SECRET_MASK } from '../probes/parsers/secret-masking';
import { handMadeSnapshot } from '../../test/support/hand-made-snapshot';
import { maskInventory } from './inventory-masking';
import { snapshotLab } from './snapshot-lab';

/** The hand-made snapshot's lab read by the ordinary keeper: a real inventory, models and all. */
async function readInventory(): Promise<LabInventory> {
  const keeper = new InventoryKeeper({ ...snapshotLab(handMadeSnapshot()).keeperOptions('lab-maskingtest1'), onInventory: () => {}, onProbe: () => {} });
  try {
    return await keeper.refresh();
  } finally {
    keeper.stop();
  }
}

describe('maskInventory', () => {
  it('leaves an inventory without secrets as it was (nova.conf already masked by its parser)', async () => {
    const inventory = await readInventory();
    expect(inventory.probes.some((outcome) => outcome.probeId === 'nova-conf' && outcome.status === 'ok')).toBe(true);
    const result = maskInventory(inventory);
    expect(result.masked).toBe(0);
    expect(result.inventory).toEqual(inventory);
  });

  it('masks what other models kept of the lab\'s secrets: profile config, multi-line config, error messages', async () => {
    const inventory = await readInventory();
    const profiles = inventory.probes.find((outcome) => outcome.probeId === 'lxc-profiles')!;
    const list = profiles.value as LxcProfileList;
    // Parsed as JSON, as LXD's output is: "__proto__" is then a key like any other.
    list.profiles[0]!.config = JSON.parse(
      JSON.stringify({
        'environment.OS_PASSWORD': 'env-secret-1',
        'user.user-data': '#cloud-config\nchpasswd:\n  expire: false\npassword: cloud-secret-2\n',
        'environment.OS_AUTH_URL': 'http://keystone:5000/v3',
      }).replace(/}$/, ',"__proto__":"kept as a key"}'),
    ) as Record<string, string>;
    const failed: ProbeOutcome = { ...profiles, probeId: 'ovs-vsctl', status: 'failed', value: null, error: { code: 'command-exit', message: 'ovs-vsctl: cannot connect to tcp://admin:url-secret-3@10.0.0.9:6640' } };
    inventory.probes.push(failed);

    const result = maskInventory(inventory);
    const text = JSON.stringify(result.inventory);
    for (const secret of ['env-secret-1', 'cloud-secret-2', 'url-secret-3']) expect(text).not.toContain(secret);
    expect(result.masked).toBe(3);
    const config = (result.inventory.probes.find((outcome) => outcome.probeId === 'lxc-profiles')!.value as LxcProfileList).profiles[0]!.config;
    expect(config['environment.OS_PASSWORD']).toBe(SECRET_MASK);
    expect(config['user.user-data']).toBe(`#cloud-config\nchpasswd:\n  expire: false\npassword: ${SECRET_MASK}\n`);
    expect(config['environment.OS_AUTH_URL']).toBe('http://keystone:5000/v3');
    expect(Object.keys(config)).toContain('__proto__');
    expect(Object.getPrototypeOf(config)).toBe(Object.prototype);
    // The inventory it was given is not changed.
    expect(list.profiles[0]!.config['environment.OS_PASSWORD']).toBe('env-secret-1');
  });
});
