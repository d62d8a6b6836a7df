// Runs a seeded fast-check property and, when it fails, says so in a few lines: the seed and path
// that replay it, the smallest input's length and start, and what was wrong. fast-check's own
// report prints the whole input (tens of kilobytes of a mutated output); the whole input is written
// to a file instead, to turn into a regression test.
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Characters of the failing input shown in the report. */
const PREVIEW_CHARS = 300;

export function assertSeeded<Ts extends unknown[]>(name: string, property: fc.IProperty<Ts>, parameters: fc.Parameters<Ts>): void {
  const details = fc.check(property, parameters);
  if (!details.failed) return;
  // The input is the last argument (the text); any before it say which parser (or other choice).
  const values: unknown[] = details.counterexample ?? [];
  const input = values.at(-1);
  const choices = values.slice(0, -1).map((value) => JSON.stringify(value)).join(', ');
  const text = typeof input === 'string' ? input : JSON.stringify(input);
  const file = join(tmpdir(), `fuzz-counterexample-${name.replace(/[^\w.-]+/g, '-')}.txt`);
  writeFileSync(file, text ?? String(input));
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  throw new Error(
    [
      `${name}${choices ? ` (${choices})` : ''}: property failed after ${details.numRuns} cases (replay: seed ${details.seed}, path "${details.counterexamplePath}")`,
      `smallest input found: ${text?.length ?? 0} characters, in full in ${file}; it starts ${JSON.stringify(text?.slice(0, PREVIEW_CHARS))}`,
      error,
    ].join('\n'),
  );
}
