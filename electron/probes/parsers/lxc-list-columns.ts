// The columns `lxc list -c <letters>` prints, for CSV without headings (`--format csv` prints none):
// with `-c ns4t` a row is NAME, STATE, IPV4, TYPE, and only the letters say so. The letters are
// lxc's shorthand (LXD 0.x to 5.x); "n,s,4" with commas is the same, and an entry such as
// "image.os:OS" or "config:user.x" (a config key column, LXD 3.x+) is a column this reader does not model.
import { problem, type ParseProblem } from './parse-result';
import { quoteLine } from './text-input';

/** Heading of each `-c` letter, as the table prints it. */
const COLUMN_BY_LETTER: Record<string, string> = {
  n: 'NAME',
  s: 'STATE',
  '4': 'IPV4',
  '6': 'IPV6',
  t: 'TYPE',
  S: 'SNAPSHOTS',
  L: 'LOCATION',
  P: 'PROFILES',
  e: 'PROJECT',
  a: 'ARCHITECTURE',
  b: 'STORAGE POOL',
  c: 'CREATED AT',
  d: 'DESCRIPTION',
  D: 'DISK USAGE',
  f: 'BASE IMAGE',
  F: 'BASE IMAGE',
  l: 'LAST USED AT',
  m: 'MEMORY USAGE',
  M: 'MEMORY USAGE%',
  N: 'PROCESSES',
  p: 'PID',
  u: 'CPU USAGE',
};

/** `lxc list … -c ns4t` / `--columns=n,s,4` on a command line (with or without a shell prompt). */
const COLUMNS_OPTION = /\blxc\s+list\b.*?\s(?:-c\s*=?\s*|--columns(?:\s+|=))(['"]?)([^\s'"]+)\1/;

/** Lines looked at for the command line: it is the first thing of a paste, if there at all. */
const COMMAND_LINE_SEARCH_LINES = 3;

export interface LxcColumns {
  headings: string[];
  problems: ParseProblem[];
}

/** The headings of a `-c` spec ("ns4t", "n,s,4,t"); letters lxc does not have are reported. */
export function columnsFromSpec(spec: string): LxcColumns {
  const problems: ParseProblem[] = [];
  const entries = spec.includes(',') ? spec.split(',').filter((entry) => entry !== '') : [...spec];
  const headings = entries.map((entry) => {
    const heading = COLUMN_BY_LETTER[entry];
    if (heading !== undefined) return heading;
    if (entry.length === 1) problems.push(problem(null, `lxc list has no column "${entry}" (in -c ${quoteLine(spec)}); that field is not read`));
    return entry.toUpperCase();
  });
  return { headings, problems };
}

/** The `-c` spec of an `lxc list` command line among the first lines of a paste, or null. */
export function columnsSpecInText(text: string): { spec: string; line: number } | null {
  const lines = text.split('\n', COMMAND_LINE_SEARCH_LINES);
  for (const [index, line] of lines.entries()) {
    const match = COLUMNS_OPTION.exec(line);
    if (match) return { spec: match[2]!, line: index + 1 };
  }
  return null;
}
