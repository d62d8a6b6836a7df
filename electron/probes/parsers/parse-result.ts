// What every parser returns: the model it could read, which format it recognised, and what it could
// not read. Parsers never throw on odd input; a field engineer sees the problems next to the data.

export interface ParseProblem {
  /** 1-based line of the raw output the problem is about; null when it is about the whole text. */
  line: number | null;
  message: string;
}

export interface ParseResult<T> {
  value: T;
  /** The format that was detected ("json", "yaml", "tabular", "iputils"…), or UNREADABLE. */
  format: string;
  problems: ParseProblem[];
}

/** The format of a result whose input could not be read at all. */
export const UNREADABLE = 'unreadable';

export function problem(line: number | null, message: string): ParseProblem {
  return { line, message };
}

/**
 * A record without a prototype: keys come from the parsed output (section names, device names,
 * external-ids), and a key such as "__proto__" must stay data, not reach Object.prototype.
 */
export function createRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** True when the model holds nothing: no entries in any list, no value in any field. */
export function isEmptyModel(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).every(isEmptyModel);
  // Booleans are flags (leader, complete, ephemeral) that a parser sets with nothing read, so
  // they do not make a model non-empty; numbers are readings.
  return typeof value === 'boolean';
}

/** Turns a thrown value into text for a problem message (parsers catch everything they call). */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Problems kept per result: enough to show every problem of a real output that is merely odd, few
 * enough that ten megabytes of the wrong thing do not become a hundred thousand problem lines.
 */
export const MAX_PROBLEMS = 50;

/** The result with at most MAX_PROBLEMS problems, the last saying how many more there were. */
export function limitProblems<T>(result: ParseResult<T>): ParseResult<T> {
  if (result.problems.length <= MAX_PROBLEMS) return result;
  const kept = result.problems.slice(0, MAX_PROBLEMS - 1);
  const rest = result.problems.length - kept.length;
  return { ...result, problems: [...kept, problem(result.problems[kept.length]?.line ?? null, `… and ${rest} more problems from here on`)] };
}

/**
 * Adds problems one by one: `push(...many)` passes each as an argument, and past ~130,000 (a hostile
 * output of that many bad lines) the call itself throws RangeError.
 */
export function appendProblems(target: ParseProblem[], source: readonly ParseProblem[]): void {
  for (const problem of source) target.push(problem);
}
