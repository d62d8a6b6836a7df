// `pgrep -a dnsmasq` on gateways: Neutron's DHCP agent runs one dnsmasq per network it serves, in
// that network's qdhcp namespace; a qdhcp namespace without its dnsmasq hands out no addresses.
import { parseDnsmasqProcesses } from '../parsers/dnsmasq-processes';
import { limitProblems } from '../parsers/parse-result';
import type { ProbeDefinition } from '../probe-definition';
import { explainNotFound, hasRole } from './probe-rules';

/** pgrep's status when no process matched: "no dnsmasq runs", an answer. */
const PGREP_NO_MATCH_EXIT = 1;

export const DNSMASQ_PROCESSES_PROBE: ProbeDefinition<'dnsmasq-processes'> = {
  id: 'dnsmasq-processes',
  kind: 'dnsmasq-processes',
  appliesTo: (machine) => hasRole(machine, 'gateway'),
  command: () => ['pgrep', '-a', 'dnsmasq'],
  parse: (text) => limitProblems(parseDnsmasqProcesses(text)),
  acceptedExitCodes: [PGREP_NO_MATCH_EXIT],
  explainFailure: explainNotFound('pgrep'),
};
