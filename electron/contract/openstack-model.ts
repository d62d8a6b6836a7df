// OpenStack's own view of a lab, as python-openstackclient (`openstack … -f json` or its default
// table) and the older nova/neutron clients print it, in one shape whatever printed it. Plain data
// that crosses to the UI. A value the output did not show is null, never a guess; values are kept
// as printed (hypervisor type "QEMU" or "lxd", status "ACTIVE"), except numbers, which are numbers.

/** `openstack hypervisor list --long` / `nova hypervisor-list`. */
export interface OpenStackHypervisor {
  /** As printed: an integer id in older releases, a UUID from microversion 2.53. */
  id: string | null;
  /** "Hypervisor Hostname": the compute node's name as Nova knows it (a Juju machine's hostname). */
  hostname: string;
  /** "Hypervisor Type": "lxd" for nova-lxd, "QEMU" for libvirt/KVM… */
  type: string | null;
  hostIp: string | null;
  /** "up" / "down". */
  state: string | null;
  /** "enabled" / "disabled". */
  status: string | null;
  vcpus: number | null;
  vcpusUsed: number | null;
  memoryMb: number | null;
  memoryMbUsed: number | null;
  runningVms: number | null;
}

export interface OpenStackHypervisorList {
  hypervisors: OpenStackHypervisor[];
}

/** One network a server is on and its addresses there, fixed and floating alike, as listed. */
export interface OpenStackServerNetwork {
  network: string;
  addresses: string[];
}

/** `openstack server list --all-projects --long` / `nova list`. */
export interface OpenStackServer {
  id: string;
  name: string;
  /** "ACTIVE", "BUILD", "ERROR", "SHUTOFF"… */
  status: string | null;
  /** "Running", "Shutdown", "NOSTATE"… (the long list's "Power State"). */
  powerState: string | null;
  /** "Task State": "spawning", "deleting"… or null when none. */
  taskState: string | null;
  /** OS-EXT-SRV-ATTR:host: the compute node it runs on. */
  host: string | null;
  /** OS-EXT-SRV-ATTR:instance_name: the LXD container's name under nova-lxd ("instance-0000000c"). */
  instanceName: string | null;
  /** The image's name as listed (or its id when the list shows only that). */
  image: string | null;
  flavor: string | null;
  networks: OpenStackServerNetwork[];
  /** The project's id (all-projects lists), null when not shown. */
  project: string | null;
  availabilityZone: string | null;
}

export interface OpenStackServerList {
  servers: OpenStackServer[];
}

/** `openstack network list --long`. */
export interface OpenStackNetwork {
  id: string;
  name: string;
  /** Subnet ids of the network. */
  subnets: string[];
  status: string | null;
  project: string | null;
  /** router:external; null when the list does not say. */
  external: boolean | null;
  shared: boolean | null;
  /** provider:network_type ("vlan", "flat", "vxlan"), when shown. */
  networkType: string | null;
  segmentationId: number | null;
  mtu: number | null;
}

export interface OpenStackNetworkList {
  networks: OpenStackNetwork[];
}

/** `openstack subnet list --long`. */
export interface OpenStackSubnet {
  id: string;
  name: string;
  networkId: string | null;
  cidr: string | null;
  gatewayIp: string | null;
  ipVersion: number | null;
  dhcp: boolean | null;
  /** Allocation pools as printed ("10.0.0.2-10.0.0.254"). */
  allocationPools: string[];
}

export interface OpenStackSubnetList {
  subnets: OpenStackSubnet[];
}

export interface OpenStackFixedIp {
  subnetId: string | null;
  ipAddress: string;
}

/** `openstack router list --long` (and `router show` for its interfaces). */
export interface OpenStackRouter {
  id: string;
  name: string;
  status: string | null;
  /** Admin state: "UP" / "DOWN". */
  state: string | null;
  project: string | null;
  distributed: boolean | null;
  ha: boolean | null;
  /** The external gateway: its network and the router's addresses there; null when none. */
  externalGateway: { networkId: string | null; fixedIps: OpenStackFixedIp[]; snat: boolean | null } | null;
  /** Its interfaces on tenant subnets (from `router show`'s interfaces_info), empty when unknown. */
  interfaces: { portId: string | null; subnetId: string | null; ipAddress: string | null }[];
}

export interface OpenStackRouterList {
  routers: OpenStackRouter[];
}

/** `openstack port list --long`. */
export interface OpenStackPort {
  id: string;
  name: string;
  macAddress: string | null;
  fixedIps: OpenStackFixedIp[];
  /** "ACTIVE", "DOWN", "BUILD". */
  status: string | null;
  /** "compute:nova", "network:router_interface", "network:dhcp", "network:router_gateway"… */
  deviceOwner: string | null;
  /** The server or router the port is bound to, when the output shows it. */
  deviceId: string | null;
  networkId: string | null;
  securityGroups: string[];
}

export interface OpenStackPortList {
  ports: OpenStackPort[];
}

/** `openstack floating ip list --long`. */
export interface OpenStackFloatingIp {
  id: string;
  floatingIpAddress: string;
  fixedIpAddress: string | null;
  portId: string | null;
  floatingNetworkId: string | null;
  routerId: string | null;
  status: string | null;
  project: string | null;
}

export interface OpenStackFloatingIpList {
  floatingIps: OpenStackFloatingIp[];
}

/** `openstack security group list`. */
export interface OpenStackSecurityGroup {
  id: string;
  name: string;
  description: string | null;
  project: string | null;
}

export interface OpenStackSecurityGroupList {
  securityGroups: OpenStackSecurityGroup[];
}

/** `openstack image list --long`. */
export interface OpenStackImage {
  id: string;
  name: string;
  status: string | null;
  diskFormat: string | null;
  containerFormat: string | null;
  sizeBytes: number | null;
}

export interface OpenStackImageList {
  images: OpenStackImage[];
}

/** `openstack flavor list --all`. */
export interface OpenStackFlavor {
  id: string;
  name: string;
  ramMb: number | null;
  diskGb: number | null;
  vcpus: number | null;
  isPublic: boolean | null;
}

export interface OpenStackFlavorList {
  flavors: OpenStackFlavor[];
}

/** `openstack compute service list`: nova-compute, nova-scheduler… per host. */
export interface OpenStackComputeService {
  id: string | null;
  binary: string;
  host: string;
  zone: string | null;
  /** "enabled" / "disabled". */
  status: string | null;
  /** "up" / "down". */
  state: string | null;
  updatedAt: string | null;
}

export interface OpenStackComputeServiceList {
  services: OpenStackComputeService[];
}

/** `openstack network agent list`: Open vSwitch, L3, DHCP, metadata agents per host. */
export interface OpenStackNetworkAgent {
  id: string;
  agentType: string | null;
  host: string;
  availabilityZone: string | null;
  /** Alive: true when the agent reports ":-)" / "True" / "UP". */
  alive: boolean | null;
  /** Admin state: true when "UP" / "True". */
  adminStateUp: boolean | null;
  binary: string | null;
}

export interface OpenStackNetworkAgentList {
  agents: OpenStackNetworkAgent[];
}

// ---------------------------------------------------------------------------------------------
// What belongs together between OpenStack and the machines (worked out in the core after a refresh)

/** Why OpenStack could not be read, said so the engineer knows what to do; null when it was read. */
export interface OpenStackUnavailable {
  /** no-client: no `openstack` on the controller; no-credentials: no rc file / clouds.yaml found or
   *  named; several-credentials: more than one candidate and none named; failed: the commands failed. */
  reason: 'no-client' | 'no-credentials' | 'several-credentials' | 'failed';
  message: string;
  /** The candidate credential files found on the controller (for several-credentials). */
  candidates: string[];
}

/** Where the console's `openstack` commands take their credentials from (never their content). */
export interface OpenStackCredentialSource {
  /** The file on the controller: "~/novarc", "~/.config/openstack/clouds.yaml". */
  path: string;
  kind: 'rc-file' | 'clouds-yaml';
  /** The cloud's name in clouds.yaml; null for an rc file. */
  cloud: string | null;
  /** Named by the engineer for this lab, or found as the only candidate. */
  chosenBy: 'lab-settings' | 'found';
}

/** A Neutron port of a server, followed to its floating addresses, router and VLAN tag. */
export interface OpenStackPortLink {
  portId: string;
  macAddress: string | null;
  status: string | null;
  networkId: string | null;
  networkName: string | null;
  fixedIps: string[];
  floatingIps: string[];
  /** The router that NATs its floating addresses (floating IP's router, else the subnet's router). */
  routerId: string | null;
  /** The gateway's `qrouter-<router id>` namespace, when `ip netns` lists it. */
  qrouterNamespace: string | null;
  /** br-int's VLAN tag of its qvo port, when OVS shows it. */
  vlanTag: number | null;
  /** The container's nic device carrying the port's MAC ("qbr9e0c6af1-30"). */
  containerDevice: string | null;
}

/** A Nova server and its LXD container: nova-lxd names the container after instance_name on host. */
export interface OpenStackServerLink {
  serverId: string;
  name: string;
  project: string | null;
  status: string | null;
  powerState: string | null;
  host: string | null;
  instanceName: string | null;
  /** The container `lxc list` shows under instanceName on the host's machine; null when missing. */
  container: string | null;
  /** The Juju machine whose LXD runs it (by the hypervisor hostname), null when not found. */
  machineId: string | null;
  containerState: string | null;
  ports: OpenStackPortLink[];
  /** Every floating address of the server's ports. */
  floatingIps: string[];
}

/** A network, its DHCP namespace on the gateway and the VLAN tag its ports use on br-int. */
export interface OpenStackNetworkLink {
  networkId: string;
  name: string;
  external: boolean | null;
  cidrs: string[];
  /** `qdhcp-<network id>` when `ip netns` lists it. */
  qdhcpNamespace: string | null;
  /** The tag of its DHCP/router ports on br-int (differing tags are a finding). */
  vlanTags: number[];
  routerIds: string[];
}

/** A hypervisor row joined to the Juju machine it is (by hostname). */
export interface OpenStackHypervisorLink {
  hostname: string;
  machineId: string | null;
  type: string | null;
  state: string | null;
  status: string | null;
  vcpus: number | null;
  vcpusUsed: number | null;
  memoryMb: number | null;
  memoryMbUsed: number | null;
  runningVms: number | null;
  /** Fields the hypervisor list did not print (microversion 2.88 dropped them) and the core worked
   *  out instead: status from `compute service list`'s nova-compute on that host, running
   *  instances counted from the servers Nova lists on it with power state Running. */
  derived?: ('status' | 'runningVms')[];
}

export type OpenStackFindingKind =
  | 'hypervisor-not-lxd'
  | 'compute-node-not-in-nova'
  | 'server-container-missing'
  | 'server-container-stopped'
  | 'container-unknown-to-nova'
  | 'port-down-on-active-server'
  | 'service-down'
  | 'agent-down';

/** Where Nova/Neutron and the machines disagree, in words, with what shows it. */
export interface OpenStackFinding {
  kind: OpenStackFindingKind;
  severity: 'warning' | 'error';
  message: string;
  /** What it is about, for click-through: a server id, container name, machine id, host. */
  serverId: string | null;
  container: string | null;
  machineId: string | null;
  /** The command that shows the evidence ("openstack server show …", "lxc list …"). */
  evidence: string | null;
}

export interface OpenStackLinks {
  unavailable: OpenStackUnavailable | null;
  credentials: OpenStackCredentialSource | null;
  hypervisors: OpenStackHypervisorLink[];
  servers: OpenStackServerLink[];
  networks: OpenStackNetworkLink[];
  findings: OpenStackFinding[];
}

/** What a container shows of its Nova server (Containers, Network, palette). */
export interface ContainerServer {
  serverId: string;
  name: string;
  project: string | null;
  status: string | null;
  floatingIps: string[];
}

/** One file on the controller that may hold OpenStack credentials (listed, never read into the console). */
export interface OpenStackCredentialCandidate {
  /** As the controller's shell names it: "~/novarc", "/etc/openstack/clouds.yaml". */
  path: string;
  kind: 'rc-file' | 'clouds-yaml';
  /** For clouds.yaml: the names of its clouds (the keys under `clouds:`, no values); empty for an rc file. */
  clouds: string[];
}

/** The `openstack-credentials` probe: is there a client, and which credential files are there. */
export interface OpenStackCredentialCandidates {
  /** Where `command -v openstack` found the client; null when there is none. */
  client: string | null;
  candidates: OpenStackCredentialCandidate[];
  /** The places looked at, as the probe names them (so "none found" can say where it looked). */
  lookedAt: string[];
}
