// `lxc profile list --format json` (or yaml; LXD 3.x and later): every profile of the project in
// one answer, so a refresh needs no `lxc profile show` per profile. Each entry is read exactly as
// `lxc profile show` output is (see lxc-profile.ts). The default table of `lxc profile list` has
// only names, descriptions and use counts, so only the structured forms are read.
import type { LxcProfile, LxcProfileList } from '../../contract/lab-model';
import { readProfileDocument } from './lxc-profile';
import { problem, UNREADABLE, type ParseProblem, type ParseResult } from './parse-result';
import { asRecord, parseCleanJson, parseJsonText, parseYamlText } from './structured-input';
import { firstContentLine, prepareInput, quoteLine } from './text-input';

export type { LxcProfileList } from '../../contract/lab-model';

export function parseLxcProfileList(text: string): ParseResult<LxcProfileList> {
  const clean = parseCleanJson(text);
  if (clean) return fromDocument(clean.value, 'json', []);
  const input = prepareInput(text);
  const problems: ParseProblem[] = [...input.problems];
  const first = firstContentLine(input.lines);
  if (first === null) return { value: { profiles: [] }, format: UNREADABLE, problems: [...problems, problem(null, 'the profile list is empty')] };
  const start = first.text.trimStart();
  if (start.startsWith('[') || start.startsWith('{')) {
    const parsed = parseJsonText(input, 'lxc profile list JSON');
    return fromDocument(parsed.value, 'json', [...problems, ...parsed.problems]);
  }
  if (start.startsWith('- ')) {
    const parsed = parseYamlText(input, 'lxc profile list YAML', true);
    return fromDocument(parsed.value, 'yaml', [...problems, ...parsed.problems]);
  }
  problems.push(problem(first.number, `not \`lxc profile list --format json\` output: ${quoteLine(start)} (the table form has no config or devices; ask for --format json)`));
  return { value: { profiles: [] }, format: UNREADABLE, problems };
}

function fromDocument(document: unknown, format: string, problems: ParseProblem[]): ParseResult<LxcProfileList> {
  if (document === undefined) return { value: { profiles: [] }, format: UNREADABLE, problems };
  if (!Array.isArray(document)) {
    problems.push(problem(1, 'expected a list of profiles'));
    return { value: { profiles: [] }, format: UNREADABLE, problems };
  }
  const profiles: LxcProfile[] = [];
  document.forEach((entry, index) => {
    const record = asRecord(entry);
    if (!record || (!('config' in record) && !('devices' in record))) {
      problems.push(problem(null, `profile #${index + 1} has no "config" or "devices"; skipped`));
      return;
    }
    const found: ParseProblem[] = [];
    profiles.push(readProfileDocument(record, found));
    for (const entryProblem of found) problems.push(problem(null, `profile #${index + 1}: ${entryProblem.message}`));
  });
  return { value: { profiles }, format, problems };
}
