// An instance's qvo port on br-int whose VLAN tag differs from its network's: Neutron's OVS agent
// gives every port of a network the network's local VLAN on that switch, so the qvo must carry the
// tag of the network's DHCP tap and router qr- port. Tags are local to a switch: where the DHCP and
// router ports are on another node's br-int (behind br-tun), the qvo is compared with the other
// ports of its network on its own switch instead. A qvo on the agent's dead VLAN drops everything.
import type { HealthFinding } from '../../contract/health';
import type { LabInventory } from '../../contract/inventory';
import type { OvsPort } from '../../contract/lab-model';
import { findingOf, type HealthCheck } from '../health-check';
import { labIndex, type LabIndex } from '../lab-index';
import { networkMap, type NetworkPorts } from '../network-ports';

/** The tag Neutron's agent gives a port it could not bind: OVS drops all its traffic. */
export const DEAD_VLAN_TAG = 4095;

interface Qvo {
  machineId: string;
  switchId: string;
  port: OvsPort;
  network: NetworkPorts | null;
  /** How its network was known, for the evidence. */
  how: string | null;
}

interface Analysis {
  qvos: Qvo[];
  /** qvo ports whose network could not be known (neither a Neutron port nor an instance address placed it). */
  unplaced: number;
}

const analyses = new WeakMap<LabInventory, Analysis>();

const tagText = (tag: number | null) => (tag === null ? 'no VLAN tag' : `VLAN tag ${tag}`);

/** Every qvo of every switch, with its network when the inventory tells it. */
function analyse(inventory: LabInventory): Analysis {
  const cached = analyses.get(inventory);
  if (cached) return cached;
  const index = labIndex(inventory);
  const networks = networkMap(inventory);
  const qvos: Qvo[] = [];
  let unplaced = 0;
  // Machines that show one switch show the same qvos: each is judged once, on the machine whose
  // instance plugs into it (else the first that shows it).
  const judged = new Set<string>();
  const machineIds = index.machinesReading('ovs-vsctl');
  const owners = new Map<string, string>();
  for (const machineId of machineIds) {
    for (const container of index.containersOn(machineId)) for (const nic of container.nics) if (nic.ovsPort) owners.set(`${index.ovsSwitch(machineId)}|${nic.ovsPort}`, machineId);
  }
  for (const shownOn of machineIds) {
    const switchId = index.ovsSwitch(shownOn)!;
    for (const [name] of index.ovsPorts(shownOn)!) {
      const key = `${switchId}|${name}`;
      if (!name.startsWith('qvo') || judged.has(key)) continue;
      judged.add(key);
      const machineId = owners.get(key) ?? shownOn;
      const port = (index.ovsPorts(machineId)?.get(name) ?? index.ovsPorts(shownOn)!.get(name)!).port;
      const portId = index.ovsRecords(machineId)?.get(name)?.externalIds['iface-id'] ?? index.ovsRecords(shownOn)?.get(name)?.externalIds['iface-id'] ?? port.externalIds?.['iface-id'] ?? null;
      let network = portId ? networks.networkOfPort(portId) : null;
      let how = network && portId ? `Neutron port ${portId} is on network ${network.name ?? network.networkId}` : null;
      if (!network) {
        const placed = instanceAddresses(index, machineId)(name)
          .map((entry) => ({ ...entry, found: networks.networkOfAddress(entry.address) }))
          .find((entry) => entry.found !== null);
        if (placed) {
          network = placed.found!.network;
          how = `${placed.container}'s address ${placed.address} is in ${placed.found!.cidr}, network ${network.name ?? network.networkId}`;
        }
      }
      if (!network && port.tag !== DEAD_VLAN_TAG) unplaced += 1;
      qvos.push({ machineId, switchId, port, network, how });
    }
  }
  const analysis = { qvos, unplaced };
  analyses.set(inventory, analysis);
  return analysis;
}

const addressesByMachine = new WeakMap<LabIndex, Map<string, Map<string, { container: string; address: string }[]>>>();

/** The fixed addresses of the container whose nic plugs into a qvo, by the qvo's name (indexed once per machine). */
function instanceAddresses(index: LabIndex, machineId: string): (qvo: string) => { container: string; address: string }[] {
  let machines = addressesByMachine.get(index);
  if (!machines) addressesByMachine.set(index, (machines = new Map()));
  let byQvo = machines.get(machineId) ?? null;
  return (qvo) => {
    if (!byQvo) {
      byQvo = new Map();
      machines.set(machineId, byQvo);
      const instances = new Map((index.read(machineId, 'lxc-list')?.instances ?? []).map((instance) => [instance.name, instance]));
      for (const container of index.containersOn(machineId)) {
        const addresses = instances.get(container.container)?.ipv4 ?? [];
        for (const nic of container.nics) {
          const name = nic.ovsPort ?? (nic.bridge?.startsWith('qbr') ? `qvo${nic.bridge.slice(3)}` : null);
          if (name) byQvo.set(name, addresses.map((entry) => ({ container: container.container, address: entry.address })));
        }
      }
    }
    return byQvo.get(qvo) ?? [];
  };
}

export const QVO_VLAN_TAG: HealthCheck = {
  id: 'qvo-vlan-tag',
  title: "each instance's qvo carries its network's VLAN tag",
  severity: 'error',
  needs: ['ovs-vsctl'],
  run(inventory) {
    const index = labIndex(inventory);
    const networks = networkMap(inventory);
    const { qvos } = analyse(inventory);
    const findings: HealthFinding[] = [];
    const command = (qvo: Qvo) => `sudo ovs-vsctl get Port ${qvo.port.name} tag`;
    const object = (qvo: Qvo) => ({ kind: 'ovs-port' as const, name: qvo.port.name, machineId: qvo.machineId });
    const machinesOfSwitch = new Map<string, string[]>();
    for (const machineId of index.machinesReading('ovs-vsctl')) {
      const switchId = index.ovsSwitch(machineId)!;
      machinesOfSwitch.set(switchId, [...(machinesOfSwitch.get(switchId) ?? []), machineId]);
    }
    /** The network's DHCP and router ports on one switch, with their tags (once per switch and network). */
    const referenceCache = new Map<string, { role: 'DHCP' | 'router'; name: string; tag: number | null; machineId: string }[]>();
    const referencesOn = (network: NetworkPorts, switchId: string) => {
      const key = `${switchId}|${network.networkId}`;
      const cached = referenceCache.get(key);
      if (cached) return cached;
      const found: { role: 'DHCP' | 'router'; name: string; tag: number | null; machineId: string }[] = [];
      for (const [role, names] of [['DHCP', network.dhcp], ['router', network.router]] as const) {
        for (const name of names) {
          const machineId = machinesOfSwitch.get(switchId)!.find((candidate) => index.ovsPorts(candidate)!.has(name));
          if (machineId) found.push({ role, name, tag: index.ovsPorts(machineId)!.get(name)!.port.tag, machineId });
        }
      }
      referenceCache.set(key, found);
      return found;
    };

    // Per switch and network, the tags of its qvos: the reference when the DHCP and router ports are elsewhere.
    const siblings = new Map<string, Map<number | null, number>>();
    for (const qvo of qvos) {
      if (!qvo.network) continue;
      const key = `${qvo.switchId}|${qvo.network.networkId}`;
      const counts = siblings.get(key) ?? new Map<number | null, number>();
      counts.set(qvo.port.tag, (counts.get(qvo.port.tag) ?? 0) + 1);
      siblings.set(key, counts);
    }

    for (const qvo of qvos) {
      const where = `${qvo.port.name} on ${index.machineName(qvo.machineId)}`;
      if (qvo.port.tag === DEAD_VLAN_TAG) {
        findings.push(
          findingOf(this, object(qvo), `${where} is on Neutron's dead VLAN ${DEAD_VLAN_TAG}: the OVS agent could not bind its port and drops all its traffic; check neutron-openvswitch-agent's log on ${index.machineName(qvo.machineId)} and the port's binding (\`openstack port show\`).`, [`${qvo.port.name} tag: ${DEAD_VLAN_TAG}`], command(qvo)),
        );
        continue;
      }
      if (!qvo.network) continue;
      const network = qvo.network;
      const label = network.name ?? network.networkId;
      const references = referencesOn(network, qvo.switchId);
      if (references.length > 0) {
        const tags = [...new Set(references.map((reference) => reference.tag))];
        if (tags.length === 1 && tags[0] === qvo.port.tag) continue;
        const roles = [...new Set(references.map((reference) => reference.role))].join(' and ');
        const theirs = tags.length === 1 ? `use ${tagText(tags[0]!)}` : `disagree among themselves (${references.map((reference) => `${reference.name} ${tagText(reference.tag)}`).join(', ')})`;
        const unreachable = roles === 'DHCP' ? 'its DHCP server' : roles === 'router' ? 'its gateway' : 'its gateway or its DHCP server';
        findings.push(
          findingOf(
            this,
            object(qvo),
            `${where} has ${tagText(qvo.port.tag)}; its network ${label}'s ${roles} ports ${theirs}: the instance cannot reach ${unreachable}${tags.length === 1 && tags[0] !== null ? `; set it back with \`sudo ovs-vsctl set Port ${qvo.port.name} tag=${tags[0]}\` (or restart neutron-openvswitch-agent)` : ''}.`,
            [`${qvo.port.name} tag: ${qvo.port.tag ?? 'none'} (ovs-vsctl show on ${index.machineName(qvo.machineId)})`, ...references.map((reference) => `${reference.name}${networks.namespaceOf(reference.name) ? ` (${networks.namespaceOf(reference.name)})` : ''} tag: ${reference.tag ?? 'none'}`), ...(qvo.how ? [qvo.how] : [])],
            command(qvo),
          ),
        );
        continue;
      }
      // The DHCP and router ports are on another switch: the network's other qvos here are the reference.
      const counts = [...(siblings.get(`${qvo.switchId}|${network.networkId}`) ?? new Map<number | null, number>()).entries()].sort((a, b) => b[1] - a[1]);
      const [common, count] = counts[0] ?? [null, 0];
      const runnerUp = counts[1]?.[1] ?? 0;
      // Only a clear majority says which tag is wrong: two ports that disagree one to one name no culprit.
      if (qvo.port.tag === common || count <= runnerUp || count < 2) continue;
      findings.push(
        findingOf(
          this,
          object(qvo),
          `${where} has ${tagText(qvo.port.tag)}, while ${count} other ports of its network ${label} on the same switch use ${tagText(common)}: the instance is cut off from its network; set it back with \`sudo ovs-vsctl set Port ${qvo.port.name} tag=${common}\` (or restart neutron-openvswitch-agent).`,
          [`${qvo.port.name} tag: ${qvo.port.tag ?? 'none'}`, `${count} qvo ports of ${label} on this switch: tag ${common}`, `the network's DHCP and router ports are on another switch (tags are local to a switch)`, ...(qvo.how ? [qvo.how] : [])],
          command(qvo),
        ),
      );
    }
    return findings;
  },
  note(inventory) {
    const notes: string[] = [];
    const { unplaced } = analyse(inventory);
    if (!networkMap(inventory).openstackPortsRead) {
      const why = inventory.links.openstack?.unavailable?.message;
      notes.push(`OpenStack's ports were not read${why ? ` (${why})` : ''}: each qvo's network was worked out from its instance's address and the subnets of the qdhcp namespaces`);
    }
    if (unplaced > 0) notes.push(`${unplaced} qvo port${unplaced === 1 ? '' : 's'} could not be placed on a network and ${unplaced === 1 ? 'was' : 'were'} not compared`);
    return notes.join('; ') || null;
  },
};
