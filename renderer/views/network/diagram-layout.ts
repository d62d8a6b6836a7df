// Places the lab diagram on a grid: each compute node is a column of its own (instances on top,
// their qbr bridges below, its br-int under them), the compute nodes side by side; the gateway
// sits under them all (its br-int, its namespaces, its external bridge), and the external network
// at the bottom. One row (tier) per kind of thing, so traffic reads top to bottom. Deterministic:
// the same inventory always gives the same picture, so screenshots and exports can be compared.
import type { DiagramEdge, DiagramGroup, DiagramNode, LabDiagramModel } from './lab-diagram';

/** Wide enough for "instance-00000014" or "qbr9e0c6af1-30" at the diagram's 14 px monospace. */
export const NODE_WIDTH = 176;
export const NODE_HEIGHT = 50;
/** Between boxes of one row. */
export const SLOT_GAP = 24;
/** Between rows: room for an edge label ("tenant networks", "tags 1, 2, 3"). */
export const TIER_GAP = 46;
/** Inside a machine's frame; the header holds its name above the first row. */
export const GROUP_PADDING = 14;
export const GROUP_HEADER = 56;
/** Between machines side by side, and between the compute nodes and the gateway below. */
export const GROUP_GAP = 28;
export const MARGIN = 16;
/** Where along its line an edge's label sits: where lines that fan out from one box are already apart… */
const LABEL_AT = 0.72;
/** …and, for lines that converge on one box (qbr bridges into br-int), near their start. */
const CONVERGING_LABEL_AT = 0.28;
/** Clear of the line it names. */
const LABEL_OFFSET = 6;

export interface PlacedNode extends DiagramNode {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedGroup extends DiagramGroup {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge extends DiagramEdge {
  /** An SVG path from the bottom of `from` to the top of `to`. */
  path: string;
  labelX: number;
  labelY: number;
  /** The label stands on the outer side of its line's bend, so the line does not cross it. */
  labelAnchor: 'start' | 'end';
}

export interface DiagramLayout {
  width: number;
  height: number;
  groups: PlacedGroup[];
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

const SLOT = NODE_WIDTH + SLOT_GAP;
const slotsWidth = (slots: number) => slots * NODE_WIDTH + Math.max(0, slots - 1) * SLOT_GAP;
const tiersHeight = (tiers: number) => tiers * NODE_HEIGHT + Math.max(0, tiers - 1) * TIER_GAP;

interface Band {
  group: DiagramGroup;
  /** Its nodes row by row, in the model's order (an instance above its own qbr). */
  rows: DiagramNode[][];
  firstTier: number;
  slots: number;
}

function bandOf(group: DiagramGroup, nodes: DiagramNode[]): Band {
  const members = nodes.filter((node) => node.groupId === group.id);
  const tiers = members.map((node) => node.tier);
  const firstTier = Math.min(...tiers);
  const lastTier = Math.max(...tiers);
  const rows = Array.from({ length: lastTier - firstTier + 1 }, (_, index) => members.filter((node) => node.tier === firstTier + index));
  return { group, rows, firstTier, slots: Math.max(1, ...rows.map((row) => row.length)) };
}

export function layoutDiagram(model: LabDiagramModel): DiagramLayout {
  const placed = new Map<string, PlacedNode>();
  const groups: PlacedGroup[] = [];
  const placeBand = (band: Band, left: number, top: number) => {
    const width = slotsWidth(band.slots) + 2 * GROUP_PADDING;
    const height = GROUP_HEADER + tiersHeight(band.rows.length) + GROUP_PADDING;
    band.rows.forEach((row, rowIndex) => {
      // A short row is centred in its machine, so a lone br-int sits under the middle of its bridges.
      const offset = ((band.slots - row.length) * SLOT) / 2;
      row.forEach((node, index) =>
        placed.set(node.id, { ...node, x: left + GROUP_PADDING + offset + index * SLOT, y: top + GROUP_HEADER + rowIndex * (NODE_HEIGHT + TIER_GAP), width: NODE_WIDTH, height: NODE_HEIGHT }),
      );
    });
    groups.push({ ...band.group, x: left, y: top, width, height });
    return { width, height };
  };

  const computeBands = model.groups.filter((group) => group.kind === 'compute').map((group) => bandOf(group, model.nodes));
  const gatewayBands = model.groups.filter((group) => group.kind === 'gateway').map((group) => bandOf(group, model.nodes));
  const rowWidth = (bands: Band[]) => bands.reduce((sum, band) => sum + slotsWidth(band.slots) + 2 * GROUP_PADDING, 0) + Math.max(0, bands.length - 1) * GROUP_GAP;
  const contentWidth = Math.max(rowWidth(computeBands), rowWidth(gatewayBands), NODE_WIDTH);

  let top = MARGIN;
  for (const row of [computeBands, gatewayBands]) {
    if (row.length === 0) continue;
    let left = MARGIN + (contentWidth - rowWidth(row)) / 2;
    let tallest = 0;
    for (const band of row) {
      const size = placeBand(band, left, top);
      left += size.width + GROUP_GAP;
      tallest = Math.max(tallest, size.height);
    }
    top += tallest + GROUP_GAP;
  }
  let bottom = Math.max(MARGIN, top - GROUP_GAP);

  // Nodes outside any machine (the external network) go under the bridge that leads to them.
  for (const node of model.nodes.filter((candidate) => candidate.groupId === null)) {
    const feeders = model.edges.filter((edge) => edge.to === node.id).map((edge) => placed.get(edge.from)).filter((feeder): feeder is PlacedNode => feeder !== undefined);
    const centre = feeders.length > 0 ? feeders.reduce((sum, feeder) => sum + feeder.x + NODE_WIDTH / 2, 0) / feeders.length : MARGIN + contentWidth / 2;
    const y = bottom + TIER_GAP;
    placed.set(node.id, { ...node, x: centre - NODE_WIDTH / 2, y, width: NODE_WIDTH, height: NODE_HEIGHT });
    bottom = y + NODE_HEIGHT;
  }

  const nodes = model.nodes.map((node) => placed.get(node.id)).filter((node): node is PlacedNode => node !== undefined);
  const inbound = new Map<string, number>();
  for (const edge of model.edges) inbound.set(edge.to, (inbound.get(edge.to) ?? 0) + 1);
  const edges = model.edges.flatMap((edge): PlacedEdge[] => {
    const from = placed.get(edge.from);
    const to = placed.get(edge.to);
    if (!from || !to) return [];
    const x1 = from.x + from.width / 2;
    const y1 = from.y + from.height;
    const x2 = to.x + to.width / 2;
    const y2 = to.y;
    const bend = Math.max(20, (y2 - y1) / 2);
    const controls: [number, number][] = [[x1, y1], [x1, y1 + bend], [x2, y2 - bend], [x2, y2]];
    const [onLineX, labelY] = bezierPoint(controls, (inbound.get(edge.to) ?? 0) > 1 ? CONVERGING_LABEL_AT : LABEL_AT);
    const leftwards = x2 < x1;
    const labelX = onLineX + (leftwards ? -LABEL_OFFSET : LABEL_OFFSET);
    return [{ ...edge, path: `M ${x1} ${y1} C ${x1} ${y1 + bend}, ${x2} ${y2 - bend}, ${x2} ${y2}`, labelX, labelY, labelAnchor: leftwards ? 'end' : 'start' }];
  });
  const right = Math.max(MARGIN + contentWidth, ...nodes.map((node) => node.x + node.width));
  return { width: right + MARGIN, height: bottom + MARGIN, groups, nodes, edges };
}

/** The point at t of a cubic Bézier curve. */
function bezierPoint(points: [number, number][], t: number): [number, number] {
  const weights = [(1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t ** 2, t ** 3];
  return [0, 1].map((axis) => points.reduce((sum, point, index) => sum + point[axis]! * weights[index]!, 0)) as [number, number];
}
