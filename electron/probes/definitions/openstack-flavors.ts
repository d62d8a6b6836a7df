// `openstack flavor list --all`: public and private flavors (what a launch can choose).
import { parseOpenStackFlavorList } from '../parsers/openstack-misc-lists';
import { limitProblems } from '../parsers/parse-result';
import type { OpenStackProbeSpec } from './openstack-probe';

export const OPENSTACK_FLAVORS: OpenStackProbeSpec<'openstack-flavors'> = {
  kind: 'openstack-flavors',
  args: ['flavor', 'list', '--all', '-f', 'json'],
  parse: (text) => limitProblems(parseOpenStackFlavorList(text)),
};
