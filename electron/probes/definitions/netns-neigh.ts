// A namespace's neighbour (ARP/NDP) table (as root, `ip netns exec`): run once for each namespace
// `ip netns` lists; a qrouter's entries say whether it has reached the instances behind its qr- ports.
import { namespaceProbeId } from '../../contract/probe-models';
import { parseIpNeigh } from '../parsers/ip-neigh';
import { limitProblems } from '../parsers/parse-result';
import type { ProbeDefinition } from '../probe-definition';
import { explainSudo, SUDO } from './probe-rules';

/** One function for every namespace, so the parsing worker knows it as the catalog's (catalog-probe-by-id.ts). */
const parseNamespaceNeighbours = (text: string) => limitProblems(parseIpNeigh(text));

export const netnsNeighProbe = (namespace: string): ProbeDefinition<'netns-neigh'> => ({
  id: namespaceProbeId('netns-neigh', namespace),
  kind: 'netns-neigh',
  appliesTo: () => true,
  command: () => [...SUDO, 'ip', 'netns', 'exec', namespace, 'ip', '-j', 'neigh'],
  parse: parseNamespaceNeighbours,
  explainFailure: (stderr, machine) => explainSudo(stderr, machine, 'ip netns exec'),
});
