// Should-be versus is for a port's VLAN tag on br-int: Neutron's OVS agent gives every port of a
// network the network's local VLAN on that switch, so an instance's qvo must carry the tag of its
// network's DHCP tap and router qr- port on the same switch. Tags are local to a switch: ports on
// another node's br-int (behind br-tun) are not compared, and the analysis says so.
import type { PathFinding } from '../contract/troubleshoot';
import type { LabView, NamespacePort, NetworkView, OvsPortView } from './lab-view';
import { commandOn } from './path-hop';

/** The tag Neutron's agent gives a port it could not bind ("dead VLAN"): it drops everything. */
export const DEAD_VLAN_TAG = 4095;

interface ReferencePort {
  role: 'DHCP' | 'router';
  name: string;
  tag: number | null;
}

export interface TagCheck {
  finding: PathFinding | null;
  /** The network's tag on this switch, as its DHCP/router ports show it; null when none is on it. */
  networkTag: number | null;
  /** Why no comparison could be made, when none was. */
  note: string | null;
}

/** The network's DHCP and router ports on the switch `switchId` (the port's own switch). */
function referencePorts(view: LabView, network: NetworkView, switchId: string): ReferencePort[] {
  const ports: ReferencePort[] = [];
  const add = (role: ReferencePort['role'], port: NamespacePort | null) => {
    if (!port) return;
    const ovs = view.ovsPort(port.machineId, port.iface.name);
    if (ovs && ovs.switchId === switchId) ports.push({ role, name: port.iface.name, tag: ovs.port.tag });
  };
  add('DHCP', network.dhcpPort);
  add('router', network.routerPort);
  return ports;
}

const tagText = (tag: number | null) => (tag === null ? 'no tag' : `tag ${tag}`);

/** Compares the port `portName` (a qvo, or a namespace port) with its network's DHCP and router ports. */
export function checkPortTag(view: LabView, machineId: string, portName: string, ovs: OvsPortView | null, network: NetworkView | null): TagCheck {
  if (!ovs) return { finding: null, networkTag: null, note: null };
  const machine = view.machineLabel(machineId);
  const command = commandOn('sudo -n ovs-vsctl show', machine);
  const tag = ovs.port.tag;
  if (tag === DEAD_VLAN_TAG) {
    return {
      networkTag: null,
      note: null,
      finding: {
        kind: 'vlan-tag',
        severity: 'fault',
        message: `${portName} is on Neutron's dead VLAN ${DEAD_VLAN_TAG}: the OVS agent could not bind its port and drops all its traffic. Check neutron-openvswitch-agent's log on ${machine}.`,
        should: 'the network’s tag',
        is: `tag ${DEAD_VLAN_TAG}`,
        evidence: [`${portName} tag: ${DEAD_VLAN_TAG}`],
        command,
      },
    };
  }
  if (!network) return { finding: null, networkTag: null, note: `No router or DHCP port shows the network of ${portName}: its tag ${tag ?? '(none)'} could not be compared.` };
  const references = referencePorts(view, network, ovs.switchId).filter((reference) => reference.name !== portName);
  if (references.length === 0) {
    return { finding: null, networkTag: null, note: `The DHCP and router ports of ${network.cidr} are not on ${portName}'s switch (another node's br-int, behind br-tun): tags are local to a switch and were not compared.` };
  }
  const expected = [...new Set(references.map((reference) => reference.tag))];
  const networkTag = expected.length === 1 ? expected[0]! : null;
  if (expected.includes(tag) && expected.length === 1) return { finding: null, networkTag, note: null };
  const roles = references.map((reference) => reference.role).join(' and ');
  const theirs = expected.length === 1 ? `use ${tagText(expected[0]!)}` : `disagree (${references.map((reference) => `${reference.name} ${tagText(reference.tag)}`).join(', ')})`;
  return {
    networkTag,
    note: null,
    finding: {
      kind: 'vlan-tag',
      severity: 'fault',
      message: `${portName} has ${tag === null ? 'no VLAN tag' : `VLAN tag ${tag}`}, the network's ${roles} ports ${theirs}.`,
      should: expected.length === 1 ? tagText(expected[0]!) : 'one tag for the whole network',
      is: tagText(tag),
      evidence: [`${portName} ${tagText(tag)}`, ...references.map((reference) => `${reference.name} (${reference.role}) ${tagText(reference.tag)}`)],
      command,
    },
  };
}
