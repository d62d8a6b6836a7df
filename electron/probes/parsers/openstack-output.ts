// What python-openstackclient (`openstack … -f json` or its default table) and the older nova,
// neutron and glance clients print, read into rows of cells keyed by column, whichever printed it.
// A column is found by any of the names releases gave it: "Hypervisor Hostname" (OSC table),
// "hypervisor_hostname" (`hypervisor show -f json`), "Hypervisor hostname" (nova) are one key once
// case and punctuation are dropped, and "OS-EXT-SRV-ATTR: Host" (nova --fields) is
// "OS-EXT-SRV-ATTR:host" (`server show`). A "Field | Value" table (`… show`) is one row.
import { createRecord, problem, UNREADABLE, type ParseProblem, type ParseResult } from './parse-result';
import { asRecord, parseCleanJson, parseJsonText, originalLine } from './structured-input';
import { isBoxedTableLine } from './boxed-table';
import { readOpenStackTable } from './openstack-table';
import { firstContentLine, prepareInput, quoteLine, type InputLine } from './text-input';

/** One listed item: its cells by column key (see columnKey), and where it is in the output. */
export interface OpenStackRow {
  /** 1-based line of the original output where the row (or JSON object) starts; null when unknown. */
  line: number | null;
  /** "row 3" (table) or "entry 3" (JSON), for problem messages. */
  label: string;
  /** JSON values as parsed; table cells as text, the lines of a multi-line cell joined by "\n". */
  cells: Record<string, unknown>;
}

export interface OpenStackRows {
  /** "json", "table", or UNREADABLE. */
  format: string;
  rows: OpenStackRow[];
  problems: ParseProblem[];
}

/**
 * Column names remembered as keys: every row asks for the same few dozen (a 5,000-server list asks
 * 100,000 times); past this many distinct names (a hostile output's keys) they are no longer kept.
 */
const MAX_REMEMBERED_KEYS = 1000;
const rememberedKeys = new Map<string, string>();

/** A column name as a key: "Hypervisor Hostname", "hypervisor_hostname" → "hypervisorhostname". */
export function columnKey(name: string): string {
  const known = rememberedKeys.get(name);
  if (known !== undefined) return known;
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (rememberedKeys.size < MAX_REMEMBERED_KEYS) rememberedKeys.set(name, key);
  return key;
}

/** An echoed command line at the top of a paste (its prompt, if any, is dropped already). */
const COMMAND_LINE = /^\s*(?:sudo\s+)?(?:openstack|nova|neutron|glance)\s/;

/** Headings of a `… show` table: OSC and neutron say "Field", nova and glance "Property". */
const SHOW_HEADINGS = new Set(['field', 'property']);

/**
 * Reads `text` as one of the outputs of `what` ("openstack server list"): a JSON array of objects
 * (or one object, a `… show -f json`), a boxed table, or a "Field | Value" table.
 */
export function readOpenStackRows(text: string, what: string): OpenStackRows {
  const clean = parseCleanJson(text);
  if (clean) return rowsFromJson(clean.value, typeof text === 'string' ? entryLines(text) : [], []);
  const input = prepareInput(text);
  const problems: ParseProblem[] = [...input.problems];
  const command = firstContentLine(input.lines);
  if (command && COMMAND_LINE.test(command.text)) input.lines = input.lines.filter((line) => line !== command);
  const first = firstContentLine(input.lines);
  if (first === null) {
    problems.push(problem(null, `the ${what} output is empty (a table with no rows prints nothing; -f json prints [] for none)`));
    return { format: UNREADABLE, rows: [], problems };
  }
  const start = first.text.trimStart();
  const tableLines = input.lines.filter((line) => isBoxedTableLine(line.text));
  // A warning printed before the JSON (stderr captured with stdout: "…CryptographyDeprecationWarning…").
  const jsonStart = tableLines.length === 0 && knownFailure(start) === null ? input.lines.findIndex((line) => /^\s*[[{]/.test(line.text)) : -1;
  if (jsonStart >= 0 && input.lines.slice(0, jsonStart).filter((line) => line.text.trim() !== '').length <= MAX_LINES_BEFORE_JSON) {
    for (const line of input.lines.slice(0, jsonStart)) if (line.text.trim() !== '') problems.push(problem(line.number, `not part of the JSON, skipped: ${quoteLine(line.text)}`));
    const prepared = { ...input, lines: input.lines.slice(jsonStart) };
    prepared.text = prepared.lines.map((line) => line.text).join('\n');
    const parsed = parseJsonText(prepared, `${what} JSON`);
    for (const found of parsed.problems) problems.push(found);
    if (parsed.value === undefined) return { format: UNREADABLE, rows: [], problems };
    const lines = entryLines(prepared.text).map((line) => originalLine(prepared, line));
    return rowsFromJson(parsed.value, lines, problems);
  }
  if (tableLines.length === 0) {
    problems.push(problem(first.number, `not ${what} output: ${explainNonOutput(start)}`));
    return { format: UNREADABLE, rows: [], problems };
  }
  return rowsFromTable(input.lines, tableLines, problems, what);
}

/**
 * Warning lines skipped before a JSON document (a Python warning and its source line, a
 * deprecation notice): past this many, the text is something else that happens to hold a "{".
 */
const MAX_LINES_BEFORE_JSON = 10;

/** Why a first line is not the output, in words an engineer can act on. */
export function explainNonOutput(line: string): string {
  return knownFailure(line) ?? `${quoteLine(line)} (expected -f json output or the +----+ table)`;
}

/** What a line the clients print instead of their output means, or null for a line of anything else. */
function knownFailure(line: string): string | null {
  const quoted = quoteLine(line);
  if (/^<(?:!doctype|html|head|body)/i.test(line)) return `an HTML page (${quoted}): something other than the OpenStack API answered (a proxy, or a wrong auth URL); check OS_AUTH_URL`;
  if (/Missing value auth-url|Missing parameter\(s\)|You must provide (?:a username|an auth url|a user name)/i.test(line)) return `the client has no credentials (${quoted}): source the cloud's rc file (e.g. ~/novarc) or set OS_CLOUD for a clouds.yaml entry`;
  if (/HTTP 401|requires authentication|Unauthorized/i.test(line)) return `the credentials were refused (${quoted}): check the password and project in the rc file`;
  if (/HTTP 403|Forbidden|policy does not allow/i.test(line)) return `the credentials may not do this (${quoted}): --all-projects and the hypervisor, service and agent lists need an admin role`;
  if (/Unable to establish connection|Failed to discover available identity versions|Connection refused|timed out/i.test(line)) return `the API could not be reached (${quoted}): check OS_AUTH_URL and that keystone is up`;
  if (/command not found|No such file or directory/i.test(line)) return `the client is not installed (${quoted}): install python-openstackclient on the host that runs it`;
  if (/^(?:ERROR|Error)\b/.test(line)) return `the client reported an error: ${quoteLine(line, 200)}`;
  return null;
}

function rowsFromJson(document: unknown, lines: number[], problems: ParseProblem[]): OpenStackRows {
  const list = Array.isArray(document) ? document : asRecord(document) ? [document] : null;
  if (list === null) {
    problems.push(problem(1, 'expected a JSON list of objects (-f json of a list) or one object (-f json of a show)'));
    return { format: UNREADABLE, rows: [], problems };
  }
  const rows: OpenStackRow[] = [];
  list.forEach((entry, index) => {
    const record = asRecord(entry);
    const line = Array.isArray(document) ? (lines[index] ?? null) : 1;
    if (!record) {
      problems.push(problem(line, `entry ${index + 1} is not an object; skipped`));
      return;
    }
    const cells = createRecord<unknown>();
    for (const [name, value] of Object.entries(record)) cells[columnKey(name)] = value;
    rows.push({ line, label: `entry ${index + 1}`, cells });
  });
  return { format: 'json', rows, problems };
}

function rowsFromTable(allLines: InputLine[], tableLines: InputLine[], problems: ParseProblem[], what: string): OpenStackRows {
  const firstTable = tableLines[0]!;
  for (const line of allLines) {
    if (line.number >= firstTable.number) break;
    if (line.text.trim() !== '') problems.push(problem(line.number, `not part of the table, skipped: ${quoteLine(line.text)}`));
  }
  const table = readOpenStackTable(tableLines);
  const headings = table.headings;
  if (headings === null || table.headingLine === null) {
    problems.push(problem(firstTable.number, `the ${what} table has no heading row`));
    return { format: UNREADABLE, rows: [], problems };
  }
  const keys = headings.map(columnKey);
  if (keys.length === 2 && SHOW_HEADINGS.has(keys[0]!) && keys[1] === 'value') return showTable(table.rows, table.headingLine, problems);
  const rows: OpenStackRow[] = [];
  table.rows.forEach((row, index) => {
    if (row.cells.length !== keys.length) problems.push(problem(row.line, `row ${index + 1} has ${row.cells.length} cells under ${keys.length} headings (a "|" inside a value?); read by position`));
    const cells = createRecord<unknown>();
    keys.forEach((key, column) => (cells[key] = (row.cells[column] ?? []).join('\n')));
    rows.push({ line: row.line, label: `row ${index + 1}`, cells });
  });
  return { format: 'table', rows, problems };
}

/** A "Field | Value" table: one item, each field's value lines joined by "\n". */
function showTable(rows: { line: number; cells: string[][] }[], headingLine: number, problems: ParseProblem[]): OpenStackRows {
  const cells = createRecord<unknown>();
  for (const row of rows) {
    const field = (row.cells[0] ?? []).join(' ');
    if (field === '') continue;
    cells[columnKey(field)] = (row.cells[1] ?? []).join('\n');
  }
  return { format: 'table', rows: [{ line: headingLine, label: 'the item', cells }], problems };
}

/**
 * The 1-based line where each entry of a top-level JSON array starts, in one pass that skips
 * strings; for placing a problem on its entry.
 */
function entryLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let pendingEntry = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 10) line += 1;
    if (inString) {
      if (code === 92) index += 1;
      else if (code === 34) inString = false;
      continue;
    }
    if (depth === 1 && pendingEntry && code > 32 && code !== 44 && code !== 93) {
      lines.push(line);
      pendingEntry = false;
    }
    if (code === 34) inString = true;
    else if (code === 91 || code === 123) {
      depth += 1;
      if (depth === 1) pendingEntry = true;
    } else if (code === 93 || code === 125) depth -= 1;
    else if (code === 44 && depth === 1) pendingEntry = true;
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------
// Cells

/** The first cell present under any of `names` (column names in any spelling). */
export function cell(row: OpenStackRow, ...names: string[]): unknown {
  for (const name of names) {
    const value = row.cells[columnKey(name)];
    if (value !== undefined) return value;
  }
  return undefined;
}

/** What the clients print for "no value": JSON null, "", OSC's "None", nova's "-". */
const NO_VALUE = new Set(['', 'None', '-', 'null']);

/** A cell as text, null when it says nothing; numbers and booleans as printed. */
export function cellText(row: OpenStackRow, ...names: string[]): string | null {
  return valueText(cell(row, ...names));
}

/**
 * A one-value cell as text. A table drawn to fit the terminal (cliff's --fit-width, or a narrow
 * window) wraps a long value over lines, breaking at spaces or after hyphens: the lines are joined
 * back ("66782d58-6586" + "-4d2c-b34f-" → one id, "Open vSwitch" + "agent" → "Open vSwitch agent").
 */
export function valueText(value: unknown): string | null {
  const raw = valueLines(value);
  if (raw === null || !raw.includes('\n')) return raw;
  const joined = raw
    .split('\n')
    .map((line) => line.trim())
    .reduce((text, line) => (text === '' ? line : text.endsWith('-') || line.startsWith('-') ? `${text}${line}` : `${text} ${line}`), '');
  return NO_VALUE.has(joined) ? null : joined;
}

/** A cell's text as printed, its lines kept (a list cell has one value per line); null when it says nothing. */
export function valueLines(value: unknown): string | null {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return NO_VALUE.has(trimmed) ? null : trimmed;
}

/** A whole number (JSON number, or text of digits), null otherwise. */
export function valueInteger(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string' && /^\s*-?\d{1,15}\s*$/.test(value)) return Number(value.trim());
  return null;
}

/**
 * A number cell: null when absent or "None", and a problem when it holds something else, so a
 * changed column is noticed rather than silently empty.
 */
export function cellInteger(row: OpenStackRow, problems: ParseProblem[], label: string, ...names: string[]): number | null {
  const value = cell(row, ...names);
  const number = valueInteger(value);
  if (number === null && valueText(value) !== null) problems.push(problem(row.line, `${row.label}: ${label} is not a number (${quoteLine(String(valueText(value)))})`));
  return number;
}

const TRUE_WORDS = new Set(['true', 'yes', 'up', ':-)', 'external', 'enabled', 'alive', 'on', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'down', 'xxx', 'internal', 'disabled', 'dead', 'off', '0']);

/**
 * The clients' booleans: JSON true/false, "True"/"False", admin state "UP"/"DOWN", neutron's alive
 * ":-)"/"XXX", router type "External"/"Internal"; null for anything else.
 */
export function valueBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  const text = valueText(value)?.toLowerCase();
  if (text === undefined || text === null) return null;
  if (TRUE_WORDS.has(text)) return true;
  if (FALSE_WORDS.has(text)) return false;
  return null;
}

export function cellBoolean(row: OpenStackRow, ...names: string[]): boolean | null {
  return valueBoolean(cell(row, ...names));
}

/** A list cell: a JSON array's items as text, or text split at commas and line breaks. */
export function valueList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(valueText).filter((item): item is string => item !== null);
  const text = valueLines(value);
  if (text === null) return [];
  return text
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '' && !NO_VALUE.has(item));
}

/** "cirros-0.3.5 (6ff5…)", "m1.tiny (1)" as `server show` prints them → the name before the id. */
export function withoutParenthesisedId(text: string | null): string | null {
  if (text === null) return null;
  const match = /^(.*\S)\s+\([^()]*\)$/.exec(text);
  return match ? match[1]! : text;
}

/**
 * Dictionaries a table prints as text, in any release's spelling: `ip_address='10.0.0.3',
 * subnet_id='…'` (OSC), `{"subnet_id": "…", "ip_address": "10.0.0.3"}` (neutron),
 * `{u'subnet_id': u'…'}` (Python 2 repr). Each `keys` value is taken in order; a key seen again
 * starts the next dictionary.
 */
export function keyedValues(text: string, keys: readonly string[]): Record<string, string>[] {
  const pattern = new RegExp(`\\b(${keys.join('|')})\\b['"]?\\s*[:=]\\s*u?['"]?([^'",}\\]\\s]*)`, 'g');
  const found: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const match of text.matchAll(pattern)) {
    const key = match[1]!;
    if (current === null || key in current) {
      current = createRecord<string>();
      found.push(current);
    }
    current[key] = match[2]!;
  }
  return found;
}

/** A cell holding a JSON object or array as text (neutron's tables), parsed; else the value itself. */
export function structuredCell(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return value;
  try {
    return JSON.parse(trimmed);
  } catch {
    return value;
  }
}

/** Rows with no id (or no name) are skipped with a problem on their line. */
export function requiredText(row: OpenStackRow, problems: ParseProblem[], label: string, ...names: string[]): string | null {
  const text = cellText(row, ...names);
  if (text === null) problems.push(problem(row.line, `${row.label} has no ${label}; skipped`));
  return text;
}

export interface OpenStackListReading<T> {
  items: T[];
  format: string;
  problems: ParseProblem[];
}

/**
 * A list parser's whole answer: every row of `text` read with `readRow` into `{ [key]: items }`
 * (`{ servers: [...] }`).
 */
export function parseOpenStackList<K extends string, T>(text: string, what: string, key: K, readRow: (row: OpenStackRow, problems: ParseProblem[]) => T | null): ParseResult<Record<K, T[]>> {
  const read = readOpenStackList(text, what, readRow);
  return { value: { [key]: read.items } as Record<K, T[]>, format: read.format, problems: read.problems };
}

/** Reads every row of `text` with `readRow` (null: skipped, a problem said why). */
export function readOpenStackList<T>(text: string, what: string, readRow: (row: OpenStackRow, problems: ParseProblem[]) => T | null): OpenStackListReading<T> {
  const read = readOpenStackRows(text, what);
  const problems = read.problems;
  const items: T[] = [];
  for (const row of read.rows) {
    const item = readRow(row, problems);
    if (item !== null) items.push(item);
  }
  const nothingRead = items.length === 0 && read.rows.length > 0;
  return { items, format: nothingRead ? UNREADABLE : read.format, problems };
}
