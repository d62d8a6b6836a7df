// The inventory indexed once for every check of a run: a probe by machine and id, each machine's
// links, OVS ports and OVS interface records by name, the namespaces and their machines. Checks
// stay pure functions of the inventory; on the 5,000-container lab a linear search per container
// would cost seconds, a map lookup costs nothing. Built lazily, at most once per inventory.
import { CONTROLLER_MACHINE_ID, type ContainerLink, type InventoryMachine, type LabInventory, type ProbeOutcome } from '../contract/inventory';
import type { IpInterface, NetworkNamespace, OvsPort, OvsRecord } from '../contract/lab-model';
import { namespaceProbeId, probeValue, type PerNamespaceProbeKind, type ProbeKind, type ProbeModels } from '../contract/probe-models';

type FixedKind = Exclude<ProbeKind, PerNamespaceProbeKind>;

export interface OvsPortOnBridge {
  port: OvsPort;
  bridge: string;
}

export interface MachineNamespace {
  machineId: string;
  namespace: NetworkNamespace;
}

export interface LabIndex {
  inventory: LabInventory;
  machine(machineId: string): InventoryMachine | null;
  /** "machine 22", or "the controller": how a message names a machine. */
  machineName(machineId: string): string;
  outcome(machineId: string, probeId: string): ProbeOutcome | null;
  /** A machine's model of a probe, when it was read (ok or partial). */
  read<K extends FixedKind>(machineId: string, kind: K): ProbeModels[K] | null;
  /** A namespace's model of a per-namespace probe, when it was read. */
  readNamespace<K extends PerNamespaceProbeKind>(machineId: string, kind: K, namespace: string): ProbeModels[K] | null;
  /** The machines whose `kind` probe was read. */
  machinesReading(kind: FixedKind): string[];
  /** `ip -d -j link` of a machine by interface name; null when not read. */
  links(machineId: string): Map<string, IpInterface> | null;
  /** `ovs-vsctl show` of a machine: every port by name with its bridge; null when not read. */
  ovsPorts(machineId: string): Map<string, OvsPortOnBridge> | null;
  /**
   * Which Open vSwitch a machine's `ovs-vsctl show` is (its database uuid, else the machine): two
   * machines showing one switch share its local VLAN tags; two switches each have their own.
   */
  ovsSwitch(machineId: string): string | null;
  /** `ovs-vsctl list Interface` of a machine by interface name; null when not read. */
  ovsRecords(machineId: string): Map<string, OvsRecord> | null;
  /** Every namespace `ip netns` lists, with its machine. */
  namespaces(): MachineNamespace[];
  /** The containers the links found on a machine. */
  containersOn(machineId: string): ContainerLink[];
}

const indexes = new WeakMap<LabInventory, LabIndex>();

/** The index of an inventory, built once (an inventory is never changed once published). */
export function labIndex(inventory: LabInventory): LabIndex {
  let index = indexes.get(inventory);
  if (!index) {
    index = buildIndex(inventory);
    indexes.set(inventory, index);
  }
  return index;
}

/** Caches one value per machine, computed on first use. */
function perMachine<T>(compute: (machineId: string) => T): (machineId: string) => T {
  const cache = new Map<string, T>();
  return (machineId) => {
    if (!cache.has(machineId)) cache.set(machineId, compute(machineId));
    return cache.get(machineId)!;
  };
}

function buildIndex(inventory: LabInventory): LabIndex {
  const outcomes = new Map<string, ProbeOutcome>();
  for (const outcome of inventory.probes) outcomes.set(`${outcome.machineId}|${outcome.probeId}`, outcome);
  const machines = new Map(inventory.machines.map((machine) => [machine.id, machine]));
  const outcome = (machineId: string, probeId: string) => outcomes.get(`${machineId}|${probeId}`) ?? null;
  const read = <K extends ProbeKind>(machineId: string, probeId: string, kind: K): ProbeModels[K] | null => probeValue(outcome(machineId, probeId), kind);

  const links = perMachine((machineId) => {
    const value = read(machineId, 'links', 'links');
    return value ? new Map(value.interfaces.map((iface) => [iface.name, iface])) : null;
  });
  const ovsPorts = perMachine((machineId) => {
    const value = read(machineId, 'ovs-vsctl', 'ovs-vsctl');
    if (!value) return null;
    const ports = new Map<string, OvsPortOnBridge>();
    for (const bridge of value.bridges) for (const port of bridge.ports) ports.set(port.name, { port, bridge: bridge.name });
    return ports;
  });
  const ovsRecords = perMachine((machineId) => {
    const value = read(machineId, 'ovs-interfaces', 'ovs-interfaces');
    if (!value) return null;
    const records = new Map<string, OvsRecord>();
    for (const record of value.records) if (record.name) records.set(record.name, record);
    return records;
  });
  let containersByMachine: Map<string, ContainerLink[]> | null = null;
  let namespaceList: MachineNamespace[] | null = null;

  return {
    inventory,
    machine: (machineId) => machines.get(machineId) ?? null,
    machineName: (machineId) => (machineId === CONTROLLER_MACHINE_ID ? 'the controller' : `machine ${machineId}`),
    outcome,
    read: (machineId, kind) => read(machineId, kind, kind),
    readNamespace: (machineId, kind, namespace) => read(machineId, namespaceProbeId(kind, namespace), kind),
    machinesReading: (kind) => inventory.probes.filter((candidate) => candidate.probeId === kind && probeValue(candidate, kind) !== null).map((candidate) => candidate.machineId),
    links,
    ovsPorts,
    ovsSwitch: perMachine((machineId) => {
      const value = read(machineId, 'ovs-vsctl', 'ovs-vsctl');
      return value ? (value.uuid ?? `machine ${machineId}`) : null;
    }),
    ovsRecords,
    namespaces: () => {
      namespaceList ??= inventory.probes.flatMap((candidate) => (probeValue(candidate, 'ip-netns')?.namespaces ?? []).map((namespace) => ({ machineId: candidate.machineId, namespace })));
      return namespaceList;
    },
    containersOn: (machineId) => {
      if (!containersByMachine) {
        containersByMachine = new Map();
        for (const link of inventory.links.containers) {
          const list = containersByMachine.get(link.machineId) ?? [];
          list.push(link);
          containersByMachine.set(link.machineId, list);
        }
      }
      return containersByMachine.get(machineId) ?? [];
    },
  };
}
