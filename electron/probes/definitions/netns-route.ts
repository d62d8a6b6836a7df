// A namespace's routes (as root, `ip netns exec`): run once for each namespace `ip netns` lists.
import { namespaceProbeId } from '../../contract/probe-models';
import { parseIpRoute } from '../parsers/ip-route';
import { limitProblems } from '../parsers/parse-result';
import type { ProbeDefinition } from '../probe-definition';
import { explainSudo, SUDO } from './probe-rules';

/** One function for every namespace, so the parsing worker knows it as the catalog's (catalog-probe-by-id.ts). */
const parseNamespaceRoutes = (text: string) => limitProblems(parseIpRoute(text));

export const netnsRouteProbe = (namespace: string): ProbeDefinition<'netns-route'> => ({
  id: namespaceProbeId('netns-route', namespace),
  kind: 'netns-route',
  appliesTo: () => true,
  command: () => [...SUDO, 'ip', 'netns', 'exec', namespace, 'ip', '-j', 'route'],
  parse: parseNamespaceRoutes,
  explainFailure: (stderr, machine) => explainSudo(stderr, machine, 'ip netns exec'),
});
