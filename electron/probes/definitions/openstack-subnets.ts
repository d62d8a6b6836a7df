// `openstack subnet list --long`: each subnet's network, CIDR, gateway and pools.
import { parseOpenStackSubnetList } from '../parsers/openstack-subnet-list';
import { limitProblems } from '../parsers/parse-result';
import type { OpenStackProbeSpec } from './openstack-probe';

export const OPENSTACK_SUBNETS: OpenStackProbeSpec<'openstack-subnets'> = {
  kind: 'openstack-subnets',
  args: ['subnet', 'list', '--long', '-f', 'json'],
  parse: (text) => limitProblems(parseOpenStackSubnetList(text)),
};
