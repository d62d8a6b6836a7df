// OpenStack INI files (nova.conf, nova-compute.conf, neutron's *.ini), read the way oslo.config's
// iniparser reads them: "[section]", "key = value" or "key: value" (whichever separator comes first),
// "#" and ";" comment lines, a line starting with whitespace continues the value above (joined with
// "\n"), a blank line ends it, matching quotes around a value are removed, inline "#" is part of the
// value. A key given twice keeps every value (multi-valued options); the model's value is the last,
// as oslo.config uses for a single-valued option. Secrets are masked here, at parse time.
import type { IniFile } from '../../contract/lab-model';
import { createRecord, problem, UNREADABLE, type ParseProblem, type ParseResult } from './parse-result';
import { maskConfigValue } from './secret-masking';
import { prepareInput } from './text-input';

const DEFAULT_SECTION = 'DEFAULT';

export function emptyIniFile(): IniFile {
  return { sections: createRecord(), masked: [], repeated: createRecord() };
}

interface Pending {
  section: string;
  key: string;
  parts: string[];
}

/** oslo.config's split: at ":" or "=", whichever comes first. */
function splitAssignment(text: string): { key: string; value: string } | null {
  const colon = text.indexOf(':');
  const equals = text.indexOf('=');
  if (colon < 0 && equals < 0) return null;
  const at = colon < 0 || (equals >= 0 && equals < colon) ? equals : colon;
  return { key: text.slice(0, at).trim(), value: text.slice(at + 1).trim() };
}

function unquote(value: string): string {
  return value.length >= 2 && value[0] === value[value.length - 1] && (value[0] === '"' || value[0] === "'") ? value.slice(1, -1) : value;
}

export function parseIni(text: string): ParseResult<IniFile> {
  // Keep every line as written: indentation means continuation, and a prompt-like line is data here.
  const input = prepareInput(text, { dropPrompts: false, dedent: false });
  const problems: ParseProblem[] = [...input.problems];
  const ini = emptyIniFile();
  const values = new Map<string, { section: string; key: string; values: string[]; masked: boolean }>();
  let section: string | null = null;
  let pending: Pending | null = null;
  let recognised = 0;

  const flush = () => {
    if (!pending) return;
    const id = `${pending.section}.${pending.key}`;
    const { value, masked } = maskConfigValue(pending.key, unquote(pending.parts.join('\n')));
    const entry = values.get(id) ?? { section: pending.section, key: pending.key, values: [], masked: false };
    entry.values.push(value);
    entry.masked ||= masked;
    values.set(id, entry);
    pending = null;
  };

  for (const line of input.lines) {
    const raw = line.text;
    if (raw.trim() === '') {
      flush();
      continue;
    }
    if (/^[ \t]/.test(raw)) {
      if (pending) (pending as Pending).parts.push(raw.trim());
      else problems.push(problem(line.number, 'an indented line continues no value (oslo.config would refuse this file)'));
      continue;
    }
    flush();
    if (raw.startsWith('#') || raw.startsWith(';')) {
      recognised += 1;
      continue;
    }
    if (raw.startsWith('[')) {
      const name = /^\[([^\]]*)\]/.exec(raw)?.[1]?.trim();
      if (!name) {
        problems.push(problem(line.number, 'a section heading without a name or closing "]"'));
        continue;
      }
      section = name;
      ini.sections[section] ??= createRecord();
      recognised += 1;
      continue;
    }
    const assignment = splitAssignment(raw);
    // The line is not quoted back: a malformed line in a secrets file may be the secret itself.
    if (!assignment || assignment.key === '') {
      problems.push(problem(line.number, 'this line is neither a [section], a comment nor "key = value"'));
      continue;
    }
    if (section === null) {
      problems.push(problem(line.number, `"${assignment.key}" comes before any [section]; read as [${DEFAULT_SECTION}]`));
      section = DEFAULT_SECTION;
      ini.sections[section] ??= createRecord();
    }
    recognised += 1;
    pending = { section, key: assignment.key, parts: [assignment.value] };
  }
  flush();

  for (const [id, entry] of values) {
    const sectionRecord = (ini.sections[entry.section] ??= createRecord());
    sectionRecord[entry.key] = entry.values[entry.values.length - 1]!;
    if (entry.masked) ini.masked.push(id);
    if (entry.values.length > 1) ini.repeated[id] = entry.values;
  }
  if (recognised === 0) {
    problems.push(problem(input.lines.find((line) => line.text.trim() !== '')?.number ?? null, 'no [section] or "key = value" line: not an INI file'));
    return { value: ini, format: UNREADABLE, problems };
  }
  return { value: ini, format: 'ini', problems };
}

/** Files read in order, later ones overriding (nova-compute runs with nova.conf then nova-compute.conf). */
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
