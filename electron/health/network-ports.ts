// Which Neutron network each port belongs to, and each network's DHCP and router ports, as far as
// the inventory shows: from OpenStack's port list when it was read (a port's network, its device
// owner), and from the gateway's namespaces either way (a qdhcp namespace is its network's DHCP
// port and subnets; a router's qr- port belongs to the network whose subnet holds its address).
// The qvo of an instance whose Neutron port OpenStack did not list is placed by its instance's
// fixed address.
import { CONTROLLER_MACHINE_ID, type LabInventory } from '../contract/inventory';
import { probeValue } from '../contract/probe-models';
import { PORT_ID_PREFIX_LENGTH } from '../openstack/lab-facts';
import { cidrContains } from '../openstack-actions/ipv4-ranges';
import { labIndex } from './lab-index';

export interface NetworkPorts {
  networkId: string;
  /** OpenStack's name for it, when OpenStack was read. */
  name: string | null;
  /** Its subnets ("198.51.100.0/27"), from OpenStack or its DHCP port's addresses. */
  cidrs: string[];
  /** Device names of its DHCP ports ("tap9fab3b71-9d") and router ports ("qr-cdbf7fe2-ce"). */
  dhcp: Set<string>;
  router: Set<string>;
}

export interface NetworkMap {
  networks: Map<string, NetworkPorts>;
  /** Whether OpenStack's port list was read (else ports are placed by address only). */
  openstackPortsRead: boolean;
  /** The network of a Neutron port id, from OpenStack's port list. */
  networkOfPort(portId: string): NetworkPorts | null;
  /** The network whose subnet holds an address (the longest prefix wins). */
  networkOfAddress(address: string): { network: NetworkPorts; cidr: string } | null;
  /** The namespace a namespace port lives in ("qdhcp-…"), by device name. */
  namespaceOf(device: string): string | null;
}

/** Subnets are compared as IPv4 (Neutron's OrangeBox tenant networks); an IPv6 address matches none. */
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const IPV4_CIDR = /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/;
const DHCP_OWNER = /^network:dhcp$/;
const ROUTER_OWNER = /^network:(router_interface|ha_router_replicated_interface|router_interface_distributed)$/;

const maps = new WeakMap<LabInventory, NetworkMap>();

export function networkMap(inventory: LabInventory): NetworkMap {
  let map = maps.get(inventory);
  if (!map) maps.set(inventory, (map = buildNetworkMap(inventory)));
  return map;
}

function buildNetworkMap(inventory: LabInventory): NetworkMap {
  const index = labIndex(inventory);
  const openstack = <K extends 'openstack-ports' | 'openstack-networks' | 'openstack-subnets'>(kind: K) => probeValue(index.outcome(CONTROLLER_MACHINE_ID, kind), kind);
  const networks = new Map<string, NetworkPorts>();
  const networkOf = (networkId: string) => {
    let network = networks.get(networkId);
    if (!network) networks.set(networkId, (network = { networkId, name: null, cidrs: [], dhcp: new Set(), router: new Set() }));
    return network;
  };
  for (const listed of openstack('openstack-networks')?.networks ?? []) networkOf(listed.id).name = listed.name || null;
  for (const subnet of openstack('openstack-subnets')?.subnets ?? []) if (subnet.networkId && subnet.cidr) networkOf(subnet.networkId).cidrs.push(subnet.cidr);

  const ports = openstack('openstack-ports');
  const portNetwork = new Map<string, string>();
  for (const port of ports?.ports ?? []) {
    if (!port.networkId) continue;
    portNetwork.set(port.id, port.networkId);
    const prefix = port.id.slice(0, PORT_ID_PREFIX_LENGTH);
    if (DHCP_OWNER.test(port.deviceOwner ?? '')) networkOf(port.networkId).dhcp.add(`tap${prefix}`);
    else if (ROUTER_OWNER.test(port.deviceOwner ?? '')) networkOf(port.networkId).router.add(`qr-${prefix}`);
  }

  // The namespaces say the same without OpenStack: a qdhcp namespace's ports and subnets, then the routers' qr- ports by subnet.
  const namespaceOfDevice = new Map<string, string>();
  const routerPorts: { name: string; addresses: string[] }[] = [];
  for (const { machineId, namespace } of index.namespaces()) {
    const interfaces = index.readNamespace(machineId, 'netns-addr', namespace.name)?.interfaces ?? [];
    for (const iface of interfaces) if (iface.name !== 'lo') namespaceOfDevice.set(iface.name, namespace.name);
    if (namespace.kind === 'qdhcp' && namespace.resourceId) {
      const network = networkOf(namespace.resourceId);
      for (const iface of interfaces) {
        if (!/^(tap|ns-)/.test(iface.name)) continue;
        network.dhcp.add(iface.name);
        for (const entry of iface.addresses) {
          if (entry.family !== 'inet' || entry.prefixLength === null || !IPV4.test(entry.address)) continue;
          const cidr = `${entry.address}/${entry.prefixLength}`;
          if (!network.cidrs.includes(cidr)) network.cidrs.push(cidr);
        }
      }
    }
    if (namespace.kind === 'qrouter') {
      for (const iface of interfaces) if (iface.name.startsWith('qr-')) routerPorts.push({ name: iface.name, addresses: iface.addresses.filter((entry) => entry.family === 'inet').map((entry) => entry.address) });
    }
  }
  // Asked once per instance address (thousands on a large lab), answered from a few subnets.
  const placed = new Map<string, { network: NetworkPorts; cidr: string } | null>();
  const networkOfAddress = (address: string) => {
    if (placed.has(address)) return placed.get(address)!;
    let best: { network: NetworkPorts; cidr: string; prefix: number } | null = null;
    for (const network of networks.values()) {
      for (const cidr of network.cidrs) {
        const prefix = Number(cidr.split('/')[1]);
        if (IPV4.test(address) && IPV4_CIDR.test(cidr) && cidrContains(cidr, address) && (!best || prefix > best.prefix)) best = { network, cidr, prefix };
      }
    }
    const found = best ? { network: best.network, cidr: best.cidr } : null;
    placed.set(address, found);
    return found;
  };
  for (const port of routerPorts) {
    const network = port.addresses.map(networkOfAddress).find((found) => found !== null)?.network;
    network?.router.add(port.name);
  }
  return {
    networks,
    openstackPortsRead: ports !== null,
    networkOfPort: (portId) => {
      const networkId = portNetwork.get(portId);
      return networkId ? (networks.get(networkId) ?? null) : null;
    },
    networkOfAddress,
    namespaceOf: (device) => namespaceOfDevice.get(device) ?? null,
  };
}
