// What the gateway's Neutron namespaces hold, as the walkthrough's step 12 reads them by hand
// (`ip netns`, then `ip netns exec qrouter-… ip addr` / `ip route`): each namespace with its
// interfaces and addresses, its routes (the default one marked), the router's internal (qr-) and
// external (qg-) ports, and the floating addresses Neutron's L3 agent adds to the qg- port.
import type { LabInventory } from '../../../electron/contract/inventory';
import type { IpAddressEntry, IpInterface, IpRoute, NetnsKind } from '../../../electron/contract/lab-model';
import { machineLabel, readProbe } from './probe-reading';
import { isDefaultRoute, readNetTables, type NetTablesReading } from './tables/net-tables';

/** Neutron names a router's tenant-side ports qr-<port>, its gateway port qg-<port>, and DHCP's tap<port>. */
export type PortRole = 'router-internal' | 'router-external' | 'dhcp' | 'loopback' | 'other';

/** A floating address is a host route (/32) the L3 agent adds to qg- beside the port's own address. */
const HOST_ROUTE_PREFIX = 32;

export interface AddressView {
  family: 'IPv4' | 'IPv6';
  address: string;
  prefixLength: number | null;
  /** address/prefix as `ip addr` prints it. */
  cidr: string;
  scope: string | null;
  /** A /32 on a qg- port that is not the port's own address. */
  floating: boolean;
}

export interface InterfaceView {
  name: string;
  role: PortRole;
  state: string | null;
  mac: string | null;
  mtu: number | null;
  addresses: AddressView[];
  /** For a router port: the IPv4 network it serves (from its own address and prefix). */
  subnet: string | null;
}

export interface RouteView {
  destination: string;
  via: string | null;
  device: string | null;
  source: string | null;
  protocol: string | null;
  scope: string | null;
  metric: number | null;
  isDefault: boolean;
}

export interface NamespaceView {
  machineId: string;
  name: string;
  kind: NetnsKind;
  /** The `(id: N)` of `ip netns`. */
  id: number | null;
  resourceId: string | null;
  /** null when the addresses could not be read (then `addressProblem` says why). */
  interfaces: InterfaceView[] | null;
  addressProblem: string | null;
  routes: RouteView[] | null;
  routeProblem: string | null;
  internalPorts: InterfaceView[];
  externalPorts: InterfaceView[];
  floatingAddresses: string[];
  /** What a ping from here most likely wants: the floating addresses, else the default gateway. */
  pingTargets: string[];
  /** Its routes, neighbours and NAT/filter rules as their probes read them (or why not). */
  tables: NetTablesReading;
}

export interface GatewayView {
  machineId: string;
  label: string;
  /** Why the namespaces could not be listed (machine unreachable, `ip netns` failed…). */
  problem: string | null;
  namespaces: NamespaceView[];
}

export interface GatewaysSummary {
  gateways: GatewayView[];
  /** Set when no machine has the gateway role, with what to do about it. */
  problem: string | null;
}

export function portRole(name: string): PortRole {
  if (name === 'lo') return 'loopback';
  if (name.startsWith('qr-')) return 'router-internal';
  if (name.startsWith('qg-')) return 'router-external';
  if (name.startsWith('tap') || name.startsWith('ns-')) return 'dhcp';
  return 'other';
}

export const PORT_ROLE_LABELS: Record<PortRole, string> = {
  'router-internal': 'router port, tenant side (qr-)',
  'router-external': 'router gateway port, external side (qg-)',
  dhcp: 'DHCP port',
  loopback: 'loopback',
  other: 'interface',
};

/** Routers first (they are what an engineer pings from), then DHCP, each by name. */
const KIND_ORDER: Record<NetnsKind, number> = { qrouter: 0, snat: 1, fip: 2, qdhcp: 3, other: 4 };

/** The network address of an IPv4 address and prefix ("198.51.100.33", 27 → "198.51.100.32/27"). */
export function ipv4Network(address: string, prefixLength: number): string | null {
  const parts = address.split('.').map(Number);
  if (parts.length !== 4 || parts.some((part) => !Number.isInteger(part) || part < 0 || part > 255)) return null;
  if (!Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > 32) return null;
  const value = parts.reduce((sum, part) => sum * 256 + part, 0);
  const size = 2 ** (32 - prefixLength);
  const network = Math.floor(value / size) * size;
  return `${[24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join('.')}/${prefixLength}`;
}

function addressView(entry: IpAddressEntry, role: PortRole, primary: IpAddressEntry | undefined): AddressView {
  const family = entry.family === 'inet6' ? 'IPv6' : 'IPv4';
  return {
    family,
    address: entry.address,
    prefixLength: entry.prefixLength,
    cidr: entry.prefixLength === null ? entry.address : `${entry.address}/${entry.prefixLength}`,
    scope: entry.scope,
    floating: role === 'router-external' && family === 'IPv4' && entry.prefixLength === HOST_ROUTE_PREFIX && entry !== primary,
  };
}

/** The port's own IPv4 address: the first one that is not a host route (or the first at all). */
function primaryIpv4(addresses: IpAddressEntry[]): IpAddressEntry | undefined {
  const ipv4 = addresses.filter((entry) => entry.family === 'inet');
  return ipv4.find((entry) => entry.prefixLength !== HOST_ROUTE_PREFIX) ?? ipv4[0];
}

export function interfaceView(iface: IpInterface): InterfaceView {
  const role = portRole(iface.name);
  const primary = primaryIpv4(iface.addresses);
  const serves = role === 'router-internal' || role === 'router-external' || role === 'dhcp';
  return {
    name: iface.name,
    role,
    state: iface.state,
    mac: iface.mac,
    mtu: iface.mtu,
    addresses: iface.addresses.map((entry) => addressView(entry, role, primary)),
    subnet: serves && primary && primary.prefixLength !== null ? ipv4Network(primary.address, primary.prefixLength) : null,
  };
}

export function routeView(route: IpRoute): RouteView {
  return {
    destination: route.destination,
    via: route.gateway,
    device: route.device,
    source: route.source,
    protocol: route.protocol,
    scope: route.scope,
    metric: route.metric,
    isDefault: isDefaultRoute(route),
  };
}

export function summarizeGateways(inventory: LabInventory): GatewaysSummary {
  const machines = inventory.machines.filter((machine) => machine.roles.includes('gateway'));
  if (machines.length === 0) {
    const problem =
      inventory.machines.length === 0
        ? 'The lab has no machines yet: connect to it, or wait for Juju status to be read.'
        : 'No machine runs neutron-gateway (or neutron-l3-agent) in the Juju model, so there are no router namespaces to show. Check `juju status` in Overview.';
    return { gateways: [], problem };
  }
  return { gateways: machines.map((machine) => gatewayView(inventory, machine.id)), problem: null };
}

function gatewayView(inventory: LabInventory, machineId: string): GatewayView {
  const machine = inventory.machines.find((candidate) => candidate.id === machineId);
  const label = machineLabel(machine, machineId);
  const listing = readProbe(inventory, machineId, 'ip-netns');
  if (listing.state !== 'ok') return { machineId, label, problem: listing.message, namespaces: [] };
  const namespaces = [...listing.value.namespaces]
    .sort((a, b) => (KIND_ORDER[a.kind] ?? KIND_ORDER.other) - (KIND_ORDER[b.kind] ?? KIND_ORDER.other) || a.name.localeCompare(b.name))
    .map((namespace): NamespaceView => {
      const addresses = readProbe(inventory, machineId, 'netns-addr', namespace.name);
      const tables = readNetTables(inventory, machineId, namespace.name);
      const routes = tables.routes;
      const interfaces = addresses.state === 'ok' ? addresses.value.interfaces.map(interfaceView) : null;
      const routeViews = routes.state === 'ok' ? routes.value.routes.map(routeView) : null;
      const floatingAddresses = (interfaces ?? []).flatMap((iface) => iface.addresses.filter((address) => address.floating).map((address) => address.address));
      const defaultVia = routeViews?.find((route) => route.isDefault)?.via ?? null;
      return {
        machineId,
        name: namespace.name,
        kind: namespace.kind,
        id: namespace.id,
        resourceId: namespace.resourceId,
        interfaces,
        addressProblem: addresses.state === 'ok' ? null : addresses.message,
        routes: routeViews,
        routeProblem: routes.state === 'ok' ? null : routes.message,
        internalPorts: (interfaces ?? []).filter((iface) => iface.role === 'router-internal'),
        externalPorts: (interfaces ?? []).filter((iface) => iface.role === 'router-external'),
        floatingAddresses,
        pingTargets: floatingAddresses.length > 0 ? floatingAddresses : defaultVia ? [defaultVia] : [],
        tables,
      };
    });
  const problem = namespaces.length === 0 ? `${label} has no network namespaces: the Neutron L3 and DHCP agents have created no router or network there yet.` : null;
  return { machineId, label, problem, namespaces };
}
