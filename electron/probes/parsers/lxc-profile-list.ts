// `lxc profile list --format json` (LXD 3.x and later): every profile of the project in one
// answer, so a refresh needs no `lxc profile show` per profile. Each entry is read exactly as
// `lxc profile show` output is (see lxc-profile.ts).
import type { LxcProfile } from '../../contract/lab-model';
import { parseLxcProfile } from './lxc-profile';
import { problem, UNREADABLE, type ParseProblem, type ParseResult } from './parse-result';

export interface LxcProfileList {
  profiles: LxcProfile[];
}

export function parseLxcProfileList(text: string): ParseResult<LxcProfileList> {
  const trimmed = text.trim();
  if (trimmed === '') return { value: { profiles: [] }, format: UNREADABLE, problems: [problem(null, 'the profile list is empty')] };
  let document: unknown;
  try {
    document = JSON.parse(trimmed);
  } catch (error) {
    return { value: { profiles: [] }, format: UNREADABLE, problems: [problem(1, `not the JSON of \`lxc profile list --format json\` (${(error as Error).message})`)] };
  }
  if (!Array.isArray(document)) return { value: { profiles: [] }, format: UNREADABLE, problems: [problem(1, 'expected a JSON list of profiles')] };
  const problems: ParseProblem[] = [];
  const profiles: LxcProfile[] = [];
  document.forEach((entry, index) => {
    const parsed = parseLxcProfile(JSON.stringify(entry));
    for (const found of parsed.problems) problems.push(problem(null, `profile #${index + 1}: ${found.message}`));
    if (parsed.format !== UNREADABLE) profiles.push(parsed.value);
  });
  return { value: { profiles }, format: 'json', problems };
}
