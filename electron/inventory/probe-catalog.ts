// Every probe the console runs to know a lab, in the order they are queued: those on the
// controller, those on each machine (each applies by the roles Juju gives it), and those that
// follow once `ip netns` has named a namespace or the controller's OpenStack credentials are known. Each probe (its command, host rule, parser and
// failure explanation) is one file in probes/definitions/.
import type { AnyProbeDefinition } from '../probes/probe-definition';
import { DNSMASQ_PROCESSES_PROBE } from '../probes/definitions/dnsmasq-processes';
import { FIREWALL_PROBE } from '../probes/definitions/firewall';
import { HOSTNAME_PROBE } from '../probes/definitions/hostname';
import { IP_NETNS_PROBE } from '../probes/definitions/ip-netns';
import { JUJU_STATUS_PROBE } from '../probes/definitions/juju-status';
import { LINKS_PROBE } from '../probes/definitions/links';
import { LXC_LIST_PROBE } from '../probes/definitions/lxc-list';
import { LXC_PROFILES_PROBE } from '../probes/definitions/lxc-profiles';
import { NEIGH_PROBE } from '../probes/definitions/neigh';
import { netnsAddrProbe } from '../probes/definitions/netns-addr';
import { netnsFirewallProbe } from '../probes/definitions/netns-firewall';
import { netnsNeighProbe } from '../probes/definitions/netns-neigh';
import { netnsRouteProbe } from '../probes/definitions/netns-route';
import { NOVA_COMPUTE_CONF_PROBE } from '../probes/definitions/nova-compute-conf';
import { NOVA_CONF_PROBE } from '../probes/definitions/nova-conf';
import { OVS_INTERFACES_PROBE } from '../probes/definitions/ovs-interfaces';
import { OVS_VSCTL_PROBE } from '../probes/definitions/ovs-vsctl';
import { PACKAGES_PROBE } from '../probes/definitions/packages';
import { ROUTES_PROBE } from '../probes/definitions/routes';
import { OPENSTACK_CREDENTIALS_PROBE } from '../probes/definitions/openstack-credentials';
import { OPENSTACK_COMPUTE_SERVICES } from '../probes/definitions/openstack-compute-services';
import { OPENSTACK_FLAVORS } from '../probes/definitions/openstack-flavors';
import { OPENSTACK_FLOATING_IPS } from '../probes/definitions/openstack-floating-ips';
import { OPENSTACK_HYPERVISORS } from '../probes/definitions/openstack-hypervisors';
import { OPENSTACK_IMAGES } from '../probes/definitions/openstack-images';
import { OPENSTACK_NETWORK_AGENTS } from '../probes/definitions/openstack-network-agents';
import { OPENSTACK_NETWORKS } from '../probes/definitions/openstack-networks';
import { OPENSTACK_PORTS } from '../probes/definitions/openstack-ports';
import { openstackProbe } from '../probes/definitions/openstack-probe';
import { OPENSTACK_ROUTERS } from '../probes/definitions/openstack-routers';
import { OPENSTACK_SECURITY_GROUPS } from '../probes/definitions/openstack-security-groups';
import { OPENSTACK_SERVERS } from '../probes/definitions/openstack-servers';
import { OPENSTACK_SUBNETS } from '../probes/definitions/openstack-subnets';
import type { OpenStackCredentialSource } from '../contract/openstack-model';

export { NOVA_CONF_PATH } from '../probes/definitions/nova-conf';
export { NOVA_COMPUTE_CONF_PATH } from '../probes/definitions/nova-compute-conf';

export const CONTROLLER_PROBES: AnyProbeDefinition[] = [HOSTNAME_PROBE, JUJU_STATUS_PROBE, OPENSTACK_CREDENTIALS_PROBE];

export const MACHINE_PROBES: AnyProbeDefinition[] = [
  HOSTNAME_PROBE,
  PACKAGES_PROBE,
  LXC_LIST_PROBE,
  LXC_PROFILES_PROBE,
  NOVA_CONF_PROBE,
  NOVA_COMPUTE_CONF_PROBE,
  IP_NETNS_PROBE,
  OVS_VSCTL_PROBE,
  OVS_INTERFACES_PROBE,
  LINKS_PROBE,
  ROUTES_PROBE,
  NEIGH_PROBE,
  FIREWALL_PROBE,
  DNSMASQ_PROCESSES_PROBE,
];

/** Probes that exist only once another probe has named something: a namespace's addresses, routes, neighbours and NAT/filter rules. */
export function namespaceProbes(namespace: string): AnyProbeDefinition[] {
  return [netnsAddrProbe(namespace), netnsRouteProbe(namespace), netnsNeighProbe(namespace), netnsFirewallProbe(namespace)];
}

/** Probes on the controller once `openstack-credentials` (and the lab's settings) chose its credentials. */
export function openstackProbes(source: OpenStackCredentialSource): AnyProbeDefinition[] {
  return [
    openstackProbe(OPENSTACK_HYPERVISORS, source),
    openstackProbe(OPENSTACK_SERVERS, source),
    openstackProbe(OPENSTACK_NETWORKS, source),
    openstackProbe(OPENSTACK_SUBNETS, source),
    openstackProbe(OPENSTACK_ROUTERS, source),
    openstackProbe(OPENSTACK_PORTS, source),
    openstackProbe(OPENSTACK_FLOATING_IPS, source),
    openstackProbe(OPENSTACK_SECURITY_GROUPS, source),
    openstackProbe(OPENSTACK_IMAGES, source),
    openstackProbe(OPENSTACK_FLAVORS, source),
    openstackProbe(OPENSTACK_COMPUTE_SERVICES, source),
    openstackProbe(OPENSTACK_NETWORK_AGENTS, source),
  ];
}
