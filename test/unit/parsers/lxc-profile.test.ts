import { describe, expect, it } from 'vitest';
import { parseLxcProfile } from '../../../electron/probes/parsers/lxc-profile';
import { parseLxcProfileList } from '../../../electron/probes/parsers/lxc-profile-list';
import { UNREADABLE } from '../../../electron/probes/parsers/parse-result';
import { fixture } from './fixtures';

describe('lxc profile show, walkthrough (nova-lxd instance profile, LXD 2.0.5)', () => {
  const result = parseLxcProfile(fixture('lxc-profile', 'walkthrough-lxd-2.0.5-profile-show.txt'));

  it('reads it as a profile, skipping the prompt line', () => {
    expect(result.format).toBe('yaml');
    expect(result.problems).toEqual([]);
    expect(result.value).toMatchObject({ kind: 'profile', name: 'instance-00000014', description: '' });
  });

  it('keeps config values as the text LXD stored (not YAML booleans or numbers)', () => {
    expect({ ...result.value.config }).toEqual({
      'boot.autostart': 'True',
      'limits.cpu': '1',
      'limits.memory': '2048MB',
      'raw.lxc': 'lxc.console.logfile=/var/log/lxd/instance-00000014/console.log\n',
    });
  });

  it('reads the bridged nic on the qbr bridge with its tap host name, and the root disk', () => {
    expect({ ...result.value.devices['qbr9e0c6af1-30'] }).toEqual({
      host_name: 'tap9e0c6af1-30',
      hwaddr: 'fa:16:3e:e4:a3:bf',
      nictype: 'bridged',
      parent: 'qbr9e0c6af1-30',
      type: 'nic',
    });
    expect({ ...result.value.devices.root }).toEqual({ path: '/', size: '0GB', type: 'disk' });
  });
});

describe('lxc profile show / config show, LXD 5.0.2 (the lab)', () => {
  it('reads used_by of a profile', () => {
    const { value } = parseLxcProfile(fixture('lxc-profile', 'lab-lxd-5.0.2-profile-show.txt'));
    expect(value.usedBy).toEqual(['/1.0/instances/instance-00000014?project=node05ob64']);
    expect(value.devices.root?.pool).toBe('default');
  });

  it('reads `lxc config show` as an instance: architecture, profiles, ephemeral, volatile keys', () => {
    const { value } = parseLxcProfile(fixture('lxc-profile', 'lab-lxd-5.0.2-config-show.txt'));
    expect(value).toMatchObject({ kind: 'instance', name: null, architecture: 'x86_64', ephemeral: false, profiles: ['instance-00000014'] });
    expect(value.config['volatile.qbr9e0c6af1-30.host_name']).toBe('tap9e0c6af1-30');
    expect(value.config['volatile.idmap.base']).toBe('0');
    expect(Object.keys(value.devices)).toEqual([]);
  });

  it('reads the expanded config with the profile devices merged in', () => {
    const { value } = parseLxcProfile(fixture('lxc-profile', 'lab-lxd-5.0.2-config-show-expanded.txt'));
    expect(value.devices['qbr9e0c6af1-30']?.host_name).toBe('tap9e0c6af1-30');
    expect(value.config['limits.memory']).toBe('2048MB');
  });

  it('reports what is not a profile, naming the line', () => {
    expect(parseLxcProfile('Error: Profile not found\n')).toMatchObject({ format: UNREADABLE, problems: [{ line: 1 }] });
    const notAProfile = parseLxcProfile('name: x\nfoo: bar\n');
    expect(notAProfile.format).toBe(UNREADABLE);
    expect(notAProfile.problems[0]?.message).toMatch(/no "config" or "devices"/);
  });
});

describe('lxc profile list --format json, LXD 5.0.2 (the lab)', () => {
  const result = parseLxcProfileList(fixture('lxc-profile', 'lab-lxd-5.0.2-profile-list.json.txt'));

  it('reads every profile of the project, each as lxc profile show would', () => {
    expect(result.format).toBe('json');
    expect(result.problems).toEqual([]);
    expect(result.value.profiles.map((profile) => profile.name)).toEqual(['default', 'instance-00000012', 'instance-00000014', 'juju-default']);
    const single = parseLxcProfile(fixture('lxc-profile', 'lab-lxd-5.0.2-profile-show.txt')).value;
    expect(result.value.profiles.find((profile) => profile.name === 'instance-00000014')).toEqual(single);
  });

  it('reads the default profile bridging eth0 to the MAAS bridge', () => {
    expect({ ...result.value.profiles[0]?.devices.eth0 }).toEqual({ name: 'eth0', nictype: 'bridged', parent: 'br-maas', type: 'nic' });
  });

  it('asks for --format json when given the table', () => {
    const table = parseLxcProfileList('+---------+-------------+---------+\n|  NAME   | DESCRIPTION | USED BY |\n+---------+-------------+---------+\n');
    expect(table.format).toBe(UNREADABLE);
    expect(table.problems[0]?.message).toMatch(/ask for --format json/);
  });
});
