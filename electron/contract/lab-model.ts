// The normalized lab model: what the probes read from `juju status`, `lxc list`, `ip`, `ovs-vsctl`,
// `ping`, `dpkg -l` and nova's INI files, in one shape whatever version printed it. These types
// cross to the UI, so they are plain data (no classes, no runtime dependencies). A value the output
// did not show is null, never a guess; where a field is derived (a subordinate's machine, an
// application's scale counted from its units) the comment says so.

// ---------------------------------------------------------------------------------------------
// juju status

export interface JujuModelInfo {
  name: string | null;
  controller: string | null;
  cloud: string | null;
  region: string | null;
  /** The model's agent version, e.g. "2.0.1". */
  version: string | null;
  /** "iaas" (machines) or "caas" (Kubernetes); only JSON/YAML say. */
  type: string | null;
  sla: string | null;
  /** The controller's clock when the status was taken (2.x/3.x "Timestamp"). */
  timestamp: string | null;
  /** The model line's "Notes" (e.g. "upgrade available: 2.9.42"). */
  notes: string | null;
}

export interface JujuApplication {
  name: string;
  /** The charm's name ("glance"), without store prefix, series or revision. */
  charm: string | null;
  charmRev: number | null;
  /** The workload version the charm reports ("13.0.0"). */
  version: string | null;
  status: string | null;
  message: string | null;
  /** Units of the application (tabular "Scale"; counted from the units for JSON/YAML). */
  scale: number | null;
  exposed: boolean | null;
  /** The principal applications a subordinate is attached to; empty for principals. */
  subordinateTo: string[];
  /** Charm store or Charmhub channel ("stable", "latest/edge"). */
  channel: string | null;
  /** Where the charm came from: "jujucharms", "charmstore", "charmhub", "local". */
  store: string | null;
  /** "xenial" (Juju 2.x) … */
  series: string | null;
  /** … or "ubuntu@22.04" (Juju 3.x). */
  base: string | null;
}

export interface JujuUnit {
  name: string;
  application: string;
  /** The machine the unit runs on; for a subordinate, its principal's machine (where it runs). */
  machine: string | null;
  address: string | null;
  workloadStatus: string | null;
  agentStatus: string | null;
  message: string | null;
  leader: boolean;
  /** The principal unit's name for a subordinate ("nova-compute/0" for "ntp/1"), else null. */
  principal: string | null;
  /** Opened ports as Juju prints them ("9292/tcp", "80/tcp"). */
  ports: string[];
}

export interface JujuMachine {
  /** "22", or "22/lxd/0" for a container. */
  id: string;
  /** The host machine of a container ("22" for "22/lxd/0"), else null. */
  parent: string | null;
  /** "lxd", "kvm", "lxc" for a container, else null. */
  containerType: string | null;
  state: string | null;
  address: string | null;
  instanceId: string | null;
  series: string | null;
  base: string | null;
  availabilityZone: string | null;
  message: string | null;
}

export interface JujuRelation {
  /** The provider side (tabular 2.3+, 3.x) or the first application Juju listed. */
  application: string;
  endpoint: string | null;
  relatedApplication: string;
  relatedEndpoint: string | null;
  interface: string | null;
  /** "regular", "peer" or "subordinate". */
  type: string | null;
  /** The relation's status when it is not simply joined (3.x: "suspended - …"). */
  message: string | null;
}

/** A consumed cross-model offer (tabular "SAAS", JSON "application-endpoints"). */
export interface JujuSaas {
  name: string;
  status: string | null;
  store: string | null;
  url: string | null;
}

/** A tabular section the parser keeps without interpreting ("Offer", "Storage Unit", …). */
export interface TableSection {
  heading: string;
  line: number;
  rows: Record<string, string>[];
}

export interface JujuStatus {
  model: JujuModelInfo;
  applications: JujuApplication[];
  units: JujuUnit[];
  machines: JujuMachine[];
  relations: JujuRelation[];
  saas: JujuSaas[];
  otherSections: TableSection[];
}

// ---------------------------------------------------------------------------------------------
// LXD

export interface InterfaceAddress {
  address: string;
  /** The interface inside the instance ("eth0"); null when the output did not say. */
  iface: string | null;
}

export interface LxcInstance {
  name: string;
  /** "RUNNING", "STOPPED", "FROZEN", "ERROR" (upper case, as the table prints it). */
  state: string | null;
  /** "container" or "virtual-machine". LXD before 3.19 could only run containers. */
  type: string | null;
  ephemeral: boolean | null;
  ipv4: InterfaceAddress[];
  ipv6: InterfaceAddress[];
  snapshots: number | null;
  /** The cluster member; null when LXD is not clustered (JSON says "none"). */
  location: string | null;
  /** null when the output had no profiles (the default table has no PROFILES column). */
  profiles: string[] | null;
  /** The LXD project (`lxc list --all-projects`), else null. */
  project: string | null;
}

export interface LxcList {
  instances: LxcInstance[];
}

/** `lxc profile show NAME` or `lxc config show INSTANCE` (YAML). */
export interface LxcProfile {
  /** "profile", or "instance" for `lxc config show`; null when nothing could be read. */
  kind: 'profile' | 'instance' | null;
  name: string | null;
  description: string | null;
  config: Record<string, string>;
  devices: Record<string, Record<string, string>>;
  /** Profile only: the instances using it (API paths). */
  usedBy: string[] | null;
  /** Instance only: the profiles applied, in order. */
  profiles: string[] | null;
  architecture: string | null;
  ephemeral: boolean | null;
}

/** `lxc profile list --format json|yaml` (LXD 3.x and later): every profile of a project at once. */
export interface LxcProfileList {
  profiles: LxcProfile[];
}

// ---------------------------------------------------------------------------------------------
// Network namespaces, interfaces, routes, bridges

export type NetnsKind = 'qrouter' | 'qdhcp' | 'snat' | 'fip' | 'other';

export interface NetworkNamespace {
  name: string;
  /** The netns id `ip netns` shows as "(id: N)"; null when none is assigned. */
  id: number | null;
  kind: NetnsKind;
  /** The Neutron router, network or external-network uuid after the prefix; null for "other". */
  resourceId: string | null;
}

export interface IpNetns {
  namespaces: NetworkNamespace[];
}

export interface IpAddressEntry {
  family: 'inet' | 'inet6' | string;
  address: string;
  prefixLength: number | null;
  scope: string | null;
}

export interface IpInterface {
  index: number | null;
  name: string;
  /** The veth peer or parent after "@" ("qvb9e0c6af1-30" for "qvo9e0c6af1-30@qvb9e0c6af1-30"). */
  link: string | null;
  /** Operational state: "UP", "DOWN", "UNKNOWN", "LOWERLAYERDOWN". */
  state: string | null;
  mtu: number | null;
  mac: string | null;
  flags: string[];
  /** The bridge (or "ovs-system") this interface is enslaved to. */
  master: string | null;
  /** Link kind with `-d`: "bridge", "veth", "openvswitch", "vxlan"…; null when not shown. */
  kind: string | null;
  /** With `-d`: "bridge" for a Linux-bridge port, "openvswitch" for an OVS kernel-datapath port. */
  slaveKind: string | null;
  addresses: IpAddressEntry[];
}

export interface IpAddr {
  interfaces: IpInterface[];
}

export interface IpRoute {
  destination: string;
  gateway: string | null;
  device: string | null;
  protocol: string | null;
  scope: string | null;
  metric: number | null;
  source: string | null;
  /** "unicast" unless the route says otherwise ("local", "unreachable", "blackhole"…). */
  type: string | null;
}

export interface IpRoutes {
  routes: IpRoute[];
}

export interface LinuxBridge {
  name: string;
  /** "bridge" (Linux bridge) or "openvswitch" (the OVS kernel datapath, `ovs-system`). */
  kind: string | null;
  /** Bridge id "8000.fa163e73c1de", as `brctl show` prints it. */
  id: string | null;
  stpEnabled: boolean | null;
  members: string[];
}

export interface LinuxBridges {
  bridges: LinuxBridge[];
}

/** `ip -d -j link`: every link, and the bridges their `master` fields describe. */
export interface IpLinks {
  interfaces: IpInterface[];
  bridges: LinuxBridge[];
}

/** One entry of `ip -j neigh` (the ARP/NDP table of a machine or a namespace). */
export interface IpNeighbour {
  address: string;
  device: string | null;
  /** The link-layer address ("lladdr"); null for an entry that has none (FAILED, INCOMPLETE). */
  mac: string | null;
  /** "REACHABLE", "STALE", "DELAY", "PROBE", "FAILED", "INCOMPLETE", "PERMANENT", "NOARP" (as printed). */
  states: string[];
  router: boolean;
}

export interface IpNeighbours {
  entries: IpNeighbour[];
}

// ---------------------------------------------------------------------------------------------
// Packet filtering and NAT (nftables or iptables, whichever the machine or namespace uses)

export interface FirewallRule {
  /** "ip", "ip6", "inet" (nft) or "ipv4"/"ipv6" (iptables-save). */
  family: string;
  /** "nat", "filter", "mangle", "raw", or an nft table's own name ("neutron-l3-agent-nat"). */
  table: string;
  chain: string;
  /** The rule as printed (one line), for "show me". */
  text: string;
  /** What it does: "dnat", "snat", "masquerade", "accept", "drop", "reject", "jump", "return", or null. */
  action: string | null;
  /** "to ADDRESS" of a dnat/snat, the chain of a jump; null otherwise. */
  target: string | null;
  /** The 1-based line of the output it came from. */
  line: number;
}

/** A floating address and the fixed address it is translated to, as the NAT rules say. */
export interface NatPair {
  floating: string;
  fixed: string;
  /** Which rules make it: a DNAT to the fixed address, an SNAT back to the floating one, or both. */
  dnat: boolean;
  snat: boolean;
}

export interface FirewallRules {
  /** Which tool printed it: "nft" (`nft list ruleset`) or "iptables" (`iptables-save`); null for no rules. */
  source: 'nft' | 'iptables' | null;
  rules: FirewallRule[];
  natPairs: NatPair[];
}

// ---------------------------------------------------------------------------------------------
// Processes

/** A dnsmasq process (`pgrep -a dnsmasq`): Neutron's DHCP agent runs one per network, in its qdhcp namespace. */
export interface DnsmasqProcess {
  pid: number;
  /** The command line as printed. */
  commandLine: string;
  /** The Neutron network it serves (from its --pid-file/--dhcp-hostsfile paths), when the arguments say. */
  networkId: string | null;
  /** Its --interface ("tap5c8e2a62-0f"). */
  interface: string | null;
}

export interface DnsmasqProcesses {
  processes: DnsmasqProcess[];
}

// ---------------------------------------------------------------------------------------------
// Open vSwitch

export interface OvsInterface {
  name: string;
  type: string | null;
  options: Record<string, string>;
  error: string | null;
}

export interface OvsPort {
  name: string;
  /** The access VLAN (Neutron's local VLAN for the port's network). */
  tag: number | null;
  /** The type of the port's interface of the same name ("internal", "patch"); null = system. */
  type: string | null;
  interfaces: OvsInterface[];
  /** From `ovs-vsctl list Interface` (iface-id, attached-mac, vm-uuid…); null when not merged. */
  externalIds: Record<string, string> | null;
}

export interface OvsBridge {
  name: string;
  controllers: string[];
  failMode: string | null;
  datapathType: string | null;
  ports: OvsPort[];
}

export interface OvsShow {
  uuid: string | null;
  managers: string[];
  bridges: OvsBridge[];
  ovsVersion: string | null;
}

/** One row of `ovs-vsctl list <table>` (JSON or the default text form). */
export interface OvsRecord {
  name: string | null;
  tag: number | null;
  type: string | null;
  externalIds: Record<string, string>;
  /** Every column of the row, decoded (uuids and sets as strings/arrays, maps as records). */
  columns: Record<string, unknown>;
}

export interface OvsRecords {
  records: OvsRecord[];
}

// ---------------------------------------------------------------------------------------------
// ping

export interface RoundTrip {
  min: number;
  avg: number;
  max: number;
  /** iputils "mdev" or BSD "stddev"; busybox prints none. */
  mdev: number | null;
}

export interface PingReply {
  seq: number;
  ttl: number | null;
  timeMs: number | null;
  /** The replying address (the name is dropped when ping printed "name (address)"). */
  from: string;
  bytes: number | null;
  duplicate: boolean;
}

export interface PingResult {
  /** What was pinged, as given on the command line. */
  target: string | null;
  /** The address it resolved to. */
  address: string | null;
  transmitted: number | null;
  received: number | null;
  lossPercent: number | null;
  /** iputils' "time NNNNms" on the statistics line. */
  totalTimeMs: number | null;
  rtt: RoundTrip | null;
  replies: PingReply[];
  /** Resolution failures, "Destination Host Unreachable", timeouts, socket errors, as printed. */
  errors: string[];
  /** True once the statistics were read; false for a ping killed before it printed them. */
  complete: boolean;
  /** "iputils", "busybox" or "bsd" (macOS/FreeBSD). */
  implementation: string | null;
}

// ---------------------------------------------------------------------------------------------
// dpkg

export interface DpkgPackage {
  /** The two or three status letters, e.g. "ii" (installed), "rc" (removed, config kept). */
  status: string;
  name: string;
  version: string | null;
  arch: string | null;
  description: string | null;
}

export interface DpkgList {
  packages: DpkgPackage[];
}

/** The part of a compute or network node's software stack a package belongs to. */
export type StackComponent = 'lxd' | 'nova' | 'neutron' | 'ovs' | 'other-hypervisor';

export interface StackPackage extends DpkgPackage {
  component: StackComponent;
}

/** The `packages` probe's model: the LXD/Nova/Neutron/OVS stack out of `dpkg -l`, in display order. */
export interface StackPackageList {
  packages: StackPackage[];
}

// ---------------------------------------------------------------------------------------------
// INI (nova.conf, nova-compute.conf)

export interface IniFile {
  /** section → key → value (the last value when a key repeats, as oslo.config reads it). */
  sections: Record<string, Record<string, string>>;
  /** "section.key" of every value masked at parse time because it holds a secret. */
  masked: string[];
  /** "section.key" → every value, for keys given more than once (multi-valued options). */
  repeated: Record<string, string[]>;
  /** "section.key" → the 1-based line that set the value the model holds (the last, when repeated). */
  lines: Record<string, number>;
  /**
   * The whole file as printed, line for line, with every secret value (and every line that could
   * not be read, which may be one) replaced by the mask at parse time: what "show the file" shows.
   */
  text: string;
}

/** What a nova compute node virtualises with, read from `compute_driver` (and `[libvirt] virt_type`). */
export type Hypervisor = 'lxd' | 'kvm' | 'qemu' | 'lxc' | 'xen' | 'parallels' | 'uml' | 'vmware' | 'hyperv' | 'ironic' | 'zvm' | 'powervm' | 'fake' | 'libvirt' | 'unknown';
