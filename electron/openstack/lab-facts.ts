// What the machines' probes say that OpenStack's view is joined to: each machine's host name and
// roles, the namespaces `ip netns` lists, and br-int's VLAN tag of each OVS port. Read once per
// linking from the probe outcomes.
import { CONTROLLER_MACHINE_ID, type MachineRole, type ProbeOutcome } from '../contract/inventory';
import { findProbe, probeValue } from '../contract/probe-models';
import { machinesFromJujuStatus } from '../inventory/lab-machines';

/** Neutron names a port's devices after the first 11 characters of its id (tap…, qvo…, qr-…): 14 is IFNAMSIZ-1. */
export const PORT_ID_PREFIX_LENGTH = 11;

/** "node02ob64.maas" and "node02ob64" are one host: Nova may print the FQDN, `hostname` the short name. */
export const shortHost = (name: string): string => name.split('.')[0]!.toLowerCase();

export interface LabMachineFacts {
  machineId: string;
  hostname: string | null;
  roles: MachineRole[];
}

export interface LabFacts {
  machines: LabMachineFacts[];
  /** Machine id by short host name. */
  machineByHost: Map<string, string>;
  /** The machine ids whose `ip netns` lists a namespace, by namespace name. */
  namespaces: Map<string, string[]>;
  /** br-int's tag of each OVS port by name ("qvo9e0c6af1-30" → 1), on any machine. */
  ovsTags: Map<string, number>;
}

export function readLabFacts(probes: readonly ProbeOutcome[]): LabFacts {
  const juju = probeValue(
    probes.find((outcome) => outcome.probeId === 'juju-status' && outcome.status !== 'failed'),
    'juju-status',
  );
  const machines = (juju ? machinesFromJujuStatus(juju) : []).map((machine) => ({
    machineId: machine.id,
    hostname: probeValue(findProbe(probes, machine.id, 'hostname'), 'hostname')?.hostname ?? null,
    roles: machine.roles,
  }));
  const machineByHost = new Map<string, string>();
  for (const machine of machines) if (machine.hostname) machineByHost.set(shortHost(machine.hostname), machine.machineId);
  const namespaces = new Map<string, string[]>();
  const ovsTags = new Map<string, number>();
  for (const outcome of probes) {
    if (outcome.machineId === CONTROLLER_MACHINE_ID) continue;
    for (const namespace of probeValue(outcome, 'ip-netns')?.namespaces ?? []) namespaces.set(namespace.name, [...(namespaces.get(namespace.name) ?? []), outcome.machineId]);
    for (const bridge of probeValue(outcome, 'ovs-vsctl')?.bridges ?? []) {
      for (const port of bridge.ports) if (port.tag !== null) ovsTags.set(port.name, port.tag);
    }
  }
  return { machines, machineByHost, namespaces, ovsTags };
}

/** br-int's tag of a Neutron port, by the device names Neutron gives it (qvo/tap/qr-/qg-/ha-). */
export function portVlanTag(facts: LabFacts, portId: string): number | null {
  const prefix = portId.slice(0, PORT_ID_PREFIX_LENGTH);
  for (const device of ['qvo', 'tap', 'qr-', 'qg-', 'ha-', 'sg-']) {
    const tag = facts.ovsTags.get(`${device}${prefix}`);
    if (tag !== undefined) return tag;
  }
  return null;
}
