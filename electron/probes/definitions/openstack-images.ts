// `openstack image list --long`: Glance's images (what a launch can choose).
import { parseOpenStackImageList } from '../parsers/openstack-misc-lists';
import { limitProblems } from '../parsers/parse-result';
import type { OpenStackProbeSpec } from './openstack-probe';

export const OPENSTACK_IMAGES: OpenStackProbeSpec<'openstack-images'> = {
  kind: 'openstack-images',
  args: ['image', 'list', '--long', '-f', 'json'],
  parse: (text) => limitProblems(parseOpenStackImageList(text)),
};
