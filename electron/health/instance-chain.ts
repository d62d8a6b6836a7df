// The host side of a nova-lxd instance's nic, in the order a packet crosses it: the tap (the
// container's veth peer), the qbr Linux bridge, the qvb ↔ qvo veth pair, and br-int. nova-lxd and
// os-vif name all four after the first 11 characters of the Neutron port id ("qbr1896322c-d4").
import type { ContainerLink, NicLink } from '../contract/inventory';
import type { IpInterface } from '../contract/lab-model';
import type { LabIndex } from './lab-index';

export type ChainRole = 'tap' | 'qbr' | 'qvb' | 'qvo';

export interface ChainDevice {
  role: ChainRole;
  name: string;
  /** How a message names its place: "the tap into the container", … */
  what: string;
}

const WHAT: Record<ChainRole, string> = {
  tap: 'the tap into the container',
  qbr: 'the Linux bridge (qbr)',
  qvb: "the bridge's end of the veth pair (qvb)",
  qvo: "br-int's end of the veth pair (qvo)",
};

/** nova-lxd's instance containers: Nova's instance_name template `instance-%08x`. */
export const NOVA_INSTANCE = /^instance-[0-9a-f]{8}$/;

/** A container Nova made: named like one, or linked to a Nova server. */
export const isNovaInstance = (link: ContainerLink): boolean => NOVA_INSTANCE.test(link.container) || Boolean(link.server);

const isRunning = (link: ContainerLink) => (link.state ?? '').toUpperCase() === 'RUNNING';

/** A nic nova-lxd plugged into a qbr bridge (not a Juju container's nic on br-maas or lxdbr0). */
export const isPluggedNic = (nic: NicLink): boolean => nic.bridge !== null && nic.bridge.startsWith('qbr');

/** The devices of one nic's chain, tap first; a device whose name cannot be known is left out. */
export function chainOf(nic: NicLink): ChainDevice[] {
  if (!isPluggedNic(nic)) return [];
  const suffix = nic.bridge!.slice(3);
  const names: Record<ChainRole, string | null> = { tap: nic.tap, qbr: nic.bridge, qvb: `qvb${suffix}`, qvo: nic.ovsPort ?? `qvo${suffix}` };
  return (Object.keys(names) as ChainRole[]).filter((role) => names[role] !== null).map((role) => ({ role, name: names[role]!, what: WHAT[role] }));
}

/** The running Nova instance containers of a machine with their plugged nics: the chains there should be whole. */
export function runningInstanceNics(containers: readonly ContainerLink[]): { container: ContainerLink; nic: NicLink; chain: ChainDevice[] }[] {
  const found: { container: ContainerLink; nic: NicLink; chain: ChainDevice[] }[] = [];
  for (const container of containers) {
    if (!isRunning(container) || !isNovaInstance(container)) continue;
    for (const nic of container.nics) if (isPluggedNic(nic)) found.push({ container, nic, chain: chainOf(nic) });
  }
  return found;
}

export interface MachineChain {
  machineId: string;
  /** The machine's `ip link`, by name. */
  links: ReadonlyMap<string, IpInterface>;
  container: ContainerLink;
  nic: NicLink;
  chain: ChainDevice[];
}

const chainsByIndex = new WeakMap<LabIndex, MachineChain[]>();

/** Every running instance's chain on every machine whose `ip link` was read: what the chain checks walk (listed once per inventory). */
export function runningChains(index: LabIndex): MachineChain[] {
  let chains = chainsByIndex.get(index);
  if (!chains) {
    chains = index.machinesReading('links').flatMap((machineId) => {
      const links = index.links(machineId)!;
      return runningInstanceNics(index.containersOn(machineId)).map((entry) => ({ machineId, links, ...entry }));
    });
    chainsByIndex.set(index, chains);
  }
  return chains;
}
