// OpenStack INI files (nova.conf, nova-compute.conf, neutron's *.ini), read the way oslo.config's
// iniparser reads them: "[section]", "key = value" or "key: value" (whichever separator comes first),
// "#" and ";" comment lines, a line starting with whitespace continues the value above (joined with
// "\n"), a blank line ends it, matching quotes around a value are removed, inline "#" is part of the
// value. A key given twice keeps every value (multi-valued options); the model's value is the last,
// as oslo.config uses for a single-valued option. Secrets are masked here, at parse time, in the
// model and in the file's text alike: a commented-out "#password = …" and a line that cannot be read
// (it may be a secret pasted on its own) are masked in the text too.
import type { IniFile } from '../../contract/lab-model';
import { createRecord, problem, UNREADABLE, type ParseProblem, type ParseResult } from './parse-result';
import { isSecretKey, maskConfigValue, maskUrlCredentials, SECRET_MASK } from './secret-masking';
import { prepareInput } from './text-input';

const DEFAULT_SECTION = 'DEFAULT';

export function emptyIniFile(): IniFile {
  return { sections: createRecord(), masked: [], repeated: createRecord(), lines: createRecord(), text: '' };
}

interface Pending {
  section: string;
  key: string;
  parts: string[];
  line: number;
}

/** oslo.config's split: at ":" or "=", whichever comes first. */
function splitAssignment(text: string): { key: string; value: string } | null {
  const colon = text.indexOf(':');
  const equals = text.indexOf('=');
  if (colon < 0 && equals < 0) return null;
  const at = colon < 0 || (equals >= 0 && equals < colon) ? equals : colon;
  return { key: text.slice(0, at).trim(), value: text.slice(at + 1).trim() };
}

/** One assignment line as it may be shown: the key and separator as written, the value masked. */
function maskedAssignmentLine(raw: string, key: string): string {
  const at = raw.indexOf(key) + key.length;
  const separator = /^\s*[:=]\s*/.exec(raw.slice(at))?.[0] ?? '';
  const head = raw.slice(0, at + separator.length);
  const value = raw.slice(at + separator.length);
  return head + maskConfigValue(key, value).value;
}

/** A comment as it may be shown: "#admin_password = x" loses its value like the live key would. */
function maskedCommentLine(raw: string): string {
  const body = raw.slice(1);
  const assignment = splitAssignment(body);
  if (assignment && /^[\w.-]+$/.test(assignment.key) && isSecretKey(assignment.key)) return raw[0] + maskedAssignmentLine(body, assignment.key);
  return maskUrlCredentials(raw).value;
}

function unquote(value: string): string {
  return value.length >= 2 && value[0] === value[value.length - 1] && (value[0] === '"' || value[0] === "'") ? value.slice(1, -1) : value;
}

export function parseIni(text: string): ParseResult<IniFile> {
  // Keep every line as written: indentation means continuation, and a prompt-like line is data here.
  const input = prepareInput(text, { dropPrompts: false, dedent: false });
  const problems: ParseProblem[] = [...input.problems];
  const ini = emptyIniFile();
  const values = new Map<string, { section: string; key: string; values: string[]; masked: boolean; line: number }>();
  let section: string | null = null;
  let pending: Pending | null = null;
  let recognised = 0;
  // The file as it may be shown, by line number (lines the input step dropped stay blank).
  const shown: string[] = [];
  const show = (number: number, text: string) => (shown[number - 1] = text);

  const flush = () => {
    if (!pending) return;
    const id = `${pending.section}.${pending.key}`;
    const { value, masked } = maskConfigValue(pending.key, unquote(pending.parts.join('\n')));
    const entry = values.get(id) ?? { section: pending.section, key: pending.key, values: [], masked: false, line: pending.line };
    entry.values.push(value);
    entry.masked ||= masked;
    entry.line = pending.line;
    values.set(id, entry);
    pending = null;
  };

  for (const line of input.lines) {
    const raw = line.text;
    if (raw.trim() === '') {
      flush();
      show(line.number, raw);
      continue;
    }
    if (/^[ \t]/.test(raw)) {
      if (pending) {
        (pending as Pending).parts.push(raw.trim());
        const indent = /^[ \t]*/.exec(raw)![0];
        show(line.number, isSecretKey((pending as Pending).key) ? indent + SECRET_MASK : maskUrlCredentials(raw).value);
      } else {
        problems.push(problem(line.number, 'an indented line continues no value (oslo.config would refuse this file)'));
        show(line.number, SECRET_MASK);
      }
      continue;
    }
    flush();
    if (raw.startsWith('#') || raw.startsWith(';')) {
      recognised += 1;
      show(line.number, maskedCommentLine(raw));
      continue;
    }
    if (raw.startsWith('[')) {
      const name = /^\[([^\]]*)\]/.exec(raw)?.[1]?.trim();
      if (!name) {
        problems.push(problem(line.number, 'a section heading without a name or closing "]"'));
        show(line.number, SECRET_MASK);
        continue;
      }
      section = name;
      ini.sections[section] ??= createRecord();
      recognised += 1;
      show(line.number, raw);
      continue;
    }
    const assignment = splitAssignment(raw);
    // The line is not quoted back: a malformed line in a secrets file may be the secret itself.
    if (!assignment || assignment.key === '') {
      problems.push(problem(line.number, 'this line is neither a [section], a comment nor "key = value"'));
      show(line.number, SECRET_MASK);
      continue;
    }
    if (section === null) {
      problems.push(problem(line.number, `"${assignment.key}" comes before any [section]; read as [${DEFAULT_SECTION}]`));
      section = DEFAULT_SECTION;
      ini.sections[section] ??= createRecord();
    }
    recognised += 1;
    pending = { section, key: assignment.key, parts: [assignment.value], line: line.number };
    show(line.number, maskedAssignmentLine(raw, assignment.key));
  }
  flush();

  for (const [id, entry] of values) {
    const sectionRecord = (ini.sections[entry.section] ??= createRecord());
    sectionRecord[entry.key] = entry.values[entry.values.length - 1]!;
    ini.lines[id] = entry.line;
    if (entry.masked) ini.masked.push(id);
    if (entry.values.length > 1) ini.repeated[id] = entry.values;
  }
  ini.text = Array.from(shown, (text) => text ?? '').join('\n');
  if (recognised === 0) {
    problems.push(problem(input.lines.find((line) => line.text.trim() !== '')?.number ?? null, 'no [section] or "key = value" line: not an INI file'));
    return { value: ini, format: UNREADABLE, problems };
  }
  return { value: ini, format: 'ini', problems };
}

/**
 * Files read in order, later ones overriding (nova-compute runs with nova.conf then nova-compute.conf).
 * The merge is no one file: it has no text and no line numbers (ask each file for those).
 */
export function mergeIniFiles(...files: IniFile[]): IniFile {
  const merged = emptyIniFile();
  for (const file of files) {
    for (const [name, section] of Object.entries(file.sections)) {
      const target = (merged.sections[name] ??= createRecord());
      for (const [key, value] of Object.entries(section)) target[key] = value;
    }
    for (const id of file.masked) if (!merged.masked.includes(id)) merged.masked.push(id);
    for (const [id, list] of Object.entries(file.repeated)) merged.repeated[id] = [...list];
  }
  return merged;
}
