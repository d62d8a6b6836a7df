// `lxc list` on compute nodes (nova-lxd's instances) and control nodes (Juju's containers).
import { parseLxcList } from '../parsers/lxc-list';
import { limitProblems } from '../parsers/parse-result';
import type { ProbeDefinition } from '../probe-definition';
import { explainNotFound, hasRole } from './probe-rules';

export const LXC_LIST_PROBE: ProbeDefinition<'lxc-list'> = {
  id: 'lxc-list',
  kind: 'lxc-list',
  appliesTo: (machine) => hasRole(machine, 'compute', 'control'),
  command: () => ['lxc', 'list', '--format', 'json'],
  parse: (text) => limitProblems(parseLxcList(text)),
  explainFailure: (stderr, machine) =>
    explainNotFound('lxc')(stderr, machine) ??
    (/permission denied/i.test(stderr) ? `the lab user on ${machine.hostname ?? machine.id} may not use LXD (add it to the lxd group): ${stderr.split('\n')[0]}` : null),
};
