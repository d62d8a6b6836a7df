// Where the boxes of a plumbing chain go. One row when the view is wide enough to draw it at the
// UI's text size; otherwise the chain wraps onto more rows (reading order, a bent arrow from the end
// of one row to the start of the next), so a projector's large text mode does not shrink it.

/** Each box holds a 17-character name ("instance-00000014", a MAC) at 14 px monospace. */
export const BOX_WIDTH = 172;
export const BOX_HEIGHT = 96;
/** Room for an arrow between boxes of a row, and for the bent arrow between rows. */
export const GAP = 44;
export const ROW_GAP = 40;
/** The external-ids panel: under the chain, three boxes wide (a 36-character uuid at 13 px). */
export const PANEL_GAP = 34;
export const PANEL_HEIGHT = 92;
export const PANEL_BOXES = 3;
export const MARGIN = 8;
/** Below three boxes a row would not hold the external-ids panel. */
export const MIN_PER_ROW = 3;
/** The size the chain's type is drawn at, in the UI's px: at a larger UI text size it is scaled up. */
export const DRAWN_TEXT_PX = 14;

export interface Point {
  x: number;
  y: number;
}

export interface ChainGeometry {
  width: number;
  height: number;
  boxes: Point[];
  /** links[i] joins boxes i and i + 1: an SVG path. */
  links: string[];
  panel: Point & { width: number };
  /** A dashed line from the box the panel describes down to the panel, when nothing is in between. */
  callout: { x: number; y1: number; y2: number } | null;
}

/** How many boxes fit in a row of `frameWidth` px when the chain is drawn `scale` times its size. */
export function hopsPerRow(frameWidth: number, scale: number, hops: number): number {
  if (!(frameWidth > 0) || !(scale > 0)) return hops;
  const fit = Math.floor((frameWidth / scale - 2 * MARGIN + GAP) / (BOX_WIDTH + GAP));
  return Math.max(Math.min(MIN_PER_ROW, hops), Math.min(hops, fit));
}

export function chainGeometry(hops: number, perRow: number, describedBox: number): ChainGeometry {
  const columns = Math.max(1, Math.min(perRow, hops));
  const rows = Math.max(1, Math.ceil(hops / columns));
  const boxes = Array.from({ length: hops }, (_, index) => ({
    x: MARGIN + (index % columns) * (BOX_WIDTH + GAP),
    y: MARGIN + Math.floor(index / columns) * (BOX_HEIGHT + ROW_GAP),
  }));
  const links = boxes.slice(1).map((to, index) => {
    const from = boxes[index]!;
    if (from.y === to.y) return `M ${from.x + BOX_WIDTH + 3} ${from.y + BOX_HEIGHT / 2} L ${to.x - 3} ${to.y + BOX_HEIGHT / 2}`;
    // Down from the end of a row, back along the gap, down into the start of the next.
    const middle = from.y + BOX_HEIGHT + ROW_GAP / 2;
    return `M ${from.x + BOX_WIDTH / 2} ${from.y + BOX_HEIGHT + 3} L ${from.x + BOX_WIDTH / 2} ${middle} L ${to.x + BOX_WIDTH / 2} ${middle} L ${to.x + BOX_WIDTH / 2} ${to.y - 3}`;
  });
  const width = 2 * MARGIN + columns * BOX_WIDTH + (columns - 1) * GAP;
  const chainBottom = MARGIN + rows * BOX_HEIGHT + (rows - 1) * ROW_GAP;
  const panelWidth = Math.min(PANEL_BOXES * BOX_WIDTH + (PANEL_BOXES - 1) * GAP, width - 2 * MARGIN);
  const described = boxes[describedBox];
  const describedCentre = described ? described.x + BOX_WIDTH / 2 : MARGIN;
  const panelX = Math.max(MARGIN, Math.min(width - MARGIN - panelWidth, describedCentre - panelWidth / 2));
  const panelY = chainBottom + PANEL_GAP;
  const inLastRow = described !== undefined && described.y + BOX_HEIGHT === chainBottom;
  return {
    width,
    height: panelY + PANEL_HEIGHT + MARGIN,
    boxes,
    links,
    panel: { x: panelX, y: panelY, width: panelWidth },
    callout: inLastRow ? { x: describedCentre, y1: chainBottom, y2: panelY } : null,
  };
}
