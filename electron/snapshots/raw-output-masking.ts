// Secrets in ANY command's raw output, masked before a snapshot keeps it: a snapshot is handed to
// support and opened on projectors, and its raw outputs are whatever the lab printed (nova.conf as
// `cat` shows it, JSON, YAML, env files, command lines, logs). What counts as a secret is the
// project's one rule (probes/parsers/secret-masking.ts); this file only finds where values sit:
// - `key = value`, `key: value`, `key=value` at the start of a line (INI, YAML, env files,
//   `export X=…`, commented-out `#password = …`), with what continues the value on the lines below
//   (INI continuation lines, YAML blocks, a pretty-printed JSON object under a secret key);
// - `"key": value` anywhere in a line (JSON, compact or pretty), every leaf of a secret object;
// - `key=value` anywhere in a line (`--os-password=…`, `?token=…`, `ps` output);
// - credentials in any URL (`rabbit://nova:…@host`);
// - PEM private key blocks (`-----BEGIN … PRIVATE KEY-----` … `-----END …`), whole.
// Every scan moves forward through the text (indexOf, single-character loops, anchored sticky
// regexes): a megabyte of one line costs a few passes over it, never a pass per character.
import { isSecretKey, isSwitchValue, maskConfigValue, maskUrlCredentials, SECRET_MASK } from '../probes/parsers/secret-masking';

export interface MaskedOutput {
  text: string;
  /** How many values were hidden (a URL, a value, a key block each count once). */
  masked: number;
}

const PEM_BEGIN = '-----BEGIN ';
const PEM_END = '-----END ';
const PEM_DASHES = '-----';
/** PEM labels are a few words ("ENCRYPTED PRIVATE KEY", "PGP PRIVATE KEY BLOCK"): look no further. */
const MAX_PEM_LABEL_CHARS = 64;

/**
 * An assignment at the start of a line: indentation, comment markers, `export `, a YAML list dash,
 * then a key (optionally quoted; not a command line's `--flag`) and `=` or `:` (a `:` only before a space or the line's end, so a
 * URL's scheme is not a key). Sticky and anchored: tried once, at the line's start.
 */
const LINE_START_ASSIGNMENT = /[ \t]*(?:[#;][ \t]*)*(?:export[ \t]+)?(?:-[ \t]+)?(["']?)([\w.][\w.-]*)\1[ \t]*(?:=|:(?=[ \t]|$))[ \t]*/y;
/** A YAML block scalar's header (`|`, `>-`, `|2+`): its content is on the lines below. */
const BLOCK_SCALAR_HEADER = /^[|>][-+0-9]*[ \t]*(?:#.*)?$/;
/** What is left after a quoted value that was the whole value: nothing, or JSON's comma. */
const AFTER_WHOLE_QUOTED_VALUE = /^[ \t]*,?[ \t]*$/;
/** A line of nothing but JSON/YAML structure ("}", "],", "{"): nothing to hide in it. */
const STRUCTURE_ONLY = /^[{}[\],:\s]*$/;

const isKeyChar = (char: string | undefined) => char !== undefined && /[\w.-]/.test(char);
const isSchemeChar = (char: string | undefined) => char !== undefined && /[\w+.-]/.test(char);
const isLetter = (char: string | undefined) => char !== undefined && /[a-zA-Z]/.test(char);
const isSpace = (char: string) => /\s/.test(char);
/** Where a bare `key=value` value ends: a space, a quote, or the punctuation around it. */
const isBareValueEnd = (char: string) => /[\s"',}\])&;]/.test(char);

/** Masks every secret the project's masker recognises in one command's stdout or stderr. */
export function maskRawOutput(text: string): MaskedOutput {
  if (cannotHoldSecret(text)) return { text, masked: 0 };
  return scanForSecrets(text);
}

/**
 * True when no rule of this file can change the text, found with a few indexOf: every rule needs a
 * "=" (`key=value`, INI, env files), a PEM "-----BEGIN ", or a ":" that is a separator, which is
 * JSON's (a '"' in the text), a URL's ("://"), or a YAML/INI one (a blank or the line's end after
 * it). "Running", "fa:16:3e:00:00:01", "2026-11-22T00:00:00Z", "fe80::1" are most of an inventory's
 * strings; they skip the line scan. (raw-output-masking.test.ts checks the scan leaves every such
 * text of the fixtures and of the synthetic lab as it is.)
 */
export function cannotHoldSecret(text: string): boolean {
  if (text.includes('=') || text.includes(PEM_BEGIN)) return false;
  let colon = text.indexOf(':');
  if (colon < 0) return true;
  if (text.includes('"') || text.includes('://')) return false;
  for (; colon >= 0; colon = text.indexOf(':', colon + 1)) {
    const next = text[colon + 1];
    if (next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r') return false;
  }
  return true;
}

/** The scan of every line, without maskRawOutput's pre-check (tests compare the two). */
export function scanForSecrets(text: string): MaskedOutput {
  if (text === '') return { text, masked: 0 };
  const blocks = maskPrivateKeyBlocks(text);
  let masked = blocks.masked;
  const lines = blocks.text.split('\n');
  let open: OpenSecret | null = null;
  for (let index = 0; index < lines.length; index += 1) {
    const raw = lines[index]!;
    // A CRLF file keeps its CRs: the masked value must not swallow them.
    const carriageReturn = raw.endsWith('\r') ? '\r' : '';
    const line = carriageReturn ? raw.slice(0, -1) : raw;
    if (open) {
      if (line.trim() === '') continue;
      if (continuesSecret(line, open)) {
        const result = maskInsideSecretValue(line);
        lines[index] = result.text + carriageReturn;
        masked += result.masked;
        continue;
      }
      open = null;
    }
    const result = maskLine(line);
    lines[index] = result.text + carriageReturn;
    masked += result.masked;
    open = result.opens;
  }
  return { text: lines.join('\n'), masked };
}

/** A secret whose value may go on below its line: lines indented deeper belong to it. */
interface OpenSecret {
  indent: number;
  /** YAML lets a sequence under `key:` start at the key's own indentation ("- a"). */
  sequenceAtSameIndent: boolean;
}

interface LineResult {
  text: string;
  masked: number;
  opens: OpenSecret | null;
}

function indentOf(line: string): number {
  let count = 0;
  while (line[count] === ' ' || line[count] === '\t') count += 1;
  return count;
}

function continuesSecret(line: string, open: OpenSecret): boolean {
  const indent = indentOf(line);
  if (indent > open.indent) return true;
  return open.sequenceAtSameIndent && indent === open.indent && line[indent] === '-' && (line[indent + 1] === undefined || /\s/.test(line[indent + 1]!));
}

function maskLine(line: string): LineResult {
  LINE_START_ASSIGNMENT.lastIndex = 0;
  const assignment = LINE_START_ASSIGNMENT.exec(line);
  // A double-quoted key is JSON's (or YAML's flow style): the JSON scan below reads its value exactly.
  // A switch (send_service_user_token = true) says nothing secret, whatever its key.
  if (assignment && assignment[1] !== '"' && isSecretKey(assignment[2]!) && !isSwitchValue(line.slice(assignment[0].length))) {
    const head = assignment[0];
    const value = maskSecretValue(line.slice(head.length), (clear) => maskConfigValue(assignment[2]!, clear).value);
    const empty = line.slice(head.length).trim() === '';
    return { text: head + value.text, masked: value.masked, opens: { indent: indentOf(line), sequenceAtSameIndent: empty } };
  }
  let masked = 0;
  const json = maskJsonValues(line, false);
  masked += json.masked;
  const pairs = maskKeyEqualsValue(json.text);
  masked += pairs.masked;
  const urls = maskUrls(pairs.text);
  masked += urls.masked;
  return { text: urls.text, masked, opens: json.unclosedSecret ? { indent: indentOf(line), sequenceAtSameIndent: false } : null };
}

/**
 * The value of a secret key as written after its separator. A quoted value keeps its quotes (and
 * JSON's trailing comma); a value that goes on below (a YAML block, an opened object) is left to
 * the lines below; an empty value stays empty: "password =" says the password is missing.
 */
function maskSecretValue(value: string, maskBare: (value: string) => string): { text: string; masked: number } {
  const trimmed = value.trim();
  if (trimmed === '' || trimmed === SECRET_MASK || BLOCK_SCALAR_HEADER.test(trimmed) || trimmed === '{' || trimmed === '[') return { text: value, masked: 0 };
  const quote = value[0];
  if (quote === '"' || quote === "'") {
    const close = closingQuote(value, 0);
    if (close > 0 && AFTER_WHOLE_QUOTED_VALUE.test(value.slice(close + 1))) {
      if (close === 1) return { text: value, masked: 0 };
      return { text: `${quote}${SECRET_MASK}${value.slice(close)}`, masked: value.slice(1, close) === SECRET_MASK ? 0 : 1 };
    }
  }
  return { text: maskBare(value), masked: 1 };
}

/** A line below a secret key: every value on it is part of the secret; keys and brackets stay. */
function maskInsideSecretValue(line: string): { text: string; masked: number } {
  const indent = indentOf(line);
  const body = line.slice(indent);
  if (STRUCTURE_ONLY.test(body)) return { text: line, masked: 0 };
  LINE_START_ASSIGNMENT.lastIndex = 0;
  const assignment = LINE_START_ASSIGNMENT.exec(line);
  if (assignment && assignment[1] !== '"') {
    const head = assignment[0];
    const value = maskSecretValue(line.slice(head.length), () => SECRET_MASK);
    return { text: head + value.text, masked: value.masked };
  }
  if (body.startsWith('"')) {
    const json = maskJsonValues(line, true);
    return { text: json.text, masked: json.masked };
  }
  if (body === SECRET_MASK) return { text: line, masked: 0 };
  const dash = /^-[ \t]+/.exec(body)?.[0] ?? '';
  return { text: line.slice(0, indent) + dash + SECRET_MASK, masked: 1 };
}

/**
 * The index of the quote closing the one at `start` (backslash escapes skipped), or -1. Each
 * candidate is found with indexOf; a double quote is escaped when an odd run of backslashes stands
 * right before it (each run is counted once: runs end at the quotes that separate them).
 */
function closingQuote(text: string, start: number): number {
  const quote = text[start]!;
  for (let found = text.indexOf(quote, start + 1); found !== -1; found = text.indexOf(quote, found + 1)) {
    if (quote !== '"') return found;
    let backslashes = 0;
    while (found - 1 - backslashes > start && text[found - 1 - backslashes] === '\\') backslashes += 1;
    if (backslashes % 2 === 0) return found;
  }
  return -1;
}

/** Pieces of a line being rewritten left to right: what was kept, then each replacement. */
class LineRewrite {
  private readonly pieces: string[] = [];
  private copied = 0;
  masked = 0;

  constructor(private readonly line: string) {}

  /** Replaces line[from, to) with `replacement`. */
  replace(from: number, to: number, replacement: string): void {
    if (this.line.slice(from, to) === replacement) return;
    this.pieces.push(this.line.slice(this.copied, from), replacement);
    this.copied = to;
    this.masked += 1;
  }

  get text(): string {
    return this.masked === 0 ? this.line : this.pieces.join('') + this.line.slice(this.copied);
  }
}

/**
 * `"key": value` pairs of JSON (and YAML's quoted keys) anywhere in one line. Under a secret key a
 * string or number is masked (quotes kept, so the JSON still parses), and every value inside a
 * secret object or array; `maskAll` masks every value of the line (it sits inside a secret).
 */
function maskJsonValues(line: string, maskAll: boolean): { text: string; masked: number; unclosedSecret: boolean } {
  if (!line.includes('"')) return { text: line, masked: 0, unclosedSecret: false };
  const rewrite = new LineRewrite(line);
  let depth = 0;
  /** The depth a secret object or array was opened at: values deeper than it are masked. */
  let secretDepth: number | null = null;
  const masking = () => maskAll || (secretDepth !== null && depth > secretDepth);
  let index = 0;
  while (index < line.length) {
    // Outside a secret only a key can change anything: straight to the next quote. Brackets passed
    // this way are not counted, which changes nothing: depth is only compared with secretDepth,
    // and from the moment a secret opens every bracket is counted.
    if (!maskAll && secretDepth === null) {
      index = line.indexOf('"', index);
      if (index < 0) break;
    }
    const char = line[index]!;
    if (char === '"') {
      const close = closingQuote(line, index);
      if (close < 0) {
        if (masking()) rewrite.replace(index + 1, line.length, SECRET_MASK);
        break;
      }
      let after = close + 1;
      while (line[after] === ' ' || line[after] === '\t') after += 1;
      if (line[after] === ':') {
        const inside = masking();
        if (inside || isSecretKey(line.slice(index + 1, close))) {
          const value = maskJsonValueAt(line, after + 1, rewrite);
          if (value.opens) {
            if (!inside) secretDepth = depth;
            depth += 1;
          }
          index = value.next;
          if (value.unclosed && !inside) return { text: rewrite.text, masked: rewrite.masked, unclosedSecret: true };
          continue;
        }
        index = after + 1;
        continue;
      }
      if (masking() && close > index + 1) rewrite.replace(index + 1, close, SECRET_MASK);
      index = close + 1;
    } else if (char === '{' || char === '[') {
      depth += 1;
      index += 1;
    } else if (char === '}' || char === ']') {
      depth -= 1;
      if (secretDepth !== null && depth <= secretDepth) secretDepth = null;
      index += 1;
    } else if (masking() && /[-\d]/.test(char) && !isKeyChar(line[index - 1])) {
      const end = endOfBareValue(line, index);
      rewrite.replace(index, end, `"${SECRET_MASK}"`);
      index = end;
    } else index += 1;
  }
  return { text: rewrite.text, masked: rewrite.masked, unclosedSecret: secretDepth !== null };
}

/** The value after a secret key's ":" at `start`: masked in place; where the scan goes on. */
function maskJsonValueAt(line: string, start: number, rewrite: LineRewrite): { next: number; opens: boolean; unclosed: boolean } {
  let index = start;
  while (line[index] === ' ' || line[index] === '\t') index += 1;
  const char = line[index];
  if (char === undefined) return { next: index, opens: false, unclosed: true };
  if (char === '{' || char === '[') return { next: index + 1, opens: true, unclosed: false };
  if (char === '"') {
    const close = closingQuote(line, index);
    if (close < 0) {
      rewrite.replace(index + 1, line.length, SECRET_MASK);
      return { next: line.length, opens: false, unclosed: false };
    }
    if (close > index + 1) rewrite.replace(index + 1, close, SECRET_MASK);
    return { next: close + 1, opens: false, unclosed: false };
  }
  // A YAML block under a quoted key: its content is on the lines below.
  if (BLOCK_SCALAR_HEADER.test(line.slice(index).trimEnd())) return { next: line.length, opens: false, unclosed: true };
  const end = endOfBareValue(line, index);
  const word = line.slice(index, end);
  // A switch or an unset value says nothing secret.
  if (word === 'true' || word === 'false' || word === 'null') return { next: end, opens: false, unclosed: false };
  // JSON's numbers end at punctuation; anything else is YAML's plain scalar, which runs to the line's end.
  if (/^-?\d/.test(word)) {
    rewrite.replace(index, end, `"${SECRET_MASK}"`);
    return { next: end, opens: false, unclosed: false };
  }
  rewrite.replace(index, line.length, SECRET_MASK);
  return { next: line.length, opens: false, unclosed: false };
}

function endOfBareValue(line: string, start: number): number {
  let end = start;
  while (end < line.length && !isBareValueEnd(line[end]!)) end += 1;
  return end;
}

/**
 * `key=value` anywhere in a line with a secret key (`--os-password=…`, `?token=…`, `X_TOKEN=…`).
 * A key is read backwards from its "=" but never into text already passed, so each character is
 * looked at a bounded number of times.
 */
function maskKeyEqualsValue(line: string): { text: string; masked: number } {
  if (!line.includes('=')) return { text: line, masked: 0 };
  const rewrite = new LineRewrite(line);
  let floor = 0;
  let equals = line.indexOf('=');
  while (equals >= 0) {
    let keyStart = equals;
    while (keyStart > floor && isKeyChar(line[keyStart - 1])) keyStart -= 1;
    let next = equals + 1;
    if (keyStart < equals && isSecretKey(line.slice(keyStart, equals))) {
      const valueStart = equals + 1;
      const quote = line[valueStart];
      if (quote === '"' || quote === "'") {
        const close = closingQuote(line, valueStart);
        const end = close < 0 ? line.length : close;
        if (end > valueStart + 1) rewrite.replace(valueStart + 1, end, SECRET_MASK);
        next = end + 1;
      } else {
        const end = endOfBareValue(line, valueStart);
        if (end > valueStart && !isSwitchValue(line.slice(valueStart, end))) rewrite.replace(valueStart, end, SECRET_MASK);
        next = end;
      }
    }
    floor = Math.min(next, line.length);
    equals = line.indexOf('=', floor);
  }
  return { text: rewrite.text, masked: rewrite.masked };
}

/**
 * Credentials in every URL of a line, by the project's URL masker. Each URL is handed over alone,
 * starting at its scheme and ending where the URL does (a space, or the quote it was opened
 * with), up to its query: a query's secrets are `key=value` pairs, masked above, and the URL
 * masker's query scan is not linear on a pathological run of "?".
 */
function maskUrls(line: string): { text: string; masked: number } {
  if (!line.includes('://')) return { text: line, masked: 0 };
  const rewrite = new LineRewrite(line);
  let floor = 0;
  let separator = line.indexOf('://');
  while (separator >= 0) {
    let start = separator;
    while (start > floor && isSchemeChar(line[start - 1])) start -= 1;
    while (start < separator && !isLetter(line[start])) start += 1;
    let end = separator + 3;
    if (start < separator) {
      const opener = line[start - 1];
      const quoted = opener === '"' || opener === "'";
      while (end < line.length && !isSpace(line[end]!) && !(quoted && line[end] === opener)) {
        // Inside a JSON string an escaped quote belongs to the URL (a password may hold one).
        end += quoted && opener === '"' && line[end] === '\\' ? 2 : 1;
      }
      end = Math.min(end, line.length);
      const url = line.slice(start, end);
      const lastAt = url.lastIndexOf('@');
      if (lastAt >= 0) {
        const query = url.slice(lastAt + 1).search(/[?#]/);
        const authorityAndPath = query < 0 ? url : url.slice(0, lastAt + 1 + query);
        const result = maskUrlCredentials(authorityAndPath);
        if (result.masked) rewrite.replace(start, start + authorityAndPath.length, result.value);
      }
    }
    floor = end;
    separator = line.indexOf('://', floor);
  }
  return { text: rewrite.text, masked: rewrite.masked };
}

/**
 * Every PEM block whose label names a private key loses its body (headers such as Proc-Type
 * included); the BEGIN and END lines stay, so a reader sees that a key was there. A block cut off
 * before its END (a truncated output) is masked to the end of the text.
 */
function maskPrivateKeyBlocks(text: string): MaskedOutput {
  if (!text.includes(PEM_BEGIN)) return { text, masked: 0 };
  const pieces: string[] = [];
  let copied = 0;
  let masked = 0;
  let begin = text.indexOf(PEM_BEGIN);
  while (begin >= 0) {
    const labelStart = begin + PEM_BEGIN.length;
    const labelLength = text.slice(labelStart, labelStart + MAX_PEM_LABEL_CHARS + PEM_DASHES.length).indexOf(PEM_DASHES);
    if (labelLength < 0 || !text.slice(labelStart, labelStart + labelLength).includes('PRIVATE KEY')) {
      begin = text.indexOf(PEM_BEGIN, labelStart);
      continue;
    }
    const bodyStart = labelStart + labelLength + PEM_DASHES.length;
    const end = text.indexOf(PEM_END, bodyStart);
    const bodyEnd = end < 0 ? text.length : end;
    pieces.push(text.slice(copied, bodyStart), maskedKeyBody(text.slice(bodyStart, bodyEnd), end < 0));
    copied = bodyEnd;
    masked += 1;
    if (end < 0) break;
    begin = text.indexOf(PEM_BEGIN, end + PEM_END.length);
  }
  return { text: pieces.join('') + text.slice(copied), masked };
}

/**
 * A key's body as "\n<indent>••••••\n<indent>": the block keeps its shape (real or JSON-escaped
 * newlines). A body cut off before its END line has no last line to keep: all of it is key.
 */
function maskedKeyBody(body: string, cutOff: boolean): string {
  for (const newline of ['\n', '\\n']) {
    const first = body.indexOf(newline);
    if (first < 0) continue;
    let leadEnd = first + newline.length;
    while (body[leadEnd] === ' ' || body[leadEnd] === '\t') leadEnd += 1;
    const last = body.lastIndexOf(newline);
    if (cutOff || last < leadEnd) return body.slice(leadEnd).trim() === '' ? body : body.slice(0, leadEnd) + SECRET_MASK;
    const trailStart = newline === '\n' && body[last - 1] === '\r' ? last - 1 : last;
    return body.slice(0, leadEnd) + SECRET_MASK + body.slice(Math.max(trailStart, leadEnd));
  }
  let lead = 0;
  while (lead < body.length && isSpace(body[lead]!)) lead += 1;
  let trail = body.length;
  while (trail > lead && isSpace(body[trail - 1]!)) trail -= 1;
  return trail === lead ? body : body.slice(0, lead) + SECRET_MASK + body.slice(trail);
}
