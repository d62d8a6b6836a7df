// The OpenStack part of `orangebox-console inventory`: where the credentials came from, the
// hypervisors, how many servers (and how many are linked to their containers), the findings with
// their evidence commands, or why OpenStack could not be read and what to do.
import type { LabInventory } from '../contract/inventory';

export function summarizeOpenStack(inventory: LabInventory): string[] {
  const openstack = inventory.links.openstack;
  if (openstack === undefined || openstack === null) return ['OpenStack: not read (a snapshot taken before the console read OpenStack)'];
  if (openstack.unavailable) return [`OpenStack: unavailable (${openstack.unavailable.reason}): ${openstack.unavailable.message}`];
  const lines: string[] = [];
  const source = openstack.credentials;
  if (source) lines.push(`OpenStack (credentials ${source.path}${source.cloud ? `, cloud ${source.cloud}` : ''}, ${source.chosenBy === 'found' ? 'found on the controller' : "from the lab's settings"})`);
  for (const hypervisor of openstack.hypervisors) {
    const usage = hypervisor.vcpus !== null ? `, vCPUs ${hypervisor.vcpusUsed ?? '?'}/${hypervisor.vcpus}` : '';
    // `hypervisor list --long` prints no status or running count: said only when printed.
    const state = [hypervisor.state, hypervisor.status].filter((word) => word !== null).join('/') || '?';
    const running = hypervisor.runningVms !== null ? `, ${hypervisor.runningVms} running` : '';
    lines.push(`  hypervisor ${hypervisor.hostname} (${hypervisor.machineId ? `machine ${hypervisor.machineId}` : 'no Juju machine'}): ${hypervisor.type ?? '?'}, ${state}${usage}${running}`);
  }
  const linked = openstack.servers.filter((server) => server.container !== null).length;
  lines.push(`  ${openstack.servers.length} servers, ${linked} linked to their containers; ${openstack.networks.length} networks`);
  for (const server of openstack.servers) {
    const where = server.container ? `${server.container} on machine ${server.machineId ?? '?'} (${server.containerState ?? '?'})` : 'no container found';
    lines.push(`  server ${server.name.padEnd(20)} ${(server.status ?? '?').padEnd(7)} ${where}${server.floatingIps.length > 0 ? `  floating ${server.floatingIps.join(', ')}` : ''}`);
  }
  for (const finding of openstack.findings) lines.push(`  ${finding.severity.toUpperCase()}: ${finding.message}${finding.evidence ? `  (see: ${finding.evidence})` : ''}`);
  return lines;
}
