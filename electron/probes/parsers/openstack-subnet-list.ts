// `openstack subnet list --long` (-f json or the table), `subnet show` (one or a list) and the
// older `neutron subnet-list`, whose allocation pools are JSON text '{"start": …, "end": …}'.
import type { OpenStackSubnet, OpenStackSubnetList } from '../../contract/openstack-model';
import type { ParseProblem, ParseResult } from './parse-result';
import { asRecord } from './structured-input';
import { cell, cellBoolean, cellInteger, cellText, keyedValues, parseOpenStackList, requiredText, valueLines, valueText, type OpenStackRow } from './openstack-output';

export function parseOpenStackSubnetList(text: string): ParseResult<OpenStackSubnetList> {
  return parseOpenStackList(text, 'openstack subnet list', 'subnets', subnetFromRow);
}

function subnetFromRow(row: OpenStackRow, problems: ParseProblem[]): OpenStackSubnet | null {
  const id = requiredText(row, problems, 'ID', 'ID');
  if (id === null) return null;
  return {
    id,
    name: cellText(row, 'Name') ?? '',
    networkId: cellText(row, 'Network', 'network_id'),
    cidr: cellText(row, 'Subnet', 'cidr'),
    gatewayIp: cellText(row, 'Gateway', 'gateway_ip'),
    ipVersion: cellInteger(row, problems, 'IP version', 'IP Version', 'ip_version'),
    dhcp: cellBoolean(row, 'DHCP', 'enable_dhcp', 'is_dhcp_enabled'),
    allocationPools: allocationPools(cell(row, 'Allocation Pools', 'allocation_pools')),
  };
}

/** Pools as "start-end": from JSON [{start, end}], OSC's "10.0.0.2-10.0.0.254" lines, or neutron's JSON text. */
function allocationPools(value: unknown): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((pool) => {
      const record = asRecord(pool);
      if (record) return [`${valueText(record.start) ?? ''}-${valueText(record.end) ?? ''}`];
      const text = valueText(pool);
      return text === null ? [] : [text];
    });
  }
  const text = valueLines(value);
  if (text === null) return [];
  if (/start/.test(text)) return keyedValues(text, ['start', 'end']).map((pool) => `${pool.start ?? ''}-${pool.end ?? ''}`);
  return text
    .split(/[,\n]/)
    .map((pool) => pool.trim())
    .filter((pool) => pool !== '');
}
