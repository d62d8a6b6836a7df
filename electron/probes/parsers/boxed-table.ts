// Tables drawn with "+----+" rules and "|" borders (LXD's default `lxc list`, `lxc profile list`).
// A cell holding several values (a container with several addresses) spans several physical lines
// of one row; rows are separated by rules, but a row whose first cell is filled also starts a new row
// (some copies lose the rules between rows).
import type { InputLine } from './text-input';

/** A rule line: "+----+-------+" (or "+====+" under a heading). */
export const BOXED_RULE = /^\+[-=+]+\+?$/;

export interface BoxedRow {
  line: number;
  /** Per column, the non-empty text of each physical line of the cell. */
  cells: string[][];
}

export interface BoxedTable {
  /** The heading row's cells, or null when the first row is data (a table pasted without heading). */
  headings: string[] | null;
  headingLine: number | null;
  rows: BoxedRow[];
}

export function isBoxedTableLine(text: string): boolean {
  const trimmed = text.trim();
  return BOXED_RULE.test(trimmed) || (trimmed.startsWith('|') && trimmed.endsWith('|'));
}

/** The cells of a "| a | b |" line, trimmed. */
export function splitBoxedCells(text: string): string[] {
  const trimmed = text.trim();
  return trimmed
    .slice(1, trimmed.endsWith('|') ? -1 : undefined)
    .split('|')
    .map((cell) => cell.trim());
}

/**
 * Reads one boxed table from `lines`. `isHeading` decides whether the first row is a heading row
 * (LXD headings are upper case: "NAME | STATE | IPV4 …").
 */
export function readBoxedTable(lines: InputLine[], isHeading: (cells: string[]) => boolean): BoxedTable {
  const groups: { line: number; physical: string[][] }[] = [];
  let current: { line: number; physical: string[][] } | null = null;
  for (const line of lines) {
    const trimmed = line.text.trim();
    if (BOXED_RULE.test(trimmed)) {
      current = null;
      continue;
    }
    if (!trimmed.startsWith('|')) continue;
    const cells = splitBoxedCells(trimmed);
    // A filled first cell starts a new row even without a rule above it.
    if (current === null || (cells[0] ?? '') !== '') {
      current = { line: line.number, physical: [] };
      groups.push(current);
    }
    current.physical.push(cells);
  }

  const toRow = (group: { line: number; physical: string[][] }): BoxedRow => {
    const width = Math.max(...group.physical.map((cells) => cells.length));
    const cells: string[][] = Array.from({ length: width }, () => []);
    for (const physical of group.physical) physical.forEach((text, index) => text !== '' && cells[index]!.push(text));
    return { line: group.line, cells };
  };

  const first = groups[0];
  if (first && first.physical.length === 1 && isHeading(first.physical[0]!)) {
    return { headings: first.physical[0]!, headingLine: first.line, rows: groups.slice(1).map(toRow) };
  }
  return { headings: null, headingLine: null, rows: groups.map(toRow) };
}
