// `ip -j neigh` on compute nodes and gateways: the machine's own ARP/NDP table.
import { parseIpNeigh } from '../parsers/ip-neigh';
import { limitProblems } from '../parsers/parse-result';
import type { ProbeDefinition } from '../probe-definition';
import { hasRole } from './probe-rules';

export const NEIGH_PROBE: ProbeDefinition<'neigh'> = {
  id: 'neigh',
  kind: 'neigh',
  appliesTo: (machine) => hasRole(machine, 'compute', 'gateway'),
  command: () => ['ip', '-j', 'neigh'],
  parse: (text) => limitProblems(parseIpNeigh(text)),
};
