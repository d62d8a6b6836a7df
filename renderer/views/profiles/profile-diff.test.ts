import { describe, expect, it } from 'vitest';
import { parseLxcProfile } from '../../../electron/probes/parsers/lxc-profile';
import { parseLxcProfileList } from '../../../electron/probes/parsers/lxc-profile-list';
import { fixture } from '../../../test/unit/parsers/fixtures';
import { diffProfiles, differenceCount, pairDevices } from './profile-diff';

const labProfiles = parseLxcProfileList(fixture('lxc-profile', 'lab-lxd-5.0.2-profile-list.json.txt')).value.profiles;
const lab = (name: string) => labProfiles.find((profile) => profile.name === name)!;
const find = (rows: ReturnType<typeof diffProfiles>, group: string, key: string) => rows.find((entry) => entry.group === group && entry.key === key);

describe('diffProfiles on two instance profiles of the lab', () => {
  const rows = diffProfiles(lab('instance-00000012'), lab('instance-00000014'));

  it('marks the flavor memory as changed and the CPU limit as the same', () => {
    expect(find(rows, 'config', 'limits.memory')).toEqual({ group: 'config', key: 'limits.memory', left: '512MB', right: '2048MB', status: 'changed' });
    expect(find(rows, 'config', 'limits.cpu')!.status).toBe('same');
    expect(find(rows, 'config', 'raw.lxc')!.status).toBe('changed');
  });

  it('compares nic with nic although nova-lxd named each after its own port', () => {
    expect(find(rows, 'device nic 1', 'device name')).toMatchObject({ left: 'qbrc397384b-56', right: 'qbr9e0c6af1-30', status: 'changed' });
    expect(find(rows, 'device nic 1', 'hwaddr')).toMatchObject({ left: 'fa:16:3e:f5:ed:19', right: 'fa:16:3e:e4:a3:bf', status: 'changed' });
    expect(find(rows, 'device nic 1', 'nictype')!.status).toBe('same');
    expect(rows.filter((entry) => entry.group === 'device root').every((entry) => entry.status === 'same')).toBe(true);
  });

  it('counts what differs: name, memory, console log, nic name, tap, MAC, parent, and the instance', () => {
    expect(rows.filter((entry) => entry.status !== 'same').map((entry) => `${entry.group}/${entry.key}`)).toEqual([
      'profile/name',
      'config/limits.memory',
      'config/raw.lxc',
      'device nic 1/device name',
      'device nic 1/host_name',
      'device nic 1/hwaddr',
      'device nic 1/parent',
      'used by/instances',
    ]);
    expect(differenceCount(rows)).toBe(8);
  });
});

describe('diffProfiles across LXD versions and kinds', () => {
  it('shows keys only one side has (the walkthrough profile has no root pool)', () => {
    const walkthrough = parseLxcProfile(fixture('lxc-profile', 'walkthrough-lxd-2.0.5-profile-show.txt').split('\n').slice(1).join('\n')).value;
    const rows = diffProfiles(walkthrough, lab('instance-00000014'));
    expect(find(rows, 'device root', 'pool')).toMatchObject({ left: null, right: 'default', status: 'only-right' });
    expect(find(rows, 'device qbr9e0c6af1-30', 'hwaddr')!.status).toBe('same');
  });

  it('compares a profile with itself as all the same', () => {
    expect(differenceCount(diffProfiles(lab('default'), lab('default')))).toBe(0);
  });

  it('lists devices only one side has alone', () => {
    const rows = diffProfiles(lab('juju-default'), lab('default'));
    expect(find(rows, 'device eth0', 'device name')).toMatchObject({ left: null, right: 'eth0', status: 'only-right' });
    expect(find(rows, 'device eth0', 'parent')).toMatchObject({ left: null, right: 'br-maas', status: 'only-right' });
    expect(find(rows, 'config', 'boot.autostart')).toMatchObject({ left: 'true', right: null, status: 'only-left' });
  });
});

describe('pairDevices', () => {
  it('pairs by name, then by type in name order, and leaves the rest alone under their own names', () => {
    const nic = { type: 'nic' };
    expect(pairDevices({ root: { type: 'disk' }, a: nic, b: nic }, { root: { type: 'disk' }, z: nic, data: { type: 'disk' } })).toEqual([
      { label: 'root', left: 'root', right: 'root' },
      { label: 'nic 1', left: 'a', right: 'z' },
      { label: 'b', left: 'b', right: null },
      { label: 'data', left: null, right: 'data' },
    ]);
  });
});
