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
