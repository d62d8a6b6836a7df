// On the controller: is there an `openstack` client, and which files could give it credentials
// (rc files to source, clouds.yaml). Only their paths are printed, and for a clouds.yaml the names
// of its clouds (the keys under `clouds:`, read with sed, never a value): no password leaves the
// controller. The choice among them is made in openstack/credential-choice.ts.
import { parseOpenStackCredentials } from '../parsers/openstack-credentials';
import { limitProblems } from '../parsers/parse-result';
import type { ProbeDefinition } from '../probe-definition';

/** Where OpenStack's own tools and charms' docs put credentials, in the order an engineer would try them. */
export const CREDENTIAL_PLACES = ['~/novarc', '~/admin-openrc', '~/*openrc*', '~/*-openrc.sh', '~/.config/openstack/clouds.yaml', '/etc/openstack/clouds.yaml'] as const;

/** The places as the shell globs them ("~/x" → "$HOME"/x, so a home with spaces still works). */
const shellPlaces = CREDENTIAL_PLACES.map((place) => (place.startsWith('~/') ? `"$HOME"/${place.slice(2)}` : place)).join(' ');

/**
 * A fixed script (snapshots answer it by its exact text). sed prints the cloud names: two-space
 * indented keys with nothing after the colon, between `clouds:` and the next top-level key.
 */
const CREDENTIALS_SCRIPT = [
  'if c=$(command -v openstack); then echo "client $c"; else echo no-client; fi',
  `for p in ${shellPlaces}; do`,
  '  [ -f "$p" ] || continue',
  '  case $p in "$HOME"/*) echo "file ~/${p#"$HOME"/}";; *) echo "file $p";; esac',
  `  case $p in *.yaml|*.yml) sed -n '/^clouds:/,/^[^ #]/s/^  \\([A-Za-z0-9_.-]*\\):[[:space:]]*$/cloud \\1/p' "$p" 2>/dev/null;; esac`,
  'done',
  `echo "looked ${CREDENTIAL_PLACES.join(' ')}"`,
].join('\n');

export const OPENSTACK_CREDENTIALS_PROBE: ProbeDefinition<'openstack-credentials'> = {
  id: 'openstack-credentials',
  kind: 'openstack-credentials',
  appliesTo: () => true,
  command: () => ['sh', '-c', CREDENTIALS_SCRIPT, 'openstack-credentials'],
  parse: (text) => limitProblems(parseOpenStackCredentials(text)),
};
