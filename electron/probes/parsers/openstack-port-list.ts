// `openstack port list --long` (-f json or the table), `port show` (one or a list) and the older
// `neutron port-list`. Fixed IPs come as JSON [{subnet_id, ip_address}], OSC's table lines
// "ip_address='10.0.0.3', subnet_id='…'", or neutron's JSON text a line each.
import type { OpenStackFixedIp, OpenStackPort, OpenStackPortList } from '../../contract/openstack-model';
import type { ParseProblem, ParseResult } from './parse-result';
import { asRecord } from './structured-input';
import { cell, cellText, keyedValues, parseOpenStackList, requiredText, valueList, valueLines, valueText, type OpenStackRow } from './openstack-output';

export function parseOpenStackPortList(text: string): ParseResult<OpenStackPortList> {
  return parseOpenStackList(text, 'openstack port list', 'ports', portFromRow);
}

function portFromRow(row: OpenStackRow, problems: ParseProblem[]): OpenStackPort | null {
  const id = requiredText(row, problems, 'ID', 'ID');
  if (id === null) return null;
  return {
    id,
    name: cellText(row, 'Name') ?? '',
    macAddress: cellText(row, 'MAC Address', 'mac_address'),
    fixedIps: fixedIpsOf(cell(row, 'Fixed IP Addresses', 'fixed_ips')),
    status: cellText(row, 'Status'),
    deviceOwner: cellText(row, 'Device Owner', 'device_owner'),
    deviceId: cellText(row, 'Device ID', 'device_id'),
    networkId: cellText(row, 'Network ID', 'network_id', 'Network'),
    securityGroups: valueList(cell(row, 'Security Groups', 'security_group_ids', 'security_groups')),
  };
}

/** Fixed IPs in any of the forms above; entries without an address are left out. */
export function fixedIpsOf(value: unknown): OpenStackFixedIp[] {
  if (Array.isArray(value)) {
    return value.flatMap((entry) => {
      const record = asRecord(entry);
      const ipAddress = valueText(record?.ip_address);
      return record && ipAddress !== null ? [{ subnetId: valueText(record.subnet_id), ipAddress }] : [];
    });
  }
  const text = valueLines(value);
  if (text === null) return [];
  return keyedValues(text, ['subnet_id', 'ip_address']).flatMap((entry) => {
    const ipAddress = valueText(entry.ip_address);
    return ipAddress === null ? [] : [{ subnetId: valueText(entry.subnet_id), ipAddress }];
  });
}
