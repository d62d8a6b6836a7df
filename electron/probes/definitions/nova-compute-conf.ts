// nova-compute.conf on compute nodes (read after nova.conf: its settings win), secrets masked.
import { parseIni } from '../parsers/ini';
import { limitProblems } from '../parsers/parse-result';
import type { ProbeDefinition } from '../probe-definition';
import { hasRole } from './probe-rules';

/** Where Ubuntu's nova-compute package keeps its own settings (nova-compute reads it last). */
export const NOVA_COMPUTE_CONF_PATH = '/etc/nova/nova-compute.conf';

export const NOVA_COMPUTE_CONF_PROBE: ProbeDefinition<'nova-compute-conf'> = {
  id: 'nova-compute-conf',
  kind: 'nova-compute-conf',
  appliesTo: (machine) => hasRole(machine, 'compute'),
  command: () => ['cat', NOVA_COMPUTE_CONF_PATH],
  parse: (text) => limitProblems(parseIni(text)),
};
