// `hostname` on every machine (and the controller): how the console names a machine.
import type { MachineHostname } from '../../contract/probe-models';
import type { ParseResult } from '../parsers/parse-result';
import type { ProbeDefinition } from '../probe-definition';

/** `hostname` prints one line; anything else is not a hostname. */
export function parseHostname(text: string): ParseResult<MachineHostname> {
  const name = text.trim();
  return /^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(name)
    ? { value: { hostname: name }, format: 'text', problems: [] }
    : { value: { hostname: null }, format: 'unreadable', problems: [{ line: 1, message: 'hostname printed something that is not a host name' }] };
}

export const HOSTNAME_PROBE: ProbeDefinition<'hostname'> = { id: 'hostname', kind: 'hostname', appliesTo: () => true, command: () => ['hostname'], parse: parseHostname };
