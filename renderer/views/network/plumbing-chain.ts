// An instance's network plumbing as nova's hybrid VIF plugging builds it (walkthrough step 7):
// container eth0 → tap<port> (host side) → qbr<port> (Linux bridge) → qvb<port> ↔ qvo<port> (veth
// pair) → br-int (OVS, with external-ids iface-id, attached-mac, vm-uuid). Each hop is derived
// from what a probe saw: the bridge's members and the veth peer from `ip -d -j link`, the OVS port
// from the MAC in its external-ids and from `ovs-vsctl show`. A name is only inferred from the
// naming convention when the probes lack it, and then the hop says "by name".
import type { ContainerLink, LabInventory, NicLink } from '../../../electron/contract/inventory';
import type { IpInterface, IpLinks, OvsBridge, OvsPort, OvsRecord } from '../../../electron/contract/lab-model';
import { PATH_HOP_ROLES } from '../../../electron/contract/troubleshoot';
import { machineLabel, probeSource, readProbe, type ProbeReading } from './probe-reading';

export type HopKind = 'container' | 'tap' | 'qbr' | 'qvb' | 'qvo' | 'br-int';

/** seen: a probe showed it; by-name: only Neutron's naming convention says so; not-seen: no probe showed it. */
export type Evidence = 'seen' | 'by-name' | 'not-seen';

export interface HopDetail {
  label: string;
  value: string;
}

export interface PlumbingHop {
  kind: HopKind;
  /** What the hop is, in words ("Linux bridge"). */
  role: string;
  /** The probe that shows this hop (or would have). */
  probe: string;
  name: string | null;
  evidence: Evidence;
  /** How it was found, or, when not seen, which probe would show it and why it did not. */
  how: string;
  mac: string | null;
  details: HopDetail[];
}

export interface PlumbingLink {
  /** "port of", "veth pair", "OVS port"… */
  relation: string;
  /** The probe that shows this link (or would have). */
  probe: string;
  evidence: Evidence;
  how: string;
}

export interface OvsExternalIds {
  ifaceId: string | null;
  attachedMac: string | null;
  vmUuid: string | null;
}

export interface NicPlumbing {
  device: string;
  mac: string | null;
  /** Plugged by Nova/Neutron (a qbr bridge or an OVS port); Juju's containers sit on br-maas instead. */
  neutron: boolean;
  /** Six hops, always in the same order; `links[i]` joins `hops[i]` and `hops[i + 1]`. */
  hops: PlumbingHop[];
  links: PlumbingLink[];
  externalIds: OvsExternalIds | null;
  /** Neutron's local VLAN for the port's network (the qvo port's tag in `ovs-vsctl show`). */
  vlanTag: number | null;
  /** Where the probes disagree (a veth peer that is not the OVS port carrying the MAC…). */
  conflicts: string[];
}

export interface ContainerPlumbing {
  container: string;
  machineId: string;
  machine: string;
  state: string | null;
  nics: NicPlumbing[];
}

export const HOP_ROLES: Pick<typeof PATH_HOP_ROLES, HopKind> = PATH_HOP_ROLES;

/** Which probe shows each hop: the profile, `ip -d -j link`, the OVS Interface table, `ovs-vsctl show`. */
export const HOP_PROBES: Record<HopKind, string> = { container: 'lxc-profiles', tap: 'links', qbr: 'links', qvb: 'links', qvo: 'ovs-interfaces', 'br-int': 'ovs-vsctl' };
/** …and each link between consecutive hops. */
const LINK_PROBES = ['lxc-profiles', 'links', 'links', 'links', 'ovs-vsctl'];

/** A nic belongs on this view when Neutron plumbed it: it plugs into a qbr or has an OVS port. */
export const isNeutronNic = (nic: NicLink) => nic.ovsPort !== null || (nic.bridge?.startsWith('qbr') ?? false);

/** The containers that have nics, Nova's instances (Neutron nics) first, each group by name. */
export function plumbedContainers(inventory: LabInventory | null): ContainerLink[] {
  return (inventory?.links.containers ?? [])
    .filter((container) => container.nics.length > 0)
    .sort((a, b) => Number(b.nics.some(isNeutronNic)) - Number(a.nics.some(isNeutronNic)) || a.container.localeCompare(b.container) || a.machineId.localeCompare(b.machineId));
}

interface MachineProbes {
  where: string;
  links: ProbeReading<IpLinks>;
  ovsShow: ProbeReading<{ bridges: OvsBridge[] }>;
  ovsRecords: ProbeReading<{ records: OvsRecord[] }>;
}

export function containerPlumbing(inventory: LabInventory, machineId: string, container: string): ContainerPlumbing | null {
  const link = inventory.links.containers.find((candidate) => candidate.machineId === machineId && candidate.container === container);
  if (!link) return null;
  const machine = machineLabel(inventory.machines.find((candidate) => candidate.id === machineId), machineId);
  const probes: MachineProbes = {
    where: machine,
    links: readProbe(inventory, machineId, 'links'),
    ovsShow: readProbe(inventory, machineId, 'ovs-vsctl'),
    ovsRecords: readProbe(inventory, machineId, 'ovs-interfaces'),
  };
  return { container, machineId, machine, state: link.state, nics: link.nics.map((nic) => nicPlumbing(link, nic, probes)) };
}

interface Found {
  evidence: Evidence;
  how: string;
}
const seen = (how: string): Found => ({ evidence: 'seen', how });
const byName = (how: string): Found => ({ evidence: 'by-name', how: `by name: ${how}` });
const notSeen = (how: string): Found => ({ evidence: 'not-seen', how: `not seen: ${how}` });

/** Why a probe shows nothing: its own failure message, or that the link is absent from its output. */
function absentFrom(reading: ProbeReading<unknown>, probeId: string, where: string, what: string): string {
  return reading.state === 'ok' ? `${probeSource(reading, probeId, where)} shows no ${what}` : reading.message;
}

function nicPlumbing(container: ContainerLink, nic: NicLink, probes: MachineProbes): NicPlumbing {
  const { where } = probes;
  const interfaces = probes.links.state === 'ok' ? probes.links.value.interfaces : [];
  const byIfName = new Map(interfaces.map((iface) => [iface.name, iface]));
  const ovsBridges = probes.ovsShow.state === 'ok' ? probes.ovsShow.value.bridges : [];
  const ovsRecords = probes.ovsRecords.state === 'ok' ? probes.ovsRecords.value.records : [];
  const conflicts: string[] = [];
  const linksSource = probeSource(probes.links, 'links', where);

  // qbr: the LXD nic's parent, confirmed as a bridge by `ip -d link`.
  const qbrName = nic.bridge;
  const qbrLink = qbrName ? byIfName.get(qbrName) : undefined;
  const qbrMembers = qbrName ? interfaces.filter((iface) => iface.master === qbrName) : [];

  // tap: the profile's host_name; without it, the bridge member that is not the veth towards OVS.
  let tapName = nic.tap;
  let tapFound = tapName ? seen(`LXD profile, host_name of nic ${nic.device}`) : notSeen(`the LXD profile gives nic ${nic.device} no host_name`);
  const ovsSide = (iface: IpInterface) => iface.link !== null && (iface.link === nic.ovsPort || ovsPortOf(ovsBridges, iface.link) !== null);
  if (!tapName) {
    const candidate = qbrMembers.find((iface) => !ovsSide(iface) && iface.name.startsWith('tap'));
    if (candidate) {
      tapName = candidate.name;
      tapFound = seen(`port of ${qbrName} in ${linksSource}`);
    }
  }
  const tapLink = tapName ? byIfName.get(tapName) : undefined;

  // qvb: the bridge's other veth member (preferably the one whose peer OVS knows); else by name.
  const qvbCandidates = qbrMembers.filter((iface) => iface.name !== tapName && (iface.kind === 'veth' || iface.kind === null));
  let qvbLink = qvbCandidates.find(ovsSide) ?? (qvbCandidates.length === 1 ? qvbCandidates[0] : undefined);
  let qvbName: string | null = qvbLink?.name ?? null;
  let qvbFound = qvbLink ? seen(`veth port of ${qbrName} in ${linksSource}`) : notSeen(absentFrom(probes.links, 'links', where, `veth port of ${qbrName ?? 'the bridge'} besides the tap`));

  // qvo: the veth peer of qvb; else the OVS port whose external-ids carry the nic's MAC.
  const peerOfQvb = qvbLink?.link ?? interfaces.find((iface) => qvbName !== null && iface.link === qvbName)?.name ?? null;
  let qvoName: string | null = peerOfQvb;
  let qvoFound = peerOfQvb ? seen(`veth peer of ${qvbName} in ${linksSource}`) : notSeen(absentFrom(probes.links, 'links', where, `veth peer for ${qvbName ?? 'the bridge’s veth'}`));
  if (nic.ovsPort && peerOfQvb && nic.ovsPort !== peerOfQvb) {
    conflicts.push(`${qvbName}’s veth peer is ${peerOfQvb}, but the OVS port whose attached-mac is ${nic.mac} is ${nic.ovsPort}.`);
  }
  if (!qvoName && nic.ovsPort) {
    qvoName = nic.ovsPort;
    qvoFound = seen(`OVS interface whose external-ids attached-mac is ${nic.mac} (${probeSource(probes.ovsRecords, 'ovs-interfaces', where)})`);
  }
  if (!qvbName && qvoName) {
    const peer = byIfName.get(qvoName)?.link ?? null;
    if (peer) {
      qvbName = peer;
      qvbLink = byIfName.get(peer);
      qvbFound = seen(`veth peer of ${qvoName} in ${linksSource}`);
    } else if (qvoName.startsWith('qvo')) {
      qvbName = `qvb${qvoName.slice(3)}`;
      qvbFound = byName(`${qvoName} → ${qvbName}; ${absentFrom(probes.links, 'links', where, `veth peer for ${qvoName}`)}`);
    }
  }
  if (!qvoName && qvbName?.startsWith('qvb')) {
    qvoName = `qvo${qvbName.slice(3)}`;
    qvoFound = byName(`${qvbName} → ${qvoName}; ${absentFrom(probes.ovsRecords, 'ovs-interfaces', where, `interface with attached-mac ${nic.mac}`)}`);
  }
  const qvoLink = qvoName ? byIfName.get(qvoName) : undefined;

  // br-int: the OVS bridge that has qvo as a port, with the port's VLAN tag.
  const ovsPort = qvoName ? ovsPortOf(ovsBridges, qvoName) : null;
  const record = qvoName ? ovsRecords.find((candidate) => candidate.name === qvoName) : undefined;
  const ids = record?.externalIds ?? ovsPort?.port.externalIds ?? null;
  const externalIds: OvsExternalIds | null = ids
    ? { ifaceId: ids['iface-id'] ?? null, attachedMac: ids['attached-mac'] ?? null, vmUuid: ids['vm-uuid'] ?? null }
    : nic.neutronPortId || nic.vmUuid
      ? { ifaceId: nic.neutronPortId, attachedMac: nic.mac, vmUuid: nic.vmUuid }
      : null;
  const vlanTag = ovsPort?.port.tag ?? null;
  const ovsSource = probeSource(probes.ovsShow, 'ovs-vsctl', where);
  const bridgeFound = ovsPort ? seen(`${qvoName} is a port of ${ovsPort.bridge.name} in ${ovsSource}`) : notSeen(absentFrom(probes.ovsShow, 'ovs-vsctl', where, `bridge with port ${qvoName ?? 'qvo…'}`));

  const mac = (iface: IpInterface | undefined) => iface?.mac ?? null;
  const linkState = (iface: IpInterface | undefined): HopDetail[] => (iface ? [{ label: 'state', value: `${iface.state ?? '?'}${iface.mtu ? `, MTU ${iface.mtu}` : ''}` }] : []);
  const hop = (kind: HopKind, name: string | null, found: Found, macAddress: string | null, details: HopDetail[]): PlumbingHop => ({
    kind,
    role: HOP_ROLES[kind],
    probe: HOP_PROBES[kind],
    name,
    ...found,
    mac: macAddress,
    details,
  });

  const tapSeenOnHost = tapLink ? tapFound : tapName ? notSeen(absentFrom(probes.links, 'links', where, tapName)) : tapFound;
  const qbrFound = qbrLink || probes.links.state === 'ok' && probes.links.value.bridges.some((bridge) => bridge.name === qbrName)
    ? seen(`LXD profile, parent of nic ${nic.device}; a bridge in ${linksSource}`)
    : qbrName
      ? notSeen(absentFrom(probes.links, 'links', where, `bridge ${qbrName}`))
      : notSeen(`the LXD profile gives nic ${nic.device} no parent bridge`);

  const hops: PlumbingHop[] = [
    hop('container', container.container, seen(`LXD profile of ${container.container}, nic ${nic.device}`), nic.mac, [{ label: 'nic', value: nic.device }, ...(container.state ? [{ label: 'state', value: container.state }] : [])]),
    hop('tap', tapName, tapSeenOnHost, mac(tapLink), linkState(tapLink)),
    hop('qbr', qbrName, qbrFound, mac(qbrLink), qbrMembers.length > 0 ? [{ label: 'ports', value: qbrMembers.map((iface) => iface.name).join(', ') }] : []),
    hop('qvb', qvbName, qvbFound, mac(qvbLink), linkState(qvbLink)),
    hop('qvo', qvoName, qvoFound, mac(qvoLink), [
      ...(externalIds?.ifaceId ? [{ label: 'iface-id', value: externalIds.ifaceId }] : []),
      ...(externalIds?.attachedMac ? [{ label: 'attached-mac', value: externalIds.attachedMac }] : []),
      ...(externalIds?.vmUuid ? [{ label: 'vm-uuid', value: externalIds.vmUuid }] : []),
    ]),
    hop('br-int', ovsPort?.bridge.name ?? null, bridgeFound, null, [
      ...(vlanTag !== null ? [{ label: 'VLAN tag', value: String(vlanTag) }] : []),
      ...(ovsPort?.bridge.datapathType ? [{ label: 'datapath', value: ovsPort.bridge.datapathType }] : []),
    ]),
  ];

  const links: PlumbingLink[] = ([
    { relation: 'veth (LXD nic)', ...(tapName ? seen('the profile names the host side') : notSeen('the profile names no host side')) },
    tapLink && qbrName && tapLink.master === qbrName ? { relation: 'port of', ...seen(`${tapName}’s master is ${qbrName}`) } : { relation: 'port of', ...notSeen(absentFrom(probes.links, 'links', where, `${tapName ?? 'tap'} with master ${qbrName ?? 'qbr'}`)) },
    qvbLink && qbrName && qvbLink.master === qbrName ? { relation: 'port of', ...seen(`${qvbName}’s master is ${qbrName}`) } : { relation: 'port of', ...notSeen(absentFrom(probes.links, 'links', where, `${qvbName ?? 'qvb'} with master ${qbrName ?? 'qbr'}`)) },
    peerOfQvb || (qvbLink?.link && qvbLink.link === qvoName)
      ? { relation: 'veth pair', ...seen(`${qvbName} ↔ ${qvoName} are veth peers`) }
      : qvbName && qvoName && (qvbFound.evidence === 'by-name' || qvoFound.evidence === 'by-name')
        ? { relation: 'veth pair', ...byName(`${qvbName} ↔ ${qvoName}`) }
        : { relation: 'veth pair', ...notSeen(absentFrom(probes.links, 'links', where, `veth pair for ${qvbName ?? qvoName ?? 'the bridge'}`)) },
    { relation: vlanTag !== null ? `OVS port, tag ${vlanTag}` : 'OVS port', ...(ovsPort ? seen(bridgeFound.how) : notSeen(absentFrom(probes.ovsShow, 'ovs-vsctl', where, `port ${qvoName ?? 'qvo…'}`))) },
  ] satisfies Omit<PlumbingLink, 'probe'>[]).map((link, index) => ({ ...link, probe: LINK_PROBES[index]! }));

  return { device: nic.device, mac: nic.mac, neutron: isNeutronNic(nic), hops, links, externalIds, vlanTag, conflicts };
}

function ovsPortOf(bridges: OvsBridge[], portName: string): { bridge: OvsBridge; port: OvsPort } | null {
  for (const bridge of bridges) {
    const port = bridge.ports.find((candidate) => candidate.name === portName || candidate.interfaces.some((iface) => iface.name === portName));
    if (port) return { bridge, port };
  }
  return null;
}
