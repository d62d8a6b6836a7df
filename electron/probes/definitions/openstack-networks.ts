// `openstack network list --long`: networks with their subnets, external flag and segmentation.
import { parseOpenStackNetworkList } from '../parsers/openstack-network-list';
import { limitProblems } from '../parsers/parse-result';
import type { OpenStackProbeSpec } from './openstack-probe';

export const OPENSTACK_NETWORKS: OpenStackProbeSpec<'openstack-networks'> = {
  kind: 'openstack-networks',
  args: ['network', 'list', '--long', '-f', 'json'],
  parse: (text) => limitProblems(parseOpenStackNetworkList(text)),
};
