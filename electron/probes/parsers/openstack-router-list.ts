// `openstack router list --long` (-f json or the table), `openstack router show -f json` of one
// router or a list of them (its interfaces from interfaces_info), and the older `neutron
// router-list`, whose external_gateway_info is JSON text. The gateway is printed as a JSON object,
// as JSON text, or as OSC's `network_id='…', enable_snat='True', external_fixed_ips='[…]'`.
import type { OpenStackFixedIp, OpenStackRouter, OpenStackRouterList } from '../../contract/openstack-model';
import type { ParseProblem, ParseResult } from './parse-result';
import { asArray, asRecord } from './structured-input';
import { cell, cellBoolean, cellText, keyedValues, parseOpenStackList, requiredText, structuredCell, valueBoolean, valueLines, valueText, type OpenStackRow } from './openstack-output';
import { fixedIpsOf } from './openstack-port-list';

export function parseOpenStackRouterList(text: string): ParseResult<OpenStackRouterList> {
  return parseOpenStackList(text, 'openstack router list', 'routers', routerFromRow);
}

function routerFromRow(row: OpenStackRow, problems: ParseProblem[]): OpenStackRouter | null {
  const id = requiredText(row, problems, 'ID', 'ID');
  if (id === null) return null;
  return {
    id,
    name: cellText(row, 'Name') ?? '',
    status: cellText(row, 'Status'),
    state: adminState(cell(row, 'State', 'admin_state_up', 'is_admin_state_up')),
    project: cellText(row, 'Project', 'project_id', 'Tenant ID', 'tenant_id'),
    distributed: cellBoolean(row, 'Distributed', 'is_distributed'),
    ha: cellBoolean(row, 'HA', 'is_ha'),
    externalGateway: externalGateway(cell(row, 'External gateway info', 'external_gateway_info')),
    interfaces: routerInterfaces(cell(row, 'interfaces_info')),
  };
}

/** "UP" / "DOWN" as the tables print it; JSON's true / false said the same way. */
function adminState(value: unknown): string | null {
  const flag = typeof value === 'boolean' ? value : null;
  if (flag !== null) return flag ? 'UP' : 'DOWN';
  const text = valueText(value);
  if (text === 'True' || text === 'False') return text === 'True' ? 'UP' : 'DOWN';
  return text;
}

function externalGateway(raw: unknown): OpenStackRouter['externalGateway'] {
  const value = structuredCell(raw);
  const record = asRecord(value);
  if (record) {
    const networkId = valueText(record.network_id);
    const fixedIps = fixedIpsOf(record.external_fixed_ips);
    if (networkId === null && fixedIps.length === 0) return null;
    return { networkId, fixedIps, snat: valueBoolean(record.enable_snat) };
  }
  const text = valueLines(value);
  if (text === null || text === '{}') return null;
  const networkId = keyedValues(text, ['network_id'])[0]?.network_id ?? null;
  const snat = keyedValues(text, ['enable_snat'])[0]?.enable_snat;
  const fixedIps: OpenStackFixedIp[] = fixedIpsOf(text.slice(Math.max(0, text.indexOf('external_fixed_ips'))));
  if (networkId === null && fixedIps.length === 0) return null;
  return { networkId, fixedIps, snat: valueBoolean(snat) };
}

function routerInterfaces(raw: unknown): OpenStackRouter['interfaces'] {
  const value = structuredCell(raw);
  if (Array.isArray(value)) {
    return asArray(value).flatMap((entry) => {
      const record = asRecord(entry);
      return record ? [{ portId: valueText(record.port_id), subnetId: valueText(record.subnet_id), ipAddress: valueText(record.ip_address) }] : [];
    });
  }
  const text = valueLines(value);
  if (text === null) return [];
  return keyedValues(text, ['port_id', 'subnet_id', 'ip_address']).map((entry) => ({ portId: valueText(entry.port_id), subnetId: valueText(entry.subnet_id), ipAddress: valueText(entry.ip_address) }));
}
