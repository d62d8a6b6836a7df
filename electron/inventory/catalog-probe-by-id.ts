// The catalog's probe for an id, as the parsing worker finds the parser it is asked for: the
// worker gets the probe's id and its output (functions cannot cross to a thread), and runs the
// same definition the core would.
import type { AnyProbeDefinition } from '../probes/probe-definition';
import { CONTROLLER_PROBES, MACHINE_PROBES, namespaceProbes, openstackProbes } from './probe-catalog';

/** A per-namespace probe's id is `<kind>:<namespace>` (namespaceProbeId). */
const NAMESPACE_SEPARATOR = ':';

/** The worker needs an OpenStack probe's parser only, which is the same whatever the credentials. */
const ANY_CREDENTIALS = { path: '~/novarc', kind: 'rc-file', cloud: null, chosenBy: 'found' } as const;

export function catalogProbeById(id: string): AnyProbeDefinition | null {
  const separator = id.indexOf(NAMESPACE_SEPARATOR);
  const candidates = separator < 0 ? [...CONTROLLER_PROBES, ...MACHINE_PROBES, ...openstackProbes(ANY_CREDENTIALS)] : namespaceProbes(id.slice(separator + 1));
  return candidates.find((probe) => probe.id === id) ?? null;
}

/** True when `probe` parses as the catalog's probe of its id does (what the worker would run). */
export function parsesAsCatalog(probe: AnyProbeDefinition): boolean {
  return catalogProbeById(probe.id)?.parse === probe.parse;
}
