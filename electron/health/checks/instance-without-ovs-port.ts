// A Nova instance container whose nic no OVS port carries: os-vif plugs a qvo port into br-int with
// the instance's MAC in external-ids (attached-mac); without it the instance has no network at all.
import type { HealthFinding } from '../../contract/health';
import { findingOf, type HealthCheck } from '../health-check';
import { isNovaInstance, isPluggedNic } from '../instance-chain';
import { labIndex } from '../lab-index';

export const INSTANCE_WITHOUT_OVS_PORT: HealthCheck = {
  id: 'instance-without-ovs-port',
  title: 'every Nova instance has its OVS port',
  severity: 'error',
  needs: ['lxc-list', 'lxc-profiles', 'ovs-interfaces'],
  run(inventory) {
    const index = labIndex(inventory);
    const findings: HealthFinding[] = [];
    for (const machineId of index.machinesReading('ovs-interfaces')) {
      for (const container of index.containersOn(machineId)) {
        if (!isNovaInstance(container)) continue;
        for (const nic of container.nics) {
          if (!isPluggedNic(nic) || nic.ovsPort !== null || nic.mac === null) continue;
          const expected = `qvo${nic.bridge!.slice(3)}`;
          const record = index.ovsRecords(machineId)?.get(expected);
          findings.push(
            findingOf(
              this,
              { kind: 'container', name: container.container, machineId },
              `${container.container} on ${index.machineName(machineId)} has no OVS port for its nic ${nic.device} (MAC ${nic.mac}): no interface on br-int carries that MAC, so the instance has no network; nova-compute did not plug it, or the port was deleted (a hard reboot of the server plugs it again).`,
              [
                `lxc profile ${container.profiles.join(', ')}: nic ${nic.device} hwaddr ${nic.mac}, parent ${nic.bridge}`,
                record ? `OVS interface ${expected} exists but its attached-mac is ${record.externalIds['attached-mac'] ?? 'not set'}` : `ovs-vsctl list Interface on ${index.machineName(machineId)}: no attached-mac ${nic.mac}, no ${expected}`,
              ],
              `sudo ovs-vsctl --columns=name,external_ids find Interface external_ids:attached-mac='"${nic.mac}"'`,
            ),
          );
        }
      }
    }
    return findings;
  },
};
