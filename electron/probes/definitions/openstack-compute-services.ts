// `openstack compute service list`: nova-compute, -scheduler, -conductor per host, up or down.
import { parseOpenStackComputeServiceList } from '../parsers/openstack-misc-lists';
import { limitProblems } from '../parsers/parse-result';
import type { OpenStackProbeSpec } from './openstack-probe';

export const OPENSTACK_COMPUTE_SERVICES: OpenStackProbeSpec<'openstack-compute-services'> = {
  kind: 'openstack-compute-services',
  args: ['compute', 'service', 'list', '-f', 'json'],
  parse: (text) => limitProblems(parseOpenStackComputeServiceList(text)),
};
