// A namespace's addresses (as root, `ip netns exec`): run once for each namespace `ip netns` lists.
import { namespaceProbeId } from '../../contract/probe-models';
import { parseIpAddr } from '../parsers/ip-addr';
import { limitProblems } from '../parsers/parse-result';
import type { ProbeDefinition } from '../probe-definition';
import { explainSudo, SUDO } from './probe-rules';

/** One function for every namespace, so the parsing worker knows it as the catalog's (catalog-probe-by-id.ts). */
const parseNamespaceAddresses = (text: string) => limitProblems(parseIpAddr(text));

export const netnsAddrProbe = (namespace: string): ProbeDefinition<'netns-addr'> => ({
  id: namespaceProbeId('netns-addr', namespace),
  kind: 'netns-addr',
  appliesTo: () => true,
  command: () => [...SUDO, 'ip', 'netns', 'exec', namespace, 'ip', '-j', 'addr'],
  parse: parseNamespaceAddresses,
  explainFailure: (stderr, machine) => explainSudo(stderr, machine, 'ip netns exec'),
});
