// `openstack port list --long`: every Neutron port's MAC, addresses, status and owner, the link
// between a server and the container nic that carries its MAC.
import { parseOpenStackPortList } from '../parsers/openstack-port-list';
import { limitProblems } from '../parsers/parse-result';
import type { OpenStackProbeSpec } from './openstack-probe';

export const OPENSTACK_PORTS: OpenStackProbeSpec<'openstack-ports'> = {
  kind: 'openstack-ports',
  args: ['port', 'list', '--long', '-f', 'json'],
  parse: (text) => limitProblems(parseOpenStackPortList(text)),
};
