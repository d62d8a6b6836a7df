// Raw command output as the parsers want it: one array of lines whose numbers are those of the
// text the engineer pasted or the probe captured, free of what terminals and copy-paste add
// (CR, ANSI colours, a shell prompt echoing the command, the indentation of a Markdown block).
import { problem, type ParseProblem } from './parse-result';

/**
 * Beyond this, the text is cut: no command output the console reads comes near it (a `juju status`
 * of 5,000 units is ~3 MB) and a runaway paste must not freeze the process holding the UI.
 */
export const MAX_INPUT_CHARS = 64 * 1024 * 1024;

/** A share of control characters no text output has: the input is binary, not a command output. */
const BINARY_CONTROL_SHARE = 0.1;

/** CSI and OSC escape sequences (colours, cursor moves, window titles) and lone ESC commands. */
// eslint-disable-next-line no-control-regex
const ANSI_ESCAPE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * A shell prompt with the command after it, as it lands in a pasted terminal: "ubuntu@host:~$ cmd",
 * "root@node07ob64:~# lxc list", "root@arm64 # cmd" (a PS1 without the directory), "[root@aio ~]# cmd", or documentation's bare "$ cmd" / "# cmd".
 * No output the parsers read starts like this (INI files, where "# " starts a comment, keep them).
 */
// Linear on any line: no two repeated classes that overlap follow each other (a 1 MB line of
// "[a@bbbb…" took minutes with `[\w.-]+[^\]]*`).
const PROMPT_LINE = /^(?:[\w.-]+@[\w.-]+(?::[^\s]*\s?| )[#$%](?:\s|$)|\[[\w.-]+@[\w.-][^\]]*\][#$](?:\s|$)|[$#] \S)/;

export interface InputLine {
  /** 1-based number in the original text. */
  number: number;
  text: string;
}

export interface PreparedInput {
  lines: InputLine[];
  problems: ParseProblem[];
  /** The cleaned text (for JSON/YAML parsers), with the same line breaks as `lines`. */
  text: string;
}

export interface PrepareOptions {
  /** Drop shell-prompt lines (default true). */
  dropPrompts?: boolean;
  /** Remove the indentation shared by every non-blank line (default true). */
  dedent?: boolean;
}

export function prepareInput(raw: unknown, options: PrepareOptions = {}): PreparedInput {
  const problems: ParseProblem[] = [];
  let text = typeof raw === 'string' ? raw : '';
  if (typeof raw !== 'string' && raw !== undefined && raw !== null) problems.push(problem(null, `expected text, got ${typeof raw}`));
  if (text.length > MAX_INPUT_CHARS) {
    problems.push(problem(null, `the output is ${text.length} characters; only the first ${MAX_INPUT_CHARS} were read`));
    text = text.slice(0, MAX_INPUT_CHARS);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n?/g, '\n').replace(ANSI_ESCAPE, '');

  const controls = text.match(CONTROL_CHARACTERS)?.length ?? 0;
  if (text.length > 0 && controls / text.length > BINARY_CONTROL_SHARE) {
    problems.push(problem(1, 'the input looks binary (control characters throughout), not the text a command prints'));
  }
  if (controls > 0) text = text.replace(CONTROL_CHARACTERS, '');
  if (text.includes('\ufffd')) {
    const line = text.slice(0, text.indexOf('\ufffd')).split('\n').length;
    problems.push(problem(line, 'the output was not valid UTF-8 (replacement characters); those characters are lost'));
  }

  let lines = text.split('\n').map((lineText, index) => ({ number: index + 1, text: lineText.trimEnd() }));
  if (options.dropPrompts !== false) lines = lines.filter((line) => !PROMPT_LINE.test(line.text));
  if (options.dedent !== false) lines = removeCommonIndent(lines);
  return { lines, problems, text: lines.map((line) => line.text).join('\n') };
}

/** True for a line that is only a shell prompt plus command (see PROMPT_LINE). */
export function isPromptLine(text: string): boolean {
  return PROMPT_LINE.test(text);
}

function removeCommonIndent(lines: InputLine[]): InputLine[] {
  let indent = Infinity;
  for (const line of lines) {
    if (line.text.trim() === '') continue;
    indent = Math.min(indent, line.text.length - line.text.trimStart().length);
    if (indent === 0) return lines;
  }
  if (!Number.isFinite(indent)) return lines;
  return lines.map((line) => ({ number: line.number, text: line.text.slice(Math.min(indent, line.text.length - line.text.trimStart().length)) }));
}

/** The first non-blank line, or null. */
export function firstContentLine(lines: InputLine[]): InputLine | null {
  return lines.find((line) => line.text.trim() !== '') ?? null;
}

/** Enough of a line to recognise it in a problem message; a megabyte line must not become a megabyte message. */
const QUOTED_LINE_CHARS = 80;

/** The line as quoted in a problem message, cut to `limit` characters. */
export function quoteLine(text: string, limit = QUOTED_LINE_CHARS): string {
  const trimmed = text.trim();
  return JSON.stringify(trimmed.length > limit ? `${trimmed.slice(0, limit)}…` : trimmed);
}

/** The 1-based line of a character offset into `text`. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let index = 0; index < end; index += 1) if (text.charCodeAt(index) === 10) line += 1;
  return line;
}
