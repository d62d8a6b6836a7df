// A namespace's routes (as root, `ip netns exec`): run once for each namespace `ip netns` lists.
import { namespaceProbeId } from '../../contract/probe-models';
import { parseIpRoute } from '../parsers/ip-route';
import { limitProblems } from '../parsers/parse-result';
import type { ProbeDefinition } from '../probe-definition';
import { explainSudo, SUDO } from './probe-rules';

export const netnsRouteProbe = (namespace: string): ProbeDefinition<'netns-route'> => ({
  id: namespaceProbeId('netns-route', namespace),
  kind: 'netns-route',
  appliesTo: () => true,
  command: () => [...SUDO, 'ip', 'netns', 'exec', namespace, 'ip', '-j', 'route'],
  parse: (text) => limitProblems(parseIpRoute(text)),
  explainFailure: (stderr, machine) => explainSudo(stderr, machine, 'ip netns exec'),
});
