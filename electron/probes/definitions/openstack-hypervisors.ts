// `openstack hypervisor list --long`: each compute node as Nova sees it (type lxd or not, state, usage).
import { parseOpenStackHypervisorList } from '../parsers/openstack-hypervisor-list';
import { limitProblems } from '../parsers/parse-result';
import type { OpenStackProbeSpec } from './openstack-probe';

export const OPENSTACK_HYPERVISORS: OpenStackProbeSpec<'openstack-hypervisors'> = {
  kind: 'openstack-hypervisors',
  args: ['hypervisor', 'list', '--long', '-f', 'json'],
  parse: (text) => limitProblems(parseOpenStackHypervisorList(text)),
};
