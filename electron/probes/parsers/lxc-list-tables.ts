// `lxc list` as a person reads it: the boxed table (default), `--format compact` and `--format csv`.
// Versions differ in columns: LXD 0.x "NAME STATE IPV4 IPV6 EPHEMERAL SNAPSHOTS"; 2.x–3.x
// "… TYPE SNAPSHOTS" with TYPE = PERSISTENT/EPHEMERAL; 3.19+ TYPE = CONTAINER/VIRTUAL-MACHINE
// (" (EPHEMERAL)" appended); a cluster adds LOCATION; `--all-projects` puts PROJECT first; `-c`
// picks any set (PROFILES, LAST USED AT…). A cell with several addresses spans several lines
// ("10.0.3.43 (eth0)" each); LXD 0.x put them on one line, comma-separated, without interfaces.
import type { InterfaceAddress, LxcInstance } from '../../contract/lab-model';
import { readAlignedRows } from './aligned-table';
import { readBoxedTable } from './boxed-table';
import { problem, type ParseProblem } from './parse-result';
import { quoteLine, type InputLine } from './text-input';

/** `lxc list`'s default columns ("ns46tS", plus "L" on a cluster), for output without headings. */
const DEFAULT_COLUMNS = ['NAME', 'STATE', 'IPV4', 'IPV6', 'TYPE', 'SNAPSHOTS'];
const DEFAULT_CLUSTER_COLUMNS = [...DEFAULT_COLUMNS, 'LOCATION'];

const KNOWN_HEADINGS = new Set(['NAME', 'STATE', 'IPV4', 'IPV6', 'TYPE', 'SNAPSHOTS', 'LOCATION', 'PROFILES', 'PROJECT', 'EPHEMERAL']);

export function emptyInstance(name: string): LxcInstance {
  return { name, state: null, type: null, ephemeral: null, ipv4: [], ipv6: [], snapshots: null, location: null, profiles: null, project: null };
}

/** "10.0.3.43 (eth0)" → address and interface. */
function readAddress(text: string): InterfaceAddress {
  const match = /^(\S+)(?:\s+\((.+)\))?$/.exec(text.trim());
  return { address: match?.[1] ?? text.trim(), iface: match?.[2] ?? null };
}

/** An IPv4 or IPv6 address as lxc list prints it (IPv6 with colons, possibly a zone). */
const LOOKS_LIKE_ADDRESS = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*(?:%\S+)?)$/;

/** "10.0.3.68, 10.0.4.1" (LXD 0.x: one line, no interface) → each address. */
function splitAddressList(text: string): string[] {
  return text.split(',').map((part) => part.trim()).filter((part) => part !== '');
}

/** Fills an instance from one row: `cells[i]` holds the lines of the cell under `headings[i]`. */
function instanceFromCells(headings: string[], cells: string[][]): LxcInstance {
  const column = (name: string) => {
    const index = headings.indexOf(name);
    return index < 0 ? null : (cells[index] ?? []);
  };
  const text = (name: string) => {
    const lines = column(name);
    return lines && lines.length > 0 ? lines.join(' ') : null;
  };
  const instance = emptyInstance(text('NAME') ?? '');
  instance.state = text('STATE');
  instance.ipv4 = (column('IPV4') ?? []).flatMap(splitAddressList).map(readAddress);
  instance.ipv6 = (column('IPV6') ?? []).flatMap(splitAddressList).map(readAddress);
  const snapshots = text('SNAPSHOTS');
  instance.snapshots = snapshots !== null && /^\d+$/.test(snapshots) ? Number(snapshots) : null;
  instance.location = text('LOCATION');
  instance.project = text('PROJECT');
  if (column('PROFILES') !== null) instance.profiles = column('PROFILES') ?? [];
  const type = text('TYPE');
  if (type !== null) {
    const upper = type.toUpperCase();
    instance.ephemeral = upper.includes('EPHEMERAL');
    // PERSISTENT/EPHEMERAL is what LXD printed before it ran virtual machines (3.19): containers.
    instance.type = upper.startsWith('VIRTUAL-MACHINE') ? 'virtual-machine' : 'container';
  }
  const ephemeral = text('EPHEMERAL');
  if (ephemeral !== null) {
    instance.ephemeral = ephemeral.toUpperCase() === 'YES';
    instance.type = 'container';
  }
  return instance;
}

/**
 * `columns`: the headings `-c` named (see lxc-list-columns.ts), for rows without a heading row; null
 * when unknown, then rows without headings are read as lxc list's default columns.
 */
export function readBoxedInstances(lines: InputLine[], columns: string[] | null = null): { instances: LxcInstance[]; problems: ParseProblem[] } {
  const problems: ParseProblem[] = [];
  const table = readBoxedTable(lines, (cells) => cells.includes('NAME'));
  let headings = table.headings?.map((heading) => heading.toUpperCase()) ?? columns ?? undefined;
  if (!headings) {
    const width = table.rows[0]?.cells.length ?? 0;
    headings = width === DEFAULT_CLUSTER_COLUMNS.length ? DEFAULT_CLUSTER_COLUMNS : DEFAULT_COLUMNS;
    problems.push(
      problem(table.rows[0]?.line ?? null, `the table has no heading row; read it as lxc list's default columns (${headings.join(', ')})`),
    );
  }
  noteUnknownHeadings(headings, table.headingLine, problems);
  const instances = table.rows.map((row) => instanceFromCells(headings, row.cells)).filter((instance) => instance.name !== '');
  return { instances, problems };
}

export function readCompactInstances(lines: InputLine[]): { instances: LxcInstance[]; problems: ParseProblem[] } {
  const problems: ParseProblem[] = [];
  const content = lines.filter((line) => line.text.trim() !== '');
  const header = content[0];
  if (!header) return { instances: [], problems };
  const table = readAlignedRows(header, content.slice(1));
  const headings = table.headings.map((heading) => heading.name.toUpperCase());
  noteUnknownHeadings(headings, header.number, problems);
  const rows: string[][][] = [];
  for (const row of table.rows) {
    // A line with an empty NAME continues the cells of the row above (a second address).
    const target = (row.cells[0] ?? '') === '' ? rows[rows.length - 1] : undefined;
    if (target) row.cells.forEach((cell, index) => cell !== '' && target[index]?.push(cell));
    else rows.push(row.cells.map((cell) => (cell === '' ? [] : [cell])));
  }
  return { instances: rows.map((cells) => instanceFromCells(headings, cells)), problems };
}

function noteUnknownHeadings(headings: string[], line: number | null, problems: ParseProblem[]): void {
  const unknown = headings.filter((heading) => !KNOWN_HEADINGS.has(heading));
  if (unknown.length > 0) problems.push(problem(line, `columns not read: ${unknown.join(', ')}`));
}

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
export function readCsvRecords(text: string): { records: string[][]; lines: number[]; unterminated: number | null } {
  const records: string[][] = [];
  const lines: number[] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let quoteStart: number | null = null;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line += 1;
        field += char;
      }
    } else if (char === '"' && field === '') {
      quoted = true;
      quoteStart = line;
    } else if (char === ',') {
      record.push(field);
      field = '';
    } else if (char === '\n') {
      record.push(field);
      if (record.some((value) => value !== '')) {
        records.push(record);
        lines.push(recordLine);
      }
      record = [];
      field = '';
      line += 1;
      recordLine = line;
    } else field += char;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
    lines.push(recordLine);
  }
  return { records, lines, unterminated: quoted ? quoteStart : null };
}

export function readCsvInstances(text: string, lineNumbers: number[], columns: string[] | null = null): { instances: LxcInstance[]; problems: ParseProblem[] } {
  const problems: ParseProblem[] = [];
  const { records, lines, unterminated } = readCsvRecords(text);
  const original = (line: number) => lineNumbers[line - 1] ?? line;
  if (unterminated !== null) problems.push(problem(original(unterminated), 'a quoted CSV field never ends (truncated output?)'));
  const instances: LxcInstance[] = [];
  if (columns) noteUnknownHeadings(columns, null, problems);
  records.forEach((record, index) => {
    if (columns && record.length !== columns.length) {
      problems.push(problem(original(lines[index]!), `a CSV row with ${record.length} fields where -c names ${columns.length} columns (${columns.join(', ')}): ${quoteLine(record.join(','))}`));
      return;
    }
    const headings = columns ?? (record.length === DEFAULT_CLUSTER_COLUMNS.length ? DEFAULT_CLUSTER_COLUMNS : record.length === DEFAULT_COLUMNS.length ? DEFAULT_COLUMNS : null);
    if (!headings) {
      problems.push(
        problem(original(lines[index]!), `a CSV row with ${record.length} fields; without headings only lxc list's default 6 or 7 columns can be read (give the -c letters it was listed with, e.g. parse lxc-list --columns ns4t): ${quoteLine(record.join(','))}`),
      );
      return;
    }
    const cells = record.map((value) => value.split('\n').map((part) => part.trim()).filter(Boolean));
    const instance = instanceFromCells(headings, cells);
    // Six fields are also what `-c nsP4tS` prints: a PROFILES value where IPV4 should be gives it away.
    const notAddress = columns ? undefined : [...instance.ipv4, ...instance.ipv6].find((entry) => !LOOKS_LIKE_ADDRESS.test(entry.address));
    if (notAddress) {
      problems.push(
        problem(original(lines[index]!), `read as lxc list's default columns, ${quoteLine(notAddress.address)} stands where an address should: the list was made with other -c columns; give them (e.g. parse lxc-list --columns nsP4tS)`),
      );
      return;
    }
    instances.push(instance);
  });
  return { instances, problems };
}
