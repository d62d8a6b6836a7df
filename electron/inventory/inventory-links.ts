// Links what belongs together across probes and machines: container ↔ its compute node ↔ its
// profiles ↔ each nic (qbr bridge, tap, MAC) ↔ the OVS port with that MAC ↔ Neutron's port id;
// and a Juju machine "22/lxd/0" ↔ its container ↔ the units in it. Pure: probe outcomes in,
// links out; whatever a probe did not see stays null. Nova's servers join their containers too.
import type { ContainerLink, InventoryLinks, NicLink, ProbeOutcome } from '../contract/inventory';
import type { OvsRecords } from '../contract/lab-model';
import { findProbe, probeValue, type ProbeKind, type ProbeModels } from '../contract/probe-models';
import type { OpenStackCredentialSetting } from '../contract/payloads';
import { containerKey, linkOpenStack } from '../openstack/openstack-links';

export function linkInventory(probes: ProbeOutcome[], openstackCredentials: OpenStackCredentialSetting | null = null): InventoryLinks {
  const read = <K extends ProbeKind>(machineId: string, kind: K): ProbeModels[K] | null => probeValue(findProbe(probes, machineId, kind), kind);
  const juju = probeValue(
    probes.find((outcome) => outcome.probeId === 'juju-status' && outcome.status !== 'failed'),
    'juju-status',
  );
  const jujuMachineOf = new Map((juju?.machines ?? []).filter((machine) => machine.instanceId).map((machine) => [machine.instanceId!, machine.id]));

  const containers: ContainerLink[] = [];
  const machineIds = [...new Set(probes.filter((outcome) => outcome.probeId === 'lxc-list').map((outcome) => outcome.machineId))];
  for (const machineId of machineIds) {
    const list = read(machineId, 'lxc-list');
    if (!list) continue;
    const profiles = new Map((read(machineId, 'lxc-profiles')?.profiles ?? []).map((profile) => [profile.name ?? '', profile]));
    const ovsByMac = new Map<string, OvsRecords['records'][number]>();
    for (const record of read(machineId, 'ovs-interfaces')?.records ?? []) {
      const mac = record.externalIds['attached-mac'];
      if (mac) ovsByMac.set(mac.toLowerCase(), record);
    }
    for (const instance of list.instances) {
      const nics: NicLink[] = [];
      for (const profileName of instance.profiles ?? []) {
        for (const [device, settings] of Object.entries(profiles.get(profileName)?.devices ?? {})) {
          if (settings.type !== 'nic') continue;
          const mac = settings.hwaddr?.toLowerCase() ?? null;
          const ovs = mac ? ovsByMac.get(mac) : undefined;
          nics.push({
            device,
            bridge: settings.parent ?? settings.network ?? null,
            tap: settings.host_name ?? null,
            mac,
            ovsPort: ovs?.name ?? null,
            neutronPortId: ovs?.externalIds['iface-id'] ?? null,
            vmUuid: ovs?.externalIds['vm-uuid'] ?? null,
          });
        }
      }
      const jujuMachineId = jujuMachineOf.get(instance.name) ?? null;
      containers.push({
        container: instance.name,
        machineId,
        state: instance.state,
        profiles: instance.profiles ?? [],
        nics,
        jujuMachineId,
        units: jujuMachineId ? (juju?.units ?? []).filter((unit) => unit.machine === jujuMachineId).map((unit) => unit.name) : [],
      });
    }
  }
  // OpenStack's view joined to these containers (openstack/openstack-links.ts); null when not looked at.
  // Left out when OpenStack was never looked at, as in snapshots taken before the console read it.
  const openstack = linkOpenStack(probes, openstackCredentials, containers);
  if (!openstack.links) return { containers };
  for (const container of containers) container.server = openstack.serverOfContainer.get(containerKey(container.machineId, container.container)) ?? null;
  return { containers, openstack: openstack.links };
}
