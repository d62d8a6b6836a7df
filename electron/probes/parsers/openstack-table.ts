// The boxed tables cliff (OSC), prettytable (nova, neutron) print: a heading row between the first
// two rules, then rows with no rules between them; a cell with several values (a port's fixed IPs,
// neutron net-list's subnets) continues on lines whose first cell is empty. A table drawn to fit the
// terminal also wraps the first cell: an id broken after a hyphen ("8fef4034-409e-" / "475a-bd4c-")
// or cut mid-word continues with only its first cell filled. Those lines belong to the row above.
import { BOXED_RULE, isBoxedTableLine, splitBoxedCells as splitCells, type BoxedRow } from './boxed-table';
import type { InputLine } from './text-input';

export interface OpenStackTable {
  /** Each heading, its wrapped lines joined by a space; null when the table has no heading rule. */
  headings: string[] | null;
  headingLine: number | null;
  rows: BoxedRow[];
}

/** True when `cells` (a line whose first cell is filled) goes on wrapping the row above. */
function continuesWrappedRow(cells: string[], previous: string[] | null): boolean {
  if (previous === null) return false;
  const first = cells[0] ?? '';
  if (first.startsWith('-') || (previous[0] ?? '').endsWith('-')) return true;
  const filled = cells.filter((cell) => cell !== '').length;
  return filled === 1 && cells.length >= 3 && previous.filter((cell) => cell !== '').length > 1;
}

export function readOpenStackTable(lines: InputLine[]): OpenStackTable {
  const physical = lines.filter((line) => isBoxedTableLine(line.text));
  const ruleIndexes = physical.flatMap((line, index) => (BOXED_RULE.test(line.text.trim()) ? [index] : []));
  // Heading: the lines between the first rule and the next (cliff draws one under the heading).
  const start = ruleIndexes[0] ?? -1;
  const headingEnd = ruleIndexes[1] ?? -1;
  if (start < 0 || headingEnd < 0 || headingEnd - start < 2) return { headings: null, headingLine: null, rows: [] };
  const headingLines = physical.slice(start + 1, headingEnd).map((line) => splitCells(line.text));
  const width = Math.max(...headingLines.map((cells) => cells.length));
  const headings = Array.from({ length: width }, (_, column) =>
    headingLines
      .map((cells) => cells[column] ?? '')
      .filter((text) => text !== '')
      .join(' '),
  );
  const rows: BoxedRow[] = [];
  let current: BoxedRow | null = null;
  let previous: string[] | null = null;
  for (const line of physical.slice(headingEnd + 1)) {
    if (BOXED_RULE.test(line.text.trim())) {
      current = null;
      previous = null;
      continue;
    }
    const cells = splitCells(line.text);
    const wrapped = current !== null && (cells[0] ?? '') !== '' && continuesWrappedRow(cells, previous);
    if (current === null || ((cells[0] ?? '') !== '' && !wrapped)) {
      current = { line: line.number, cells: [] };
      rows.push(current);
    }
    // A wrapped first cell (an id, never several values) is one word: its pieces join without a space.
    const firstCell = current.cells[0];
    const joinsFirstCell = wrapped && firstCell !== undefined && firstCell.length > 0;
    if (joinsFirstCell) firstCell[firstCell.length - 1] = `${firstCell[firstCell.length - 1] ?? ''}${cells[0] ?? ''}`;
    for (let column = joinsFirstCell ? 1 : 0; column < cells.length; column += 1) {
      while (current.cells.length <= column) current.cells.push([]);
      const text = cells[column]!;
      if (text !== '') current.cells[column]!.push(text);
    }
    previous = cells;
  }
  // A second copy of the table pasted below the first repeats its heading row: not an item.
  const headingText = headings.join('|');
  const repeatsHeading = (row: BoxedRow) => row.cells[0]?.join(' ') === headings[0] && row.cells.map((cell) => cell.join(' ')).join('|') === headingText;
  const items = rows.filter((row) => !repeatsHeading(row));
  return { headings, headingLine: physical[start + 1]!.number, rows: items };
}
