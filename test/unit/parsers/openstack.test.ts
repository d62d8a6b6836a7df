// The OpenStack parsers on real outputs: python-openstackclient 6.0.0, novaclient 18.1.0 and
// neutronclient 8.1.0 printing the OrangeBox lab (test/fixtures/openstack/README.md says how), and
// tables quoted in public documents (test/fixtures/outputs/README.md). One model whatever printed it.
import { describe, expect, it } from 'vitest';
import { parsers, type ParseKind } from '../../../electron/probes/parsers';
import { UNREADABLE } from '../../../electron/probes/parsers/parse-result';
import { parseOpenStackHypervisorList } from '../../../electron/probes/parsers/openstack-hypervisor-list';
import { parseOpenStackServerList } from '../../../electron/probes/parsers/openstack-server-list';
import { parseOpenStackNetworkList } from '../../../electron/probes/parsers/openstack-network-list';
import { parseOpenStackSubnetList } from '../../../electron/probes/parsers/openstack-subnet-list';
import { parseOpenStackRouterList } from '../../../electron/probes/parsers/openstack-router-list';
import { parseOpenStackPortList } from '../../../electron/probes/parsers/openstack-port-list';
import { parseOpenStackFloatingIpList } from '../../../electron/probes/parsers/openstack-floating-ip-list';
import {
  parseOpenStackComputeServiceList,
  parseOpenStackFlavorList,
  parseOpenStackImageList,
  parseOpenStackNetworkAgentList,
  parseOpenStackSecurityGroupList,
} from '../../../electron/probes/parsers/openstack-misc-lists';
import { fixture } from './fixtures';

const ROUTER = '35fea0f3-ca4d-4bdf-a3b7-c00194bbd566';
const EXT_NET = 'a06c3967-ffef-4ed7-9a14-f6fa409eb3ba';
const PROJECT = '5cd3f2b7a4d24b2e8fa5d0c1f4a6e9b2';

/** Each kind's `-f json` and default table of the same lab command: [kind, json file, table file]. */
const SAME_COMMAND: [ParseKind, string, string][] = [
  ['openstack-hypervisor-list', 'lab-osc-6.0.0-long.json.txt', 'lab-osc-6.0.0-long.txt'],
  ['openstack-server-list', 'lab-osc-6.0.0-all-projects-long.json.txt', 'lab-osc-6.0.0-all-projects-long.txt'],
  ['openstack-server-list', 'lab-osc-6.0.0-all-projects.json.txt', 'lab-osc-6.0.0-all-projects.txt'],
  ['openstack-server-list', 'lab-osc-6.0.0-server-show.json.txt', 'lab-osc-6.0.0-server-show.txt'],
  ['openstack-network-list', 'lab-osc-6.0.0-long.json.txt', 'lab-osc-6.0.0-long.txt'],
  ['openstack-subnet-list', 'lab-osc-6.0.0-long.json.txt', 'lab-osc-6.0.0-long.txt'],
  ['openstack-router-list', 'lab-osc-6.0.0-long.json.txt', 'lab-osc-6.0.0-long.txt'],
  ['openstack-router-list', 'lab-osc-6.0.0-show.json.txt', 'lab-osc-6.0.0-show.txt'],
  ['openstack-port-list', 'lab-osc-6.0.0-long.json.txt', 'lab-osc-6.0.0-long.txt'],
  ['openstack-floating-ip-list', 'lab-osc-6.0.0-long.json.txt', 'lab-osc-6.0.0-long.txt'],
  ['openstack-security-group-list', 'lab-osc-6.0.0.json.txt', 'lab-osc-6.0.0.txt'],
  ['openstack-image-list', 'lab-osc-6.0.0-long.json.txt', 'lab-osc-6.0.0-long.txt'],
  ['openstack-flavor-list', 'lab-osc-6.0.0-all.json.txt', 'lab-osc-6.0.0-all.txt'],
  ['openstack-compute-service-list', 'lab-osc-6.0.0.json.txt', 'lab-osc-6.0.0.txt'],
  ['openstack-network-agent-list', 'lab-osc-6.0.0.json.txt', 'lab-osc-6.0.0.txt'],
];

describe('-f json and the table of the same command', () => {
  it.each(SAME_COMMAND)('%s: %s and %s give one model, with no problems', (kind, json, table) => {
    const fromJson = parsers[kind](fixture(kind, json));
    const fromTable = parsers[kind](fixture(kind, table));
    expect(fromJson.format).toBe('json');
    expect(fromTable.format).toBe('table');
    expect(fromJson.problems).toEqual([]);
    expect(fromTable.problems).toEqual([]);
    expect(fromTable.value).toEqual(fromJson.value);
    expect(JSON.stringify(fromJson.value)).not.toBe('{}');
  });
});

describe('hypervisors', () => {
  it('reads the lab\'s nova-lxd compute nodes with their use (OSC 6.0.0 --long)', () => {
    const { value } = parseOpenStackHypervisorList(fixture('openstack-hypervisor-list', 'lab-osc-6.0.0-long.json.txt'));
    expect(value.hypervisors.map((entry) => [entry.hostname, entry.type, entry.state])).toEqual([
      ['node03ob64', 'lxd', 'up'],
      ['node05ob64', 'lxd', 'up'],
      ['node07ob64', 'lxd', 'down'],
    ]);
    expect(value.hypervisors[1]).toMatchObject({ id: '2', hostIp: '198.51.100.224', vcpus: 8, vcpusUsed: 2, memoryMb: 32768, memoryMbUsed: 3072, status: null, runningVms: null });
  });

  it('reads nova hypervisor-list (no type, but the status)', () => {
    const { value, format } = parseOpenStackHypervisorList(fixture('openstack-hypervisor-list', 'lab-novaclient-18.1.0-hypervisor-list.txt'));
    expect(format).toBe('table');
    expect(value.hypervisors[2]).toEqual({ id: '3', hostname: 'node07ob64', type: null, hostIp: null, state: 'down', status: 'enabled', vcpus: null, vcpusUsed: null, memoryMb: null, memoryMbUsed: null, runningVms: null });
  });

  it('reads public tables: integer ids (OSC 3.x devstack) and UUID ids (microversion 2.53+), past a prompt line', () => {
    const devstack = parseOpenStackHypervisorList(fixture('openstack-hypervisor-list', 'neutron-ovn-devstack-doc-table.txt'));
    expect(devstack.value.hypervisors.map((entry) => [entry.id, entry.hostname, entry.type, entry.hostIp])).toEqual([
      ['1', 'centos7-ovn-devstack', 'QEMU', '172.16.189.6'],
      ['2', 'centos7-ovn-devstack-2', 'QEMU', '172.16.189.30'],
    ]);
    const tripleo = parseOpenStackHypervisorList(fixture('openstack-hypervisor-list', 'tripleo-notes-microversion-2.53-uuid-ids-table.txt'));
    expect(tripleo.value.hypervisors).toHaveLength(5);
    expect(tripleo.value.hypervisors[0]?.id).toBe('8adbe348-3bae-496e-b356-7bc107e5068f');
    // "(overcloud) [stack@undercloud ~]$ …" is no prompt the input cleaner knows: it is said and skipped.
    expect(tripleo.problems).toEqual([{ line: 1, message: expect.stringContaining('not part of the table') }]);
  });
});

describe('servers', () => {
  it('reads the long list: host from "Host", numeric power state 1 as Running, no instance name', () => {
    const { value } = parseOpenStackServerList(fixture('openstack-server-list', 'lab-osc-6.0.0-all-projects-long.json.txt'));
    expect(value.servers).toHaveLength(4);
    expect(value.servers[3]).toEqual({
      id: '196c0452-88fb-4702-915b-ffe7fb31a6a8',
      name: 'lxc-test-3',
      status: 'ACTIVE',
      powerState: 'Running',
      taskState: null,
      host: 'node05ob64',
      instanceName: null,
      image: 'xenial',
      flavor: 'm1.small',
      networks: [{ network: 'private', addresses: ['198.51.100.138', '198.51.100.20'] }],
      project: null,
      availabilityZone: 'nova',
    });
  });

  it('reads server show (JSON and table): instance name, host, project, image and flavor names without their ids', () => {
    for (const name of ['lab-osc-6.0.0-server-show.json.txt', 'lab-osc-6.0.0-server-show.txt']) {
      const { value } = parseOpenStackServerList(fixture('openstack-server-list', name));
      expect(value.servers).toEqual([
        expect.objectContaining({ id: '8cc01bae-aeca-4454-be6b-a610cf5c9a09', instanceName: 'instance-0000000c', host: 'node03ob64', project: PROJECT, image: 'xenial', flavor: 'm1.tiny', powerState: 'Running' }),
      ]);
    }
  });

  it('reads a JSON list of server show objects', () => {
    const one = JSON.parse(fixture('openstack-server-list', 'lab-osc-6.0.0-server-show.json.txt'));
    const other = { ...one, id: 'a6c6a525-0c2c-4bdd-9983-450beea30ae4', name: 'lxc-test-0', 'OS-EXT-SRV-ATTR:instance_name': 'instance-00000002', 'OS-EXT-STS:power_state': 4 };
    const { value, problems } = parseOpenStackServerList(JSON.stringify([one, other], null, 2));
    expect(problems).toEqual([]);
    expect(value.servers.map((server) => [server.instanceName, server.powerState])).toEqual([
      ['instance-0000000c', 'Running'],
      ['instance-00000002', 'Shutdown'],
    ]);
  });

  it('reads nova list --fields with OS-EXT-SRV-ATTR host and instance name (lab, and a Wind River capture with two networks)', () => {
    const lab = parseOpenStackServerList(fixture('openstack-server-list', 'lab-novaclient-18.1.0-list-fields-host-instance-name.txt'));
    expect(lab.value.servers.map((server) => [server.name, server.host, server.instanceName])).toEqual([
      ['lxc-test-0', 'node03ob64', 'instance-00000002'],
      ['lxc-test-1', 'node03ob64', 'instance-0000000c'],
      ['lxc-test-2', 'node05ob64', 'instance-00000012'],
      ['lxc-test-3', 'node05ob64', 'instance-00000014'],
    ]);
    const windRiver = parseOpenStackServerList(fixture('openstack-server-list', 'wind-river-cgcs-nova-list-fields-instance-name-host.txt'));
    expect(windRiver.problems).toEqual([]);
    expect(windRiver.value.servers[0]).toMatchObject({
      instanceName: 'instance-00000009',
      host: 'compute-0',
      networks: [
        { network: 'internal-net0', addresses: ['10.10.0.2', '10.10.1.2'] },
        { network: 'public-net0', addresses: ['192.168.101.3'] },
      ],
    });
  });

  it('reads Train-era OSC: volume-booted servers without image, and server show after a live migration', () => {
    const list = parseOpenStackServerList(fixture('openstack-server-list', 'train-live-migration-notes-osc-long-volume-booted.txt'));
    expect(list.problems).toEqual([]);
    expect(list.value.servers[0]).toEqual({
      id: '905d3d6a-8e5b-4a83-add8-88e6a24d13a3',
      name: 'U20-v4',
      status: 'ACTIVE',
      powerState: 'Running',
      taskState: null,
      host: 'compute1',
      instanceName: null,
      image: null,
      flavor: 'flv_1c1r',
      networks: [
        { network: 'private01', addresses: ['192.168.1.147'] },
        { network: 'public01', addresses: ['10.10.32.174'] },
      ],
      project: null,
      availabilityZone: 'nova',
    });
    const show = parseOpenStackServerList(fixture('openstack-server-list', 'train-live-migration-notes-osc-server-show.txt'));
    expect(show.value.servers[0]).toMatchObject({ host: 'compute2', instanceName: 'instance-0000000b', flavor: 'flv_1c1r', image: null, project: '5b4c1d2155004acf849cd3aac03b8f36' });
  });

  it('reads nova list --all-tenants: "-" task state as none, the tenant as project', () => {
    const { value } = parseOpenStackServerList(fixture('openstack-server-list', 'testbed-notes-nova-list-all-tenants.txt'));
    expect(value.servers[1]).toMatchObject({ name: 'll-instance11902', taskState: null, powerState: 'Running', project: '71e93aa11b6b40b9abf39a5a619f1f9d' });
  });

  it('reads the Networks column as a dict (OSC 5.5+ JSON) and as "net=a, b; net2=c" (older JSON and every table) alike', () => {
    const asDict = parseOpenStackServerList('[{"ID": "s1", "Name": "a", "Networks": {"private": ["10.0.0.5", "172.24.4.10"], "ext": ["172.24.4.2"]}}]');
    const asText = parseOpenStackServerList('[{"ID": "s1", "Name": "a", "Networks": "private=10.0.0.5, 172.24.4.10; ext=172.24.4.2"}]');
    expect(asText.value).toEqual(asDict.value);
    expect(asDict.value.servers[0]?.networks).toEqual([
      { network: 'ext', addresses: ['172.24.4.2'] },
      { network: 'private', addresses: ['10.0.0.5', '172.24.4.10'] },
    ]);
  });
});

describe('networks, subnets, routers, ports, floating IPs', () => {
  it('reads networks with router type as external, and neutron net-list\'s "<subnet> <cidr>" cells as subnet ids', () => {
    const { value } = parseOpenStackNetworkList(fixture('openstack-network-list', 'lab-osc-6.0.0-long.txt'));
    expect(value.networks.find((network) => network.name === 'ext_net')).toMatchObject({ id: EXT_NET, external: true, shared: false, networkType: 'flat', status: 'ACTIVE' });
    expect(value.networks.find((network) => network.name === 'private')?.external).toBe(false);
    const neutron = parseOpenStackNetworkList(fixture('openstack-network-list', 'lab-neutronclient-8.1.0-net-list.txt'));
    expect(neutron.value.networks.map((network) => network.subnets)).toEqual(value.networks.map((network) => network.subnets));
    expect(neutron.value.networks[3]).toMatchObject({ name: 'ext_net', project: PROJECT, external: null });
  });

  it('reads subnets with pools, and neutron subnet-list\'s JSON-text pools the same way', () => {
    const { value } = parseOpenStackSubnetList(fixture('openstack-subnet-list', 'lab-osc-6.0.0-long.txt'));
    expect(value.subnets[3]).toEqual({ id: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b', name: 'ext_net_subnet', networkId: EXT_NET, cidr: '198.51.100.128/26', gatewayIp: '198.51.100.129', ipVersion: 4, dhcp: false, allocationPools: ['198.51.100.130-198.51.100.190'] });
    const neutron = parseOpenStackSubnetList(fixture('openstack-subnet-list', 'lab-neutronclient-8.1.0-subnet-list.txt'));
    expect(neutron.value.subnets.map((subnet) => subnet.allocationPools)).toEqual(value.subnets.map((subnet) => subnet.allocationPools));
  });

  it('reads the router\'s gateway from the list and its interfaces from router show', () => {
    const list = parseOpenStackRouterList(fixture('openstack-router-list', 'lab-osc-6.0.0-long.txt'));
    expect(list.value.routers[0]).toMatchObject({ id: ROUTER, state: 'UP', distributed: false, ha: false, interfaces: [] });
    expect(list.value.routers[0]?.externalGateway).toEqual({ networkId: EXT_NET, fixedIps: [{ subnetId: 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b', ipAddress: '198.51.100.130' }], snat: true });
    const show = parseOpenStackRouterList(fixture('openstack-router-list', 'lab-osc-6.0.0-show.json.txt'));
    expect(show.value.routers[0]?.interfaces.map((entry) => [entry.portId, entry.ipAddress])).toEqual([
      ['cdbf7fe2-ce3e-4753-a5c7-659a7ce084fd', '198.51.100.1'],
      ['b2448589-2b47-432c-9813-d542dec2d17c', '198.51.100.33'],
      ['9ee5f7e3-a5ef-4f3b-b365-dface86519d2', '198.51.100.65'],
    ]);
    const neutron = parseOpenStackRouterList(fixture('openstack-router-list', 'lab-neutronclient-8.1.0-router-list.txt'));
    expect(neutron.value.routers[0]?.externalGateway).toEqual(list.value.routers[0]?.externalGateway);
  });

  it('reads a JSON array of router show objects, each with its interfaces', () => {
    const one = JSON.parse(fixture('openstack-router-list', 'lab-osc-6.0.0-show.json.txt'));
    const { value } = parseOpenStackRouterList(JSON.stringify([one, { ...one, id: 'r2', name: 'router2', interfaces_info: [], external_gateway_info: null }]));
    expect(value.routers.map((router) => [router.name, router.interfaces.length, router.externalGateway?.networkId ?? null])).toEqual([
      ['router1', 3, EXT_NET],
      ['router2', 0, null],
    ]);
  });

  it('reads OSC\'s older gateway text (network_id=\'…\', external_fixed_ips=\'[{u\'subnet_id\': …}]\')', () => {
    const table = [
      '+------+---------+-----------------------------------------------------------------------------------------------------------------------------+',
      '| ID   | Name    | External gateway info                                                                                                       |',
      '+------+---------+-----------------------------------------------------------------------------------------------------------------------------+',
      "| r1   | router1 | network_id='ext', enable_snat='True', external_fixed_ips='[{u'subnet_id': u's-ext', u'ip_address': u'172.24.4.3'}]'          |",
      '+------+---------+-----------------------------------------------------------------------------------------------------------------------------+',
    ].join('\n');
    expect(parseOpenStackRouterList(table).value.routers[0]?.externalGateway).toEqual({ networkId: 'ext', fixedIps: [{ subnetId: 's-ext', ipAddress: '172.24.4.3' }], snat: true });
  });

  it('reads ports: fixed IPs from OSC\'s key=\'value\' lines and neutron\'s JSON text alike', () => {
    const { value } = parseOpenStackPortList(fixture('openstack-port-list', 'lab-osc-6.0.0-long.txt'));
    const instancePort = value.ports.find((port) => port.id === '1896322c-d426-41bf-9973-bbc8d8d22745');
    expect(instancePort).toMatchObject({ macAddress: 'fa:16:3e:54:f9:9d', status: 'ACTIVE', deviceOwner: 'compute:nova', securityGroups: ['7b1c9e2a-4d3f-4a6b-8c5d-9e0f1a2b3c4d'], fixedIps: [{ subnetId: '3d7a5a0e-5cf1-4b8e-9a3d-2f6b1c0e8a41', ipAddress: '198.51.100.12' }] });
    expect(value.ports.find((port) => port.fixedIps[0]?.ipAddress === '198.51.100.29')?.status).toBe('DOWN');
    const neutron = parseOpenStackPortList(fixture('openstack-port-list', 'lab-neutronclient-8.1.0-port-list.txt'));
    expect(neutron.value.ports.map((port) => port.fixedIps)).toEqual(value.ports.map((port) => port.fixedIps));
  });

  it('reads floating IPs with their router, and neutron floatingip-list without it', () => {
    const { value } = parseOpenStackFloatingIpList(fixture('openstack-floating-ip-list', 'lab-osc-6.0.0-long.json.txt'));
    expect(value.floatingIps.map((entry) => [entry.floatingIpAddress, entry.fixedIpAddress, entry.status])).toEqual([
      ['198.51.100.133', '198.51.100.4', 'ACTIVE'],
      ['198.51.100.136', '198.51.100.12', 'ACTIVE'],
      ['198.51.100.138', '198.51.100.20', 'ACTIVE'],
      ['198.51.100.140', '198.51.100.29', 'DOWN'],
    ]);
    expect(value.floatingIps[0]).toMatchObject({ routerId: ROUTER, floatingNetworkId: EXT_NET, portId: '060a1db8-02d9-4e62-bc72-709575abf714' });
    const neutron = parseOpenStackFloatingIpList(fixture('openstack-floating-ip-list', 'lab-neutronclient-8.1.0-floatingip-list.txt'));
    expect(neutron.value.floatingIps[3]).toMatchObject({ floatingIpAddress: '198.51.100.140', fixedIpAddress: '198.51.100.29', routerId: null });
  });
});

describe('security groups, images, flavors, services, agents', () => {
  it('reads the small lists with their values', () => {
    expect(parseOpenStackSecurityGroupList(fixture('openstack-security-group-list', 'lab-osc-6.0.0.txt')).value.securityGroups).toEqual([
      { id: '7b1c9e2a-4d3f-4a6b-8c5d-9e0f1a2b3c4d', name: 'default', description: 'Default security group', project: PROJECT },
    ]);
    expect(parseOpenStackImageList(fixture('openstack-image-list', 'lab-osc-6.0.0-long.txt')).value.images).toEqual([
      { id: '1f0c3b5e-2d4a-4b6c-8d7e-9f0a1b2c3d4e', name: 'xenial', status: 'active', diskFormat: 'root-tar', containerFormat: 'bare', sizeBytes: 183029760 },
    ]);
    const flavors = parseOpenStackFlavorList(fixture('openstack-flavor-list', 'lab-osc-6.0.0-all.txt')).value;
    expect(flavors.flavors[1]).toEqual({ id: '2', name: 'm1.small', ramMb: 2048, diskGb: 20, vcpus: 1, isPublic: true });
    expect(parseOpenStackFlavorList(fixture('openstack-flavor-list', 'lab-novaclient-18.1.0-flavor-list.txt')).value).toEqual(flavors);
  });

  it('reads nova-compute services per host, nova service-list as OSC prints it', () => {
    const { value } = parseOpenStackComputeServiceList(fixture('openstack-compute-service-list', 'lab-osc-6.0.0.txt'));
    expect(value.services.filter((service) => service.binary === 'nova-compute').map((service) => [service.host, service.state])).toEqual([
      ['node03ob64', 'up'],
      ['node05ob64', 'up'],
      ['node07ob64', 'down'],
    ]);
    expect(parseOpenStackComputeServiceList(fixture('openstack-compute-service-list', 'lab-novaclient-18.1.0-service-list.txt')).value).toEqual(value);
  });

  it('reads agents alive from ":-)" / "XXX" (OSC), "xxx" (neutron) and true/false (JSON) alike', () => {
    const osc = parseOpenStackNetworkAgentList(fixture('openstack-network-agent-list', 'lab-osc-6.0.0.txt')).value;
    expect(osc.agents.map((agent) => [agent.host, agent.agentType, agent.alive])).toContainEqual(['node07ob64', 'Open vSwitch agent', false]);
    expect(osc.agents.filter((agent) => agent.alive)).toHaveLength(6);
    expect(parseOpenStackNetworkAgentList(fixture('openstack-network-agent-list', 'lab-neutronclient-8.1.0-agent-list.txt')).value).toEqual(osc);
  });
});

describe('older releases, as quoted in public notes', () => {
  it('joins cells cliff wrapped to fit the terminal (ids broken at hyphens, host names, binaries) — RDO Ocata notes, 2017', () => {
    const { value, problems } = parseOpenStackNetworkAgentList(fixture('openstack-network-agent-list', 'rdo-ocata-notes-2017-osc-wrapped-cells.txt'));
    expect(problems).toEqual([]);
    expect(value.agents.map((agent) => [agent.id, agent.host, agent.binary, agent.alive])).toEqual([
      ['66782d58-6586-4d2c-b34f-5b20357c947d', 'os-controller.kar.int', 'neutron-l3-agent', true],
      ['8fef4034-409e-475a-bd4c-2aa661e2c09a', 'os-controller.kar.int', 'neutron-metadata-agent', true],
      ['a9a8b2e2-1be4-434b-901b-c09dd994423b', 'os-controller.kar.int', 'neutron-linuxbridge-agent', true],
      ['a9e222ca-cdca-41cc-be23-d311dccca6f6', 'os-compute.kar.int', 'neutron-linuxbridge-agent', true],
      ['ed9cc1cd-f256-45b8-b8a0-318e92001502', 'os-controller.kar.int', 'neutron-dhcp-agent', true],
    ]);
    expect(value.agents[0]?.agentType).toBe('L3 agent');
  });

  it('reads nova hypervisor-list as operators pasted it: a node down, a vCenter cluster, tab-indented', () => {
    expect(parseOpenStackHypervisorList(fixture('openstack-hypervisor-list', 'rdo-notes-novaclient-hypervisor-list-down.txt')).value.hypervisors.map((entry) => [entry.hostname, entry.state, entry.status])).toEqual([
      ['meditech', 'down', 'enabled'],
      ['compute2', 'up', 'enabled'],
      ['compute1', 'up', 'enabled'],
    ]);
    const vcenter = parseOpenStackHypervisorList(fixture('openstack-hypervisor-list', 'evacuation-notes-novaclient-vcenter-cluster-tab-indented.txt'));
    // The indented "$ nova hypervisor-list" lines are not taken for prompts (indented): said, then skipped.
    expect(vcenter.problems).toEqual([
      { line: 1, message: 'not part of the table, skipped: "$ nova hypervisor-list"' },
      { line: 2, message: 'not part of the table, skipped: "$ openstack hypervisor list"' },
    ]);
    expect(vcenter.value.hypervisors.map((entry) => entry.hostname)).toEqual(['domain-c7(lab)', 'node-1.bulb.int', 'node-2.bulb.int']);
  });

  it('reads tables whose padding a blog collapsed (OSC 3.x, Ocata on a Juju/MAAS bundle)', () => {
    expect(parseOpenStackRouterList(fixture('openstack-router-list', 'wabuntu-ocata-osc-3.x-list-collapsed-padding.txt')).value.routers[0]).toMatchObject({ name: 'provider-router', state: 'UP', distributed: false, ha: false, project: 'bd50a4d466984fe5b4c9991b6ea9529a' });
    const show = parseOpenStackRouterList(fixture('openstack-router-list', 'wabuntu-ocata-osc-3.x-show-collapsed-padding.txt'));
    expect(show.value.routers[0]?.externalGateway).toEqual({ networkId: '11c206ef-dc90-41f2-86f0-156e9a694250', fixedIps: [{ subnetId: 'ed6c4287-b546-4213-b27b-97e39427309c', ipAddress: '192.168.123.100' }], snat: true });
    expect(parseOpenStackNetworkList(fixture('openstack-network-list', 'wabuntu-ocata-osc-3.x-collapsed-padding.txt')).value.networks[0]?.subnets).toEqual(['ed6c4287-b546-4213-b27b-97e39427309c']);
    expect(parseOpenStackSubnetList(fixture('openstack-subnet-list', 'wabuntu-ocata-osc-3.x-collapsed-padding.txt')).value.subnets[0]).toMatchObject({ cidr: '192.168.123.0/24', networkId: '11c206ef-dc90-41f2-86f0-156e9a694250' });
    expect(parseOpenStackFlavorList(fixture('openstack-flavor-list', 'wabuntu-ocata-osc-3.x-collapsed-padding.txt')).value.flavors.at(-1)).toEqual({ id: '5', name: 'm1.xlarge', ramMb: 16384, diskGb: 160, vcpus: 8, isPublic: true });
    expect(parseOpenStackFloatingIpList(fixture('openstack-floating-ip-list', 'wabuntu-ocata-neutronclient-collapsed-padding.txt')).value.floatingIps[0]).toMatchObject({ floatingIpAddress: '192.168.123.101', fixedIpAddress: '10.5.5.3', portId: '2e4e63ef-efd5-4f0c-a559-6c406a661d0d' });
    const ports = parseOpenStackPortList(fixture('openstack-port-list', 'wabuntu-ocata-neutronclient-collapsed-padding.txt')).value.ports;
    expect(ports.map((port) => port.fixedIps[0]?.ipAddress)).toEqual(['192.168.123.100', '10.5.5.3', '10.5.5.2', '10.5.5.1', '192.168.123.101']);
  });

  it('reads create/show "Field | Value" tables: router:external "External", a router without gateway', () => {
    expect(parseOpenStackNetworkList(fixture('openstack-network-list', 'rdo-ocata-notes-2017-network-create-show.txt')).value.networks).toEqual([
      { id: 'addf3eeb-ef5d-4222-9cbe-ecd8e782702a', name: 'provider', subnets: [], status: 'ACTIVE', project: '835735f545f04650b58c71a583242b35', external: true, shared: true, networkType: 'flat', segmentationId: null, mtu: 1500 },
    ]);
    expect(parseOpenStackRouterList(fixture('openstack-router-list', 'rdo-ocata-notes-2017-router-create-no-gateway.txt')).value.routers[0]).toMatchObject({ id: 'f84d21b1-c643-445a-87fb-b908b437f459', externalGateway: null, interfaces: [] });
    expect(parseOpenStackComputeServiceList(fixture('openstack-compute-service-list', 'rdo-ocata-notes-2017-osc.txt')).value.services.at(-1)).toEqual({ id: '8', binary: 'nova-compute', host: 'os-compute.kar.int', zone: 'nova', status: 'enabled', state: 'up', updatedAt: '2017-06-21T15:55:29.000000' });
    expect(parseOpenStackImageList(fixture('openstack-image-list', 'rdo-ocata-notes-2017-osc-short.txt')).value.images).toEqual([{ id: 'f71063a9-7865-4b10-9216-b213b44f5073', name: 'cirros', status: 'active', diskFormat: null, containerFormat: null, sizeBytes: null }]);
  });
});

describe('what is not the output', () => {
  const kinds = Object.keys(parsers).filter((kind): kind is ParseKind => kind.startsWith('openstack-'));

  it.each([
    ['no credentials', 'Missing value auth-url required for auth plugin password', /no credentials.*rc file/],
    ['an HTML error page', '<html><body><h1>502 Bad Gateway</h1></body></html>', /HTML page.*OS_AUTH_URL/],
    ['refused credentials', 'The request you have made requires authentication. (HTTP 401) (Request-ID: req-1)', /credentials were refused/],
    ['an unreachable API', 'Failed to discover available identity versions when contacting http://10.0.0.5:5000/v3. Attempting to parse version from URL.', /could not be reached/],
    ['a missing client', 'bash: openstack: command not found', /not installed/],
    ['text', 'hello world', /expected -f json output or the \+----\+ table/],
  ])('%s: unreadable, one problem on line 1 saying what to do, for every kind', (_what, text, message) => {
    for (const kind of kinds) {
      const result = parsers[kind](`${text}\n`);
      expect(result.format, kind).toBe(UNREADABLE);
      expect(result.problems, kind).toEqual([{ line: 1, message: expect.stringMatching(message) }]);
    }
  });

  it('skips a warning printed before the JSON (stderr captured with stdout), saying so', () => {
    const json = fixture('openstack-hypervisor-list', 'lab-osc-6.0.0-long.json.txt');
    const warning = '/usr/lib/python3/dist-packages/openstack/utils.py:12: CryptographyDeprecationWarning: Python 3.6 is no longer supported\n  from cryptography import x509\n';
    const result = parsers['openstack-hypervisor-list'](`${warning}${json}`);
    expect(result.value).toEqual(parsers['openstack-hypervisor-list'](json).value);
    expect(result.problems.map((entry) => entry.line)).toEqual([1, 2]);
    expect(result.problems[0]?.message).toMatch(/^not part of the JSON, skipped/);
  });

  it('reports truncated JSON on the line where it stops', () => {
    const cut = fixture('openstack-server-list', 'lab-osc-6.0.0-all-projects-long.json.txt').split('\n').slice(0, 30).join('\n');
    const result = parsers['openstack-server-list'](cut);
    expect(result.format).toBe(UNREADABLE);
    expect(result.problems).toEqual([{ line: 30, message: expect.stringMatching(/truncated/) }]);
  });

  it('skips a JSON entry without an ID, naming its line, and keeps the rest', () => {
    const result = parsers['openstack-hypervisor-list']('[\n  {"ID": 1, "Hypervisor Hostname": "node03ob64"},\n  {"ID": 2},\n  "x"\n]');
    expect((result.value as { hypervisors: unknown[] }).hypervisors).toHaveLength(1);
    expect(result.problems).toHaveLength(2);
    expect(result.problems).toContainEqual({ line: 3, message: 'entry 2 has no hypervisor hostname; skipped' });
    expect(result.problems).toContainEqual({ line: 4, message: 'entry 3 is not an object; skipped' });
  });

  it('says a number column holds something else instead of leaving it silently empty', () => {
    const result = parseOpenStackFlavorList('[{"ID": "1", "Name": "m1.tiny", "RAM": "lots"}]');
    expect(result.value.flavors[0]?.ramMb).toBeNull();
    expect(result.problems).toEqual([{ line: 1, message: 'entry 1: RAM is not a number ("lots")' }]);
  });

  it('reads "[]" as no items, and an empty output as unreadable', () => {
    expect(parsers['openstack-server-list']('[]\n')).toEqual({ value: { servers: [] }, format: 'json', problems: [] });
    expect(parsers['openstack-server-list']('').format).toBe(UNREADABLE);
  });
});
