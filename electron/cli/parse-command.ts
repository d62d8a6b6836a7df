// `orangebox-console parse <kind> [file|-]`: the normalized JSON of one raw command output, so an
// engineer can check what the console makes of a capture (or script against it) without the UI.
import { readFile } from 'node:fs/promises';
import { isEmptyModel, isParseKind, PARSE_KIND_DESCRIPTIONS, PARSE_KINDS, parsers, UNREADABLE } from '../probes/parsers';

/** Problems listed on stderr when nothing could be read; the JSON has them all. */
const PROBLEMS_SHOWN_ON_FAILURE = 5;

export interface ParseCommandIo {
  stdin: AsyncIterable<string | Uint8Array> & { isTTY?: boolean };
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

const KIND_WIDTH = Math.max(...PARSE_KINDS.map((kind) => kind.length));
const kindList = () => PARSE_KINDS.map((kind) => `  ${kind.padEnd(KIND_WIDTH)}  ${PARSE_KIND_DESCRIPTIONS[kind]}`).join('\n');

export const PARSE_USAGE = `Usage: orangebox-console parse <kind> [--columns LETTERS] [file|-]

Prints the normalized JSON of one command output (read from the file, or standard input for "-" or
no file), with the format detected and the problems met. Exits 2 when nothing could be read.

  --columns LETTERS  lxc-list only: the -c letters a headless --format csv list was made with
                     (lxc list --format csv -c ns4t → --columns ns4t); an "lxc list … -c" line
                     at the top of the input says the same

Kinds:
${kindList()}`;

export async function runParseCommand(givenArgs: string[], io: ParseCommandIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const columnsAt = givenArgs.findIndex((arg) => arg === '--columns' || arg.startsWith('--columns='));
  let columns: string | undefined;
  let args = givenArgs;
  if (columnsAt >= 0) {
    const given = givenArgs[columnsAt]!;
    columns = given.startsWith('--columns=') ? given.slice('--columns='.length) : givenArgs[columnsAt + 1];
    args = givenArgs.filter((_, index) => index !== columnsAt && (given.startsWith('--columns=') || index !== columnsAt + 1));
    if (!columns || !/^[\w.:,%-]+$/.test(columns)) {
      io.stderr.write(`orangebox-console parse: --columns wants the -c letters of lxc list (e.g. --columns ns4t)\n`);
      return 2;
    }
  }
  const [kind, source, ...extra] = args;
  if (kind === '--help' || kind === '-h') {
    io.stdout.write(`${PARSE_USAGE}\n`);
    return 0;
  }
  if (kind === undefined) {
    io.stderr.write(`orangebox-console parse: which kind of output?\n\n${PARSE_USAGE}\n`);
    return 2;
  }
  if (!isParseKind(kind)) {
    io.stderr.write(`orangebox-console parse: unknown kind "${kind}"; the kinds are:\n${kindList()}\n`);
    return 2;
  }
  if (columns !== undefined && kind !== 'lxc-list') {
    io.stderr.write(`orangebox-console parse: --columns is for lxc-list only (the -c letters of lxc list)\n`);
    return 2;
  }
  if (extra.length > 0) {
    io.stderr.write(`orangebox-console parse: one file at a time (got also ${extra.map((item) => `"${item}"`).join(', ')})\n`);
    return 2;
  }

  let text: string;
  const fromStdin = source === undefined || source === '-';
  try {
    if (fromStdin) {
      if (io.stdin.isTTY) {
        io.stderr.write(`orangebox-console parse: give a file, or pipe the output in (e.g. juju status --format=json | orangebox-console parse ${kind})\n`);
        return 2;
      }
      text = await readAll(io.stdin);
    } else text = await readFile(source, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    io.stderr.write(`orangebox-console parse: cannot read ${fromStdin ? 'standard input' : source}: ${reason}\n`);
    return 2;
  }

  const result = parsers[kind](text, columns === undefined ? undefined : { columns });
  if (result.format === UNREADABLE || (result.problems.length > 0 && isEmptyModel(result.value))) {
    const where = fromStdin ? 'standard input' : source;
    const shown = result.problems.slice(0, PROBLEMS_SHOWN_ON_FAILURE).map((entry) => `  ${entry.line === null ? '' : `line ${entry.line}: `}${entry.message}`);
    const more = result.problems.length > PROBLEMS_SHOWN_ON_FAILURE ? [`  … and ${result.problems.length - PROBLEMS_SHOWN_ON_FAILURE} more`] : [];
    io.stderr.write(`orangebox-console parse: nothing in ${where} could be read as ${kind} output:\n${[...shown, ...more].join('\n') || '  (no detail)'}\n`);
    return 2;
  }
  io.stdout.write(`${JSON.stringify({ format: result.format, problems: result.problems, ...(result.value as object) }, null, 2)}\n`);
  return 0;
}

async function readAll(stream: AsyncIterable<string | Uint8Array>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}
