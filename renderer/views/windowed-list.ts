// Windowing for long lists of fixed-height rows (Containers' 5,000 rows, the Overview's 1,000
// units): only the rows on screen, and a margin around them, exist in the page. Pure arithmetic,
// shared by every windowed view so they scroll and reveal rows the same way.

export interface RowWindow {
  /** First row in the page (inclusive). */
  start: number;
  /** Row after the last one in the page (exclusive). */
  end: number;
}

/** Which rows a scroll position shows (fixed row height), with a margin above and below. */
export function visibleWindow(total: number, scrollTop: number, viewportHeight: number, rowHeight: number, overscan: number): RowWindow {
  const start = Math.min(total, Math.max(0, Math.floor(scrollTop / rowHeight) - overscan));
  const end = Math.max(start, Math.min(total, Math.ceil((scrollTop + viewportHeight) / rowHeight) + overscan));
  return { start, end };
}

/** The scroll position that shows row `index` whole: unchanged when it already is, else the row
 * centred (a row pinned to an edge is easy to miss on a projector). Never below the top. */
export function scrollTopToReveal(index: number, rowHeight: number, viewportHeight: number, scrollTop: number): number {
  const top = index * rowHeight;
  if (top >= scrollTop && top + rowHeight <= scrollTop + viewportHeight) return scrollTop;
  return Math.max(0, Math.round(top + rowHeight / 2 - viewportHeight / 2));
}
