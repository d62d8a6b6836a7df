// JSON and YAML outputs (`--format json`, `--format yaml`, `ip -j`): parsed without throwing, with
// errors placed on the line of the original output where the parser stopped.
import { LineCounter, parseDocument } from 'yaml';
import { createRecord, describeError, MAX_PROBLEMS, problem, type ParseProblem } from './parse-result';
import { lineAt, type PreparedInput } from './text-input';

/** YAML anchors a hostile document may expand; Juju and LXD never emit aliases at all. */
const YAML_MAX_ALIASES = 100;

export interface StructuredValue {
  value: unknown;
  problems: ParseProblem[];
}

/** Maps a line of `input.text` (after dropped prompt lines) back to the original output. */
export function originalLine(input: PreparedInput, joinedLine: number): number {
  return input.lines[Math.max(0, Math.min(input.lines.length - 1, joinedLine - 1))]?.number ?? joinedLine;
}

/**
 * JSON straight from the raw text, for the common case of a clean `--format json` capture: it skips
 * the line-by-line cleaning (a 4 MB `lxc list` would spend longer there than in JSON.parse). On any
 * failure the caller goes the long way, which places the error on its line.
 */
export function parseCleanJson(raw: unknown): { value: unknown } | null {
  if (typeof raw !== 'string') return null;
  const start = raw.charCodeAt(0) === 0xfeff ? 1 : 0;
  const first = raw.slice(start, start + 64).trimStart()[0];
  if (first !== '{' && first !== '[') return null;
  // Replacement characters (bytes that were not UTF-8) are worth a problem: the long way reports them.
  if (raw.includes('\ufffd')) return null;
  try {
    return { value: JSON.parse(start ? raw.slice(start) : raw) };
  } catch {
    return null;
  }
}

export function parseJsonText(input: PreparedInput, what: string): StructuredValue {
  try {
    return { value: JSON.parse(input.text), problems: [] };
  } catch (error) {
    const message = describeError(error);
    const position = /position (\d+)/.exec(message);
    const joinedLine = position ? lineAt(input.text, Number(position[1])) : input.lines.length;
    const truncated = /end of JSON input|Unterminated/i.test(message);
    const reason = truncated ? 'the JSON ends early (truncated output?)' : `the JSON is malformed (${message})`;
    return { value: undefined, problems: [problem(originalLine(input, joinedLine), `${what}: ${reason}`)] };
  }
}

/**
 * YAML as Juju and LXD print it. With `keepStrings`, every scalar stays the text it was (the
 * "failsafe" schema): LXD config values are strings, and `boot.autostart: True` must not become
 * the boolean true.
 */
export function parseYamlText(input: PreparedInput, what: string, keepStrings = false): StructuredValue {
  const problems: ParseProblem[] = [];
  const items = yamlItemEstimate(input.text);
  if (items > MAX_YAML_ITEMS) {
    problems.push(problem(null, `${what}: about ${items} items, more than the ${MAX_YAML_ITEMS} read as YAML here (the YAML reader holds hundreds of bytes per item: 10 MB of "1," ran out of memory); ask the tool for JSON instead`));
    return { value: undefined, problems };
  }
  try {
    // logLevel 'silent': yaml would print its warnings to stderr (process.emitWarning) with pieces of
    // the input in them, which may hold a secret; what it finds comes back as problems instead.
    // prettyErrors off: it copies the error's whole line into each message, and a 47 KB line of
    // broken JSON read as YAML makes 8,000 errors (2 s; fuzzing found it). Each error is placed
    // with the LineCounter instead (a binary search), and only the errors kept are described.
    const lineCounter = new LineCounter();
    const document = parseDocument(input.text, { prettyErrors: false, lineCounter, schema: keepStrings ? 'failsafe' : 'core', uniqueKeys: false, logLevel: 'silent' });
    const described = document.errors.length > MAX_PROBLEMS ? MAX_PROBLEMS - 1 : document.errors.length;
    for (const error of document.errors.slice(0, described)) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      problems.push(problem(originalLine(input, line), `${what}: ${error.message.split('\n')[0]} at line ${line}, column ${col}`));
    }
    const rest = document.errors.slice(described);
    if (rest.length > 0) problems.push(problem(originalLine(input, lineCounter.linePos(rest[0]!.pos[0]).line), `${what}: … and ${rest.length} more YAML errors from here on`));
    // mapAsMap: yaml's own conversion stringifies a collection used as a key, again at every level:
    // 800 bytes of nested "{" took 53 s. Maps are made records here, each key said once, in one pass.
    const value = recordsFromMaps(document.toJS({ maxAliasCount: YAML_MAX_ALIASES, mapAsMap: true }), problems, what);
    return { value, problems };
  } catch (error) {
    problems.push(problem(null, `${what}: the YAML could not be read (${describeError(error)})`));
    return { value: undefined, problems };
  }
}

/**
 * YAML items read at most: a juju status of a 1,000-unit model in YAML is some 60,000 lines, an LXD
 * profile a few dozen. The yaml library keeps a few hundred bytes per item (0.5 MB of "1," took
 * 230 MB and 2.6 s), so a hostile flow sequence is refused before it is read.
 */
export const MAX_YAML_ITEMS = 200_000;

/** Items a YAML text could hold at most: one per line or comma (one linear pass). */
function yamlItemEstimate(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 10 || code === 44) count += 1;
  }
  return count;
}

/** Deeper than any Juju or LXD document nests (a few levels); past it a value is dropped and said. */
export const MAX_YAML_NESTING = 64;

/** Plain records (null-prototype, keys as text) in place of yaml's Maps, to a bounded depth. */
function recordsFromMaps(value: unknown, problems: ParseProblem[], what: string, depth = 0): unknown {
  if (depth > MAX_YAML_NESTING) {
    if (!problems.some((entry) => entry.message.includes('nested deeper than'))) problems.push(problem(null, `${what}: nested deeper than ${MAX_YAML_NESTING} levels; the deeper part was left out`));
    return null;
  }
  if (value instanceof Map) {
    const record = createRecord<unknown>();
    for (const [key, item] of value) record[keyText(key)] = recordsFromMaps(item, problems, what, depth + 1);
    return record;
  }
  if (Array.isArray(value)) return value.map((item) => recordsFromMaps(item, problems, what, depth + 1));
  return value;
}

/** A key as text: scalars as yaml writes them; a collection used as a key (never in Juju's or LXD's output) by its kind. */
function keyText(key: unknown): string {
  if (key === null) return 'null';
  if (typeof key === 'object') return key instanceof Map ? '{…}' : Array.isArray(key) ? '[…]' : String(key);
  return String(key);
}

/** Typed views of an unknown parsed value, for normalizers that must not trust its shape. */
export function asRecord(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

/** A non-empty string, or null (Juju and LXD print "" for "none"). */
export function asNonEmptyText(value: unknown): string | null {
  const text = asText(value);
  return text === null || text.trim() === '' ? null : text;
}

export function asInteger(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return Math.trunc(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return null;
}

export function asBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lowered = value.trim().toLowerCase();
    if (lowered === 'true' || lowered === 'yes') return true;
    if (lowered === 'false' || lowered === 'no') return false;
  }
  return null;
}
