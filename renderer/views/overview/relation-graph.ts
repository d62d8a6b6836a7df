// The Juju model's relations as a graph: applications are nodes, relations are edges (regular,
// peer or subordinate). Pure: the model is plain data; its geometry (dagre) is in
// relation-graph-layout.ts, loaded with the graph, not with the page.
import type { JujuRelation, JujuStatus } from '../../../electron/contract/lab-model';
import { toneOf, type StatusTone } from './juju-model-view';

export type RelationKind = 'regular' | 'peer' | 'subordinate';

/** "application" deploys units; "subordinate" rides on a principal's units; "remote" is an offer
 * consumed from another model (SAAS), or a name only the relations mention. */
export type GraphNodeKind = 'application' | 'subordinate' | 'remote';

export interface GraphNodeModel {
  name: string;
  kind: GraphNodeKind;
  status: string | null;
  tone: StatusTone;
  units: number;
  /** Every relation touching the application, peers included. */
  relationCount: number;
  /** Its peer relations (drawn as loops on the node). */
  peers: number;
}

export interface GraphEdgeModel {
  /** "r<index in status.relations>": stable across refreshes of the same model. */
  id: string;
  from: string;
  to: string;
  kind: RelationKind;
  /** What the relation carries, in words: "identity-service (keystone)". */
  label: string;
}

export interface RelationGraphModel {
  nodes: GraphNodeModel[];
  edges: GraphEdgeModel[];
}

/** Juju prints "regular", "peer", "subordinate"; anything else (or nothing) is drawn as regular. */
const kindOf = (relation: JujuRelation): RelationKind =>
  relation.type === 'peer' || relation.application === relation.relatedApplication ? 'peer' : relation.type === 'subordinate' ? 'subordinate' : 'regular';

function labelOf(relation: JujuRelation): string {
  const endpoint = relation.endpoint ?? relation.relatedEndpoint ?? 'relation';
  return relation.interface && relation.interface !== endpoint ? `${endpoint} (${relation.interface})` : endpoint;
}

export function relationGraphModel(status: JujuStatus): RelationGraphModel {
  const nodes = new Map<string, GraphNodeModel>();
  const unitCount = new Map<string, number>();
  for (const unit of status.units) unitCount.set(unit.application, (unitCount.get(unit.application) ?? 0) + 1);
  for (const application of status.applications) {
    nodes.set(application.name, {
      name: application.name,
      kind: application.subordinateTo.length > 0 ? 'subordinate' : 'application',
      status: application.status,
      tone: toneOf(application.status),
      units: unitCount.get(application.name) ?? 0,
      relationCount: 0,
      peers: 0,
    });
  }
  const remote = (name: string): GraphNodeModel => {
    const offer = status.saas.find((candidate) => candidate.name === name);
    return { name, kind: 'remote', status: offer?.status ?? null, tone: toneOf(offer?.status ?? null), units: 0, relationCount: 0, peers: 0 };
  };
  const edges = status.relations.map((relation, index): GraphEdgeModel => {
    const kind = kindOf(relation);
    for (const name of kind === 'peer' ? [relation.application] : [relation.application, relation.relatedApplication]) {
      const node = nodes.get(name) ?? remote(name);
      node.relationCount += 1;
      if (kind === 'peer') node.peers += 1;
      nodes.set(name, node);
    }
    return { id: `r${index}`, from: relation.application, to: relation.relatedApplication, kind, label: labelOf(relation) };
  });
  return { nodes: [...nodes.values()], edges };
}

/** SVG text is drawn at this size; node widths are estimated from it (no DOM measuring in a pure
 * module): 0.62 em per character is wide enough for the UI font's widest lower-case names. */
export const GRAPH_FONT_PX = 14;

export const nodeCaption = (node: GraphNodeModel): string =>
  node.kind === 'remote' ? `remote · ${node.status ?? 'offer'}` : `${node.status ?? 'unknown'} · ${node.units} unit${node.units === 1 ? '' : 's'}`;

/** Everything one application touches, to emphasise it and fade the rest. */
export function neighbourhood(model: RelationGraphModel, name: string): { nodes: Set<string>; edges: Set<string> } {
  const edges = model.edges.filter((edge) => edge.from === name || edge.to === name);
  return { nodes: new Set([name, ...edges.flatMap((edge) => [edge.from, edge.to])]), edges: new Set(edges.map((edge) => edge.id)) };
}

/** The words a screen reader hears for a node (the picture says the same with colour and shape). */
export function describeNode(node: GraphNodeModel): string {
  const kind = node.kind === 'subordinate' ? 'subordinate application' : node.kind === 'remote' ? 'remote application' : 'application';
  const peers = node.peers > 0 ? `, ${node.peers} peer` : '';
  // Starts with the visible text, in its order (name, then caption): a voice-control user says
  // what they see, and the accessible name must contain it.
  return `${node.name} ${nodeCaption(node)}, ${kind}, ${node.relationCount} relation${node.relationCount === 1 ? '' : 's'}${peers}`;
}
