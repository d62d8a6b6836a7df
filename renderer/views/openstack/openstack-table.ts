// One table of the OpenStack view described as data: its columns (what each shows, how it sorts,
// where a click leads, how wide it is) and the sort and filter every section shares. Pure, so the
// same words are sorted, filtered and shown, at 5,000 servers as at five.
import type { Mark, OpenStackTarget } from './openstack-rows';

export interface TableColumn<Row> {
  id: string;
  label: string;
  /** The cell's text (also what the filter reads). */
  text: (row: Row) => string;
  /** What it sorts by when it is not its text: a number, or an address sorted by its numbers. */
  sortValue?: (row: Row) => string | number;
  /** Sorted as IPv4 addresses ("10.0.0.20" after "10.0.0.4"). */
  addresses?: boolean;
  /** Coloured beside the text (up/down, ACTIVE/ERROR). */
  mark?: (row: Row) => Mark;
  /** Clicking the cell's text opens this. */
  target?: (row: Row) => OpenStackTarget | null;
  /** A small button after the text (a terminal into the server's container). */
  action?: (row: Row) => { label: string; spoken: string; target: OpenStackTarget } | null;
  mono?: boolean;
  /** Narrowest it gets (em): room for its usual values at any text size. */
  minEm: number;
  /** Share of the width left over (CSS fr). */
  share: number;
  /** Left out in presentation mode (text half as large again), so that the rest stay whole. */
  detail?: boolean;
}

export interface TableSort {
  column: string;
  descending: boolean;
}

/** Addresses sort by number, not by text; the first address of a list decides. */
export const addressKey = (text: string): string => (text.split(/[ ,(]/)[0] ?? '').split('.').map((part) => part.padStart(3, '0')).join('.');

/** One collator for every sort: `localeCompare` builds one per call. */
const collator = new Intl.Collator(undefined, { sensitivity: 'variant', numeric: true });

/** The rows a filter keeps (any column's text contains it, case aside), sorted by one column. */
export function arrangeTable<Row extends { key: string }>(rows: Row[], columns: TableColumn<Row>[], filter: string, sort: TableSort | null): Row[] {
  const needle = filter.trim().toLowerCase();
  const kept = needle === '' ? rows : rows.filter((row) => columns.some((column) => column.text(row).toLowerCase().includes(needle)));
  const column = sort ? columns.find((candidate) => candidate.id === sort.column) : undefined;
  if (!column) return kept;
  // Each row's key is worked out once, not twice per comparison.
  const keyed = kept.map((row) => ({ row, value: column.sortValue ? column.sortValue(row) : column.addresses ? addressKey(column.text(row)) : column.text(row) }));
  keyed.sort((a, b) => compare(a.value, b.value) || collator.compare(a.row.key, b.row.key));
  const sorted = keyed.map((entry) => entry.row);
  return sort!.descending ? sorted.reverse() : sorted;
}

function compare(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/** A heading clicked: the same column turns its order round, another sorts ascending. */
export const nextSort = (sort: TableSort | null, column: string): TableSort => (sort?.column === column ? { column, descending: !sort.descending } : { column, descending: false });

export const shownColumns = <Row>(columns: TableColumn<Row>[], presentation: boolean): TableColumn<Row>[] => columns.filter((column) => !(presentation && column.detail));

export const columnTemplate = <Row>(columns: TableColumn<Row>[]): string => columns.map((column) => `minmax(${column.minEm}em, ${column.share}fr)`).join(' ');
