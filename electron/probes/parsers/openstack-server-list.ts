// `openstack server list --all-projects --long` (-f json or the table), `openstack server show
// -f json` (one, or a list of them) and the older `nova list` (also `--fields …`, `--all-tenants`):
// each server in one shape. The compute host and the LXD container's name come from
// OS-EXT-SRV-ATTR:host / :instance_name (`server show`, `nova list --fields`), or "Host" of the long
// list, which has no instance name: that stays null for the core to fill in from `server show`.
import type { OpenStackServer, OpenStackServerList, OpenStackServerNetwork } from '../../contract/openstack-model';
import type { ParseProblem, ParseResult } from './parse-result';
import { asRecord } from './structured-input';
import { cell, cellText, parseOpenStackList, requiredText, valueLines, valueText, withoutParenthesisedId, type OpenStackRow } from './openstack-output';

/** Nova's power_state codes (nova/compute/power_state.py), printed by name in the tables. */
const POWER_STATES: Record<number, string> = { 0: 'NOSTATE', 1: 'Running', 3: 'Paused', 4: 'Shutdown', 6: 'Crashed', 7: 'Suspended' };

export function parseOpenStackServerList(text: string): ParseResult<OpenStackServerList> {
  return parseOpenStackList(text, 'openstack server list', 'servers', serverFromRow);
}

function serverFromRow(row: OpenStackRow, problems: ParseProblem[]): OpenStackServer | null {
  const id = requiredText(row, problems, 'ID', 'ID');
  if (id === null) return null;
  // `server show` prints "cirros (6ff5…)" and "m1.tiny (1)"; the lists print the name alone.
  const isShow = cell(row, 'addresses') !== undefined;
  return {
    id,
    name: cellText(row, 'Name') ?? '',
    status: cellText(row, 'Status'),
    powerState: powerState(cell(row, 'Power State', 'OS-EXT-STS:power_state', 'power_state')),
    taskState: cellText(row, 'Task State', 'OS-EXT-STS:task_state', 'task_state'),
    host: cellText(row, 'OS-EXT-SRV-ATTR:host', 'Host', 'compute_host'),
    instanceName: cellText(row, 'OS-EXT-SRV-ATTR:instance_name', 'instance_name'),
    image: namedReference(cell(row, 'Image Name', 'Image'), isShow) ?? (isShow ? null : cellText(row, 'Image ID')),
    flavor: namedReference(cell(row, 'Flavor Name', 'Flavor'), isShow) ?? (isShow ? null : cellText(row, 'Flavor ID')),
    networks: serverNetworks(cell(row, 'Networks', 'addresses')),
    project: cellText(row, 'Project ID', 'Project', 'project_id', 'Tenant ID', 'tenant_id'),
    availabilityZone: cellText(row, 'Availability Zone', 'OS-EXT-AZ:availability_zone', 'availability_zone'),
  };
}

function powerState(value: unknown): string | null {
  if (typeof value === 'number') return POWER_STATES[value] ?? String(value);
  return valueText(value);
}

/** An image or flavor: its name as listed; from `server show`, the name before "(id)", or a dict's name. */
function namedReference(value: unknown, isShow: boolean): string | null {
  const record = asRecord(value);
  if (record) return valueText(record.name) ?? valueText(record.original_name) ?? valueText(record.id);
  const text = valueText(value);
  return isShow ? withoutParenthesisedId(text) : text;
}

/**
 * Networks as the releases print them: a dict `{"private": ["10.0.0.5", "172.24.4.10"]}` (OSC 5.5+
 * JSON; `server show` may list `{"addr": …}` objects), or text "private=10.0.0.5, 172.24.4.10;
 * public=…" (tables, nova, older OSC JSON). OSC's table sorts the addresses as text where its JSON
 * keeps Nova's order (fixed, then floating), so both are put in the table's order: one server reads
 * the same from either.
 */
export function serverNetworks(value: unknown): OpenStackServerNetwork[] {
  const networks = listedNetworks(value);
  for (const network of networks) network.addresses.sort(byText);
  return networks.sort((left, right) => byText(left.network, right.network));
}

function byText(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

function listedNetworks(value: unknown): OpenStackServerNetwork[] {
  const record = asRecord(value);
  if (record) {
    return Object.entries(record).map(([network, addresses]) => ({
      network,
      addresses: (Array.isArray(addresses) ? addresses : [addresses]).map((entry) => valueText(entry) ?? valueText(asRecord(entry)?.addr)).filter((address): address is string => address !== null),
    }));
  }
  const text = valueLines(value);
  if (text === null) return [];
  const networks: OpenStackServerNetwork[] = [];
  for (const part of text.split(/[;\n]/)) {
    const equals = part.indexOf('=');
    const addresses = (equals < 0 ? part : part.slice(equals + 1))
      .split(',')
      .map((address) => address.trim())
      .filter((address) => address !== '');
    // A part without "=" continues the network before it (a cell wrapped onto the next line).
    if (equals < 0 && networks.length > 0) networks[networks.length - 1]!.addresses.push(...addresses);
    else if (equals >= 0) networks.push({ network: part.slice(0, equals).trim(), addresses });
  }
  return networks;
}
