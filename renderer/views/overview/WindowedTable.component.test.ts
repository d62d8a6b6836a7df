// The real windowed table mounted in a DOM with a thousand lines (the Overview's scale for units):
// only a window of them is in the page, and it follows scrolling and `reveal`, which also brings a
// far line into view focused and keeps it there when the row height is measured afterwards.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createRawSnippet, flushSync, mount, tick, unmount } from 'svelte';
import WindowedTable from './WindowedTable.svelte';

/** jsdom does no layout: the heights the browser would measure are reported by hand. The table
 * measures its row (a ruler) and its visible part with one ResizeObserver, made at first use. */
let reportHeights: ((entries: { target: Element }[]) => void) | null = null;
beforeAll(() => {
  vi.stubGlobal(
    'ResizeObserver',
    class {
      constructor(callback: (entries: { target: Element }[]) => void) {
        reportHeights = callback;
      }
      observe(): void {}
      unobserve(): void {}
      disconnect(): void {}
    },
  );
  // How the table brings a focused row to the middle of the window (jsdom does not scroll the page).
  Element.prototype.scrollIntoView = vi.fn();
});

/** What the browser would measure: each element's clientHeight, then one report of them all. */
function measure(heights: [Element, number][]) {
  for (const [element, px] of heights) Object.defineProperty(element, 'clientHeight', { configurable: true, get: () => px });
  reportHeights!(heights.map(([target]) => ({ target })));
  flushSync();
}

/** The Overview's units table at the scale the benchmarks use (test/bench/synthetic-inventory.mjs). */
const LINES = 1000;
/** At most a screenful (jsdom does no layout: the table's fallback of eight lines) and its overscan. */
const MOST_LINES_IN_PAGE = 8 + 2 * 8;
/** A line near the end, far out of the first window. */
const FAR = LINES - 10;
/** A row in presentation mode (the fallback is 34 px) and the visible part of a table on a laptop. */
const MEASURED_ROW_PX = 46;
const VIEWPORT_PX = 600;

interface UnitLine {
  name: string;
  workload: string;
}
const units: UnitLine[] = Array.from({ length: LINES }, (_, index) => ({ name: `app-${String(index % 50).padStart(3, '0')}/${Math.floor(index / 50)}`, workload: index % 97 === 0 ? 'blocked' : 'active' }));

/** The table is generic over its lines; mounted from a script its lines are `unknown`. */
const unit = (line: unknown) => line as UnitLine;

const cells = createRawSnippet((line: () => unknown) => ({
  render: () => `<div role="cell" class="cell">${unit(line()).name}</div>`,
}));
const nothing = createRawSnippet(() => ({ render: () => '<p class="empty">No units.</p>' }));

type Table = { reveal: (index: number, options?: { focus?: boolean }) => void };
let component: Table | null = null;
afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
});

function render(lines: UnitLine[]) {
  const target = document.body.appendChild(document.createElement('div'));
  component = mount(WindowedTable, {
    target,
    props: {
      labelledBy: 'units-title',
      columns: [{ label: 'Unit' }, { label: 'Actions', hidden: true }],
      template: '1fr 6em',
      lines,
      key: (line: unknown) => unit(line).name,
      rowClass: (line: unknown) => (unit(line).workload === 'blocked' ? 'blocked' : ''),
      rowData: (line: unknown) => ({ 'data-unit': unit(line).name }),
      current: (line: unknown) => unit(line).name === units[FAR]!.name,
      row: cells,
      empty: nothing,
    },
  }) as Table;
  flushSync();
  return target;
}

const rows = (target: HTMLElement) => [...target.querySelectorAll<HTMLElement>('.viewport [role="row"]')];
const shown = (target: HTMLElement) => rows(target).map((row) => row.dataset.unit);

describe('the windowed table', () => {
  it('counts every line but puts only the first window in the page, in order', () => {
    const target = render(units);
    expect(target.querySelector('[role="table"]')!.getAttribute('aria-rowcount')).toBe(String(LINES + 1));
    const inPage = rows(target);
    expect(inPage.length).toBeGreaterThan(0);
    expect(inPage.length).toBeLessThanOrEqual(MOST_LINES_IN_PAGE);
    expect(shown(target)).toEqual(units.slice(0, inPage.length).map((line) => line.name));
    expect(inPage.map((row) => row.getAttribute('aria-rowindex'))).toEqual(inPage.map((_, index) => String(index + 2)));
    expect(inPage[0]!.querySelector('[role="cell"]')!.textContent).toBe(units[0]!.name);
    expect(inPage[0]!.classList.contains('blocked')).toBe(true);
    expect(target.querySelector('.visually-hidden')!.textContent).toBe('Actions');
  });

  it('shows the lines of a scroll position', () => {
    const target = render(units);
    const viewport = target.querySelector<HTMLElement>('.viewport')!;
    viewport.scrollTop = 600 * 34;
    viewport.dispatchEvent(new Event('scroll'));
    flushSync();
    expect(shown(target)).toContain(units[600]!.name);
    expect(shown(target)).not.toContain(units[0]!.name);
    expect(rows(target).length).toBeLessThanOrEqual(MOST_LINES_IN_PAGE);
  });

  it('brings a far line into the page when revealed', () => {
    const target = render(units);
    const far = LINES - 10;
    expect(shown(target)).not.toContain(units[far]!.name);
    component!.reveal(far);
    flushSync();
    const row = target.querySelector<HTMLElement>(`[data-unit="${units[far]!.name}"]`)!;
    expect(row).not.toBeNull();
    expect(row.getAttribute('aria-rowindex')).toBe(String(far + 2));
  });

  it('brings a far line into view focused when revealed with focus, and marks it current', async () => {
    const target = render(units);
    component!.reveal(FAR, { focus: true });
    flushSync();
    await tick();
    const row = target.querySelector<HTMLElement>(`[data-unit="${units[FAR]!.name}"]`)!;
    expect(row).not.toBeNull();
    expect(document.activeElement).toBe(row);
    expect(row.getAttribute('aria-current')).toBe('true');
    expect(row.tabIndex).toBe(-1);
    // Only the focused line is focusable, and not by Tab.
    expect(target.querySelectorAll('.viewport [tabindex]')).toHaveLength(1);
    expect(vi.mocked(Element.prototype.scrollIntoView).mock.contexts.at(-1)).toBe(row);
    expect(Element.prototype.scrollIntoView).toHaveBeenLastCalledWith({ block: 'center' });
  });

  it('keeps a revealed line in view when the row and the table are measured after the reveal', async () => {
    // As in a table the palette has just opened: revealed before the browser measured anything.
    const target = render(units);
    component!.reveal(FAR, { focus: true });
    flushSync();
    await tick();
    const viewport = target.querySelector<HTMLElement>('.viewport')!;
    const ruler = target.querySelector<HTMLElement>('.ruler')!;
    // Presentation-sized rows: the fallback's positions are now 12 px a line short, screens off at line 990.
    measure([[ruler, MEASURED_ROW_PX], [viewport, VIEWPORT_PX]]);
    await tick();
    const top = FAR * MEASURED_ROW_PX;
    expect(viewport.scrollTop).toBeLessThanOrEqual(top);
    expect(viewport.scrollTop + VIEWPORT_PX).toBeGreaterThanOrEqual(top + MEASURED_ROW_PX);
    const row = target.querySelector<HTMLElement>(`[data-unit="${units[FAR]!.name}"]`)!;
    expect(row.style.top).toBe(`${top}px`);
    expect(document.activeElement).toBe(row);
  });

  it('lets the engineer scroll away from a revealed line: a later measurement does not pull it back', () => {
    const target = render(units);
    component!.reveal(FAR);
    flushSync();
    const viewport = target.querySelector<HTMLElement>('.viewport')!;
    viewport.scrollTop = 0;
    viewport.dispatchEvent(new Event('scroll'));
    flushSync();
    measure([[target.querySelector('.ruler')!, MEASURED_ROW_PX], [viewport, VIEWPORT_PX]]);
    expect(viewport.scrollTop).toBe(0);
    expect(shown(target)).toContain(units[0]!.name);
  });

  it('shows its empty message outside the table when there are no lines', () => {
    const target = render([]);
    expect(target.querySelector('.viewport')).toBeNull();
    expect(target.querySelector('[role="table"] .empty')).toBeNull();
    expect(target.querySelector('.empty')!.textContent).toBe('No units.');
  });
});
