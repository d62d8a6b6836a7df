import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { LabInventory } from '../../../electron/contract/inventory';
import { buildLabDiagram, DIAGRAM_TIERS } from './lab-diagram';
import { layoutDiagram, NODE_HEIGHT, NODE_WIDTH } from './diagram-layout';
import { computeProbes, failedOutcome, gatewayProbes, labInventory } from './lab-outputs.fixture';

const wholeLab = JSON.parse(readFileSync(new URL('./fixtures/orangebox-lab-inventory.json', import.meta.url), 'utf8')) as LabInventory;
const count = (model: ReturnType<typeof buildLabDiagram>, kind: string) => model.nodes.filter((node) => node.kind === kind).length;

describe('the lab diagram of the whole lab’s inventory', () => {
  const model = buildLabDiagram(wholeLab);

  it('has both compute nodes with their instances and qbr bridges, and the gateway with its four namespaces', () => {
    expect(model.groups.map((group) => [group.kind, group.label])).toEqual([
      ['compute', 'node03ob64 (machine 22)'],
      ['compute', 'node05ob64 (machine 24)'],
      ['gateway', 'node02ob64 (machine 26)'],
    ]);
    expect(count(model, 'container')).toBe(4);
    expect(count(model, 'qbr')).toBe(4);
    expect(count(model, 'namespace')).toBe(4);
    // br-int on each compute node, br-int and br-ex on the gateway
    expect(model.nodes.filter((node) => node.kind === 'ovs-bridge').map((node) => node.id)).toEqual(['machine:22:br-int', 'machine:24:br-int', 'machine:26:br-int', 'machine:26:br-ex']);
    expect(count(model, 'external')).toBe(1);
    expect(model.nodes).toHaveLength(4 + 4 + 4 + 4 + 1);
    expect(model.notes).toEqual([]);
  });

  it('joins each instance to its qbr and br-int, br-int to the gateway, every namespace port to its bridge, and br-ex to the outside', () => {
    // 4 container→qbr, 4 qbr→br-int, 2 tenant links, the router's 3 qr- ports as one line, 3 DHCP taps, qg- on br-ex, br-ex→external
    expect(model.edges).toHaveLength(4 + 4 + 2 + 1 + 3 + 1 + 1);
    expect(new Set(model.edges.map((edge) => edge.id)).size).toBe(model.edges.length);
    expect(new Set(model.nodes.map((node) => node.id)).size).toBe(model.nodes.length);
    expect(model.edges.find((edge) => edge.to === 'machine:26:netns:qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566')).toMatchObject({
      from: 'machine:26:br-int',
      label: 'tags 1, 2, 3',
      title: expect.stringMatching(/qr-cdbf7fe2-ce \(198\.51\.100\.0\/27\) on br-int, tag 1\n.*qr-b2448589-2b.*\n.*qr-9ee5f7e3-a5/),
    });
    expect(model.edges.every((edge) => edge.evidence === 'seen')).toBe(true);
    expect(model.edges.find((edge) => edge.from === 'machine:24:qbr:qbrc397384b-56')).toMatchObject({ to: 'machine:24:br-int', label: 'tag 2' });
    expect(model.edges.find((edge) => edge.to === 'machine:26:br-ex')).toMatchObject({ from: 'machine:26:netns:qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566', label: 'qg-adbbe7ab-46' });
    expect(model.nodes.find((node) => node.id === 'external')).toMatchObject({ detail: '198.51.100.128/26', title: expect.stringContaining('198.51.100.133, 198.51.100.136, 198.51.100.138') });
  });

  it('lays it out in rows, compute nodes side by side above the gateway, every edge going downwards', () => {
    const layout = layoutDiagram(model);
    expect(layout.nodes).toHaveLength(model.nodes.length);
    expect(layout.edges).toHaveLength(model.edges.length);
    const byId = new Map(layout.nodes.map((node) => [node.id, node]));
    for (const edge of layout.edges) expect(byId.get(edge.from)!.y + NODE_HEIGHT, edge.id).toBeLessThan(byId.get(edge.to)!.y);
    const tierYs = new Map<number, Set<number>>();
    for (const node of layout.nodes) tierYs.set(node.tier, (tierYs.get(node.tier) ?? new Set()).add(node.y));
    expect([...tierYs.values()].every((ys) => ys.size === 1)).toBe(true);
    const [first, second, gateway] = layout.groups;
    expect(first!.x + first!.width).toBeLessThan(second!.x);
    expect(first!.y).toBe(second!.y);
    expect(Math.max(first!.y + first!.height, second!.y + second!.height)).toBeLessThan(gateway!.y);
    for (const node of layout.nodes.filter((candidate) => candidate.groupId)) {
      const group = layout.groups.find((candidate) => candidate.id === node.groupId)!;
      expect(node.x).toBeGreaterThanOrEqual(group.x);
      expect(node.x + NODE_WIDTH).toBeLessThanOrEqual(group.x + group.width);
      expect(node.y).toBeGreaterThanOrEqual(group.y);
      expect(node.y + NODE_HEIGHT).toBeLessThanOrEqual(group.y + group.height);
    }
    // Each instance stands right above its own qbr bridge; the external network under br-ex.
    expect(byId.get('machine:24:container:instance-00000014')!.x).toBe(byId.get('machine:24:qbr:qbr9e0c6af1-30')!.x);
    expect(byId.get('external')!.x).toBe(byId.get('machine:26:br-ex')!.x);
    expect(layout.height).toBeGreaterThan(byId.get('external')!.y + NODE_HEIGHT);
    expect(layoutDiagram(model)).toEqual(layout);
  });
});

describe('the lab diagram from captured outputs, and when probes fail', () => {
  it('draws the namespaces whose addresses were not read, without ports, and says why', () => {
    const model = buildLabDiagram(labInventory());
    expect(count(model, 'namespace')).toBe(4);
    expect(model.edges.filter((edge) => edge.from === 'machine:26:br-int')).toHaveLength(1);
    expect(model.notes.filter((note) => note.includes('netns-addr:qdhcp-'))).toHaveLength(3);
    expect(model.nodes.find((node) => node.tier === DIAGRAM_TIERS.container && node.label === 'juju-79fcc7-24-lxd-0')).toBeUndefined();
    expect(model.groups[0]!.detail).toBe('compute · 1 other container not on Neutron');
  });

  it('places the router’s ports by name when the gateway’s OVS cannot be read, and marks those edges', () => {
    const probes = [...computeProbes('24'), ...gatewayProbes('26').map((probe) => (probe.probeId === 'ovs-vsctl' ? failedOutcome('26', 'ovs-vsctl', probe.command, 'sudo: a password is required') : probe))];
    const model = buildLabDiagram(labInventory(probes));
    const routerEdges = model.edges.filter((edge) => edge.from.includes('qrouter') || edge.to.includes('qrouter'));
    expect(routerEdges.map((edge) => edge.label)).toEqual([null, 'qg-adbbe7ab-46']);
    expect(routerEdges.every((edge) => edge.evidence === 'by-name')).toBe(true);
    expect(model.notes.some((note) => note.includes('sudo: a password is required') && note.includes('by their names'))).toBe(true);
  });

  it('says there is no gateway rather than drawing one', () => {
    const inventory = labInventory(computeProbes('24'));
    inventory.machines = inventory.machines.filter((machine) => machine.id !== '26');
    const model = buildLabDiagram(inventory);
    expect(model.groups.map((group) => group.kind)).toEqual(['compute']);
    expect(model.notes).toContainEqual(expect.stringContaining('No machine runs neutron-gateway'));
  });
});
