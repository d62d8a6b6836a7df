// `openstack network list --long` (-f json or the table), `network show` (one or a list) and the
// older `neutron net-list`, whose subnets cell lists "<subnet id> <cidr>" a line each.
import type { OpenStackNetwork, OpenStackNetworkList } from '../../contract/openstack-model';
import type { ParseProblem, ParseResult } from './parse-result';
import { cell, cellBoolean, cellInteger, cellText, parseOpenStackList, requiredText, valueList, type OpenStackRow } from './openstack-output';

export function parseOpenStackNetworkList(text: string): ParseResult<OpenStackNetworkList> {
  return parseOpenStackList(text, 'openstack network list', 'networks', networkFromRow);
}

function networkFromRow(row: OpenStackRow, problems: ParseProblem[]): OpenStackNetwork | null {
  const id = requiredText(row, problems, 'ID', 'ID');
  if (id === null) return null;
  return {
    id,
    name: cellText(row, 'Name') ?? '',
    // "<id> <cidr>" (neutron net-list) keeps only the id.
    subnets: valueList(cell(row, 'Subnets')).map((entry) => entry.split(/\s+/)[0]!),
    status: cellText(row, 'Status'),
    project: cellText(row, 'Project', 'project_id', 'Tenant ID', 'tenant_id'),
    external: cellBoolean(row, 'Router Type', 'router:external', 'is_router_external'),
    shared: cellBoolean(row, 'Shared', 'is_shared'),
    networkType: cellText(row, 'Network Type', 'provider:network_type', 'provider_network_type'),
    segmentationId: cellInteger(row, problems, 'segmentation id', 'provider:segmentation_id', 'provider_segmentation_id'),
    mtu: cellInteger(row, problems, 'MTU', 'MTU'),
  };
}
