// Every health check the console runs, in the order the report lists them (the lab's software
// first, then the instances' plumbing, then the gateway's namespaces). Adding a check: one file in
// checks/ and one line here.
import type { HealthCheck } from './health-check';
import { CHAIN_DEVICE_MISSING } from './checks/chain-device-missing';
import { CHAIN_LINK_DOWN } from './checks/chain-link-down';
import { CHAIN_MTU } from './checks/chain-mtu';
import { COMPUTE_DRIVER_NOT_LXD } from './checks/compute-driver-not-lxd';
import { COMPUTE_PACKAGES_DIFFER } from './checks/compute-packages-differ';
import { CONTAINER_STOPPED } from './checks/container-stopped';
import { DHCP_DNSMASQ_NOT_RUNNING } from './checks/dhcp-dnsmasq-not-running';
import { DHCP_PORT_WITHOUT_ADDRESS } from './checks/dhcp-port-without-address';
import { FLOATING_IP_NAT } from './checks/floating-ip-nat';
import { INSTANCE_WITHOUT_OVS_PORT } from './checks/instance-without-ovs-port';
import { JUJU_MACHINE_DOWN } from './checks/juju-machine-down';
import { JUJU_UNIT_BLOCKED } from './checks/juju-unit-blocked';
import { JUJU_UNIT_ERROR } from './checks/juju-unit-error';
import { NAMESPACE_PORT_DOWN } from './checks/namespace-port-down';
import { OVS_BRIDGE_MISSING } from './checks/ovs-bridge-missing';
import { QVO_VLAN_TAG } from './checks/qvo-vlan-tag';
import { ROUTER_WITHOUT_DEFAULT_ROUTE } from './checks/router-without-default-route';
import { STALE_OVS_PORT } from './checks/stale-ovs-port';

export const HEALTH_CHECKS: readonly HealthCheck[] = [
  JUJU_MACHINE_DOWN,
  JUJU_UNIT_ERROR,
  JUJU_UNIT_BLOCKED,
  COMPUTE_DRIVER_NOT_LXD,
  COMPUTE_PACKAGES_DIFFER,
  CONTAINER_STOPPED,
  INSTANCE_WITHOUT_OVS_PORT,
  STALE_OVS_PORT,
  OVS_BRIDGE_MISSING,
  CHAIN_DEVICE_MISSING,
  CHAIN_LINK_DOWN,
  CHAIN_MTU,
  QVO_VLAN_TAG,
  NAMESPACE_PORT_DOWN,
  DHCP_DNSMASQ_NOT_RUNNING,
  DHCP_PORT_WITHOUT_ADDRESS,
  ROUTER_WITHOUT_DEFAULT_ROUTE,
  FLOATING_IP_NAT,
];
