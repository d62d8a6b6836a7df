// Places the lab diagram on a grid: one column per kind of thing (instances, qbr bridges, br-int,
// the gateway's bridges and namespaces, the outside), one band per machine stacked top to bottom.
// Deterministic: the same inventory always gives the same picture, so screenshots and exports of
// one lab can be compared.
import type { DiagramEdge, DiagramGroup, DiagramNode, LabDiagramModel } from './lab-diagram';

/** Wide enough for "instance-00000014" or "qbr9e0c6af1-30" at the diagram's 14 px type. */
export const NODE_WIDTH = 176;
export const NODE_HEIGHT = 50;
/** Room between columns for an edge label ("tenant networks", "qg-adbbe7ab-46"). */
export const COLUMN_GAP = 112;
export const ROW_GAP = 16;
/** Inside a machine's frame: space for its name above the first row. */
export const GROUP_PADDING = 14;
export const GROUP_HEADER = 40;
export const GROUP_GAP = 24;
export const MARGIN = 16;

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
  /** An SVG path from the right side of `from` to the left side of `to`. */
  path: string;
  labelX: number;
  labelY: number;
}

export interface DiagramLayout {
  width: number;
  height: number;
  groups: PlacedGroup[];
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

const columnX = (column: number) => MARGIN + GROUP_PADDING + column * (NODE_WIDTH + COLUMN_GAP);
const rowsHeight = (rows: number) => rows * NODE_HEIGHT + Math.max(0, rows - 1) * ROW_GAP;

export function layoutDiagram(model: LabDiagramModel): DiagramLayout {
  const placed = new Map<string, PlacedNode>();
  const groups: PlacedGroup[] = [];
  const bands = [...model.groups.filter((group) => group.kind === 'compute'), ...model.groups.filter((group) => group.kind === 'gateway')];
  let top = MARGIN;
  for (const group of bands) {
    const members = model.nodes.filter((node) => node.groupId === group.id);
    const byColumn = new Map<number, DiagramNode[]>();
    for (const node of members) byColumn.set(node.column, [...(byColumn.get(node.column) ?? []), node]);
    const rows = Math.max(1, ...[...byColumn.values()].map((column) => column.length));
    const bodyTop = top + GROUP_HEADER;
    const bodyHeight = rowsHeight(rows);
    for (const [column, nodes] of byColumn) {
      // A short column is centred on the band, so a lone br-int sits level with its bridges.
      const offset = (bodyHeight - rowsHeight(nodes.length)) / 2;
      nodes.forEach((node, index) => placed.set(node.id, { ...node, x: columnX(column), y: bodyTop + offset + index * (NODE_HEIGHT + ROW_GAP), width: NODE_WIDTH, height: NODE_HEIGHT }));
    }
    const columns = members.map((node) => node.column);
    const first = Math.min(...columns);
    const last = Math.max(...columns);
    groups.push({ ...group, x: columnX(first) - GROUP_PADDING, y: top, width: (last - first) * (NODE_WIDTH + COLUMN_GAP) + NODE_WIDTH + 2 * GROUP_PADDING, height: GROUP_HEADER + bodyHeight + GROUP_PADDING });
    top += GROUP_HEADER + bodyHeight + GROUP_PADDING + GROUP_GAP;
  }
  const contentBottom = Math.max(top - GROUP_GAP, MARGIN + NODE_HEIGHT);
  // Nodes outside any machine (the external network) sit level with the gateway's band.
  const gatewayBand = groups.find((group) => group.kind === 'gateway');
  for (const node of model.nodes.filter((candidate) => candidate.groupId === null)) {
    const centre = gatewayBand ? gatewayBand.y + GROUP_HEADER + (gatewayBand.height - GROUP_HEADER - GROUP_PADDING) / 2 : MARGIN + NODE_HEIGHT / 2;
    placed.set(node.id, { ...node, x: columnX(node.column), y: centre - NODE_HEIGHT / 2, width: NODE_WIDTH, height: NODE_HEIGHT });
  }
  const nodes = model.nodes.map((node) => placed.get(node.id)!).filter(Boolean);
  const edges = model.edges.flatMap((edge): PlacedEdge[] => {
    const from = placed.get(edge.from);
    const to = placed.get(edge.to);
    if (!from || !to) return [];
    const x1 = from.x + from.width;
    const y1 = from.y + from.height / 2;
    const x2 = to.x;
    const y2 = to.y + to.height / 2;
    const bend = Math.max(24, (x2 - x1) / 2);
    return [{ ...edge, path: `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`, labelX: (x1 + x2) / 2, labelY: (y1 + y2) / 2 - 6 }];
  });
  const right = Math.max(...nodes.map((node) => node.x + node.width), ...groups.map((group) => group.x + group.width), MARGIN);
  return { width: right + MARGIN, height: contentBottom + MARGIN, groups, nodes, edges };
}
