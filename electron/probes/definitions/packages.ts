// `dpkg -l` on every machine, kept to the packages of the LXD/Nova/Neutron/OVS stack.
import type { StackPackageList } from '../../contract/lab-model';
import { selectStackPackages } from '../parsers/compute-stack';
import { parseDpkgList } from '../parsers/dpkg';
import type { ParseResult } from '../parsers/parse-result';
import type { ProbeDefinition } from '../probe-definition';
import { explainNotFound } from './probe-rules';

/** dpkg -l lists everything; the console keeps the packages of the LXD/Nova/Neutron/OVS stack. */
export function parseStackPackages(text: string): ParseResult<StackPackageList> {
  const parsed = parseDpkgList(text);
  return { ...parsed, value: { packages: selectStackPackages(parsed.value) } };
}

export const PACKAGES_PROBE: ProbeDefinition<'packages'> = {
  id: 'packages',
  kind: 'packages',
  appliesTo: () => true,
  command: () => ['dpkg', '-l'],
  parse: parseStackPackages,
  explainFailure: explainNotFound('dpkg'),
};
