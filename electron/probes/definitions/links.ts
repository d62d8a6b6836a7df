// `ip -d -j link` on compute nodes and gateways: interfaces and Linux bridge membership (tap → qbr).
import { parseIpLink } from '../parsers/ip-link';
import { limitProblems } from '../parsers/parse-result';
import type { ProbeDefinition } from '../probe-definition';
import { hasRole } from './probe-rules';

export const LINKS_PROBE: ProbeDefinition<'links'> = {
  id: 'links',
  kind: 'links',
  appliesTo: (machine) => hasRole(machine, 'compute', 'gateway'),
  command: () => ['ip', '-d', '-j', 'link'],
  parse: (text) => limitProblems(parseIpLink(text)),
};
