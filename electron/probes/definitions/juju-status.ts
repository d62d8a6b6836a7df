// `juju status` on the controller: which machines, applications and units the lab has.
import { parseJujuStatus } from '../parsers/juju-status';
import { limitProblems } from '../parsers/parse-result';
import type { ProbeDefinition } from '../probe-definition';
import { explainNotFound } from './probe-rules';

export const JUJU_STATUS_PROBE: ProbeDefinition<'juju-status'> = {
  id: 'juju-status',
  kind: 'juju-status',
  appliesTo: () => true,
  command: () => ['juju', 'status', '--format=json'],
  parse: (text) => limitProblems(parseJujuStatus(text)),
  explainFailure: explainNotFound('juju'),
};
