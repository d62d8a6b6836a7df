// The instance plumbing checks over a small lab (test/support/health-lab.ts): each finds its fault
// (naming the device and the machine) and nothing when the lab is whole.
import { describe, expect, it } from 'vitest';
import type { HealthCheck } from '../health-check';
import { healthyLab, INSTANCE_0C, INSTANCE_12, inventoryOf, model, NET_PRIVATE, port, type HealthLab } from '../../../test/support/health-lab';
import { CHAIN_DEVICE_MISSING } from './chain-device-missing';
import { CHAIN_LINK_DOWN } from './chain-link-down';
import { CHAIN_MTU } from './chain-mtu';
import { INSTANCE_WITHOUT_OVS_PORT } from './instance-without-ovs-port';
import { OVS_BRIDGE_MISSING } from './ovs-bridge-missing';
import { QVO_VLAN_TAG } from './qvo-vlan-tag';
import { STALE_OVS_PORT } from './stale-ovs-port';

const run = (check: HealthCheck, lab: HealthLab) => check.run(inventoryOf(lab));
const links = (lab: HealthLab, machineId: string) => model(lab, machineId, 'links', 'links').interfaces;
const qbr0c = port('qbr', INSTANCE_0C.portId);
const qvo0c = port('qvo', INSTANCE_0C.portId);

describe.each([CHAIN_DEVICE_MISSING, CHAIN_LINK_DOWN, CHAIN_MTU, INSTANCE_WITHOUT_OVS_PORT, OVS_BRIDGE_MISSING, QVO_VLAN_TAG, STALE_OVS_PORT])('$id', (check) => {
  it('finds nothing when the plumbing is whole', () => {
    expect(run(check, healthyLab())).toEqual([]);
  });
});

describe('chain-device-missing', () => {
  it('names a missing qbr as a bridge of its instance, on its machine', () => {
    const lab = healthyLab();
    const interfaces = links(lab, '22');
    interfaces.splice(interfaces.findIndex((entry) => entry.name === qbr0c), 1);
    const [finding, ...rest] = run(CHAIN_DEVICE_MISSING, lab);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ checkId: 'chain-device-missing', severity: 'error', object: { kind: 'bridge', name: qbr0c, machineId: '22' }, command: `ip -d link show ${qbr0c}` });
    expect(finding!.message).toBe(`${qbr0c}, the Linux bridge (qbr) of instance-0000000c, is missing on machine 22: the instance's packets cannot reach br-int; a hard reboot of its server (\`openstack server reboot --hard\`) plugs the chain again.`);
  });

  it('does not expect a tap of a stopped container', () => {
    const lab = healthyLab();
    model(lab, '22', 'lxc-list', 'lxc-list').instances[0]!.state = 'STOPPED';
    const interfaces = links(lab, '22');
    interfaces.splice(interfaces.findIndex((entry) => entry.name === port('tap', INSTANCE_0C.portId)), 1);
    expect(run(CHAIN_DEVICE_MISSING, lab)).toEqual([]);
  });
});

describe('chain-link-down', () => {
  it('finds a qbr set down, with the command that brings it up', () => {
    const lab = healthyLab();
    Object.assign(links(lab, '22').find((entry) => entry.name === qbr0c)!, { state: 'DOWN', flags: ['BROADCAST', 'MULTICAST'] });
    const findings = run(CHAIN_LINK_DOWN, lab);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ object: { kind: 'bridge', name: qbr0c, machineId: '22' }, evidence: [`${qbr0c}: state DOWN, flags BROADCAST,MULTICAST`, expect.stringContaining(`→ ${qbr0c} →`)] });
    expect(findings[0]!.message).toContain(`sudo ip link set ${qbr0c} up`);
  });

  it('finds a tap that is up but has no carrier', () => {
    const lab = healthyLab();
    const tap = port('tap', INSTANCE_12.portId);
    Object.assign(links(lab, '24').find((entry) => entry.name === tap)!, { state: 'LOWERLAYERDOWN', flags: ['BROADCAST', 'MULTICAST', 'UP', 'NO-CARRIER'] });
    expect(run(CHAIN_LINK_DOWN, lab).map((finding) => [finding.object.name, finding.object.machineId])).toEqual([[tap, '24']]);
  });
});

describe('chain-mtu', () => {
  it("finds a tap whose MTU is below the rest of its chain (OpenStack not read)", () => {
    const lab = healthyLab();
    const tap = port('tap', INSTANCE_0C.portId);
    links(lab, '22').find((entry) => entry.name === tap)!.mtu = 1400;
    const findings = run(CHAIN_MTU, lab);
    expect(findings.map((finding) => finding.object)).toEqual([{ kind: 'interface', name: tap, machineId: '22' }]);
    expect(findings[0]!.message).toContain("has MTU 1400, lower than the rest of its chain's MTU, 1500");
    expect(CHAIN_MTU.note!(inventoryOf(lab))).toMatch(/OpenStack's networks were not read/);
  });
});

describe('instance-without-ovs-port', () => {
  it('finds an instance whose MAC no OVS interface carries', () => {
    const lab = healthyLab();
    for (const machineId of ['22', '24']) {
      const records = model(lab, machineId, 'ovs-interfaces', 'ovs-interfaces').records;
      records.splice(records.findIndex((record) => record.name === qvo0c), 1);
    }
    const findings = run(INSTANCE_WITHOUT_OVS_PORT, lab);
    expect(findings.map((finding) => finding.object)).toEqual([{ kind: 'container', name: INSTANCE_0C.name, machineId: '22' }]);
    expect(findings[0]!.message).toMatch(/^instance-0000000c on machine 22 has no OVS port for its nic qbr1896322c-d4 \(MAC fa:16:3e:54:f9:9d\)/);
    expect(findings[0]!.command).toBe(`sudo ovs-vsctl --columns=name,external_ids find Interface external_ids:attached-mac='"fa:16:3e:54:f9:9d"'`);
  });
});

describe('stale-ovs-port', () => {
  it('finds an OVS port whose vm-uuid no container is, once for the switch the machines share', () => {
    const lab = healthyLab();
    const stale = { name: 'qvo9e0c6af1-30', tag: null, type: null, externalIds: { 'attached-mac': 'fa:16:3e:e4:a3:bf', 'iface-id': '9e0c6af1-30bc-418d-b82f-c025c935d987', 'vm-uuid': 'b1d2c3e4-0000-4000-8000-000000000014' }, columns: {} };
    for (const machineId of ['22', '24']) model(lab, machineId, 'ovs-interfaces', 'ovs-interfaces').records.push(structuredClone(stale));
    const findings = run(STALE_OVS_PORT, lab);
    expect(findings.map((finding) => finding.object)).toEqual([{ kind: 'ovs-port', name: 'qvo9e0c6af1-30', machineId: '22' }]);
    expect(findings[0]!.message).toContain('OpenStack was not read to ask Nova about it');
    expect(findings[0]!.message).toContain('sudo ovs-vsctl del-port qvo9e0c6af1-30');
  });

  it('judges nothing on a switch where a machine’s containers were not read', () => {
    const lab = healthyLab();
    model(lab, '22', 'ovs-interfaces', 'ovs-interfaces').records.push({ name: 'qvo9e0c6af1-30', tag: null, type: null, externalIds: { 'vm-uuid': 'x' }, columns: {} });
    const list = lab.outcomes.find((outcome) => outcome.machineId === '24' && outcome.probeId === 'lxc-list')!;
    Object.assign(list, { status: 'failed', value: null });
    expect(run(STALE_OVS_PORT, lab)).toEqual([]);
  });
});

describe('ovs-bridge-missing', () => {
  it('finds a gateway without br-ex while its router has an external gateway', () => {
    const lab = healthyLab();
    const show = model(lab, '26', 'ovs-vsctl', 'ovs-vsctl');
    show.bridges = show.bridges.filter((bridge) => bridge.name !== 'br-ex');
    expect(run(OVS_BRIDGE_MISSING, lab).map((finding) => finding.object)).toEqual([{ kind: 'bridge', name: 'br-ex', machineId: '26' }]);
  });

  it('finds a compute node without br-int', () => {
    const lab = healthyLab();
    const show = model(lab, '24', 'ovs-vsctl', 'ovs-vsctl');
    show.bridges = show.bridges.filter((bridge) => bridge.name !== 'br-int');
    expect(run(OVS_BRIDGE_MISSING, lab).map((finding) => [finding.object.name, finding.object.machineId])).toEqual([['br-int', '24']]);
  });
});

/** Sets a port's tag on every machine's view of the one switch. */
function setTag(lab: HealthLab, name: string, tag: number) {
  for (const machineId of ['22', '24', '26']) {
    for (const bridge of model(lab, machineId, 'ovs-vsctl', 'ovs-vsctl').bridges) for (const entry of bridge.ports) if (entry.name === name) entry.tag = tag;
  }
}

describe('qvo-vlan-tag', () => {
  it("finds a qvo whose tag differs from its network's DHCP and router ports, once, on its instance's machine", () => {
    const lab = healthyLab();
    setTag(lab, qvo0c, 4);
    const findings = run(QVO_VLAN_TAG, lab);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ object: { kind: 'ovs-port', name: qvo0c, machineId: '22' }, command: `sudo ovs-vsctl get Port ${qvo0c} tag` });
    expect(findings[0]!.message).toBe(
      `${qvo0c} on machine 22 has VLAN tag 4; its network ${'f8ec06d8-2f6c-4a3e-9c1d-5e7f8a9b0c1d'}'s DHCP and router ports use VLAN tag 1: the instance cannot reach its gateway or its DHCP server; set it back with \`sudo ovs-vsctl set Port ${qvo0c} tag=1\` (or restart neutron-openvswitch-agent).`,
    );
    expect(findings[0]!.evidence).toEqual([
      `${qvo0c} tag: 4 (ovs-vsctl show on machine 22)`,
      'tap9fab3b71-9d (qdhcp-f8ec06d8-2f6c-4a3e-9c1d-5e7f8a9b0c1d) tag: 1',
      'qr-cdbf7fe2-ce (qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566) tag: 1',
      "instance-0000000c's address 198.51.100.12 is in 198.51.100.2/27, network f8ec06d8-2f6c-4a3e-9c1d-5e7f8a9b0c1d",
    ]);
    expect(QVO_VLAN_TAG.note!(inventoryOf(lab))).toMatch(/^OpenStack's ports were not read: each qvo's network was worked out from its instance's address/);
  });

  it("finds a qvo on the agent's dead VLAN", () => {
    const lab = healthyLab();
    setTag(lab, port('qvo', INSTANCE_12.portId), 4095);
    const findings = run(QVO_VLAN_TAG, lab);
    expect(findings.map((finding) => [finding.object.name, finding.object.machineId])).toEqual([[port('qvo', INSTANCE_12.portId), '24']]);
    expect(findings[0]!.message).toContain("dead VLAN 4095");
  });

  it('compares with the network’s other qvos when its DHCP and router ports are on another switch', () => {
    const lab = healthyLab();
    // The gateway gets a switch of its own (a real multi-node OrangeBox): local VLANs differ there by design.
    const gatewaySwitch = model(lab, '26', 'ovs-vsctl', 'ovs-vsctl');
    gatewaySwitch.uuid = '9b7e26c4-1f2a-4c3b-8d4e-5f6a7b8c9d0e';
    gatewaySwitch.bridges[0]!.ports = gatewaySwitch.bridges[0]!.ports.filter((entry) => !entry.name.startsWith('qvo'));
    for (const machineId of ['22', '24']) {
      const show = model(lab, machineId, 'ovs-vsctl', 'ovs-vsctl');
      show.bridges[0]!.ports = show.bridges[0]!.ports.filter((entry) => !/^(tap|qr-)/.test(entry.name));
    }
    setTag(lab, qvo0c, 7);
    // One qvo of the network on this switch: nothing to compare it with.
    expect(run(QVO_VLAN_TAG, lab)).toEqual([]);

    // Two more ports of the network on the compute nodes' switch, placed by OpenStack's port list: tag 1 is the network's there.
    const neutronPort = (id: string, deviceOwner: string) => ({ id, name: '', macAddress: null, fixedIps: [], status: 'ACTIVE', deviceOwner, deviceId: null, networkId: NET_PRIVATE, securityGroups: [] });
    const extra = ['aa11bb22-0001-4000-8000-000000000001', 'cc33dd44-0002-4000-8000-000000000002'];
    lab.outcomes.push({ ...lab.outcomes[0]!, probeId: 'openstack-ports', value: { ports: [neutronPort(INSTANCE_0C.portId, 'compute:nova'), ...extra.map((id) => neutronPort(id, 'compute:nova'))] } });
    for (const machineId of ['22', '24']) {
      model(lab, machineId, 'ovs-vsctl', 'ovs-vsctl').bridges[0]!.ports.push(...extra.map((id) => ({ name: port('qvo', id), tag: 1, type: null, interfaces: [], externalIds: null })));
      model(lab, machineId, 'ovs-interfaces', 'ovs-interfaces').records.push(...extra.map((id) => ({ name: port('qvo', id), tag: null, type: null, externalIds: { 'iface-id': id }, columns: {} })));
    }
    const findings = run(QVO_VLAN_TAG, lab);
    expect(findings.map((finding) => finding.object)).toEqual([{ kind: 'ovs-port', name: qvo0c, machineId: '22' }]);
    expect(findings[0]!.message).toBe(`${qvo0c} on machine 22 has VLAN tag 7, while 2 other ports of its network ${NET_PRIVATE} on the same switch use VLAN tag 1: the instance is cut off from its network; set it back with \`sudo ovs-vsctl set Port ${qvo0c} tag=1\` (or restart neutron-openvswitch-agent).`);
    expect(findings[0]!.evidence).toContain(`Neutron port ${INSTANCE_0C.portId} is on network ${NET_PRIVATE}`);
    expect(QVO_VLAN_TAG.note!(inventoryOf(lab))).toBeNull();
  });
});
