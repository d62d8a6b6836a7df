// Where the relation graph's boxes and lines go, laid out by dagre. Apart from the model
// (relation-graph.ts) because dagre is loaded with the graph, after the Overview's tables are on
// screen (issue 11: the page's first view does not wait for it).
import dagre, { type GraphLabel } from '@dagrejs/dagre';
import { GRAPH_FONT_PX, nodeCaption, type GraphEdgeModel, type GraphNodeModel, type RelationGraphModel } from './relation-graph';

const CHAR_WIDTH_PX = GRAPH_FONT_PX * 0.62;
const NODE_PADDING_X = 16;
const NODE_MIN_WIDTH = 120;
/** Two lines: the name, then "active · 2 units". */
export const NODE_BOX_HEIGHT = 48;
/** Width each peer loop adds to the right of its node, so loops never reach the next node. */
const PEER_LOOP_STEP = 12;
const PEER_LOOP_BASE = 16;
/** Top to bottom: an OpenStack model's provider → consumer chains run eight or nine deep, which
 * left to right would need twice a projector's width; downwards the page scrolls. */
const LAYOUT: GraphLabel = { rankdir: 'TB', nodesep: 28, ranksep: 52, edgesep: 14, marginx: 16, marginy: 16 };
/** The layout's cost appears under this name in the page's performance timeline (benchmarks). */
export const LAYOUT_MEASURE = 'obx:relation-graph-layout';

export interface PlacedNode extends GraphNodeModel {
  /** Centre of the box (not of the loops beside it). */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge extends GraphEdgeModel {
  /** SVG path data. */
  path: string;
}

export interface RelationGraphLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

const nodeWidth = (node: GraphNodeModel) => Math.max(NODE_MIN_WIDTH, Math.ceil(Math.max(node.name.length, nodeCaption(node).length) * CHAR_WIDTH_PX) + 2 * NODE_PADDING_X);
const loopSpace = (peers: number) => (peers === 0 ? 0 : PEER_LOOP_BASE + peers * PEER_LOOP_STEP);

/** Through dagre's bend points with rounded corners: each bend becomes a quadratic curve. */
function smoothPath(points: { x: number; y: number }[]): string {
  const [first, ...rest] = points;
  if (!first) return '';
  const round = (value: number) => Math.round(value * 10) / 10;
  let path = `M${round(first.x)},${round(first.y)}`;
  for (let index = 0; index < rest.length - 1; index += 1) {
    const bend = rest[index]!;
    const next = rest[index + 1]!;
    path += ` Q${round(bend.x)},${round(bend.y)} ${round((bend.x + next.x) / 2)},${round((bend.y + next.y) / 2)}`;
  }
  const last = rest.at(-1);
  return last ? `${path} L${round(last.x)},${round(last.y)}` : path;
}

/** Keeps an edge's end on the box itself, not in the loop space beside it. */
function ontoBox(point: { x: number; y: number }, node: PlacedNode): { x: number; y: number } {
  const clamp = (value: number, centre: number, half: number) => Math.min(centre + half, Math.max(centre - half, value));
  return { x: clamp(point.x, node.x, node.width / 2), y: clamp(point.y, node.y, node.height / 2) };
}

/** The n-th peer loop of a node: out of its right side and back in, each one wider than the last. */
function peerLoop(node: PlacedNode, nth: number): string {
  const right = node.x + node.width / 2;
  const spread = 6 + nth * 5;
  const reach = PEER_LOOP_BASE + (nth + 1) * PEER_LOOP_STEP;
  return `M${right},${node.y - spread} C${right + reach},${node.y - spread - 16} ${right + reach},${node.y + spread + 16} ${right},${node.y + spread}`;
}

/**
 * The last layout, by the model it was made for: Overview lays the graph out each time it opens and
 * at each refresh (every 10 s), and the model rarely changes between them; dagre takes 10–20 ms
 * for a small model, in the same task as the view's first render.
 */
let lastLayout: { model: string; layout: RelationGraphLayout } | null = null;

export function layoutRelationGraph(model: RelationGraphModel): RelationGraphLayout {
  const key = JSON.stringify(model);
  if (lastLayout?.model !== key) lastLayout = { model: key, layout: layoutWithDagre(model) };
  return lastLayout.layout;
}

function layoutWithDagre(model: RelationGraphModel): RelationGraphLayout {
  const started = globalThis.performance?.now();
  const graph = new dagre.graphlib.Graph({ multigraph: true });
  graph.setGraph({ ...LAYOUT });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of model.nodes) graph.setNode(node.name, { width: nodeWidth(node) + loopSpace(node.peers), height: NODE_BOX_HEIGHT });
  // Peer loops are drawn by hand: dagre's self-edges would go sideways through the next rank.
  for (const edge of model.edges) if (edge.kind !== 'peer') graph.setEdge(edge.from, edge.to, { weight: edge.kind === 'subordinate' ? 2 : 1 }, edge.id);
  dagre.layout(graph);

  const nodes = model.nodes.map((node): PlacedNode => {
    const placed = graph.node(node.name);
    const space = loopSpace(node.peers);
    // The box sits at the left of dagre's slot; the loops use the space to its right.
    return { ...node, x: (placed.x ?? 0) - space / 2, y: placed.y ?? 0, width: placed.width - space, height: NODE_BOX_HEIGHT };
  });
  const byName = new Map(nodes.map((node) => [node.name, node]));
  const peersDrawn = new Map<string, number>();
  const edges = model.edges.map((edge): PlacedEdge => {
    if (edge.kind === 'peer') {
      const nth = peersDrawn.get(edge.from) ?? 0;
      peersDrawn.set(edge.from, nth + 1);
      return { ...edge, path: peerLoop(byName.get(edge.from)!, nth) };
    }
    const points = [...(graph.edge({ v: edge.from, w: edge.to, name: edge.id })?.points ?? [])];
    // dagre ends an edge on the node's slot, which includes the loop space beside the box.
    if (points.length > 1) {
      points[0] = ontoBox(points[0]!, byName.get(edge.from)!);
      points[points.length - 1] = ontoBox(points.at(-1)!, byName.get(edge.to)!);
    }
    return { ...edge, path: smoothPath(points) };
  });
  const size = graph.graph();
  if (started !== undefined && typeof performance.measure === 'function') performance.measure(LAYOUT_MEASURE, { start: started, end: performance.now() });
  return { width: Math.ceil(size.width ?? 0), height: Math.ceil(size.height ?? 0), nodes, edges };
}
