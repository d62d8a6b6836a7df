import { describe, expect, it } from 'vitest';
import { parseLxcList } from '../../../electron/probes/parsers/lxc-list';
import { UNREADABLE } from '../../../electron/probes/parsers/parse-result';
import { fixture } from './fixtures';
import { syntheticLxcListJson, syntheticLxcListTable } from './synthetic-outputs';

const summary = (text: string) =>
  parseLxcList(text).value.instances.map((instance) => [instance.name, instance.state, instance.ipv4.map((entry) => `${entry.address} (${entry.iface})`).join(', ')]);

describe('lxc list, walkthrough (LXD 2.0.5 table)', () => {
  it('reads the compute node before any instance: only Juju containers', () => {
    const result = parseLxcList(fixture('lxc-list', 'walkthrough-lxd-2.0.5-before-instances.txt'));
    expect(result.format).toBe('table');
    expect(result.problems).toEqual([]);
    expect(summary(fixture('lxc-list', 'walkthrough-lxd-2.0.5-before-instances.txt'))).toEqual([
      ['juju-79fcc7-25-lxd-0', 'RUNNING', '172.27.65.21 (eth0)'],
      ['juju-79fcc7-25-lxd-1', 'RUNNING', '172.27.65.26 (eth0)'],
    ]);
  });

  it('reads the Nova instances after they were launched, as persistent containers without profiles column', () => {
    const { value } = parseLxcList(fixture('lxc-list', 'walkthrough-lxd-2.0.5-after-instances.txt'));
    expect(value.instances.map((instance) => instance.name)).toEqual(['instance-00000002', 'instance-0000000c', 'instance-00000012', 'juju-79fcc7-25-lxd-0', 'juju-79fcc7-25-lxd-1']);
    expect(value.instances[1]).toEqual({
      name: 'instance-0000000c',
      state: 'RUNNING',
      type: 'container',
      ephemeral: false,
      ipv4: [{ address: '192.168.20.12', iface: 'eth0' }],
      ipv6: [],
      snapshots: 0,
      location: null,
      profiles: null,
      project: null,
    });
  });
});

describe('lxc list, LXD 5.0.2 (the lab) in every format', () => {
  const formats = {
    table: 'lab-lxd-5.0.2-table.txt',
    json: 'lab-lxd-5.0.2.json.txt',
    yaml: 'lab-lxd-5.0.2.yaml.txt',
    csv: 'lab-lxd-5.0.2.csv.txt',
    compact: 'lab-lxd-5.0.2-compact.txt',
  };

  it.each(Object.entries(formats))('detects %s', (format, name) => {
    const result = parseLxcList(fixture('lxc-list', name));
    expect(result.format).toBe(format);
    expect(result.problems).toEqual([]);
  });

  it('reads the same instances, states, types and addresses from all five formats', () => {
    const expected = [
      ['instance-00000012', 'RUNNING', '198.51.100.39 (eth0)'],
      ['instance-00000014', 'RUNNING', '198.51.100.20 (eth0)'],
      ['juju-79fcc7-24-lxd-0', 'RUNNING', '198.51.100.206 (eth0)'],
    ];
    for (const name of Object.values(formats)) {
      expect(summary(fixture('lxc-list', name)), name).toEqual(expected);
      expect(
        parseLxcList(fixture('lxc-list', name)).value.instances.every((instance) => instance.type === 'container' && instance.ephemeral === false && instance.snapshots === 0),
        name,
      ).toBe(true);
    }
  });

  it('reads profiles and project only where the format carries them (JSON/YAML), and "none" location as null', () => {
    const json = parseLxcList(fixture('lxc-list', 'lab-lxd-5.0.2.json.txt')).value.instances;
    expect(json.map((instance) => [instance.profiles, instance.project, instance.location])).toEqual([
      [['instance-00000012'], 'node05ob64', null],
      [['instance-00000014'], 'node05ob64', null],
      [['default', 'juju-default'], 'node05ob64', null],
    ]);
    expect(parseLxcList(fixture('lxc-list', 'lab-lxd-5.0.2-table.txt')).value.instances[0]?.profiles).toBeNull();
  });

  it('reads a PROFILES cell spanning two lines and says which columns it skipped', () => {
    const result = parseLxcList(fixture('lxc-list', 'lab-lxd-5.0.2-columns-nsP46tSl.txt'));
    expect(result.value.instances.map((instance) => instance.profiles)).toEqual([['instance-00000012'], ['instance-00000014'], ['default', 'juju-default']]);
    expect(result.problems).toEqual([{ line: 2, message: 'columns not read: LAST USED AT' }]);
  });

  it('reads the PROJECT column of --all-projects', () => {
    const { value } = parseLxcList(fixture('lxc-list', 'lab-lxd-5.0.2-all-projects.txt'));
    expect(value.instances).toHaveLength(11);
    expect(value.instances.filter((instance) => instance.project === 'node04ob64').map((instance) => instance.name)).toEqual([
      'juju-79fcc7-23-lxd-0',
      'juju-79fcc7-23-lxd-1',
      'juju-79fcc7-23-lxd-2',
      'juju-79fcc7-23-lxd-3',
      'juju-79fcc7-23-lxd-4',
    ]);
  });
});

describe('lxc list, other LXD versions', () => {
  it('reads a cell with four addresses (LXD 2.x, lxc/lxc#1383)', () => {
    const { value } = parseLxcList(fixture('lxc-list', 'lxc-issue-1383-lxd-2.x-multiple-addresses.txt'));
    expect(value.instances).toHaveLength(5);
    expect(value.instances[4]?.ipv4).toEqual([
      { address: '172.17.0.1', iface: 'docker0' },
      { address: '10.244.132.33', iface: 'eth0' },
      { address: '10.1.40.1', iface: 'cni0' },
      { address: '10.1.40.0', iface: 'flannel.1' },
    ]);
  });

  it('reads the EPHEMERAL column and right-aligned SNAPSHOTS of LXD 0.x', () => {
    const { value } = parseLxcList(fixture('lxc-list', 'lxd-issue-1560-lxd-0.x-ephemeral-column.txt'));
    expect(value.instances).toEqual([expect.objectContaining({ name: 'first', ephemeral: false, type: 'container', snapshots: 1, ipv4: [{ address: '10.0.3.43', iface: 'eth0' }] })]);
  });

  it('reads rows pasted without their heading as the default columns, and says so', () => {
    const result = parseLxcList(fixture('lxc-list', 'lxd-issue-7499-lxd-4.2-rows-without-heading.txt'));
    expect(result.value.instances[0]).toMatchObject({
      name: 'alpine',
      ipv4: [
        { address: '192.168.1.98', iface: 'eth0' },
        { address: '192.168.1.142', iface: 'eth1' },
      ],
      ipv6: [
        { address: 'fd42:4be4:539a:702a:216:3eff:fee9:9635', iface: 'eth1' },
        { address: 'fd42:4be4:539a:702a:216:3eff:fe9a:c139', iface: 'eth0' },
      ],
      type: 'container',
    });
    expect(result.problems[0]?.message).toMatch(/no heading row/);
  });

  it('reads a cluster (LOCATION) with a virtual machine without addresses (LXD 5.21)', () => {
    const { value } = parseLxcList(fixture('lxc-list', 'microcloud-tutorial-lxd-5.21-cluster-vm.txt'));
    expect(value.instances.map((instance) => [instance.name, instance.type, instance.location, instance.ipv4.length, instance.ipv6.length])).toEqual([
      ['u1', 'container', 'micro1', 1, 1],
      ['u2', 'container', 'micro2', 1, 1],
      ['u3', 'virtual-machine', 'micro3', 0, 0],
    ]);
  });

  it('reads two IPv6 addresses in one cell of a virtual machine', () => {
    const { value } = parseLxcList(fixture('lxc-list', 'vm-cluster-notes-lxd-5.x-multi-line-ipv6.txt'));
    expect(value.instances[1]?.ipv6.map((entry) => entry.address)).toEqual(['fd42:40d7:53e9:d1cc:8b0b:4523:1c5d:c171', 'fd42:40d7:53e9:d1cc:216:3eff:fe49:d43a']);
    expect(value.instances[1]?.ipv4).toEqual([{ address: '10.233.212.3', iface: 'enp5s0' }]);
  });
});

describe('lxc list, the API form leaves out what the table leaves out', () => {
  it('drops loopback and link-local addresses as lxc list does', () => {
    const { value } = parseLxcList(syntheticLxcListJson(2));
    expect(value.instances[1]?.ipv4).toEqual([{ address: '10.0.0.1', iface: 'eth0' }]);
    expect(value.instances[1]?.ipv6).toEqual([]);
  });

  it('reads 5,000 instances from JSON and from the table alike', () => {
    const json = parseLxcList(syntheticLxcListJson(5000)).value.instances;
    const table = parseLxcList(syntheticLxcListTable(5000)).value.instances;
    expect(json).toHaveLength(5000);
    expect(table.map((instance) => [instance.name, instance.ipv4])).toEqual(json.map((instance) => [instance.name, instance.ipv4]));
  });

  it('reports an error lxc printed instead of a list', () => {
    const result = parseLxcList('Error: Get "http://unix.socket/1.0": dial unix /var/lib/lxd/unix.socket: connect: no such file or directory\n');
    expect(result.format).toBe(UNREADABLE);
    expect(result.problems).toEqual([{ line: 1, message: expect.stringMatching(/^lxc reported an error: "Error: Get/) }]);
  });
});
