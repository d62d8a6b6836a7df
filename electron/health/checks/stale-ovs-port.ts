// An OVS port Nova plugged for an instance (external-ids vm-uuid) that no container's nic is: stale
// plumbing, left by a server deleted or a spawn that failed half-way. It holds a VLAN tag and an
// ofport, and confuses whoever follows the chain. Machines that show the same switch (one OVS
// database) are judged together: a port there may belong to a container on any of them.
import type { HealthFinding } from '../../contract/health';
import { probeValue } from '../../contract/probe-models';
import { CONTROLLER_MACHINE_ID } from '../../contract/inventory';
import { findingOf, type HealthCheck } from '../health-check';
import { labIndex, type LabIndex } from '../lab-index';

/** Nova servers still being built may have their port before their container. */
const BEING_BUILT = /^BUILD$/i;

/** Machines grouped by the switch their `ovs-vsctl show` names (one OVS database), in machine order. */
function machinesBySwitch(index: LabIndex, machineIds: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const machineId of machineIds) {
    const key = index.ovsSwitch(machineId) ?? `machine ${machineId}`;
    groups.set(key, [...(groups.get(key) ?? []), machineId]);
  }
  return groups;
}

export const STALE_OVS_PORT: HealthCheck = {
  id: 'stale-ovs-port',
  title: 'no OVS port is left from a gone instance',
  severity: 'warning',
  needs: ['ovs-interfaces', 'lxc-list', 'lxc-profiles'],
  run(inventory) {
    const index = labIndex(inventory);
    const servers = probeValue(index.outcome(CONTROLLER_MACHINE_ID, 'openstack-servers'), 'openstack-servers')?.servers ?? null;
    // Nova puts the server's id in vm-uuid; a port named by the instance's name is looked up that way too.
    const serverById = new Map((servers ?? []).flatMap((server) => [[server.id, server] as const, ...(server.instanceName ? [[server.instanceName, server] as const] : [])]));
    const findings: HealthFinding[] = [];
    for (const machineIds of machinesBySwitch(index, index.machinesReading('ovs-interfaces')).values()) {
      // A machine of this switch whose containers were not read could own any port: judge nothing.
      if (machineIds.some((machineId) => !index.read(machineId, 'lxc-list') || !index.read(machineId, 'lxc-profiles'))) continue;
      const owned = new Set(machineIds.flatMap((machineId) => index.containersOn(machineId).flatMap((container) => container.nics.flatMap((nic) => (nic.ovsPort ? [nic.ovsPort] : [])))));
      const seen = new Set<string>();
      for (const machineId of machineIds) {
        for (const record of index.ovsRecords(machineId)?.values() ?? []) {
          const vmUuid = record.externalIds['vm-uuid'];
          if (!record.name || !vmUuid || owned.has(record.name) || seen.has(record.name)) continue;
          seen.add(record.name);
          const server = serverById.get(vmUuid);
          if (server && BEING_BUILT.test(server.status ?? '')) continue;
          const nova = servers === null ? 'OpenStack was not read to ask Nova about it' : server ? `Nova still lists server ${server.name} (${server.status ?? 'no status'}) with that id` : 'Nova lists no server with that id';
          const mac = record.externalIds['attached-mac'];
          findings.push(
            findingOf(
              this,
              { kind: 'ovs-port', name: record.name, machineId },
              `OVS port ${record.name} on ${index.machineName(machineId)} was plugged for vm-uuid ${vmUuid}${mac ? ` (MAC ${mac})` : ''}, but no container has that nic: stale plumbing of a deleted or failed instance (${nova}); once Nova confirms the server is gone, remove it with \`sudo ovs-vsctl del-port ${record.name}\`.`,
              [`${record.name} external-ids: ${Object.entries(record.externalIds).map(([key, value]) => `${key}=${value}`).join(', ')}`, `no container's nic on ${machineIds.map((id) => `machine ${id}`).join(', ')} has ${mac ? `MAC ${mac}` : 'this port'}`],
              `sudo ovs-vsctl --columns=name,external_ids list Interface ${record.name}`,
            ),
          );
        }
      }
    }
    return findings;
  },
};
