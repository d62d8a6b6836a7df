// What "the result keeps its types" means for a parser fuzzed with damaged input: the same kind of
// value at every place its real outputs put one (an array stays an array, a count a number or null),
// no number that is not one (NaN, Infinity), nothing that is not plain data, and every problem on
// a line the input has.
import type { ParseResult } from '../../../electron/probes/parsers';

/** The runtime type of a model value, with arrays and null told apart from objects. */
type ValueType = 'array' | 'object' | 'string' | 'number' | 'boolean' | 'null' | 'undefined' | 'other';

function typeOf(value: unknown): ValueType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const type = typeof value;
  if (type === 'object' || type === 'string' || type === 'number' || type === 'boolean' || type === 'undefined') return type;
  return 'other';
}

/** Every path of a model (array items collapsed to "[]") with the types seen there. */
export type TypeSkeleton = Map<string, Set<ValueType>>;

function walk(value: unknown, path: string, visit: (path: string, value: unknown) => void, depth = 0): void {
  visit(path, value);
  // Models are a few levels deep; a deeper one is itself a finding, reported by the caller.
  if (depth > MAX_MODEL_DEPTH) return;
  if (Array.isArray(value)) for (const item of value) walk(item, `${path}[]`, visit, depth + 1);
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(item, `${path}.${key}`, visit, depth + 1);
}

/** Deeper than any model the parsers build (juju status: model → applications → units → …). */
const MAX_MODEL_DEPTH = 64;

export function learnSkeleton(models: readonly unknown[]): TypeSkeleton {
  const skeleton: TypeSkeleton = new Map();
  for (const model of models) {
    walk(model, '', (path, value) => {
      const types = skeleton.get(path) ?? new Set<ValueType>();
      types.add(typeOf(value));
      skeleton.set(path, types);
    });
  }
  return skeleton;
}

/**
 * A value a parser could not read is null, at any place but the model's own lists (a list it
 * could not read is empty); and a place real outputs only ever leave null says nothing of its type.
 */
function acceptable(path: string, type: ValueType, seen: Set<ValueType>): boolean {
  const isTopLevelList = /^\.[^.[\]]+$/.test(path) && seen.has('array');
  if (type === 'null') return !isTopLevelList;
  return seen.size === 1 && seen.has('null');
}

/** How many lines a parser may name: those of the text it was given, whatever ends them. */
export function lineCount(text: string): number {
  return text.split(/\r\n|\r|\n/).length;
}

/** What is wrong with a result, as sentences; empty when it keeps its types. */
/**
 * `freeForm`: places whose values are the output's own data of any type (ovs-vsctl list's columns:
 * an OVSDB value is a string, a number, a set or a map), checked for plain data only.
 */
export function shapeFaults(result: ParseResult<unknown>, input: string, skeleton: TypeSkeleton, maxProblems: number, freeForm: readonly string[] = []): string[] {
  const faults: string[] = [];
  if (result === null || typeof result !== 'object') return [`the result is ${typeOf(result)}, not an object`];
  if (typeof result.format !== 'string' || result.format === '') faults.push(`format is ${JSON.stringify(result.format)}`);
  if (!Array.isArray(result.problems)) return [...faults, `problems is ${typeOf(result.problems)}, not an array`];
  if (result.problems.length > maxProblems) faults.push(`${result.problems.length} problems, more than ${maxProblems}`);
  const lines = lineCount(input);
  for (const entry of result.problems) {
    if (typeof entry?.message !== 'string' || entry.message === '') faults.push(`a problem without a message: ${JSON.stringify(entry)}`);
    const line = entry?.line;
    if (line !== null && !(Number.isInteger(line) && line >= 1 && line <= lines)) faults.push(`a problem names line ${String(line)} of an input of ${lines} lines: ${entry?.message}`);
  }
  walk(result.value, '', (path, value) => {
    const type = typeOf(value);
    if (type === 'number' && !Number.isFinite(value)) faults.push(`${path || 'the model'} is ${String(value)}`);
    if (type === 'undefined' || type === 'other') faults.push(`${path || 'the model'} is ${type === 'other' ? typeof value : 'undefined'}`);
    if (type === 'object') {
      const prototype = Object.getPrototypeOf(value) as unknown;
      if (prototype !== Object.prototype && prototype !== null) faults.push(`${path || 'the model'} is not plain data (${(value as object).constructor?.name})`);
    }
    const seen = freeForm.some((prefix) => path.startsWith(`${prefix}.`)) ? undefined : skeleton.get(path);
    if (seen && !seen.has(type) && !acceptable(path, type, seen)) faults.push(`${path || 'the model'} is ${type}; real outputs make it ${[...seen].join(' or ')}`);
  });
  return faults;
}
