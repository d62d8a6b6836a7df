// What the `openstack-credentials` probe prints on the controller (probes/definitions/
// openstack-credentials.ts writes these lines): where `openstack` is, each credential file found
// ("file ~/novarc") followed for a clouds.yaml by its clouds' names ("cloud devstack"), and the
// places looked at. Only names and paths: no file's content ever reaches the console.
import type { OpenStackCredentialCandidate, OpenStackCredentialCandidates } from '../../contract/openstack-model';
import { problem, UNREADABLE, type ParseProblem, type ParseResult } from './parse-result';
import { prepareInput, quoteLine } from './text-input';

/** clouds.yaml is YAML; anything else found is an rc file to source. */
const CLOUDS_YAML = /\.ya?ml$/i;

export function credentialKindOf(path: string): OpenStackCredentialCandidate['kind'] {
  return CLOUDS_YAML.test(path) ? 'clouds-yaml' : 'rc-file';
}

export function parseOpenStackCredentials(text: string): ParseResult<OpenStackCredentialCandidates> {
  const input = prepareInput(text);
  const problems: ParseProblem[] = [...input.problems];
  const value: OpenStackCredentialCandidates = { client: null, candidates: [], lookedAt: [] };
  const byPath = new Map<string, OpenStackCredentialCandidate>();
  let current: OpenStackCredentialCandidate | null = null;
  let answered = false;
  for (const line of input.lines) {
    const trimmed = line.text.trim();
    if (trimmed === '') continue;
    const space = trimmed.indexOf(' ');
    const word = space < 0 ? trimmed : trimmed.slice(0, space);
    const rest = space < 0 ? '' : trimmed.slice(space + 1).trim();
    if (word === 'client' && rest !== '') {
      value.client = rest;
      answered = true;
    } else if (word === 'no-client') {
      answered = true;
    } else if (word === 'file' && rest !== '') {
      // ~/admin-openrc matches both its own name and ~/*openrc*: listed once.
      current = byPath.get(rest) ?? null;
      if (!current) {
        current = { path: rest, kind: credentialKindOf(rest), clouds: [] };
        byPath.set(rest, current);
        value.candidates.push(current);
      }
    } else if (word === 'cloud' && rest !== '' && current?.kind === 'clouds-yaml') {
      if (!current.clouds.includes(rest)) current.clouds.push(rest);
    } else if (word === 'looked' && rest !== '') {
      value.lookedAt = rest.split(/\s+/);
    } else {
      problems.push(problem(line.number, `not a line of the credentials probe: ${quoteLine(trimmed)}`));
    }
  }
  return { value, format: answered ? 'text' : UNREADABLE, problems };
}
