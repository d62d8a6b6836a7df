// `ovs-vsctl list <table>`: with `--format=json` (the probes' form) an object {headings, data} whose
// cells are OVSDB values — a string, a number, ["uuid", "…"], ["set", […]], ["map", [[k, v], …]] —
// or, by default, text records of "column : value" lines separated by blank lines. The Interface
// table holds the external-ids Neutron sets on an instance's port (iface-id = the Neutron port,
// attached-mac, vm-uuid = the instance); the Port table holds the VLAN tag. Note that Interface has no
// "tag" column: `ovs-vsctl --columns=name,external_ids,tag list Interface` fails outright.
import type { OvsRecord, OvsRecords, OvsShow } from '../../contract/lab-model';
import { createRecord, problem, UNREADABLE, type ParseProblem, type ParseResult, appendProblems } from './parse-result';
import { asArray, asRecord, parseJsonText } from './structured-input';
import { parseOvsMap, unquoteOvs } from './ovs-vsctl-show';
import { firstContentLine, prepareInput, quoteLine } from './text-input';

/**
 * OVSDB values nest two levels at most (a map of sets); anything deeper is hostile or broken and is
 * kept as it is, undecoded, instead of recursing until the stack runs out (10,000 '[' did).
 */
export const MAX_OVS_NESTING = 16;

/** Decodes one OVSDB JSON value (RFC 7047 §5.1) into plain data. */
export function decodeOvsdbValue(value: unknown, depth = 0): unknown {
  if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== 'string' || depth > MAX_OVS_NESTING) return value;
  const [kind, body] = value as [string, unknown];
  if (kind === 'uuid' || kind === 'named-uuid') return body;
  if (kind === 'set') {
    const items = asArray(body).map((item) => decodeOvsdbValue(item, depth + 1));
    // A set of zero or one element is how OVSDB writes an optional column.
    return items.length === 0 ? null : items.length === 1 ? items[0] : items;
  }
  if (kind === 'map') {
    const record = createRecord<unknown>();
    for (const pair of asArray(body)) if (Array.isArray(pair) && pair.length === 2) record[String(decodeOvsdbValue(pair[0], depth + 1))] = decodeOvsdbValue(pair[1], depth + 1);
    return record;
  }
  return value;
}

function recordFromColumns(columns: Record<string, unknown>): OvsRecord {
  const externalIds = createRecord<string>();
  const ids = asRecord(columns.external_ids);
  for (const [key, value] of Object.entries(ids ?? {})) externalIds[key] = String(value);
  const tag = columns.tag;
  const type = columns.type;
  return {
    name: typeof columns.name === 'string' ? columns.name : null,
    tag: typeof tag === 'number' && Number.isInteger(tag) ? tag : null,
    type: typeof type === 'string' && type !== '' ? type : null,
    externalIds,
    columns,
  };
}

export function parseOvsList(text: string): ParseResult<OvsRecords> {
  const input = prepareInput(text);
  const problems: ParseProblem[] = [...input.problems];
  const first = firstContentLine(input.lines);
  if (first === null) return { value: { records: [] }, format: UNREADABLE, problems: [...problems, problem(null, 'the ovs-vsctl list output is empty')] };
  if (/^ovs-vsctl:/.test(first.text.trim())) {
    problems.push(problem(first.number, `ovs-vsctl reported an error: ${quoteLine(first.text, 200)}`));
    return { value: { records: [] }, format: UNREADABLE, problems };
  }

  if (first.text.trimStart().startsWith('{')) {
    const parsed = parseJsonText(input, 'ovs-vsctl list JSON');
    appendProblems(problems, parsed.problems);
    const document = asRecord(parsed.value);
    const headings = asArray(document?.headings).map(String);
    if (!document || headings.length === 0) {
      if (parsed.value !== undefined) problems.push(problem(first.number, 'expected {"headings": […], "data": […]} from ovs-vsctl --format=json'));
      return { value: { records: [] }, format: UNREADABLE, problems };
    }
    const records = asArray(document.data).map((row) => {
      const columns = createRecord<unknown>();
      headings.forEach((heading, index) => (columns[heading] = decodeOvsdbValue(asArray(row)[index])));
      return recordFromColumns(columns);
    });
    return { value: { records }, format: 'json', problems };
  }

  const records: OvsRecord[] = [];
  let columns: Record<string, unknown> | null = null;
  for (const line of input.lines) {
    if (line.text.trim() === '') {
      if (columns) records.push(recordFromColumns(columns));
      columns = null;
      continue;
    }
    const match = /^([a-z_]+)\s*:\s?(.*)$/.exec(line.text);
    if (!match) {
      problems.push(problem(line.number, `not an ovs-vsctl list line ("column : value"): ${quoteLine(line.text)}`));
      continue;
    }
    columns ??= createRecord<unknown>();
    if (nestingOf(match[2]!) > MAX_OVS_NESTING) {
      problems.push(problem(line.number, `${match[1]} is nested deeper than ${MAX_OVS_NESTING} levels (no OVSDB value is); kept as text`));
      columns[match[1]!] = match[2]!;
      continue;
    }
    columns[match[1]!] = decodeTextValue(match[2]!);
  }
  if (columns) records.push(recordFromColumns(columns));
  return { value: { records }, format: records.length === 0 ? UNREADABLE : 'list', problems };
}

/** How deep brackets and braces nest in a text value (one pass, quotes not considered: an upper bound). */
function nestingOf(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (const char of text) {
    if (char === '[' || char === '{') deepest = Math.max(deepest, ++depth);
    else if (char === ']' || char === '}') depth = Math.max(0, depth - 1);
  }
  return deepest;
}

/** The text form's values: {k=v, …} maps, […] sets, "quoted" strings, integers, bare words. */
function decodeTextValue(text: string): unknown {
  const value = text.trim();
  if (value.startsWith('{')) return parseOvsMap(value);
  if (value.startsWith('[')) {
    const items = value.slice(1, -1).trim();
    if (items === '') return null;
    const list = [...items.matchAll(/"(?:[^"\\]|\\.)*"|[^,\s]+/g)].map((item) => decodeTextValue(item[0]));
    return list.length === 1 ? list[0] : list;
  }
  if (/^-?\d+$/.test(value)) return Number(value);
  return unquoteOvs(value);
}

/**
 * `ovs-vsctl show` with each port's external ids (and, from a Port listing, a tag `show` lacked)
 * filled from `ovs-vsctl list Interface` / `list Port` records, matched by name.
 */
export function attachExternalIds(show: OvsShow, records: OvsRecord[]): OvsShow {
  const byName = new Map<string, OvsRecord[]>();
  for (const record of records) if (record.name !== null) byName.set(record.name, [...(byName.get(record.name) ?? []), record]);
  return {
    ...show,
    bridges: show.bridges.map((bridge) => ({
      ...bridge,
      ports: bridge.ports.map((port) => {
        const matches = [port.name, ...port.interfaces.map((iface) => iface.name)].flatMap((name) => byName.get(name) ?? []);
        const withIds = matches.find((record) => Object.keys(record.externalIds).length > 0);
        const tagged = matches.find((record) => record.tag !== null);
        return {
          ...port,
          tag: port.tag ?? tagged?.tag ?? null,
          externalIds: withIds ? { ...withIds.externalIds } : (port.externalIds ?? (matches.length > 0 ? createRecord<string>() : null)),
        };
      }),
    })),
  };
}
