// OVS's Interface table (as root) on compute nodes: each port's Neutron ids and MAC, to link containers.
import { parseOvsList } from '../parsers/ovs-list';
import { limitProblems } from '../parsers/parse-result';
import type { ProbeDefinition } from '../probe-definition';
import { explainSudo, hasRole, SUDO } from './probe-rules';

export const OVS_INTERFACES_PROBE: ProbeDefinition<'ovs-interfaces'> = {
  id: 'ovs-interfaces',
  kind: 'ovs-interfaces',
  appliesTo: (machine) => hasRole(machine, 'compute'),
  command: () => [...SUDO, 'ovs-vsctl', '--format=json', '--columns=name,external_ids,ofport,mac_in_use', 'list', 'Interface'],
  parse: (text) => limitProblems(parseOvsList(text)),
  explainFailure: (stderr, machine) => explainSudo(stderr, machine, 'ovs-vsctl'),
};
