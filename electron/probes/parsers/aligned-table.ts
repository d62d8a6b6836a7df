// Tables aligned with spaces (Go's tabwriter: `juju status`, `lxc list -f compact`). Cells can be
// empty, hold single spaces ("Unit is ready", "10.0.0.5 (eth0)"), be right-aligned (Juju's Scale
// and Rev) or sit under a centred heading (LXD compact), so neither splitting on whitespace nor
// cutting at the heading positions works. Instead: the headings say how many columns there are
// and roughly where; the boundary between two columns is the gutter — a character position that is
// blank on every line of the table — found nearest to the right-hand heading.
import type { InputLine } from './text-input';

/** A heading's text: words joined by single spaces ("Public address"); tabwriter pads columns with two or more. */
const HEADING_TEXT = /\S+(?: \S+)*/g;
/**
 * One word per heading: Juju 1.25/2.0-beta padded columns with a single space ("EXPOSED CHARM") and
 * joined heading words with "-" ("PUBLIC-ADDRESS"), so there a single space separates two headings.
 */
export const SINGLE_WORD_HEADINGS = /\S+/g;

export interface AlignedHeading {
  name: string;
  start: number;
  end: number;
}

export function readHeadings(text: string, pattern: RegExp = HEADING_TEXT): AlignedHeading[] {
  const headings: AlignedHeading[] = [];
  for (const match of text.matchAll(pattern)) {
    headings.push({ name: match[0], start: match.index ?? 0, end: (match.index ?? 0) + match[0].length });
  }
  return headings;
}

function blankAt(text: string, position: number): boolean {
  return position >= text.length || text[position] === ' ';
}

/**
 * The start column of each heading's cells. The last column runs to the end of each line (free
 * text such as Juju's Message may hold anything).
 */
export function columnStarts(headings: AlignedHeading[], header: string, rows: string[]): number[] {
  const starts = headings.map((heading) => heading.start);
  if (starts.length > 0) starts[0] = 0;
  const lines = [header, ...rows];
  for (let index = 1; index < headings.length; index += 1) {
    const left = headings[index - 1]!.end;
    const right = headings[index]!.start;
    // Walk left from the heading to the first position blank on every line: the gutter.
    for (let position = right - 1; position >= left; position -= 1) {
      if (lines.every((line) => blankAt(line, position))) {
        starts[index] = position + 1;
        break;
      }
    }
  }
  return starts;
}

/** Cuts one line into trimmed cells at the given column starts. */
export function sliceCells(text: string, starts: number[]): string[] {
  return starts.map((start, index) => {
    const end = index + 1 < starts.length ? starts[index + 1]! : text.length;
    return text.slice(start, end).trim();
  });
}

export interface AlignedRow {
  line: InputLine;
  cells: string[];
  /** Leading spaces before the first cell (Juju indents subordinate units by two per level). */
  indent: number;
}

/** Reads the rows of one aligned table under its heading line. */
export function readAlignedRows(header: InputLine, rows: InputLine[], headingPattern: RegExp = HEADING_TEXT): { headings: AlignedHeading[]; rows: AlignedRow[] } {
  const headings = readHeadings(header.text, headingPattern);
  const starts = columnStarts(
    headings,
    header.text,
    rows.map((row) => row.text),
  );
  return {
    headings,
    rows: rows.map((line) => ({ line, cells: sliceCells(line.text, starts), indent: line.text.length - line.text.trimStart().length })),
  };
}
