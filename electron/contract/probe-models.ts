// What each probe's value is, by kind: the one map from a probe to its model that the core's
// probe definitions, the inventory and the page are all typed from. A probe's id is its kind, or
// for a probe run once per namespace `<kind>:<namespace>` ("netns-addr:qrouter-1f2e…"). Ids and
// values cross the contract as they always have (snapshots store them); `probeValue` is the one
// place a value is read back as its model.
import type { ProbeOutcome } from './inventory';
import type {
  OpenStackComputeServiceList,
  OpenStackCredentialCandidates,
  OpenStackFlavorList,
  OpenStackFloatingIpList,
  OpenStackHypervisorList,
  OpenStackImageList,
  OpenStackNetworkAgentList,
  OpenStackNetworkList,
  OpenStackPortList,
  OpenStackRouterList,
  OpenStackSecurityGroupList,
  OpenStackServerList,
  OpenStackSubnetList,
} from './openstack-model';
import type { DnsmasqProcesses, FirewallRules, IniFile, IpAddr, IpLinks, IpNeighbours, IpNetns, IpRoutes, JujuStatus, LxcList, LxcProfileList, OvsRecords, OvsShow, StackPackageList } from './lab-model';

/** `hostname` on a machine: its name, or null when it printed something that is not one. */
export interface MachineHostname {
  hostname: string | null;
}

export interface ProbeModels {
  hostname: MachineHostname;
  'juju-status': JujuStatus;
  packages: StackPackageList;
  'lxc-list': LxcList;
  'lxc-profiles': LxcProfileList;
  'nova-conf': IniFile;
  'nova-compute-conf': IniFile;
  'ip-netns': IpNetns;
  'ovs-vsctl': OvsShow;
  'ovs-interfaces': OvsRecords;
  links: IpLinks;
  'netns-addr': IpAddr;
  'netns-route': IpRoutes;
  /** A namespace's neighbour (ARP) table: `ip netns exec NS ip -j neigh`. */
  'netns-neigh': IpNeighbours;
  /** A namespace's NAT and filter rules: `nft list ruleset`, or `iptables-save` where nft has none. */
  'netns-firewall': FirewallRules;
  /** A compute node's or gateway's own routes, neighbours and rules (the host side of the plumbing). */
  routes: IpRoutes;
  neigh: IpNeighbours;
  firewall: FirewallRules;
  /** Neutron's dnsmasq processes on a gateway (one per network it serves DHCP for). */
  'dnsmasq-processes': DnsmasqProcesses;
  'openstack-credentials': OpenStackCredentialCandidates;
  'openstack-hypervisors': OpenStackHypervisorList;
  'openstack-servers': OpenStackServerList;
  'openstack-networks': OpenStackNetworkList;
  'openstack-subnets': OpenStackSubnetList;
  'openstack-routers': OpenStackRouterList;
  'openstack-ports': OpenStackPortList;
  'openstack-floating-ips': OpenStackFloatingIpList;
  'openstack-security-groups': OpenStackSecurityGroupList;
  'openstack-images': OpenStackImageList;
  'openstack-flavors': OpenStackFlavorList;
  'openstack-compute-services': OpenStackComputeServiceList;
  'openstack-network-agents': OpenStackNetworkAgentList;
}

export type ProbeKind = keyof ProbeModels;

/** Probes run once per network namespace `ip netns` lists: their ids carry the namespace. */
export const PER_NAMESPACE_PROBE_KINDS = ['netns-addr', 'netns-route', 'netns-neigh', 'netns-firewall'] as const satisfies readonly ProbeKind[];
export type PerNamespaceProbeKind = (typeof PER_NAMESPACE_PROBE_KINDS)[number];

/** A probe's id as outcomes carry it: its kind, or `<kind>:<namespace>` for a per-namespace probe. */
export type ProbeIdOf<K extends ProbeKind> = K extends PerNamespaceProbeKind ? `${K}:${string}` : K;
export type ProbeId = ProbeIdOf<ProbeKind>;

/** The value of any probe (what `probeValue` narrows by kind). */
export type ProbeValue = ProbeModels[ProbeKind];

/** The controller's `openstack … -f json` probes, run once the credentials are known (in this order). */
export const OPENSTACK_LIST_PROBE_KINDS = [
  'openstack-hypervisors',
  'openstack-servers',
  'openstack-networks',
  'openstack-subnets',
  'openstack-routers',
  'openstack-ports',
  'openstack-floating-ips',
  'openstack-security-groups',
  'openstack-images',
  'openstack-flavors',
  'openstack-compute-services',
  'openstack-network-agents',
] as const satisfies readonly ProbeKind[];
export type OpenStackListProbeKind = (typeof OPENSTACK_LIST_PROBE_KINDS)[number];

const FIXED_KINDS: ReadonlySet<string> = new Set<ProbeKind>([
  'hostname',
  'juju-status',
  'packages',
  'lxc-list',
  'lxc-profiles',
  'nova-conf',
  'nova-compute-conf',
  'ip-netns',
  'ovs-vsctl',
  'ovs-interfaces',
  'links',
  'routes',
  'neigh',
  'firewall',
  'dnsmasq-processes',
  'openstack-credentials',
  ...OPENSTACK_LIST_PROBE_KINDS,
]);
const NAMESPACED_KINDS: ReadonlySet<string> = new Set(PER_NAMESPACE_PROBE_KINDS);

/** The id of a per-namespace probe: "netns-addr:qrouter-1f2e…". */
export const namespaceProbeId = <K extends PerNamespaceProbeKind>(kind: K, namespace: string): ProbeIdOf<K> => `${kind}:${namespace}` as ProbeIdOf<K>;

/** Which probe an id names; null for an id no probe of this console has. */
export function probeKindOf(probeId: string): ProbeKind | null {
  if (FIXED_KINDS.has(probeId)) return probeId as ProbeKind;
  const colon = probeId.indexOf(':');
  const kind = colon > 0 ? probeId.slice(0, colon) : null;
  return kind !== null && NAMESPACED_KINDS.has(kind) && colon < probeId.length - 1 ? (kind as ProbeKind) : null;
}

/** The namespace a per-namespace probe id names ("netns-addr:qrouter-1" → "qrouter-1"), else null. */
export function namespaceOfProbeId(probeId: string): string | null {
  const kind = probeKindOf(probeId);
  return kind !== null && NAMESPACED_KINDS.has(kind) ? probeId.slice(kind.length + 1) : null;
}

/**
 * The value of an outcome as its model, when it is a `kind` probe that read something (ok or
 * partial); null for another probe, a failed one, or one that read nothing. The only read of
 * `ProbeOutcome.value` in the console: the core's parsers made it, so its kind says its type.
 */
export function probeValue<K extends ProbeKind>(outcome: ProbeOutcome | null | undefined, kind: K): ProbeModels[K] | null {
  if (!outcome || outcome.status === 'failed' || outcome.value === null || outcome.value === undefined) return null;
  return probeKindOf(outcome.probeId) === kind ? (outcome.value as ProbeModels[K]) : null;
}

/** One machine's outcome of one probe, whatever its status (a view shows its error). */
export const findProbe = (probes: readonly ProbeOutcome[], machineId: string, probeId: string): ProbeOutcome | null =>
  probes.find((outcome) => outcome.machineId === machineId && outcome.probeId === probeId) ?? null;
