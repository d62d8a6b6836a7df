// `openstack floating ip list --long` (-f json or the table), `floating ip show` (one or a list),
// the older `neutron floatingip-list` and nova-network's `nova floating-ip-list` ("IP", "Fixed IP").
import type { OpenStackFloatingIp, OpenStackFloatingIpList } from '../../contract/openstack-model';
import type { ParseProblem, ParseResult } from './parse-result';
import { cellText, parseOpenStackList, requiredText, type OpenStackRow } from './openstack-output';

export function parseOpenStackFloatingIpList(text: string): ParseResult<OpenStackFloatingIpList> {
  return parseOpenStackList(text, 'openstack floating ip list', 'floatingIps', floatingIpFromRow);
}

function floatingIpFromRow(row: OpenStackRow, problems: ParseProblem[]): OpenStackFloatingIp | null {
  const id = requiredText(row, problems, 'ID', 'ID');
  if (id === null) return null;
  const floatingIpAddress = requiredText(row, problems, 'floating IP address', 'Floating IP Address', 'floating_ip_address', 'IP');
  if (floatingIpAddress === null) return null;
  return {
    id,
    floatingIpAddress,
    fixedIpAddress: cellText(row, 'Fixed IP Address', 'fixed_ip_address', 'Fixed IP'),
    portId: cellText(row, 'Port', 'port_id'),
    floatingNetworkId: cellText(row, 'Floating Network', 'floating_network_id'),
    routerId: cellText(row, 'Router', 'router_id'),
    status: cellText(row, 'Status'),
    project: cellText(row, 'Project', 'project_id', 'Tenant ID', 'tenant_id'),
  };
}
