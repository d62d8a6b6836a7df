// `ovs-vsctl show` (as root) on compute nodes and gateways: bridges, ports and interfaces.
import { parseOvsVsctlShow } from '../parsers/ovs-vsctl-show';
import { limitProblems } from '../parsers/parse-result';
import type { ProbeDefinition } from '../probe-definition';
import { explainSudo, hasRole, SUDO } from './probe-rules';

export const OVS_VSCTL_PROBE: ProbeDefinition<'ovs-vsctl'> = {
  id: 'ovs-vsctl',
  kind: 'ovs-vsctl',
  appliesTo: (machine) => hasRole(machine, 'compute', 'gateway'),
  command: () => [...SUDO, 'ovs-vsctl', 'show'],
  parse: (text) => limitProblems(parseOvsVsctlShow(text)),
  explainFailure: (stderr, machine) => explainSudo(stderr, machine, 'ovs-vsctl'),
};
