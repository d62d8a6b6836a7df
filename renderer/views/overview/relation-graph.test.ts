// The relation graph of real Juju models: the walkthrough's `juju status` and the other captured
// outputs, parsed by the console's own parser, then laid out by dagre.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { parseJujuStatus } from '../../../electron/probes/parsers/juju-status';
import { describeNode, neighbourhood, relationGraphModel } from './relation-graph';
import { layoutRelationGraph, NODE_BOX_HEIGHT } from './relation-graph-layout';

const FIXTURES = new URL('../../../test/fixtures/outputs/juju-status/', import.meta.url);
const parse = (name: string) => parseJujuStatus(readFileSync(new URL(name, FIXTURES), 'utf8')).value;
const walkthrough = parse('walkthrough-2.0.1-tabular.txt');
/** The seed's own copy of the walkthrough output, as the engineer printed it. */
const SEED = '/work/shared/seed/outputs/juju-status-2.0.1.txt';

describe('the relation graph model', () => {
  it('has every application of the walkthrough as a node and every relation as an edge', () => {
    const model = relationGraphModel(walkthrough);
    expect(model.nodes.map((node) => node.name).sort()).toEqual(walkthrough.applications.map((application) => application.name).sort());
    expect(model.edges).toHaveLength(walkthrough.relations.length);
    expect(new Set(model.edges.map((edge) => edge.id)).size).toBe(walkthrough.relations.length);
  });

  it('styles peer, subordinate and regular relations apart, as Juju typed them', () => {
    const model = relationGraphModel(walkthrough);
    const count = (kind: string) => model.edges.filter((edge) => edge.kind === kind).length;
    expect(count('peer')).toBe(walkthrough.relations.filter((relation) => relation.type === 'peer').length);
    expect(count('subordinate')).toBe(walkthrough.relations.filter((relation) => relation.type === 'subordinate').length);
    expect(count('peer') + count('subordinate') + count('regular')).toBe(walkthrough.relations.length);
    expect(model.edges.find((edge) => edge.from === 'nova-compute' && edge.to === 'ntp')!.kind).toBe('subordinate');
  });

  it('marks subordinates, counts units, relations and peers per application', () => {
    const model = relationGraphModel(walkthrough);
    const node = (name: string) => model.nodes.find((candidate) => candidate.name === name)!;
    expect(node('ntp').kind).toBe('subordinate');
    expect(node('keystone').kind).toBe('application');
    expect(node('nova-compute').units).toBe(walkthrough.units.filter((unit) => unit.application === 'nova-compute').length);
    expect(node('glance').peers).toBe(1);
    const touching = walkthrough.relations.filter((relation) => relation.application === 'keystone' || relation.relatedApplication === 'keystone').length;
    expect(node('keystone').relationCount).toBe(touching);
    expect(describeNode(node('keystone'))).toMatch(/^keystone active · 1 unit, application, \d+ relations, 1 peer$/);
  });

  it('adds a remote node for an offer a relation names but the model does not deploy', () => {
    const status = parse('mysql-operator-3.4.2-saas-relations-tabular.txt');
    const model = relationGraphModel(status);
    const deployed = new Set(status.applications.map((application) => application.name));
    const remote = model.nodes.filter((node) => !deployed.has(node.name));
    expect(remote.length).toBeGreaterThan(0);
    expect(remote.every((node) => node.kind === 'remote')).toBe(true);
    expect(model.edges).toHaveLength(status.relations.length);
  });

  it('gives an empty model for a model with no applications', () => {
    const empty = { ...walkthrough, applications: [], units: [], relations: [] };
    expect(relationGraphModel(empty)).toEqual({ nodes: [], edges: [] });
    expect(layoutRelationGraph(relationGraphModel(empty)).nodes).toEqual([]);
  });

  it('reads the seed’s copy of the walkthrough the same way', () => {
    const seed = parseJujuStatus(readFileSync(SEED, 'utf8')).value;
    expect(relationGraphModel(seed).edges.map((edge) => [edge.from, edge.to, edge.kind])).toEqual(relationGraphModel(walkthrough).edges.map((edge) => [edge.from, edge.to, edge.kind]));
  });
});

describe('the relation graph layout', () => {
  it('places every node of every captured model without overlap, inside the drawing', () => {
    for (const name of readdirSync(FIXTURES)) {
      const layout = layoutRelationGraph(relationGraphModel(parse(name)));
      for (const node of layout.nodes) {
        expect(node.x - node.width / 2, `${name} ${node.name}`).toBeGreaterThanOrEqual(0);
        expect(node.x + node.width / 2).toBeLessThanOrEqual(layout.width);
        expect(node.y - node.height / 2).toBeGreaterThanOrEqual(0);
        expect(node.y + node.height / 2).toBeLessThanOrEqual(layout.height);
      }
      for (const [index, a] of layout.nodes.entries()) {
        for (const b of layout.nodes.slice(index + 1)) {
          const apart = Math.abs(a.x - b.x) >= (a.width + b.width) / 2 || Math.abs(a.y - b.y) >= (a.height + b.height) / 2;
          expect(apart, `${name}: ${a.name} overlaps ${b.name}`).toBe(true);
        }
      }
    }
  });

  it('draws every relation as a path, peers as loops beside their own node', () => {
    const layout = layoutRelationGraph(relationGraphModel(walkthrough));
    expect(layout.edges).toHaveLength(walkthrough.relations.length);
    expect(layout.edges.every((edge) => /^M[\d.-]+,[\d.-]+ /.test(edge.path))).toBe(true);
    const glance = layout.nodes.find((node) => node.name === 'glance')!;
    const loop = layout.edges.find((edge) => edge.kind === 'peer' && edge.from === 'glance')!;
    const numbers = loop.path.match(/-?[\d.]+/g)!.map(Number);
    expect(numbers[0]).toBeCloseTo(glance.x + glance.width / 2);
    expect(numbers.at(-2)).toBeCloseTo(glance.x + glance.width / 2);
    expect(Math.abs(numbers[1]! - glance.y)).toBeLessThan(NODE_BOX_HEIGHT / 2);
    // The loop reaches out into the space dagre kept for it, never into another node.
    const reach = Math.max(...numbers.filter((_, index) => index % 2 === 0));
    for (const other of layout.nodes.filter((node) => node !== glance && Math.abs(node.y - glance.y) < NODE_BOX_HEIGHT)) {
      expect(reach < other.x - other.width / 2 || glance.x > other.x).toBe(true);
    }
  });

  it('lays out again only when the model changed (a refresh of the same model reuses the layout)', () => {
    const first = layoutRelationGraph(relationGraphModel(walkthrough));
    expect(layoutRelationGraph(relationGraphModel(structuredClone(walkthrough)))).toBe(first);
    const oneUnitLess = { ...walkthrough, units: walkthrough.units.slice(1) };
    const changed = layoutRelationGraph(relationGraphModel(oneUnitLess));
    expect(changed).not.toBe(first);
    const application = walkthrough.units[0]!.application;
    expect(changed.nodes.find((node) => node.name === application)!.units).toBe(first.nodes.find((node) => node.name === application)!.units - 1);
  });

  it('starts a regular relation at its provider and ends it at its consumer', () => {
    const layout = layoutRelationGraph(relationGraphModel(walkthrough));
    const edge = layout.edges.find((candidate) => candidate.from === 'keystone' && candidate.to === 'openstack-dashboard')!;
    const numbers = edge.path.match(/-?[\d.]+/g)!.map(Number);
    const [fromX, fromY] = numbers;
    const [toX, toY] = numbers.slice(-2);
    const near = (node: { x: number; y: number; width: number; height: number }, x: number, y: number) => Math.abs(x - node.x) <= node.width / 2 + 1 && Math.abs(y - node.y) <= node.height / 2 + 1;
    const node = (name: string) => layout.nodes.find((candidate) => candidate.name === name)!;
    expect(near(node('keystone'), fromX!, fromY!)).toBe(true);
    expect(near(node('openstack-dashboard'), toX!, toY!)).toBe(true);
  });

  it('finds one application’s neighbourhood', () => {
    const model = relationGraphModel(walkthrough);
    const around = neighbourhood(model, 'openstack-dashboard');
    expect([...around.nodes].sort()).toEqual(['keystone', 'openstack-dashboard']);
    expect(around.edges.size).toBe(walkthrough.relations.filter((relation) => [relation.application, relation.relatedApplication].includes('openstack-dashboard')).length);
  });
});
