// What every `openstack … -f json` probe on the controller shares: it runs with the lab's
// credentials sourced (openstack-command.ts), is filed under the controller, and says its failures
// with what to do. One file per probe gives its arguments and parser.
import type { OpenStackCredentialSource } from '../../contract/openstack-model';
import type { OpenStackListProbeKind, ProbeIdOf, ProbeModels } from '../../contract/probe-models';
import type { ParseResult } from '../parsers/parse-result';
import type { ProbeDefinition } from '../probe-definition';
import { explainOpenStackFailure, openstackArgv } from './openstack-command';

/**
 * Each probe is a Python client start-up plus an API call, and twelve start at once on the
 * controller: 4.5–8.5 s each on the lab at load 16 on 2 cores, near the runner's 20 s for a probe.
 */
export const OPENSTACK_PROBE_TIMEOUT_MS = 60_000;

export interface OpenStackProbeSpec<K extends OpenStackListProbeKind> {
  kind: K;
  /** The client's arguments, `-f json` included. */
  args: readonly string[];
  parse: (text: string) => ParseResult<ProbeModels[K]>;
  /** The argv when it is more than one `openstack` (a list and its shows); default: `openstack <args>`. */
  argv?: (source: OpenStackCredentialSource) => string[];
  timeoutMs?: number;
}

export function openstackProbe<K extends OpenStackListProbeKind>(spec: OpenStackProbeSpec<K>, source: OpenStackCredentialSource): ProbeDefinition<K> {
  const what = `\`openstack ${spec.args.filter((arg) => arg !== '-f' && arg !== 'json').join(' ')}\``;
  const explain = explainOpenStackFailure(source, what);
  return {
    id: spec.kind as ProbeIdOf<K>,
    kind: spec.kind,
    appliesTo: () => true,
    command: () => (spec.argv ? spec.argv(source) : openstackArgv(source, spec.args)),
    parse: spec.parse,
    timeoutMs: spec.timeoutMs ?? OPENSTACK_PROBE_TIMEOUT_MS,
    explainFailure: (stderr) => explain(stderr),
  };
}
