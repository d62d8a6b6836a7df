// Every probe the console runs to know a lab, in the order they are queued: those on the
// controller, those on each machine (each applies by the roles Juju gives it), and those that
// follow once `ip netns` has named a namespace. Each probe (its command, host rule, parser and
// failure explanation) is one file in probes/definitions/.
import type { AnyProbeDefinition } from '../probes/probe-definition';
import { HOSTNAME_PROBE } from '../probes/definitions/hostname';
import { IP_NETNS_PROBE } from '../probes/definitions/ip-netns';
import { JUJU_STATUS_PROBE } from '../probes/definitions/juju-status';
import { LINKS_PROBE } from '../probes/definitions/links';
import { LXC_LIST_PROBE } from '../probes/definitions/lxc-list';
import { LXC_PROFILES_PROBE } from '../probes/definitions/lxc-profiles';
import { netnsAddrProbe } from '../probes/definitions/netns-addr';
import { netnsRouteProbe } from '../probes/definitions/netns-route';
import { NOVA_COMPUTE_CONF_PROBE } from '../probes/definitions/nova-compute-conf';
import { NOVA_CONF_PROBE } from '../probes/definitions/nova-conf';
import { OVS_INTERFACES_PROBE } from '../probes/definitions/ovs-interfaces';
import { OVS_VSCTL_PROBE } from '../probes/definitions/ovs-vsctl';
import { PACKAGES_PROBE } from '../probes/definitions/packages';

export { NOVA_CONF_PATH } from '../probes/definitions/nova-conf';
export { NOVA_COMPUTE_CONF_PATH } from '../probes/definitions/nova-compute-conf';

export const CONTROLLER_PROBES: AnyProbeDefinition[] = [HOSTNAME_PROBE, JUJU_STATUS_PROBE];

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
];

/** Probes that exist only once another probe has named something: a namespace's addresses and routes. */
export function namespaceProbes(namespace: string): AnyProbeDefinition[] {
  return [netnsAddrProbe(namespace), netnsRouteProbe(namespace)];
}
