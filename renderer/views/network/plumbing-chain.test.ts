import { describe, expect, it } from 'vitest';
import { containerPlumbing, plumbedContainers } from './plumbing-chain';
import { computeProbes, failedOutcome, labInventory, outcome } from './lab-outputs.fixture';

const names = (plumbing: ReturnType<typeof containerPlumbing>) => plumbing!.nics[0]!.hops.map((hop) => hop.name);
const evidence = (plumbing: ReturnType<typeof containerPlumbing>) => plumbing!.nics[0]!.hops.map((hop) => hop.evidence);

describe('an instance’s plumbing from the lab’s real outputs', () => {
  const plumbing = containerPlumbing(labInventory(), '24', 'instance-00000014');

  it('follows tap → qbr → qvb ↔ qvo → br-int, every hop seen by a probe', () => {
    expect(names(plumbing)).toEqual(['instance-00000014', 'tap9e0c6af1-30', 'qbr9e0c6af1-30', 'qvb9e0c6af1-30', 'qvo9e0c6af1-30', 'br-int']);
    expect(evidence(plumbing)).toEqual(['seen', 'seen', 'seen', 'seen', 'seen', 'seen']);
    expect(plumbing!.nics[0]!.links.map((link) => [link.relation, link.evidence])).toEqual([
      ['veth (LXD nic)', 'seen'],
      ['port of', 'seen'],
      ['port of', 'seen'],
      ['veth pair', 'seen'],
      ['OVS port, tag 1', 'seen'],
    ]);
    expect(plumbing!.nics[0]!.hops[3]!.how).toContain('veth port of qbr9e0c6af1-30');
    expect(plumbing!.nics[0]!.hops[4]!.how).toContain('veth peer of qvb9e0c6af1-30');
    expect(plumbing!.nics[0]!.conflicts).toEqual([]);
  });

  it('carries the MAC, the OVS external-ids and the VLAN tag nova and Neutron set (walkthrough step 7)', () => {
    const nic = plumbing!.nics[0]!;
    expect(nic.mac).toBe('fa:16:3e:e4:a3:bf');
    expect(nic.externalIds).toEqual({ ifaceId: '9e0c6af1-30bc-418d-b82f-c025c935d987', attachedMac: 'fa:16:3e:e4:a3:bf', vmUuid: 'instance-00000014' });
    expect(nic.vlanTag).toBe(1);
    expect(nic.hops[5]!.details).toContainEqual({ label: 'datapath', value: 'netdev' });
    expect(nic.hops[2]!.details).toEqual([{ label: 'ports', value: 'qvb9e0c6af1-30, tap9e0c6af1-30' }]);
  });

  it('lists the containers with nics, Nova’s instances before Juju’s', () => {
    expect(plumbedContainers(labInventory()).map((container) => container.container)).toEqual(['instance-00000012', 'instance-00000014', 'juju-79fcc7-24-lxd-0']);
    expect(containerPlumbing(labInventory(), '24', 'instance-00000099')).toBeNull();
  });
});

describe('an instance’s plumbing when a probe is missing', () => {
  const without = (probeId: string, message: string) =>
    labInventory(computeProbes('24').map((probe) => (probe.probeId === probeId ? failedOutcome('24', probeId, probe.command, message) : probe)));

  it('without `ip -d link`, finds qvo by the MAC in OVS and qvb only by name, and says which probe would show the rest', () => {
    const plumbing = containerPlumbing(without('links', 'ip: command not found'), '24', 'instance-00000012');
    const nic = plumbing!.nics[0]!;
    expect(names(plumbing).slice(1)).toEqual(['tapc397384b-56', 'qbrc397384b-56', 'qvbc397384b-56', 'qvoc397384b-56', 'br-int']);
    expect(evidence(plumbing)).toEqual(['seen', 'not-seen', 'not-seen', 'by-name', 'seen', 'seen']);
    expect(nic.hops[4]!.how).toContain('attached-mac is fa:16:3e:f5:ed:19');
    expect(nic.hops[3]!.how).toMatch(/^by name: qvoc397384b-56 → qvbc397384b-56; links on node05ob64 \(machine 24\) failed \(ip -d -j link\): ip: command not found/);
    expect(nic.links[1]).toMatchObject({ evidence: 'not-seen', how: expect.stringContaining('ip: command not found') });
    expect(nic.links[3]!.evidence).toBe('by-name');
    expect(nic.vlanTag).toBe(2);
  });

  it('without OVS (sudo refused), still derives qvo as qvb’s veth peer, and shows br-int as not seen with sudo’s message', () => {
    const refused = 'ovs-vsctl needs root on node05ob64, and sudo there asks for a password or refuses (sudo: a password is required). Give the lab user passwordless sudo for it.';
    const inventory = without('ovs-vsctl', refused);
    inventory.probes = inventory.probes.map((probe) => (probe.probeId === 'ovs-interfaces' ? failedOutcome('24', 'ovs-interfaces', probe.command, refused) : probe));
    inventory.links.containers = inventory.links.containers.map((container) => ({ ...container, nics: container.nics.map((nic) => ({ ...nic, ovsPort: null, neutronPortId: null, vmUuid: null })) }));
    const nic = containerPlumbing(inventory, '24', 'instance-00000014')!.nics[0]!;
    expect(nic.hops.map((hop) => [hop.name, hop.evidence])).toEqual([
      ['instance-00000014', 'seen'],
      ['tap9e0c6af1-30', 'seen'],
      ['qbr9e0c6af1-30', 'seen'],
      ['qvb9e0c6af1-30', 'seen'],
      ['qvo9e0c6af1-30', 'seen'],
      [null, 'not-seen'],
    ]);
    expect(nic.hops[5]!.how).toContain('sudo: a password is required');
    expect(nic.hops[5]!.probe).toBe('ovs-vsctl');
    expect(nic.links[4]!.probe).toBe('ovs-vsctl');
    expect(nic.externalIds).toBeNull();
    expect(nic.links[4]).toMatchObject({ relation: 'OVS port', evidence: 'not-seen' });
  });

  it('finds the tap as the bridge’s other member when the profile names no host side', () => {
    const inventory = labInventory([...computeProbes('24').filter((probe) => probe.probeId !== 'links'), outcome('24', 'links', 'ip-link', 'ip-link/netns-capture-vif-chain-iproute2-6.1.json.txt', 'ip -d -j link')]);
    inventory.links.containers = inventory.links.containers.map((container) => ({ ...container, nics: container.nics.map((nic) => ({ ...nic, tap: null })) }));
    const nic = containerPlumbing(inventory, '24', 'instance-00000014')!.nics[0]!;
    expect(nic.hops[1]).toMatchObject({ name: 'tap9e0c6af1-30', evidence: 'seen', how: expect.stringContaining('port of qbr9e0c6af1-30') });
    expect(nic.hops[3]!.name).toBe('qvb9e0c6af1-30');
  });

  it('reports a veth peer that disagrees with the OVS port carrying the MAC', () => {
    const inventory = labInventory();
    inventory.links.containers = inventory.links.containers.map((container) => ({ ...container, nics: container.nics.map((nic) => ({ ...nic, ovsPort: nic.ovsPort ? 'qvo-elsewhere' : null })) }));
    const nic = containerPlumbing(inventory, '24', 'instance-00000014')!.nics[0]!;
    expect(nic.hops[4]!.name).toBe('qvo9e0c6af1-30');
    expect(nic.conflicts).toEqual(['qvb9e0c6af1-30’s veth peer is qvo9e0c6af1-30, but the OVS port whose attached-mac is fa:16:3e:e4:a3:bf is qvo-elsewhere.']);
  });
});
