// `lxc list` in any of its formats: JSON (what the probes ask for), YAML, the boxed table, compact
// and CSV. JSON/YAML are the API's instance objects (`state.network` holds the addresses); the
// addresses kept are the ones `lxc list` itself shows: not loopback, not link- or host-local.
import type { InterfaceAddress, LxcInstance, LxcList } from '../../contract/lab-model';
import { isBoxedTableLine } from './boxed-table';
import { columnsFromSpec, columnsSpecInText } from './lxc-list-columns';
import { readBoxedInstances, readCompactInstances, readCsvInstances, emptyInstance } from './lxc-list-tables';
import { isEmptyModel, problem, UNREADABLE, type ParseProblem, type ParseResult, appendProblems } from './parse-result';
import { asArray, asBoolean, asNonEmptyText, asRecord, parseCleanJson, parseJsonText, parseYamlText } from './structured-input';
import { firstContentLine, prepareInput, quoteLine } from './text-input';

/** Address scopes `lxc list` leaves out of its IPV4/IPV6 columns. */
const HIDDEN_SCOPES = new Set(['link', 'local']);

export interface LxcListOptions {
  /** The `-c` letters the list was made with ("ns4t"); otherwise read from an `lxc list … -c` line in the text. */
  columns?: string;
}

/** An echoed `lxc list …` command line (a prompt before it is dropped already). */
const COMMAND_LINE = /^\s*(?:sudo\s+)?lxc\s+list(?:\s|$)/;

export function parseLxcList(text: string, options: LxcListOptions = {}): ParseResult<LxcList> {
  const clean = parseCleanJson(text);
  if (clean) return fromStructured('json', clean.value, []);
  const input = prepareInput(text);
  const problems: ParseProblem[] = [...input.problems];
  const spec = options.columns ?? (typeof text === 'string' ? columnsSpecInText(text)?.spec : undefined);
  const columns = spec === undefined ? null : columnsFromSpec(spec);
  if (columns) appendProblems(problems, columns.problems);
  const commandLine = firstContentLine(input.lines);
  if (commandLine && COMMAND_LINE.test(commandLine.text)) {
    input.lines = input.lines.filter((line) => line !== commandLine);
    input.text = input.lines.map((line) => line.text).join('\n');
  }
  const first = firstContentLine(input.lines);
  const empty = (): LxcList => ({ instances: [] });
  if (first === null) return { value: empty(), format: UNREADABLE, problems: [...problems, problem(null, 'the lxc list output is empty')] };
  const start = first.text.trimStart();

  if (/^Error:/.test(start)) {
    problems.push(problem(first.number, `lxc reported an error: ${quoteLine(start, 200)}`));
    return { value: empty(), format: UNREADABLE, problems };
  }
  if (start.startsWith('[') || start.startsWith('{')) {
    const parsed = parseJsonText(input, 'lxc list JSON');
    return fromStructured('json', parsed.value, [...problems, ...parsed.problems]);
  }
  if (/^-\s/.test(start) || /^[a-z_]+:/.test(start)) {
    const parsed = parseYamlText(input, 'lxc list YAML', true);
    return fromStructured('yaml', parsed.value, [...problems, ...parsed.problems]);
  }
  let read: { instances: LxcInstance[]; problems: ParseProblem[] };
  let format: string;
  if (isBoxedTableLine(start)) {
    read = readBoxedInstances(input.lines, columns?.headings ?? null);
    format = 'table';
  } else if (/\bNAME\b.*\bSTATE\b/.test(first.text)) {
    read = readCompactInstances(input.lines);
    format = 'compact';
  } else if (start.includes(',')) {
    read = readCsvInstances(
      input.text,
      input.lines.map((line) => line.number),
      columns?.headings ?? null,
    );
    format = 'csv';
  } else {
    problems.push(problem(first.number, `not lxc list output: ${quoteLine(start)} (expected JSON, YAML, CSV or the table with NAME | STATE | IPV4 …)`));
    return { value: empty(), format: UNREADABLE, problems };
  }
  appendProblems(problems, read.problems);
  const value = { instances: read.instances };
  return { value, format: isEmptyModel(value) && read.problems.length > 0 ? UNREADABLE : format, problems };
}

function fromStructured(format: string, document: unknown, problems: ParseProblem[]): ParseResult<LxcList> {
  if (document === undefined) return { value: { instances: [] }, format: UNREADABLE, problems };
  const list = Array.isArray(document) ? document : asRecord(document) ? [document] : null;
  if (list === null) {
    problems.push(problem(1, 'expected a list of instances'));
    return { value: { instances: [] }, format: UNREADABLE, problems };
  }
  const instances: LxcInstance[] = [];
  list.forEach((raw, index) => {
    const record = asRecord(raw);
    const name = asNonEmptyText(record?.name);
    if (!record || !name) {
      problems.push(problem(null, `entry ${index + 1} is not an instance (no name); skipped`));
      return;
    }
    instances.push(fromApiInstance(name, record));
  });
  return { value: { instances }, format, problems };
}

function fromApiInstance(name: string, record: Record<string, unknown>): LxcInstance {
  const instance = emptyInstance(name);
  instance.state = asNonEmptyText(record.status)?.toUpperCase() ?? null;
  // The API has had "type" since LXD 3.19 brought virtual machines; before, every instance was a container.
  instance.type = asNonEmptyText(record.type) ?? 'container';
  instance.ephemeral = asBoolean(record.ephemeral);
  if ('snapshots' in record) instance.snapshots = Array.isArray(record.snapshots) ? record.snapshots.length : 0;
  const location = asNonEmptyText(record.location);
  instance.location = location === 'none' ? null : location;
  instance.project = asNonEmptyText(record.project);
  if (Array.isArray(record.profiles)) instance.profiles = record.profiles.map((profile) => String(profile));
  const network = asRecord(asRecord(record.state)?.network);
  for (const [iface, rawNet] of Object.entries(network ?? {}).sort(([left], [right]) => left.localeCompare(right))) {
    const net = asRecord(rawNet);
    if (!net || net.type === 'loopback' || iface === 'lo') continue;
    for (const rawAddress of asArray(net.addresses)) {
      const address = asRecord(rawAddress);
      const text = asNonEmptyText(address?.address);
      if (!address || !text || HIDDEN_SCOPES.has(String(address.scope))) continue;
      const entry: InterfaceAddress = { address: text, iface };
      if (address.family === 'inet') instance.ipv4.push(entry);
      else if (address.family === 'inet6') instance.ipv6.push(entry);
    }
  }
  return instance;
}
