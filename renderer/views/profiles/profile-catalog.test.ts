import { describe, expect, it } from 'vitest';
import { defaultProfile, filterProfiles, findProfile, machineProfiles, profileKey } from './profile-catalog';
import { LAB_MACHINE_ID, LAB_NODE, labInventory, machine, outcome } from './lab-inventory.fixture';

describe('machineProfiles', () => {
  it('lists every profile the lab machine printed, under its node name, sorted by name', () => {
    const [group, ...rest] = machineProfiles(labInventory());
    expect(rest).toEqual([]);
    expect(group!.node).toBe(LAB_NODE);
    expect(group!.state).toBe('ok');
    expect(group!.profiles.map((entry) => entry.name)).toEqual(['default', 'instance-00000012', 'instance-00000014', 'juju-default']);
    expect(group!.profiles[2]!.key).toBe(profileKey(LAB_MACHINE_ID, 'instance-00000014'));
  });

  it('gives a failed reading its error and a command to try, and keeps the other machines', () => {
    const failed = outcome('22', 'lxc-profiles', null, {
      status: 'failed',
      command: 'lxc profile list --format json',
      error: { code: 'command-exit', message: 'Error: not authorized' },
    });
    const groups = machineProfiles(labInventory([failed], [machine('22', 'node03ob64', ['compute']), machine(LAB_MACHINE_ID, LAB_NODE, ['compute'])]));
    expect(groups.map((group) => [group.node, group.state])).toEqual([
      ['node03ob64', 'failed'],
      [LAB_NODE, 'ok'],
    ]);
    expect(groups[0]!.error).toBe('Error: not authorized');
    expect(groups[0]!.advice).toContain('`lxc profile list --format json` on node03ob64');
  });

  it('says a compute machine is still being read, or why it cannot be reached', () => {
    const unreachable = { ...machine('25', 'node07ob64', ['compute']), routeError: { code: 'ssh-unreachable' as const, message: 'no route to node07ob64' } };
    const groups = machineProfiles(labInventory([], [machine(LAB_MACHINE_ID, LAB_NODE, ['compute']), machine('23', null, ['control']), unreachable, machine('26', 'node02ob64', ['gateway'])]));
    expect(groups.map((group) => [group.machineId, group.node, group.state])).toEqual([
      ['23', 'machine 23', 'reading'],
      [LAB_MACHINE_ID, LAB_NODE, 'ok'],
      ['25', 'node07ob64', 'unreachable'],
    ]);
    expect(groups[2]!.error).toBe('no route to node07ob64');
  });

  it('is empty without an inventory or without any LXD machine', () => {
    expect(machineProfiles(null)).toEqual([]);
    expect(machineProfiles({ ...labInventory([], [machine('26', 'node02ob64', ['gateway'])]), probes: [] })).toEqual([]);
  });
});

describe('filterProfiles', () => {
  const groups = machineProfiles(labInventory());

  it('keeps the profiles whose name holds the text, ignoring case', () => {
    expect(filterProfiles(groups, ' INSTANCE-00000014 ')[0]!.profiles.map((entry) => entry.name)).toEqual(['instance-00000014']);
  });

  it('keeps a whole machine when the text names the node, and drops groups left empty', () => {
    expect(filterProfiles(groups, 'node05')[0]!.profiles).toHaveLength(4);
    expect(filterProfiles(groups, 'no-such-profile')).toEqual([]);
  });
});

describe('findProfile and defaultProfile', () => {
  const groups = machineProfiles(labInventory());

  it('finds a profile by machine and name', () => {
    expect(findProfile(groups, profileKey(LAB_MACHINE_ID, 'juju-default'))!.profile.description).toBe('Juju model default (79fcc7)');
    expect(findProfile(groups, profileKey('22', 'juju-default'))).toBeNull();
  });

  it('starts on the first nova-lxd instance profile, as the walkthrough does', () => {
    expect(defaultProfile(groups)!.name).toBe('instance-00000012');
  });
});
