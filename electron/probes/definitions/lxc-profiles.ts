// `lxc profile list` on the machines whose LXD the console reads: every profile at once.
import { parseLxcProfileList } from '../parsers/lxc-profile-list';
import type { ProbeDefinition } from '../probe-definition';
import { hasRole } from './probe-rules';

export const LXC_PROFILES_PROBE: ProbeDefinition<'lxc-profiles'> = {
  id: 'lxc-profiles',
  kind: 'lxc-profiles',
  appliesTo: (machine) => hasRole(machine, 'compute', 'control'),
  command: () => ['lxc', 'profile', 'list', '--format', 'json'],
  parse: parseLxcProfileList,
};
