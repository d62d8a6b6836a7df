// `openstack floating ip list --long`: floating addresses, the fixed address and port they NAT to, and the router.
import { parseOpenStackFloatingIpList } from '../parsers/openstack-floating-ip-list';
import { limitProblems } from '../parsers/parse-result';
import type { OpenStackProbeSpec } from './openstack-probe';

export const OPENSTACK_FLOATING_IPS: OpenStackProbeSpec<'openstack-floating-ips'> = {
  kind: 'openstack-floating-ips',
  args: ['floating', 'ip', 'list', '--long', '-f', 'json'],
  parse: (text) => limitProblems(parseOpenStackFloatingIpList(text)),
};
