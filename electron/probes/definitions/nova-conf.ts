// nova.conf on compute nodes, secrets masked by the INI parser.
import { parseIni } from '../parsers/ini';
import { limitProblems } from '../parsers/parse-result';
import type { ProbeDefinition } from '../probe-definition';
import { hasRole } from './probe-rules';

/** Where Ubuntu's nova packages keep nova's configuration (nova-compute reads it first). */
export const NOVA_CONF_PATH = '/etc/nova/nova.conf';

export const NOVA_CONF_PROBE: ProbeDefinition<'nova-conf'> = {
  id: 'nova-conf',
  kind: 'nova-conf',
  appliesTo: (machine) => hasRole(machine, 'compute'),
  command: () => ['cat', NOVA_CONF_PATH],
  parse: (text) => limitProblems(parseIni(text)),
};
