// Every command output the console reads, by kind. Each parser detects the format it was given
// (JSON, YAML, table, text…) and never throws; `parse <kind>` on the command line and the probes
// both come through here.
import { parseBrctlShow } from './brctl';
import { parseDnsmasqProcesses } from './dnsmasq-processes';
import { parseDpkgList } from './dpkg';
import { parseFirewall } from './firewall';
import { parseIni } from './ini';
import { parseIpAddr } from './ip-addr';
import { parseIpLink } from './ip-link';
import { parseIpNeigh } from './ip-neigh';
import { parseIpNetns } from './ip-netns';
import { parseIpRoute } from './ip-route';
import { parseJujuStatus } from './juju-status';
import { parseLxcList } from './lxc-list';
import { parseLxcProfile } from './lxc-profile';
import { parseLxcProfileList } from './lxc-profile-list';
import { parseOvsList } from './ovs-list';
import { parseOpenStackFloatingIpList } from './openstack-floating-ip-list';
import { parseOpenStackHypervisorList } from './openstack-hypervisor-list';
import {
  parseOpenStackComputeServiceList,
  parseOpenStackFlavorList,
  parseOpenStackImageList,
  parseOpenStackNetworkAgentList,
  parseOpenStackSecurityGroupList,
} from './openstack-misc-lists';
import { parseOpenStackNetworkList } from './openstack-network-list';
import { parseOpenStackPortList } from './openstack-port-list';
import { parseOpenStackRouterList } from './openstack-router-list';
import { parseOpenStackServerList } from './openstack-server-list';
import { parseOpenStackSubnetList } from './openstack-subnet-list';
import { parseOvsVsctlShow } from './ovs-vsctl-show';
import { limitProblems, type ParseResult } from './parse-result';
import { parsePing } from './ping';

export const PARSE_KINDS = [
  'juju-status',
  'lxc-list',
  'lxc-profile',
  'lxc-profile-list',
  'ip-netns',
  'ping',
  'dpkg',
  'ini',
  'ovs-vsctl',
  'ovs-list',
  'ip-addr',
  'ip-route',
  'ip-link',
  'ip-neigh',
  'brctl',
  'firewall',
  'dnsmasq-processes',
  'openstack-hypervisor-list',
  'openstack-server-list',
  'openstack-network-list',
  'openstack-subnet-list',
  'openstack-router-list',
  'openstack-port-list',
  'openstack-floating-ip-list',
  'openstack-security-group-list',
  'openstack-image-list',
  'openstack-flavor-list',
  'openstack-compute-service-list',
  'openstack-network-agent-list',
] as const;

export type ParseKind = (typeof PARSE_KINDS)[number];

/** What each kind reads, for `orangebox-console parse` without arguments and its errors. */
export const PARSE_KIND_DESCRIPTIONS: Record<ParseKind, string> = {
  'juju-status': 'juju status (--format=json, yaml, or the default table; Juju 1.25/2.0-beta [Sections] to 3.x)',
  'lxc-list': 'lxc list (--format json, yaml, csv, compact, or the default table; LXD 0.x–5.x)',
  'lxc-profile': 'lxc profile show NAME / lxc config show INSTANCE',
  'lxc-profile-list': 'lxc profile list --format json|yaml (every profile of a project)',
  'ip-netns': 'ip netns (with or without "(id: N)"), or ip -j netns',
  ping: 'ping (iputils, BusyBox, BSD/macOS, BSD/macOS ping6), finished, killed or failed',
  dpkg: 'dpkg -l (whole or grepped; any architecture, or dpkg before the Architecture column)',
  ini: 'nova.conf, nova-compute.conf and other oslo.config INI files (secrets masked)',
  'ovs-vsctl': 'ovs-vsctl show',
  'ovs-list': 'ovs-vsctl [--format=json] list Interface|Port',
  'ip-addr': 'ip -j addr, or ip addr',
  'ip-route': 'ip -j route, or ip route',
  'ip-link': 'ip -d -j link, or ip -d link (bridge membership)',
  'ip-neigh': 'ip -j neigh, or ip neigh (the ARP/NDP table)',
  brctl: 'brctl show',
  firewall: 'nft list ruleset, or iptables-save / iptables [-t nat] -S (rules, floating ↔ fixed NAT pairs)',
  'dnsmasq-processes': 'pgrep -a dnsmasq, or its lines of ps -ef / ps aux (Neutron network ids from their paths)',
  'openstack-hypervisor-list': 'openstack hypervisor list [--long] (-f json or the table), hypervisor show -f json, nova hypervisor-list',
  'openstack-server-list': 'openstack server list [--all-projects --long] (-f json or the table), server show [-f json] (one or a JSON list), nova list [--fields …]',
  'openstack-network-list': 'openstack network list [--long] (-f json or the table), network show, neutron net-list',
  'openstack-subnet-list': 'openstack subnet list [--long] (-f json or the table), subnet show, neutron subnet-list',
  'openstack-router-list': 'openstack router list [--long] (-f json or the table), router show [-f json] (interfaces; one or a JSON list), neutron router-list',
  'openstack-port-list': 'openstack port list [--long] (-f json or the table), port show, neutron port-list',
  'openstack-floating-ip-list': 'openstack floating ip list [--long] (-f json or the table), neutron floatingip-list',
  'openstack-security-group-list': 'openstack security group list (-f json or the table), neutron security-group-list',
  'openstack-image-list': 'openstack image list [--long] (-f json or the table), glance image-list',
  'openstack-flavor-list': 'openstack flavor list [--all] (-f json or the table), nova flavor-list',
  'openstack-compute-service-list': 'openstack compute service list (-f json or the table), nova service-list',
  'openstack-network-agent-list': 'openstack network agent list (-f json or the table), neutron agent-list',
};

/** What a kind may be told besides the text; kinds that need nothing ignore it. */
export interface ParseOptions {
  /** lxc-list: the `-c` letters of a headless `--format csv` list ("ns4t"). */
  columns?: string;
}

const parseFunctions: Record<ParseKind, (text: string, options?: ParseOptions) => ParseResult<unknown>> = {
  'juju-status': parseJujuStatus,
  'lxc-list': parseLxcList,
  'lxc-profile': parseLxcProfile,
  'lxc-profile-list': parseLxcProfileList,
  'ip-netns': parseIpNetns,
  ping: parsePing,
  dpkg: parseDpkgList,
  ini: parseIni,
  'ovs-vsctl': parseOvsVsctlShow,
  'ovs-list': parseOvsList,
  'ip-addr': parseIpAddr,
  'ip-route': parseIpRoute,
  'ip-link': parseIpLink,
  'ip-neigh': parseIpNeigh,
  brctl: parseBrctlShow,
  firewall: parseFirewall,
  'dnsmasq-processes': parseDnsmasqProcesses,
  'openstack-hypervisor-list': parseOpenStackHypervisorList,
  'openstack-server-list': parseOpenStackServerList,
  'openstack-network-list': parseOpenStackNetworkList,
  'openstack-subnet-list': parseOpenStackSubnetList,
  'openstack-router-list': parseOpenStackRouterList,
  'openstack-port-list': parseOpenStackPortList,
  'openstack-floating-ip-list': parseOpenStackFloatingIpList,
  'openstack-security-group-list': parseOpenStackSecurityGroupList,
  'openstack-image-list': parseOpenStackImageList,
  'openstack-flavor-list': parseOpenStackFlavorList,
  'openstack-compute-service-list': parseOpenStackComputeServiceList,
  'openstack-network-agent-list': parseOpenStackNetworkAgentList,
};

/** Each kind's parser, its problems capped at MAX_PROBLEMS (for a screen, a CLI, a stored result). */
export const parsers = Object.fromEntries(
  PARSE_KINDS.map((kind) => [kind, (text: string, options?: ParseOptions) => limitProblems(parseFunctions[kind](text, options))]),
) as Record<ParseKind, (text: string, options?: ParseOptions) => ParseResult<unknown>>;

export function isParseKind(kind: string): kind is ParseKind {
  return (PARSE_KINDS as readonly string[]).includes(kind);
}

export type { ParseProblem, ParseResult } from './parse-result';
export { UNREADABLE, MAX_PROBLEMS, isEmptyModel } from './parse-result';
export { createPingStream, type PingStream, type PingStreamUpdate } from './ping';
export { attachExternalIds } from './ovs-list';
export { LXD_STACK_PACKAGES } from './dpkg';
export { selectStackPackages, stackComponentOf, LEADING_PACKAGES } from './compute-stack';
export { hypervisorOf, hypervisorFromComputeDriver } from './nova-hypervisor';
export { mergeIniFiles } from './ini';
export { splitShellTranscript } from './shell-transcript';
