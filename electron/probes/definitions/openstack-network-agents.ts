// `openstack network agent list`: the Open vSwitch, L3, DHCP and metadata agents per host, alive or not.
import { parseOpenStackNetworkAgentList } from '../parsers/openstack-misc-lists';
import { limitProblems } from '../parsers/parse-result';
import type { OpenStackProbeSpec } from './openstack-probe';

export const OPENSTACK_NETWORK_AGENTS: OpenStackProbeSpec<'openstack-network-agents'> = {
  kind: 'openstack-network-agents',
  args: ['network', 'agent', 'list', '-f', 'json'],
  parse: (text) => limitProblems(parseOpenStackNetworkAgentList(text)),
};
