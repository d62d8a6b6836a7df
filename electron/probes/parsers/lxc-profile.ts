// `lxc profile show NAME` and `lxc config show INSTANCE` (YAML). Every config and device value is
// kept as the text LXD stored ("True", "2048MB", "0GB"): LXD's config is a map of strings, and
// nova-lxd's `boot.autostart: "True"` must not turn into a boolean.
import type { LxcProfile } from '../../contract/lab-model';
import { createRecord, problem, UNREADABLE, type ParseProblem, type ParseResult, appendProblems } from './parse-result';
import { asArray, asBoolean, asNonEmptyText, asRecord, asText, parseJsonText, parseYamlText } from './structured-input';
import { firstContentLine, prepareInput, quoteLine } from './text-input';

/** Keys only `lxc config show` prints (an instance, not a profile). */
const INSTANCE_KEYS = ['architecture', 'ephemeral', 'stateful', 'profiles'];

export function emptyLxcProfile(): LxcProfile {
  return { kind: null, name: null, description: null, config: createRecord(), devices: createRecord(), usedBy: null, profiles: null, architecture: null, ephemeral: null };
}

export function parseLxcProfile(text: string): ParseResult<LxcProfile> {
  const input = prepareInput(text);
  const problems: ParseProblem[] = [...input.problems];
  const first = firstContentLine(input.lines);
  if (first === null) return { value: emptyLxcProfile(), format: UNREADABLE, problems: [...problems, problem(null, 'the profile output is empty')] };
  if (/^Error:/.test(first.text.trim())) {
    problems.push(problem(first.number, `lxc reported an error: ${quoteLine(first.text, 200)}`));
    return { value: emptyLxcProfile(), format: UNREADABLE, problems };
  }
  const json = first.text.trimStart().startsWith('{');
  const parsed = json ? parseJsonText(input, 'lxc profile JSON') : parseYamlText(input, 'lxc profile YAML', true);
  appendProblems(problems, parsed.problems);
  const document = asRecord(parsed.value);
  if (!document) {
    if (parsed.value !== undefined) problems.push(problem(first.number, `not an LXD profile or instance config: ${quoteLine(first.text)}`));
    return { value: emptyLxcProfile(), format: UNREADABLE, problems };
  }
  if (!('config' in document) && !('devices' in document)) {
    problems.push(problem(first.number, 'no "config" or "devices": not `lxc profile show` / `lxc config show` output'));
    return { value: emptyLxcProfile(), format: UNREADABLE, problems };
  }
  return { value: readProfileDocument(document, problems), format: json ? 'json' : 'yaml', problems };
}

/** One profile or instance config, already parsed from JSON or YAML (also one entry of `lxc profile list`). */
export function readProfileDocument(document: Record<string, unknown>, problems: ParseProblem[]): LxcProfile {
  const profile = emptyLxcProfile();
  profile.kind = INSTANCE_KEYS.some((key) => key in document) ? 'instance' : 'profile';
  profile.name = asNonEmptyText(document.name);
  profile.description = asText(document.description);
  profile.config = stringRecord(document.config, 'config', problems);
  for (const [device, raw] of Object.entries(asRecord(document.devices) ?? {})) {
    profile.devices[device] = stringRecord(raw, `device ${device}`, problems);
  }
  if ('used_by' in document) profile.usedBy = asArray(document.used_by).map((entry) => String(entry));
  if ('profiles' in document) profile.profiles = asArray(document.profiles).map((entry) => String(entry));
  profile.architecture = asNonEmptyText(document.architecture);
  profile.ephemeral = asBoolean(document.ephemeral);
  return profile;
}

function stringRecord(value: unknown, what: string, problems: ParseProblem[]): Record<string, string> {
  const record = createRecord<string>();
  const source = asRecord(value);
  if (value !== undefined && value !== null && source === null && value !== '') problems.push(problem(null, `${what} is not a map; ignored`));
  for (const [key, entry] of Object.entries(source ?? {})) {
    const text = asText(entry);
    if (text === null) problems.push(problem(null, `${what}: "${key}" is not a text value; ignored`));
    else record[key] = text;
  }
  return record;
}
