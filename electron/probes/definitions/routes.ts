// `ip -j route` on compute nodes and gateways: the machine's own routes (its default route, the
// networks its bridges carry), beside its namespaces' (netns-route.ts).
import { parseIpRoute } from '../parsers/ip-route';
import { limitProblems } from '../parsers/parse-result';
import type { ProbeDefinition } from '../probe-definition';
import { hasRole } from './probe-rules';

export const ROUTES_PROBE: ProbeDefinition<'routes'> = {
  id: 'routes',
  kind: 'routes',
  appliesTo: (machine) => hasRole(machine, 'compute', 'gateway'),
  command: () => ['ip', '-j', 'route'],
  parse: (text) => limitProblems(parseIpRoute(text)),
};
