// An instance's side of a path, as nova-lxd's hybrid plugging builds it: container eth0 → tap
// (host side) → qbr (Linux bridge) → qvb ↔ qvo (veth pair) → br-int, leaving the instance
// ("out") or, reversed, reaching it ("in"). Names come from the probes (the profile's host_name
// and parent, the bridge's members, the veth peer, the OVS port carrying the nic's MAC); Neutron's
// naming convention fills a gap only when they say nothing, and the hop then says "by name".
import type { PathFinding, PathHop } from '../contract/troubleshoot';
import type { ContainerView, LabView } from './lab-view';
import { commandOn, linkCounters, makeHop, missingHopFinding, towardsHost } from './path-hop';

export interface InstanceChain {
  /** container, tap, qbr, qvb, qvo (br-int is the bridge hop, built by the path). */
  hops: PathHop[];
  qvoName: string | null;
}

/** LXD's state for a container that runs. */
const RUNNING = 'RUNNING';

/** The instance's hops from its eth0 to its qvo, in the order a packet leaving it takes. */
export function instanceChain(view: LabView, instance: ContainerView, idPrefix: string): InstanceChain {
  const { link, nic } = instance;
  const machineId = link.machineId;
  const machine = view.machineLabel(machineId);
  const containerFindings: PathFinding[] = [];
  if (link.state !== null && link.state.toUpperCase() !== RUNNING) {
    containerFindings.push({
      kind: 'container-stopped',
      severity: 'fault',
      message: `${link.container} is ${link.state}: nothing in it can send or answer. Start it (lxc start ${link.container}).`,
      should: RUNNING,
      is: link.state,
      evidence: [`lxc list: ${link.container} ${link.state}`],
      command: commandOn(`lxc list ${link.container}`, machine),
    });
  }
  if (!instance.address && link.state?.toUpperCase() === RUNNING) {
    containerFindings.push({
      kind: 'no-address',
      severity: 'warning',
      message: `${link.container} has no IPv4 address on eth0: its DHCP request got no answer (check the network's qdhcp namespace and dnsmasq).`,
      should: 'a fixed address from DHCP',
      is: 'none',
      evidence: [`lxc list: ${link.container} shows no IPv4 address`],
      command: commandOn(`lxc list ${link.container}`, machine),
    });
  }
  const containerHop = makeHop(view, {
    id: `${idPrefix}.container`,
    kind: 'container',
    name: link.container,
    machineId,
    seen: true,
    how: `lxc list and the LXD profile on ${machine}`,
    details: [
      ...(nic ? [{ label: 'nic', value: nic.device }] : []),
      ...(link.state ? [{ label: 'state', value: link.state }] : []),
      ...(instance.address ? [{ label: 'fixed address', value: instance.address }] : []),
      ...(link.server ? [{ label: 'Nova server', value: link.server.name }] : []),
    ],
    findings: containerFindings,
  });
  containerHop.addresses = instance.address ? [instance.address] : [];
  containerHop.mac = nic?.mac ?? null;
  containerHop.state = link.state;

  if (!nic) {
    containerHop.findings.push(missingHopFinding(`A Neutron nic of ${link.container}`, `its LXD profiles give it no nic on a qbr bridge or an OVS port (lxc config show ${link.container} --expanded on ${machine})`));
    return { hops: [containerHop], qvoName: null };
  }

  const qbrName = nic.bridge;
  const members = qbrName ? [...(view.read(machineId, 'links').value?.interfaces ?? [])].filter((iface) => iface.master === qbrName) : [];
  const tapName = nic.tap ?? members.find((iface) => iface.name.startsWith('tap'))?.name ?? null;
  const qvbIface = members.find((iface) => iface.name !== tapName && (iface.kind === 'veth' || iface.kind === null)) ?? null;
  const qvbName = qvbIface?.name ?? (nic.ovsPort?.startsWith('qvo') ? `qvb${nic.ovsPort.slice(3)}` : null);
  const qvoName = qvbIface?.link ?? nic.ovsPort ?? (qvbName?.startsWith('qvb') ? `qvo${qvbName.slice(3)}` : null);
  const linksCommand = commandOn('ip -d -j link', machine);

  const hostHop = (kind: 'tap' | 'qbr' | 'qvb', name: string | null, how: string, counted: boolean) => {
    const iface = name ? view.link(machineId, name) : null;
    const hop = makeHop(view, {
      id: `${idPrefix}.${kind}`,
      kind,
      name,
      machineId,
      iface,
      seen: iface !== null,
      how: iface ? how : `not seen: ${view.read(machineId, 'links').message ?? `${linksCommand} shows no ${name ?? kind}`}`,
      // tap: the instance's packets arrive on it (rx) leaving, leave by it (tx) arriving; qvb the other way round.
      counters: counted ? linkCounters(machineId, name, kind === 'tap' ? towardsHost(idPrefix) : towardsHost(idPrefix === 'in' ? 'out' : 'in')) : null,
    });
    if (!iface && view.read(machineId, 'links').value) hop.findings.push(missingHopFinding(`${kind} ${name ?? ''}`.trim(), `${linksCommand} shows no such link`));
    return hop;
  };

  const tapHop = hostHop('tap', tapName, nic.tap ? `LXD profile host_name of nic ${nic.device}` : `port of ${qbrName} in ${linksCommand}`, true);
  if (tapHop.seen && qbrName) {
    const master = view.link(machineId, tapName!)?.master ?? null;
    if (master !== qbrName) {
      tapHop.findings.push({
        kind: 'missing',
        severity: 'fault',
        message: `${tapName} is not a port of ${qbrName} (its master is ${master ?? 'none'}): the instance's packets never reach the bridge.`,
        should: `master ${qbrName}`,
        is: master ? `master ${master}` : 'no master',
        evidence: [`${tapName}: master ${master ?? 'none'}`],
        command: commandOn(`ip -d link show ${tapName}`, machine),
      });
    }
  }
  // A Linux bridge's own counters count only what it delivers to the host, not what it forwards: none read.
  const qbrHop = hostHop('qbr', qbrName, `LXD profile parent of nic ${nic.device}`, false);
  const qvbHop = hostHop('qvb', qvbName, qvbIface ? `veth port of ${qbrName} in ${linksCommand}` : `by name from ${qvoName}`, true);

  const qvoIface = qvoName ? view.link(machineId, qvoName) : null;
  const qvoOvs = qvoName ? view.ovsPort(machineId, qvoName) : null;
  const qvoHop = makeHop(view, {
    id: `${idPrefix}.qvo`,
    kind: 'qvo',
    name: qvoName,
    machineId,
    iface: qvoIface,
    ovs: qvoOvs,
    seen: qvoOvs !== null || qvoIface !== null,
    how: qvoOvs ? `port of ${qvoOvs.bridge.name} in ovs-vsctl show on ${machine}` : qvoIface ? `veth peer of ${qvbName}` : `not seen: ${view.read(machineId, 'ovs-vsctl').message ?? `ovs-vsctl show on ${machine} has no port ${qvoName ?? 'qvo…'}`}`,
    counters: qvoName ? { kind: 'ovs', machineId, interface: qvoName, passes: towardsHost(idPrefix) } : null,
    details: [
      ...(nic.neutronPortId ? [{ label: 'iface-id', value: nic.neutronPortId }] : []),
      ...(nic.vmUuid ? [{ label: 'vm-uuid', value: nic.vmUuid }] : []),
    ],
  });
  if (!qvoOvs && view.read(machineId, 'ovs-vsctl').value) {
    qvoHop.findings.push(missingHopFinding(`The OVS port ${qvoName ?? 'qvo…'}`, `ovs-vsctl show on ${machine} has no such port on any bridge: the instance is not plugged into br-int`));
  }
  return { hops: [containerHop, tapHop, qbrHop, qvbHop, qvoHop], qvoName };
}
