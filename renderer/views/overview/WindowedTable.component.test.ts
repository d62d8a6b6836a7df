// The real windowed table mounted in a DOM with a thousand lines (the Overview's scale for units):
// only a window of them is in the page, and it follows scrolling and `reveal`.
import { afterEach, describe, expect, it } from 'vitest';
import { createRawSnippet, flushSync, mount, unmount } from 'svelte';
import WindowedTable from './WindowedTable.svelte';

/** The Overview's units table at the scale the benchmarks use (test/bench/synthetic-inventory.mjs). */
const LINES = 1000;
/** At most a screenful (jsdom does no layout: the table's fallback of eight lines) and its overscan. */
const MOST_LINES_IN_PAGE = 8 + 2 * 8;

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

let component: { reveal: (index: number) => void } | null = null;
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
      row: cells,
      empty: nothing,
    },
  }) as { reveal: (index: number) => void };
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

  it('shows its empty message outside the table when there are no lines', () => {
    const target = render([]);
    expect(target.querySelector('.viewport')).toBeNull();
    expect(target.querySelector('[role="table"] .empty')).toBeNull();
    expect(target.querySelector('.empty')!.textContent).toBe('No units.');
  });
});
