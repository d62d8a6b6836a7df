// `openstack hypervisor list --long` (-f json or the table), `openstack hypervisor show -f json`
// (one or a list of them) and the older `nova hypervisor-list`: each compute node Nova knows, with
// its hypervisor type ("lxd" under nova-lxd, "QEMU" under libvirt) and, when listed, its use.
import type { OpenStackHypervisor, OpenStackHypervisorList } from '../../contract/openstack-model';
import type { ParseProblem, ParseResult } from './parse-result';
import { cellInteger, cellText, parseOpenStackList, requiredText, type OpenStackRow } from './openstack-output';

export function parseOpenStackHypervisorList(text: string): ParseResult<OpenStackHypervisorList> {
  return parseOpenStackList(text, 'openstack hypervisor list', 'hypervisors', hypervisorFromRow);
}

function hypervisorFromRow(row: OpenStackRow, problems: ParseProblem[]): OpenStackHypervisor | null {
  const hostname = requiredText(row, problems, 'hypervisor hostname', 'Hypervisor Hostname');
  if (hostname === null) return null;
  return {
    id: cellText(row, 'ID'),
    hostname,
    type: cellText(row, 'Hypervisor Type'),
    hostIp: cellText(row, 'Host IP'),
    state: cellText(row, 'State'),
    status: cellText(row, 'Status'),
    vcpus: cellInteger(row, problems, 'vCPUs', 'vCPUs'),
    vcpusUsed: cellInteger(row, problems, 'vCPUs used', 'vCPUs Used'),
    memoryMb: cellInteger(row, problems, 'memory MB', 'Memory MB'),
    memoryMbUsed: cellInteger(row, problems, 'memory MB used', 'Memory MB Used'),
    runningVms: cellInteger(row, problems, 'running VMs', 'Running VMs'),
  };
}
