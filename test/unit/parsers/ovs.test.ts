import { describe, expect, it } from 'vitest';
import { attachExternalIds, parseOvsList } from '../../../electron/probes/parsers/ovs-list';
import { parseOvsVsctlShow } from '../../../electron/probes/parsers/ovs-vsctl-show';
import { UNREADABLE } from '../../../electron/probes/parsers/parse-result';
import { fixture } from './fixtures';

describe('ovs-vsctl show, Open vSwitch 3.1.0 (the lab: userspace datapath)', () => {
  const result = parseOvsVsctlShow(fixture('ovs-vsctl', 'lab-ovs-3.1.0-show.txt'));
  const brInt = result.value.bridges.find((bridge) => bridge.name === 'br-int');

  it('reads the switch uuid, both bridges and their datapath type', () => {
    expect(result.format).toBe('show');
    expect(result.problems).toEqual([]);
    expect(result.value.uuid).toBe('705d1f19-c9e1-43b5-9be4-4cfd70b3f87d');
    expect(result.value.bridges.map((bridge) => [bridge.name, bridge.datapathType, bridge.ports.length])).toEqual([
      ['br-ex', 'netdev', 2],
      ['br-int', 'netdev', 11],
    ]);
    expect(result.value.ovsVersion).toBeNull();
  });

  it('reads each port with its local VLAN tag and the type of its interface', () => {
    expect(brInt?.ports.find((port) => port.name === 'qvo9e0c6af1-30')).toEqual({
      name: 'qvo9e0c6af1-30',
      tag: 1,
      type: null,
      interfaces: [{ name: 'qvo9e0c6af1-30', type: null, options: {}, error: null }],
      externalIds: null,
    });
    expect(brInt?.ports.find((port) => port.name === 'br-int')).toMatchObject({ tag: null, type: 'internal' });
    expect(brInt?.ports.filter((port) => port.tag === 2).map((port) => port.name)).toEqual(['qvoc397384b-56', 'qr-b2448589-2b', 'tapcd36d805-52']);
  });
});

describe('ovs-vsctl show, Open vSwitch 2.3.1 (quoted names, patch ports)', () => {
  const result = parseOvsVsctlShow(fixture('ovs-vsctl', 'fuel-qos-notes-ovs-2.3.1-show.txt'));

  it('unquotes names and reads fail_mode, patch options and the version', () => {
    expect(result.problems).toEqual([]);
    expect(result.value.ovsVersion).toBe('2.3.1');
    const brInt = result.value.bridges[0]!;
    expect(brInt).toMatchObject({ name: 'br-int', failMode: 'secure' });
    expect(brInt.ports[0]).toMatchObject({ name: 'qvofc618310-b9', tag: 6 });
    expect(brInt.ports[1]).toMatchObject({ name: 'int-br-prv', type: 'patch', interfaces: [{ name: 'int-br-prv', type: 'patch', options: { peer: 'phy-br-prv' }, error: null }] });
  });

  it('reads a copy with lines cut ("..."), a controller, and says where lines are missing', () => {
    const cut = parseOvsVsctlShow(fixture('ovs-vsctl', 'compass-notes-ovs-2.x-show-elided.txt'));
    expect(cut.format).toBe('show');
    expect(cut.value.bridges[0]).toMatchObject({ name: 'br-int', controllers: ['tcp:127.0.0.1:6633'], failMode: 'secure' });
    expect(cut.value.bridges[0]?.ports.map((port) => port.name)).toEqual(['br-int', 'patch-tun', 'qvobb09acdf-a4', 'int-br-prv']);
    expect(cut.problems.map((entry) => entry.line)).toEqual([1, 20]);
  });

  it('reads an interface error', () => {
    const { value } = parseOvsVsctlShow(
      ['0b0d2a0e-1111-2222-3333-444455556666', '    Bridge br-int', '        Port "qvo1"', '            Interface "qvo1"', '                error: "could not open network device qvo1 (No such device)"'].join('\n'),
    );
    expect(value.bridges[0]?.ports[0]?.interfaces[0]?.error).toBe('could not open network device qvo1 (No such device)');
  });
});

describe('ovs-vsctl list, and external ids merged into show', () => {
  const interfaces = parseOvsList(fixture('ovs-list', 'lab-ovs-3.1.0-interface-name-external_ids-type.json.txt'));

  it('decodes OVSDB JSON: maps, empty sets, plain strings', () => {
    expect(interfaces.format).toBe('json');
    expect(interfaces.value.records).toHaveLength(13);
    const qvo = interfaces.value.records.find((record) => record.name === 'qvo9e0c6af1-30');
    expect({ ...qvo?.externalIds }).toEqual({
      'attached-mac': 'fa:16:3e:e4:a3:bf',
      'iface-id': '9e0c6af1-30bc-418d-b82f-c025c935d987',
      'iface-status': 'active',
      'vm-uuid': 'instance-00000014',
    });
    expect(interfaces.value.records.find((record) => record.name === 'br-ex')).toMatchObject({ type: 'internal', tag: null });
  });

  it('reads the Port table: integer tags and empty sets as no tag', () => {
    const ports = parseOvsList(fixture('ovs-list', 'lab-ovs-3.1.0-port-name-tag-interfaces.json.txt')).value.records;
    expect(ports.find((record) => record.name === 'qvoc397384b-56')).toMatchObject({ tag: 2, columns: { interfaces: '0ce08874-4b65-40e7-8349-15d04945d5f7' } });
    expect(ports.find((record) => record.name === 'qg-adbbe7ab-46')?.tag).toBeNull();
  });

  it('reads the default text form to the same external ids as the JSON form', () => {
    const text = parseOvsList(fixture('ovs-list', 'lab-ovs-3.1.0-interface-list-text.txt'));
    expect(text.format).toBe('list');
    expect(text.problems).toEqual([]);
    const byName = (records: typeof text.value.records) => Object.fromEntries(records.map((record) => [record.name, { ...record.externalIds }]));
    expect(byName(text.value.records)).toEqual(byName(interfaces.value.records));
    expect(text.value.records.find((record) => record.name === 'tap9fab3b71-9d')?.columns.ofport).toBe(1);
  });

  it('reports the error ovs-vsctl gives for a "tag" column on Interface', () => {
    const result = parseOvsList(fixture('ovs-list', 'lab-ovs-3.1.0-interface-tag-column-error.txt'));
    expect(result.format).toBe(UNREADABLE);
    expect(result.problems[0]?.message).toMatch(/Interface does not contain a column whose name matches/);
  });

  it('fills each port of show with the iface-id, attached-mac and vm-uuid Neutron set', () => {
    const show = parseOvsVsctlShow(fixture('ovs-vsctl', 'lab-ovs-3.1.0-show.txt')).value;
    const merged = attachExternalIds(show, interfaces.value.records);
    const port = merged.bridges.find((bridge) => bridge.name === 'br-int')?.ports.find((entry) => entry.name === 'qvo060a1db8-02');
    expect(port).toMatchObject({ tag: 1, externalIds: { 'iface-id': '060a1db8-02d9-4e62-bc72-709575abf714', 'attached-mac': 'fa:16:3e:9f:1b:8e', 'vm-uuid': 'instance-00000002' } });
    expect(merged.bridges.find((bridge) => bridge.name === 'br-int')?.ports.find((entry) => entry.name === 'br-int')?.externalIds).toEqual({});
    expect(show.bridges[1]?.ports[0]?.externalIds).toBeNull();
  });
});
