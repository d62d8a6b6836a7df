import { describe, expect, it } from 'vitest';
import { parseLxcProfile } from '../../../electron/probes/parsers/lxc-profile';
import { fixture } from '../../../test/unit/parsers/fixtures';
import { findProfile, machineProfiles, profileKey } from './profile-catalog';
import { instanceOfUsedBy, limitLabel, profileStructure } from './profile-structure';
import { LAB_MACHINE_ID, labInventory } from './lab-inventory.fixture';

const inventory = labInventory();
const entry = (name: string) => findProfile(machineProfiles(inventory), profileKey(LAB_MACHINE_ID, name))!;

describe('profileStructure on the lab', () => {
  it('reads the flavor limits first, then the rest of the config', () => {
    const structure = profileStructure(entry('instance-00000014').profile, LAB_MACHINE_ID, inventory.links);
    expect(structure.limits).toEqual([
      { key: 'limits.cpu', label: 'CPU', value: '1' },
      { key: 'limits.memory', label: 'Memory', value: '2048MB' },
    ]);
    expect(structure.otherConfig.map((item) => item.key)).toEqual(['boot.autostart', 'raw.lxc']);
  });

  it('follows the nic from the qbr bridge to the tap, the MAC, the qvo port and the Neutron port', () => {
    const structure = profileStructure(entry('instance-00000014').profile, LAB_MACHINE_ID, inventory.links);
    expect(structure.nics).toEqual([
      {
        device: 'qbr9e0c6af1-30',
        nictype: 'bridged',
        bridge: 'qbr9e0c6af1-30',
        tap: 'tap9e0c6af1-30',
        mac: 'fa:16:3e:e4:a3:bf',
        ovsPort: 'qvo9e0c6af1-30',
        neutronPortId: '9e0c6af1-30bc-418d-b82f-c025c935d987',
        container: 'instance-00000014',
      },
    ]);
  });

  it('lists the devices with their settings, the type apart', () => {
    const structure = profileStructure(entry('instance-00000012').profile, LAB_MACHINE_ID, inventory.links);
    expect(structure.devices.map((device) => [device.name, device.type])).toEqual([
      ['qbrc397384b-56', 'nic'],
      ['root', 'disk'],
    ]);
    expect(structure.devices[1]!.settings).toEqual([
      { key: 'path', value: '/' },
      { key: 'pool', value: 'default' },
      { key: 'size', value: '0GB' },
    ]);
  });

  it('names the instances using it, with their state from lxc list', () => {
    const structure = profileStructure(entry('default').profile, LAB_MACHINE_ID, inventory.links);
    expect(structure.usedBy).toEqual([
      { name: 'juju-79fcc7-24-lxd-0', project: 'node05ob64', path: '/1.0/instances/juju-79fcc7-24-lxd-0?project=node05ob64', state: 'RUNNING' },
    ]);
    // The default profile's nic is on the management bridge, not a Neutron port.
    expect(structure.nics[0]).toMatchObject({ device: 'eth0', bridge: 'br-maas', tap: null, mac: null, ovsPort: null, container: 'juju-79fcc7-24-lxd-0' });
  });

  it('shows a profile with no limits or devices as empty lists, not an error', () => {
    const structure = profileStructure(entry('juju-default').profile, LAB_MACHINE_ID, inventory.links);
    expect(structure.limits).toEqual([]);
    expect(structure.devices).toEqual([]);
    expect(structure.nics).toEqual([]);
  });
});

describe('profileStructure on the walkthrough profile (LXD 2.0.5, no used_by, no inventory)', () => {
  it('still draws the chain from the profile alone', () => {
    const profile = parseLxcProfile(fixture('lxc-profile', 'walkthrough-lxd-2.0.5-profile-show.txt').split('\n').slice(1).join('\n')).value;
    const structure = profileStructure(profile, '25', null);
    expect(structure.nics).toEqual([
      { device: 'qbr9e0c6af1-30', nictype: 'bridged', bridge: 'qbr9e0c6af1-30', tap: 'tap9e0c6af1-30', mac: 'fa:16:3e:e4:a3:bf', ovsPort: null, neutronPortId: null, container: null },
    ]);
    expect(structure.limits.map((item) => item.value)).toEqual(['1', '2048MB']);
    expect(structure.usedBy).toEqual([]);
  });
});

describe('instanceOfUsedBy', () => {
  it('reads the instance and project from LXD 3+ and LXD 2 paths', () => {
    expect(instanceOfUsedBy('/1.0/instances/instance-00000014?project=node05ob64')).toEqual({ name: 'instance-00000014', project: 'node05ob64' });
    expect(instanceOfUsedBy('/1.0/containers/instance-00000002')).toEqual({ name: 'instance-00000002', project: null });
    expect(instanceOfUsedBy('/1.0/instances/a%2Db')).toEqual({ name: 'a-b', project: null });
    expect(instanceOfUsedBy('/1.0/instances/bad%zz')).toEqual({ name: 'bad%zz', project: null });
  });
});

describe('limitLabel', () => {
  it('names known limits and keeps the rest as LXD spells them', () => {
    expect(limitLabel('limits.cpu.allowance')).toBe('CPU allowance');
    expect(limitLabel('limits.hugepages.2MB')).toBe('hugepages.2MB');
  });
});
