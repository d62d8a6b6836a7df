// `ip netns list` on gateways: Neutron's router and DHCP namespaces (each then gets its own probes).
import { parseIpNetns } from '../parsers/ip-netns';
import { limitProblems } from '../parsers/parse-result';
import type { ProbeDefinition } from '../probe-definition';
import { hasRole } from './probe-rules';

export const IP_NETNS_PROBE: ProbeDefinition<'ip-netns'> = {
  id: 'ip-netns',
  kind: 'ip-netns',
  appliesTo: (machine) => hasRole(machine, 'gateway'),
  command: () => ['ip', 'netns', 'list'],
  parse: (text) => limitProblems(parseIpNetns(text)),
};
