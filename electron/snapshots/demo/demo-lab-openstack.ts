// OpenStack's own view of the demo lab, as `openstack … -f json` (python-openstackclient) prints
// it on the walkthrough's controller after sourcing ~/novarc. The walkthrough shows only the
// dashboard's "lxd" hypervisors (step 5) and that networks and instances exist (step 6): every
// value here is INVENTED to agree with the rest of the demo (its instances, ports, MACs, addresses,
// namespaces, floating addresses and router), except lxc-test-1 being instance-0000000c (step 10).
import { CONTROLLER_MACHINE_ID, type InventoryMachine } from '../../contract/inventory';
import type { OpenStackCredentialSource } from '../../contract/openstack-model';
import { openstackProbes } from '../../inventory/probe-catalog';
import { SHOW_SEPARATOR } from '../../probes/definitions/openstack-command';
import { CREDENTIAL_PLACES, OPENSTACK_CREDENTIALS_PROBE } from '../../probes/definitions/openstack-credentials';
import type { DemoInstance } from './demo-lab-outputs';

export interface DemoOpenStackLab {
  /** The instances running on the compute node, each with the server name it has in Nova. */
  instances: (DemoInstance & { server: string; floating: string | null })[];
  /** The one being created (walkthrough step 9): BUILD, spawning, no container yet. */
  building: DemoInstance & { server: string };
  /** Compute nodes by host name, and the one the instances run on. */
  computeHosts: { hostname: string; address: string }[];
  instanceHost: string;
  gatewayHost: string;
  routerId: string;
  routerPorts: { qr: string; qg: string };
  routerGatewayAddress: string;
  /** Tenant networks (each with its DHCP port) and the external network's CIDR. */
  networks: { network: string; port: string; address: string; cidr: string }[];
  externalCidr: string;
}

const PROJECT = '5cd3f2b7a4d24b2e8fa5d0c1f4a6e9b2';
const EXTERNAL_NETWORK = 'a06c3967-ffef-4ed7-9a14-f6fa409eb3ba';
const EXTERNAL_SUBNET = 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b';
const IMAGE = { id: '1f0c3b5e-2d4a-4b6c-8d7e-9f0a1b2c3d4e', name: 'xenial' };
const TENANT_NAMES = ['internal', 'internal2', 'internal3'];
/** Server ids: invented, one per instance, in the instances' order. */
const SERVER_IDS = ['a6c6a525-0c2c-4bdd-9983-450beea30ae4', '8cc01bae-aeca-4454-be6b-a610cf5c9a09', '3f4e5d6c-7b8a-4c9d-8e0f-1a2b3c4d5e6f', '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a'];
const subnetOf = (network: string) => `${network.slice(0, 8)}-5b00-4c00-8d00-${network.slice(-12)}`;
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const pad = (n: number) => String(n).padStart(2, '0');

/** The controller's `openstack` commands and what each printed, in the order the keeper runs them. */
export function demoOpenStackCommands(lab: DemoOpenStackLab): [string[], string][] {
  const controller = { id: CONTROLLER_MACHINE_ID } as InventoryMachine;
  const source: OpenStackCredentialSource = { path: '~/novarc', kind: 'rc-file', cloud: null, chosenBy: 'found' };
  const credentials = `client /usr/bin/openstack\nfile ~/novarc\nlooked ${CREDENTIAL_PLACES.join(' ')}\n`;
  const tenant = lab.networks[0]!;
  const servers = [...lab.instances.map((instance, n) => ({ ...instance, id: SERVER_IDS[n]!, status: 'ACTIVE', task: null, power: 1 })), { ...lab.building, floating: null, id: SERVER_IDS[lab.instances.length]!, status: 'BUILD', task: 'spawning', power: 0 }];
  const serverRow = (server: (typeof servers)[number]) => ({
    ID: server.id,
    Name: server.server,
    Status: server.status,
    'Task State': server.task,
    'Power State': server.power,
    Networks: { [TENANT_NAMES[0]!]: [server.address, ...(server.floating ? [server.floating] : [])] },
    'Image Name': IMAGE.name,
    'Image ID': IMAGE.id,
    'Flavor Name': 'm1.small',
    'Flavor ID': '2',
    'Availability Zone': 'nova',
    Host: lab.instanceHost,
    Properties: {},
  });
  const serverShow = (server: (typeof servers)[number]) => ({ id: server.id, name: server.server, status: server.status, 'OS-EXT-SRV-ATTR:host': lab.instanceHost, 'OS-EXT-SRV-ATTR:hypervisor_hostname': lab.instanceHost, 'OS-EXT-SRV-ATTR:instance_name': server.name, project_id: PROJECT });
  const routerRow = { ID: lab.routerId, Name: 'provider-router', Status: 'ACTIVE', State: true, Project: PROJECT, Distributed: false, HA: false, Routes: [], 'External gateway info': { network_id: EXTERNAL_NETWORK, enable_snat: true, external_fixed_ips: [{ subnet_id: EXTERNAL_SUBNET, ip_address: lab.routerGatewayAddress }] } };
  const routerShow = { id: lab.routerId, name: 'provider-router', status: 'ACTIVE', admin_state_up: true, interfaces_info: [{ port_id: lab.routerPorts.qr, ip_address: tenant.cidr.replace(/0\/\d+$/, '1'), subnet_id: subnetOf(tenant.network) }], external_gateway_info: routerRow['External gateway info'] };
  const port = (id: string, mac: string, subnet: string, address: string, owner: string) => ({ ID: id, Name: '', 'MAC Address': mac, 'Fixed IP Addresses': [{ subnet_id: subnet, ip_address: address }], Status: 'ACTIVE', 'Security Groups': owner.startsWith('compute:') ? ['0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a'] : [], 'Device Owner': owner, Tags: [] });
  const outputs: Record<string, string> = {
    'openstack-hypervisors': json(
      lab.computeHosts.map((host, n) => ({ ID: n + 1, 'Hypervisor Hostname': host.hostname, 'Hypervisor Type': 'lxd', 'Host IP': host.address, State: 'up', 'vCPUs Used': host.hostname === lab.instanceHost ? servers.length : 0, vCPUs: 8, 'Memory MB Used': 512 + (host.hostname === lab.instanceHost ? 2048 * servers.length : 0), 'Memory MB': 32768 })),
    ),
    'openstack-servers': `${json(servers.map(serverRow)).trimEnd()}\n${servers.map((server) => `${SHOW_SEPARATOR}\n${json(serverShow(server))}`).join('')}`,
    'openstack-networks': json([
      ...lab.networks.map((network, n) => ({ ID: network.network, Name: TENANT_NAMES[n], Status: 'ACTIVE', Project: PROJECT, State: true, Shared: false, Subnets: [subnetOf(network.network)], 'Network Type': 'vxlan', 'Router Type': 'Internal', 'Availability Zones': ['nova'] })),
      { ID: EXTERNAL_NETWORK, Name: 'ext_net', Status: 'ACTIVE', Project: PROJECT, State: true, Shared: false, Subnets: [EXTERNAL_SUBNET], 'Network Type': 'flat', 'Router Type': 'External', 'Availability Zones': ['nova'] },
    ]),
    'openstack-subnets': json([
      ...lab.networks.map((network, n) => ({ ID: subnetOf(network.network), Name: `${TENANT_NAMES[n]}_subnet`, Network: network.network, Subnet: network.cidr, Project: PROJECT, DHCP: true, 'Allocation Pools': [{ start: network.cidr.replace(/0\/\d+$/, '2'), end: network.cidr.replace(/0\/\d+$/, '254') }], 'IP Version': 4, Gateway: network.cidr.replace(/0\/\d+$/, '1') })),
      { ID: EXTERNAL_SUBNET, Name: 'ext_subnet', Network: EXTERNAL_NETWORK, Subnet: lab.externalCidr, Project: PROJECT, DHCP: false, 'Allocation Pools': [{ start: lab.externalCidr.replace(/0\/\d+$/, '130'), end: lab.externalCidr.replace(/0\/\d+$/, '199') }], 'IP Version': 4, Gateway: lab.externalCidr.replace(/0\/\d+$/, '1') },
    ]),
    'openstack-routers': `${json([routerRow]).trimEnd()}\n${SHOW_SEPARATOR}\n${json(routerShow)}`,
    'openstack-ports': json([
      ...servers.map((server) => port(server.portId, server.mac, subnetOf(tenant.network), server.address, 'compute:nova')),
      port(lab.routerPorts.qr, 'fa:16:3e:6c:81:69', subnetOf(tenant.network), tenant.cidr.replace(/0\/\d+$/, '1'), 'network:router_interface'),
      port(lab.routerPorts.qg, 'fa:16:3e:88:01:46', EXTERNAL_SUBNET, lab.routerGatewayAddress, 'network:router_gateway'),
      ...lab.networks.map((network, n) => port(network.port, `fa:16:3e:d${n}:20:02`, subnetOf(network.network), network.address, 'network:dhcp')),
    ]),
    'openstack-floating-ips': json(
      servers.filter((server) => server.floating).map((server, n) => ({ ID: `2b1f6c0e-7a3d-4e5f-9b8c-1d2e3f4a5b${pad(n)}`, 'Floating IP Address': server.floating, 'Fixed IP Address': server.address, Port: server.portId, 'Floating Network': EXTERNAL_NETWORK, Project: PROJECT, Router: lab.routerId, Status: 'ACTIVE', Description: '' })),
    ),
    'openstack-security-groups': json([{ ID: '0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a', Name: 'default', Description: 'Default security group', Project: PROJECT, Tags: [] }]),
    'openstack-images': json([{ ID: IMAGE.id, Name: IMAGE.name, 'Disk Format': 'raw', 'Container Format': 'bare', Size: 164626432, Checksum: '6f1e2d3c4b5a69788796a5b4c3d2e1f0', Status: 'active', Visibility: 'public', Protected: false, Project: PROJECT, Tags: [] }]),
    'openstack-flavors': json([
      { ID: '1', Name: 'm1.tiny', RAM: 512, Disk: 1, Ephemeral: 0, VCPUs: 1, 'Is Public': true },
      { ID: '2', Name: 'm1.small', RAM: 2048, Disk: 20, Ephemeral: 0, VCPUs: 1, 'Is Public': true },
    ]),
    'openstack-compute-services': json([
      { ID: 1, Binary: 'nova-scheduler', Host: 'juju-79fcc7-22-lxd-1', Zone: 'internal', Status: 'enabled', State: 'up', 'Updated At': '2016-12-07T09:59:58.000000' },
      { ID: 2, Binary: 'nova-conductor', Host: 'juju-79fcc7-22-lxd-1', Zone: 'internal', Status: 'enabled', State: 'up', 'Updated At': '2016-12-07T09:59:59.000000' },
      ...lab.computeHosts.map((host, n) => ({ ID: n + 3, Binary: 'nova-compute', Host: host.hostname, Zone: 'nova', Status: 'enabled', State: 'up', 'Updated At': '2016-12-07T10:00:01.000000' })),
    ]),
    'openstack-network-agents': json([
      ...[...lab.computeHosts.map((host) => host.hostname), lab.gatewayHost].map((host, n) => ({ ID: `6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c${pad(n)}`, 'Agent Type': 'Open vSwitch agent', Host: host, 'Availability Zone': null, Alive: true, State: true, Binary: 'neutron-openvswitch-agent' })),
      { ID: '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c90', 'Agent Type': 'L3 agent', Host: lab.gatewayHost, 'Availability Zone': 'nova', Alive: true, State: true, Binary: 'neutron-l3-agent' },
      { ID: '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c91', 'Agent Type': 'DHCP agent', Host: lab.gatewayHost, 'Availability Zone': 'nova', Alive: true, State: true, Binary: 'neutron-dhcp-agent' },
      { ID: '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c92', 'Agent Type': 'Metadata agent', Host: lab.gatewayHost, 'Availability Zone': null, Alive: true, State: true, Binary: 'neutron-metadata-agent' },
    ]),
  };
  return [[OPENSTACK_CREDENTIALS_PROBE.command(controller), credentials], ...openstackProbes(source).map((probe): [string[], string] => [probe.command(controller), outputs[probe.kind]!])];
}
