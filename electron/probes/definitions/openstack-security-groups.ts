// `openstack security group list --all-projects`: every project's groups (ports name them by id).
import { parseOpenStackSecurityGroupList } from '../parsers/openstack-misc-lists';
import { limitProblems } from '../parsers/parse-result';
import type { OpenStackProbeSpec } from './openstack-probe';

export const OPENSTACK_SECURITY_GROUPS: OpenStackProbeSpec<'openstack-security-groups'> = {
  kind: 'openstack-security-groups',
  args: ['security', 'group', 'list', '--all-projects', '-f', 'json'],
  parse: (text) => limitProblems(parseOpenStackSecurityGroupList(text)),
};
