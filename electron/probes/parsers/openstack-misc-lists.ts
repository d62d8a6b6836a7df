// The smaller lists, each in -f json, the OSC table and the older clients' tables:
// `openstack security group list`, `image list --long` (`glance image-list`), `flavor list --all`
// (`nova flavor-list`), `compute service list` (`nova service-list`) and `network agent list`
// (`neutron agent-list`, whose alive column says ":-)" or "xxx").
import type {
  OpenStackComputeService,
  OpenStackComputeServiceList,
  OpenStackFlavor,
  OpenStackFlavorList,
  OpenStackImage,
  OpenStackImageList,
  OpenStackNetworkAgent,
  OpenStackNetworkAgentList,
  OpenStackSecurityGroup,
  OpenStackSecurityGroupList,
} from '../../contract/openstack-model';
import type { ParseProblem, ParseResult } from './parse-result';
import { cellBoolean, cellInteger, cellText, parseOpenStackList, requiredText, type OpenStackRow } from './openstack-output';

export function parseOpenStackSecurityGroupList(text: string): ParseResult<OpenStackSecurityGroupList> {
  return parseOpenStackList(text, 'openstack security group list', 'securityGroups', securityGroupFromRow);
}

function securityGroupFromRow(row: OpenStackRow, problems: ParseProblem[]): OpenStackSecurityGroup | null {
  const id = requiredText(row, problems, 'ID', 'ID');
  if (id === null) return null;
  return { id, name: cellText(row, 'Name') ?? '', description: cellText(row, 'Description'), project: cellText(row, 'Project', 'project_id', 'Tenant ID', 'tenant_id') };
}

export function parseOpenStackImageList(text: string): ParseResult<OpenStackImageList> {
  return parseOpenStackList(text, 'openstack image list', 'images', imageFromRow);
}

function imageFromRow(row: OpenStackRow, problems: ParseProblem[]): OpenStackImage | null {
  const id = requiredText(row, problems, 'ID', 'ID');
  if (id === null) return null;
  return {
    id,
    name: cellText(row, 'Name') ?? '',
    status: cellText(row, 'Status'),
    diskFormat: cellText(row, 'Disk Format', 'disk_format'),
    containerFormat: cellText(row, 'Container Format', 'container_format'),
    sizeBytes: cellInteger(row, problems, 'size', 'Size'),
  };
}

export function parseOpenStackFlavorList(text: string): ParseResult<OpenStackFlavorList> {
  return parseOpenStackList(text, 'openstack flavor list', 'flavors', flavorFromRow);
}

function flavorFromRow(row: OpenStackRow, problems: ParseProblem[]): OpenStackFlavor | null {
  const id = requiredText(row, problems, 'ID', 'ID');
  if (id === null) return null;
  return {
    id,
    name: cellText(row, 'Name') ?? '',
    ramMb: cellInteger(row, problems, 'RAM', 'RAM', 'Memory_MiB', 'Memory_MB', 'ram'),
    diskGb: cellInteger(row, problems, 'disk', 'Disk'),
    vcpus: cellInteger(row, problems, 'vCPUs', 'VCPUs'),
    isPublic: cellBoolean(row, 'Is Public', 'os-flavor-access:is_public'),
  };
}

export function parseOpenStackComputeServiceList(text: string): ParseResult<OpenStackComputeServiceList> {
  return parseOpenStackList(text, 'openstack compute service list', 'services', computeServiceFromRow);
}

function computeServiceFromRow(row: OpenStackRow, problems: ParseProblem[]): OpenStackComputeService | null {
  const binary = requiredText(row, problems, 'binary', 'Binary');
  const host = binary === null ? null : requiredText(row, problems, 'host', 'Host');
  if (binary === null || host === null) return null;
  return {
    id: cellText(row, 'ID'),
    binary,
    host,
    zone: cellText(row, 'Zone', 'availability_zone'),
    status: cellText(row, 'Status'),
    state: cellText(row, 'State'),
    updatedAt: cellText(row, 'Updated At', 'updated_at'),
  };
}

export function parseOpenStackNetworkAgentList(text: string): ParseResult<OpenStackNetworkAgentList> {
  return parseOpenStackList(text, 'openstack network agent list', 'agents', networkAgentFromRow);
}

function networkAgentFromRow(row: OpenStackRow, problems: ParseProblem[]): OpenStackNetworkAgent | null {
  const id = requiredText(row, problems, 'ID', 'ID');
  const host = id === null ? null : requiredText(row, problems, 'host', 'Host');
  if (id === null || host === null) return null;
  return {
    id,
    agentType: cellText(row, 'Agent Type', 'agent_type'),
    host,
    availabilityZone: cellText(row, 'Availability Zone', 'availability_zone'),
    alive: cellBoolean(row, 'Alive', 'is_alive'),
    adminStateUp: cellBoolean(row, 'State', 'admin_state_up', 'is_admin_state_up'),
    binary: cellText(row, 'Binary'),
  };
}
