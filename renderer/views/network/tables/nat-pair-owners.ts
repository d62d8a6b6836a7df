// Who is behind the fixed address of a NAT pair: the Nova server whose port has it (OpenStack's
// links, with the container nova-lxd made for it) or else the container `lxc list` shows with that
// address. One index per inventory of the addresses the NAT rules name, built once, so a gateway
// with many routers looks each pair up in one step.
import type { LabInventory } from '../../../../electron/contract/inventory';
import type { ContainerServer } from '../../../../electron/contract/openstack-model';
import type { NatPair } from '../../../../electron/contract/lab-model';
import { probeValue } from '../../../../electron/contract/probe-models';

export interface AddressOwner {
  /** The LXD container with the address, when the inventory knows it. */
  container: string | null;
  /** The compute node whose LXD runs it. */
  machineId: string | null;
  /** The Nova server, when OpenStack was read. */
  server: string | null;
  serverId: string | null;
  /** The qrouter namespace that NATs this port's floating addresses (OpenStack's link), when known. */
  qrouterNamespace: string | null;
}

export interface NatPairRow extends NatPair {
  /** Who has the fixed address; null when nothing the inventory knows has it (a dead floating address). */
  owner: AddressOwner | null;
  /** "DNAT+SNAT", "DNAT only", "SNAT only". */
  kind: string;
  /** Only one direction is translated: replies or outgoing traffic will not be. */
  oneSided: boolean;
}

export type AddressOwners = ReadonlyMap<string, readonly AddressOwner[]>;

const cache = new WeakMap<object, AddressOwners>();

/** Every fixed address a NAT rule of this inventory names (any namespace's or machine's). */
function natFixedAddresses(inventory: LabInventory): Set<string> {
  const wanted = new Set<string>();
  for (const outcome of inventory.probes) {
    const rules = probeValue(outcome, 'netns-firewall') ?? probeValue(outcome, 'firewall');
    for (const pair of rules?.natPairs ?? []) wanted.add(pair.fixed);
  }
  return wanted;
}

/** The owners of the fixed addresses the NAT rules name (cached per inventory): only those are
 *  looked for, so 5,000 containers cost one pass with a set lookup each, not an index of all. */
export function addressOwners(inventory: LabInventory): AddressOwners {
  const cached = cache.get(inventory);
  if (cached) return cached;
  const owners = new Map<string, AddressOwner[]>();
  const wanted = natFixedAddresses(inventory);
  const add = (address: string, owner: AddressOwner) => {
    const list = owners.get(address) ?? [];
    list.push(owner);
    owners.set(address, list);
  };
  // Containers OpenStack already named (machine/container/address), so lxc list does not add them twice.
  const named = new Set<string>();
  for (const server of inventory.links.openstack?.servers ?? []) {
    for (const port of server.ports) {
      for (const fixed of port.fixedIps) {
        if (!wanted.has(fixed)) continue;
        add(fixed, { container: server.container, machineId: server.machineId, server: server.name, serverId: server.serverId, qrouterNamespace: port.qrouterNamespace });
        if (server.container && server.machineId) named.add(`${server.machineId}/${server.container}/${fixed}`);
      }
    }
  }
  // Without OpenStack (not read, or no credentials): the containers' own addresses, with the
  // server the links name.
  let servers: Map<string, ContainerServer | null> | null = null;
  for (const outcome of inventory.probes) {
    const list = probeValue(outcome, 'lxc-list');
    if (!list) continue;
    for (const instance of list.instances) {
      for (const address of instance.ipv4) {
        if (!wanted.has(address.address) || named.has(`${outcome.machineId}/${instance.name}/${address.address}`)) continue;
        servers ??= new Map(inventory.links.containers.map((link) => [`${link.machineId}/${link.container}`, link.server ?? null]));
        const server = servers.get(`${outcome.machineId}/${instance.name}`) ?? null;
        add(address.address, { container: instance.name, machineId: outcome.machineId, server: server?.name ?? null, serverId: server?.serverId ?? null, qrouterNamespace: null });
      }
    }
  }
  cache.set(inventory, owners);
  return owners;
}

/** The owner of an address as seen from one router: tenant networks may reuse addresses, so the
 *  port this namespace NATs for wins, then any owner. */
export function ownerFor(owners: AddressOwners, address: string, namespace: string | null): AddressOwner | null {
  const candidates = owners.get(address) ?? [];
  return candidates.find((owner) => namespace !== null && owner.qrouterNamespace === namespace) ?? candidates[0] ?? null;
}

export function natPairRows(pairs: readonly NatPair[], owners: AddressOwners, namespace: string | null): NatPairRow[] {
  return pairs.map((pair) => ({
    ...pair,
    owner: ownerFor(owners, pair.fixed, namespace),
    kind: pair.dnat && pair.snat ? 'DNAT+SNAT' : pair.dnat ? 'DNAT only' : 'SNAT only',
    oneSided: !(pair.dnat && pair.snat),
  }));
}
