// cliff's output formatters as python-openstackclient uses them: `-f table` (prettytable, the
// default), `-f json` (indent 2), `-f value`, `-f csv`, and `-c COLUMN` selection.
// Source: openstack/cliff cliff/formatters/{table,json_format,value,commaseparated}.py and
// cliff/display.py (column selection). A cell is a value plus an optional human-readable form:
// JSON prints the machine value, table/value the human one (FormattableColumn).

/** A formatted cell: `human` for table/value, `machine` for json (cliff's FormattableColumn). */
export function cell(machine, human) {
  return { machine, human: human ?? humanOf(machine), formatted: true };
}

/** How python prints a plain value inside a table: None, True/False, lists joined, dicts as k='v'. */
export function humanOf(value) {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (Array.isArray(value)) return value.map(humanOf).join(', ');
  if (typeof value === 'object') return formatDict(value);
  return String(value);
}

/** osc_lib.utils.format_dict: sorted keys, key='value' pairs joined by ", ". */
export function formatDict(d) {
  return Object.keys(d)
    .sort()
    .map((k) => (typeof d[k] === 'string' ? `${k}='${d[k]}'` : `${k}=${d[k] === null ? 'None' : humanOf(d[k])}`))
    .join(', ');
}
/** format_columns.ListDictColumn: one formatted dict per line. */
export const listOfDicts = (list) => cell(list, list.map(formatDict).join('\n'));
/** format_columns.ListColumn (osc_lib format_list): items sorted, joined by ", ". */
export const listColumn = (list) => cell(list, [...list].sort().join(', '));
/** format_columns.DictColumn. */
export const dictColumn = (d) => cell(d, formatDict(d));
/** format_columns.DictListColumn / utils.format_dict_of_list: "k=v1, v2; k2=v3". */
export const dictOfLists = (d) =>
  cell(
    d,
    Object.keys(d)
      .sort()
      .filter((k) => d[k].length)
      // values sorted as strings, as OSC 6.0.0 prints them (test/fixtures/outputs/openstack-server-list/lab-osc-6.0.0-*.txt)
      .map((k) => `${k}=${[...d[k]].sort().join(', ')}`)
      .join('; '),
  );

const machineOf = (v) => (v && typeof v === 'object' && v.formatted ? v.machine : v);
const humanText = (v) => (v && typeof v === 'object' && v.formatted ? v.human : humanOf(v));
/** cliff aligns a column right when its first row's raw value is an int or float (not a bool, not formatted). */
const rightAligned = (v) => typeof v === 'number';

export class UsageError extends Error {
  constructor(message, code = 2) {
    super(message);
    this.code = code;
  }
}

/** Output options every Lister/ShowOne takes: -f/--format, -c/--column, --noindent, --quote. */
export function takeOutputOptions(args) {
  const rest = [];
  const out = { format: 'table', columns: [], noindent: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      if (i + 1 >= args.length) throw new UsageError(`openstack: error: argument ${a}: expected one argument`);
      return args[++i];
    };
    if (a === '-f' || a === '--format') out.format = value();
    else if (a.startsWith('--format=')) out.format = a.slice(9);
    else if (a.startsWith('-f') && a.length > 2) out.format = a.slice(2);
    else if (a === '-c' || a === '--column') out.columns.push(value());
    else if (a.startsWith('--column=')) out.columns.push(a.slice(9));
    else if (a === '--noindent') out.noindent = true;
    else if (a === '--quote' || a === '--max-width' || a === '--sort-column' || a === '--sort-ascending' || a === '--sort-descending') {
      if (a !== '--sort-ascending' && a !== '--sort-descending') value();
    } else if (a === '--fit-width' || a === '--print-empty') continue;
    else rest.push(a);
  }
  const formats = ['csv', 'json', 'table', 'value', 'yaml'];
  if (!formats.includes(out.format)) {
    throw new UsageError(`openstack: error: argument -f/--format: invalid choice: '${out.format}' (choose from ${formats.map((f) => `'${f}'`).join(', ')})`);
  }
  return { out, rest };
}

/** cliff's column selection: keep the asked columns in the asked order; none known is an error. */
function select(headers, rows, wanted) {
  if (!wanted.length) return { headers, rows };
  const idx = wanted.filter((c) => headers.includes(c)).map((c) => headers.indexOf(c));
  if (!idx.length) {
    throw new UsageError(
      `No recognized column names in ${pyList(wanted)}. Recognized columns are (${headers.map((h) => `'${h}'`).join(', ')}).`,
      1,
    );
  }
  return { headers: idx.map((i) => headers[i]), rows: rows.map((r) => idx.map((i) => r[i])) };
}
const pyList = (xs) => `[${xs.map((x) => `'${x}'`).join(', ')}]`;

/** prettytable as cliff configures it: frame rules, padding 1, per-column alignment, multi-line cells. */
function prettyTable(headers, rows, rightCols) {
  const cells = rows.map((r) => r.map((v) => humanText(v).split('\n')));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => Math.max(...r[i].map((l) => l.length)))));
  const rule = '+' + widths.map((w) => '-'.repeat(w + 2)).join('+') + '+';
  const line = (parts) =>
    '|' + parts.map((p, i) => ' ' + (rightCols.has(i) ? p.padStart(widths[i]) : p.padEnd(widths[i])) + ' ').join('|') + '|';
  const out = [rule, line(headers), rule];
  for (const r of cells) {
    const height = Math.max(...r.map((c) => c.length));
    for (let k = 0; k < height; k++) out.push(line(r.map((c) => c[k] ?? '')));
  }
  out.push(rule);
  return out.join('\n') + '\n';
}

function csvField(v) {
  const m = machineOf(v);
  if (typeof m === 'number') return String(m);
  return `"${humanText(v).replace(/"/g, '""')}"`;
}

/** A Lister's output: headers and rows (each row an array of plain values or cells). */
export function emitList(headers, rows, out) {
  ({ headers, rows } = select(headers, rows, out.columns));
  switch (out.format) {
    case 'json': {
      const list = rows.map((r) => Object.fromEntries(headers.map((h, i) => [h, machineOf(r[i]) ?? null])));
      return JSON.stringify(list, null, out.noindent ? undefined : 2) + '\n';
    }
    case 'value':
      return rows.map((r) => r.map(humanText).join(' ') + '\n').join('');
    case 'csv':
      return [headers.map((h) => `"${h}"`).join(','), ...rows.map((r) => r.map(csvField).join(','))].join('\n') + '\n';
    case 'yaml':
      return rows.map((r) => headers.map((h, i) => `${i ? '  ' : '- '}${h}: ${JSON.stringify(machineOf(r[i]) ?? null)}`).join('\n') + '\n').join('');
    default: {
      // print_empty=False: no rows, nothing printed (what `openstack server list` does with no servers)
      if (!rows.length) return '';
      const right = new Set(headers.map((_, i) => i).filter((i) => rightAligned(rows[0][i])));
      return prettyTable(headers, rows, right);
    }
  }
}

/** A ShowOne's output: field -> value, fields sorted as OSC's _get_columns sorts them. */
export function emitOne(fields, out) {
  const names = Object.keys(fields);
  const { headers, rows } = select(names, [names.map((n) => fields[n])], out.columns);
  const row = rows[0];
  switch (out.format) {
    case 'json':
      return JSON.stringify(Object.fromEntries(headers.map((h, i) => [h, machineOf(row[i]) ?? null])), null, out.noindent ? undefined : 2) + '\n';
    case 'value':
      return row.map((v) => humanText(v) + '\n').join('');
    case 'csv':
      return [headers.map((h) => `"${h}"`).join(','), row.map(csvField).join(',')].join('\n') + '\n';
    case 'yaml':
      return headers.map((h, i) => `${h}: ${JSON.stringify(machineOf(row[i]) ?? null)}`).join('\n') + '\n';
    default:
      return prettyTable(['Field', 'Value'], headers.map((h, i) => [h, row[i]]), new Set());
  }
}
