// The demo lab the console ships (assets/demo-lab.obxsnap) and opens when no lab is saved: an
// OrangeBox shaped like the field walkthrough (December 2016, Juju 2.0.1 model `default` on
// `maas`). Raw outputs the walkthrough quotes are used as printed (prompt lines dropped); what it
// does not show is invented in the tools' real formats (demo-lab-outputs.ts, and each "invented"
// note below). The inventory inside is what the ordinary InventoryKeeper computes from these
// commands, so the demo's models are exactly the console's. Every time in it is fixed, so the file
// is the same bytes on every build. NOTHING HERE IS A REAL LAB: the controller's host is a
// `.invalid` name and no route was ever opened.
import { CONTROLLER_MACHINE_ID, type InventoryMachine, type LabInventory } from '../../contract/inventory';
import { SNAPSHOT_FORMAT_VERSION, type SnapshotCommand, type SnapshotContent, type SnapshotRoute } from '../../contract/snapshot';
import { APP_VERSION } from '../../core/app-identity';
import { NOVA_COMPUTE_CONF_PATH, NOVA_CONF_PATH } from '../../inventory/probe-catalog';
import { DNSMASQ_PROCESSES_PROBE } from '../../probes/definitions/dnsmasq-processes';
import { FIREWALL_PROBE } from '../../probes/definitions/firewall';
import { netnsFirewallProbe } from '../../probes/definitions/netns-firewall';
import type { AnyProbeDefinition } from '../../probes/probe-definition';
import { readSnapshotInventory } from '../snapshot-inventory';
import { demoOpenStackCommands } from './demo-lab-openstack';
import { demoPingRuns } from './demo-lab-pings';
import { DEMO_IFCONFIG_CAST, namespacePingCast } from './demo-lab-recordings';
import { computeIptablesSave, dnsmasqPgrep, hostRouteJson, neighJson, routerIptablesSave, type DemoNeighbour } from './demo-lab-tables';
import {
  hostLinks,
  instanceOvsRow,
  instancePlumbingLinks,
  instanceProfile,
  ipLinkJson,
  lxcListJson,
  namespaceAddrJson,
  namespaceRouteJson,
  ovsInterfacesJson,
  ovsShow,
  portName,
  profileListJson,
  type DemoInstance,
  type DemoJujuContainer,
} from './demo-lab-outputs';

export const DEMO_LAB_NAME = 'OrangeBox demo (walkthrough)';
export const DEMO_LAB_ID = 'lab-demo-walkthrough';
/** The walkthrough's month; the capture "took" ten seconds. */
export const DEMO_TAKEN_AT = '2016-12-07T10:00:10.000Z';
const DEMO_STARTED_AT = '2016-12-07T10:00:00.000Z';
/** A name that can never resolve (RFC 2606): the demo's controller is no machine anywhere. */
export const DEMO_CONTROLLER_HOST = 'orangebox64.demo.invalid';
export const DEMO_ROUTER_NAMESPACE = 'qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566';

/** Step 12's session on the gateway: `ip netns`, a shell in the qrouter namespace, pings to the floating addresses. */
export const WALKTHROUGH_GATEWAY_TRANSCRIPT = 'transcripts/walkthrough-gateway-ip-netns-and-ping.txt';

/** The walkthrough's outputs as quoted (`test/fixtures/outputs/…`), read by whoever builds the demo. */
export type WalkthroughOutput = (path: string) => string;

/** Drops the shell prompt line the write-up printed before an output ("root@node07ob64:~# lxc list"). */
const withoutPrompt = (text: string) => text.replace(/^[^\n]*[#$] [^\n]*\n/, '');

// Nova instances on compute node 25 (node07ob64): names and addresses from walkthrough step 8, the
// MAC of 0c from its ifconfig (step 10). Port ids and the other MACs are invented (the test lab's).
const INSTANCES: DemoInstance[] = [
  { name: 'instance-00000002', portId: '060a1db8-02d9-4e62-bc72-709575abf714', mac: 'fa:16:3e:9f:1b:8e', address: '192.168.20.4' },
  { name: 'instance-0000000c', portId: '1896322c-d426-41bf-9973-bbc8d8d22745', mac: 'fa:16:3e:54:f9:9d', address: '192.168.20.12' },
  { name: 'instance-00000012', portId: 'c397384b-56b3-44a7-946e-943c12ff588a', mac: 'fa:16:3e:f5:ed:19', address: '192.168.20.7' },
];
/** Step 9's profile, of an instance being created (nova-compute.log's vif commands): no container yet. */
const INSTANCE_BEING_CREATED: DemoInstance = { name: 'instance-00000014', portId: '9e0c6af1-30bc-418d-b82f-c025c935d987', mac: 'fa:16:3e:e4:a3:bf', address: '192.168.20.14' };

/** Juju's containers by machine, with the addresses `juju status` gives them; MACs invented. */
const JUJU_CONTAINERS: Record<string, DemoJujuContainer[]> = {
  '22': [['0', '172.27.65.27'], ['1', '172.27.64.10'], ['2', '172.27.65.25']].map(([n, address]) => jujuContainer('22', n!, address!)),
  '23': [['0', '172.27.64.9'], ['1', '172.27.65.23'], ['2', '172.27.65.24']].map(([n, address]) => jujuContainer('23', n!, address!)),
  '24': [['0', '172.27.65.22'], ['1', '172.27.65.28'], ['2', '172.27.65.29']].map(([n, address]) => jujuContainer('24', n!, address!)),
  '25': [['0', '172.27.65.21'], ['1', '172.27.65.26']].map(([n, address]) => jujuContainer('25', n!, address!)),
};
function jujuContainer(machine: string, n: string, address: string): DemoJujuContainer {
  return { name: `juju-79fcc7-${machine}-lxd-${n}`, address, mac: `00:16:3e:79:${machine}:0${n}` };
}

/** Machines by Juju id: address from `juju status`; hostnames of 25 and 26 from the walkthrough, the rest invented. */
const MACHINES: Record<string, { hostname: string; address: string }> = {
  '21': { hostname: 'node04ob64', address: '172.27.64.3' },
  '22': { hostname: 'node03ob64', address: '172.27.64.4' },
  '23': { hostname: 'node05ob64', address: '172.27.64.5' },
  '24': { hostname: 'node06ob64', address: '172.27.64.6' },
  '25': { hostname: 'node07ob64', address: '172.27.64.8' },
  '26': { hostname: 'node02ob64', address: '172.27.64.7' },
};
const COMPUTE = ['22', '24', '25'];

// The gateway's networks (invented but for the namespace names and ids of step 12 and the two
// floating addresses pinged there): tenant 192.168.20.0/24 where the instances live, a second
// tenant network, and the external network 119.115.26.0/24 whose floating addresses sit on qg-.
const ROUTER = { qr: 'a1b2c3d4-2011-4a5b-8c6d-7e8f90a1b2c3', qg: 'e5f6a7b8-2612-4c3d-9e8f-0a1b2c3d4e5f' };
const DHCP_NAMESPACES = [
  { network: 'ac7bafe8-3c37-48ba-8c24-98be14f4d9f7', port: '5c1d2e3f-0a00-4b11-8c22-3d44e55f6a70', address: '192.168.20.2', cidr: '192.168.20.0/24', prefix: 24 },
  { network: '2ed6a3e2-9d78-4323-b6dd-d433e67d7f9f', port: '6d2e3f40-1b11-4c22-9d33-4e55f66a7b81', address: '192.168.30.2', cidr: '192.168.30.0/24', prefix: 24 },
  { network: 'f8ec06d8-c199-45b8-bc72-56ee2c806fed', port: '7e3f4051-2c22-4d33-8e44-5f66a77b8c92', address: '192.168.40.2', cidr: '192.168.40.0/24', prefix: 24 },
];
const FLOATING = ['119.115.26.133', '119.115.26.136'];
/** The machines' own network (their eno1 addresses are in it) and its gateway (invented). */
const HOST_NETWORK = { network: '172.27.64.0/23', gateway: '172.27.64.1', gatewayMac: 'b8:ae:ed:7a:00:fe', dev: 'eno1' };
/** The instances' MTU (step 10's ifconfig), which Neutron's dnsmasq hands out. */
const INSTANCE_MTU = 1456;

/** The argv a probe runs: the demo answers exactly what the console asks (none of these depends on the machine). */
const argvOf = (probe: AnyProbeDefinition): string[] => probe.command({ id: '', hostname: null, address: null, roles: [], applications: [], jujuState: null, route: null, routeError: null, hypervisor: null });

/** Builds the demo's content: every command each machine answers, and the inventory the keeper reads from them. */
export async function buildDemoLab(walkthrough: WalkthroughOutput): Promise<SnapshotContent> {
  const commands = demoCommands(walkthrough);
  const gatewayTranscript = walkthrough(WALKTHROUGH_GATEWAY_TRANSCRIPT);
  const gatewayName = MACHINES['26']!.hostname;
  const routes = demoRoutes();
  const recordedMachine = (id: string): InventoryMachine => ({
    id,
    hostname: id === CONTROLLER_MACHINE_ID ? 'OrangeBox64' : MACHINES[id]!.hostname,
    address: id === CONTROLLER_MACHINE_ID ? null : MACHINES[id]!.address,
    roles: [],
    applications: [],
    jujuState: 'started',
    route: null,
    routeError: null,
    hypervisor: null,
  });
  const emptyInventory: LabInventory = {
    labId: DEMO_LAB_ID,
    refreshing: false,
    refreshedAt: DEMO_TAKEN_AT,
    lastRefreshMs: null,
    machines: [CONTROLLER_MACHINE_ID, ...Object.keys(MACHINES)].map(recordedMachine),
    probes: [],
    links: { containers: [] },
  };
  const content: SnapshotContent = {
    meta: {
      formatVersion: SNAPSHOT_FORMAT_VERSION,
      consoleVersion: APP_VERSION,
      labName: DEMO_LAB_NAME,
      kind: 'demo',
      captureStartedAt: DEMO_STARTED_AT,
      captureEndedAt: DEMO_TAKEN_AT,
    },
    lab: {
      name: DEMO_LAB_NAME,
      controller: { kind: 'ssh', host: DEMO_CONTROLLER_HOST, port: 22, user: 'ubuntu', identityFile: null, sshConfigHost: null },
      // The walkthrough reaches the gateway with `juju ssh 26` (step 12).
      routes: { '26': 'juju-ssh' },
    },
    routes,
    commands,
    inventory: emptyInventory,
    // Step 12's pings from the qrouter namespace; the matrix's second source is the instances'
    // network's DHCP namespace (its recorded routes reach nothing beyond 192.168.20.0/24).
    diagnostics: demoPingRuns(gatewayTranscript, { machineId: '26', hostName: gatewayName, routerNamespace: DEMO_ROUTER_NAMESPACE, isolatedNamespace: `qdhcp-${DHCP_NAMESPACES[0]!.network}` }),
    recordings: [
      { name: 'instance-0000000c-2016-12-07T10-05-00.cast', title: 'lxc exec instance-0000000c on node07ob64', cast: DEMO_IFCONFIG_CAST },
      { name: `${DEMO_ROUTER_NAMESPACE}-2016-12-07T10-06-00.cast`, title: `ip netns exec ${DEMO_ROUTER_NAMESPACE} on ${gatewayName}`, cast: namespacePingCast(gatewayTranscript, DEMO_ROUTER_NAMESPACE, gatewayName) },
    ],
  };
  const { inventory } = await readSnapshotInventory(content);
  return { ...content, inventory };
}

function demoRoutes(): SnapshotRoute[] {
  const controllerLabel = `ubuntu@${DEMO_CONTROLLER_HOST}:22`;
  return [
    { machineId: CONTROLLER_MACHINE_ID, kind: 'controller', label: controllerLabel, chosenBy: 'auto', note: null },
    ...Object.entries(MACHINES).map(([id, machine]): SnapshotRoute =>
      id === '26'
        ? { machineId: id, kind: 'juju-ssh', label: `juju ssh 26 on ${controllerLabel}`, chosenBy: 'override', note: null }
        : { machineId: id, kind: 'jump', label: `ubuntu@${machine.address}:22 via ${controllerLabel}`, chosenBy: 'auto', note: null },
    ),
  ];
}

/** `dpkg -l`'s heading (dpkg 1.18, Ubuntu 16.04): the walkthrough quotes only `| grep lxd`. */
const DPKG_HEADING = `Desired=Unknown/Install/Remove/Purge/Hold
| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend
|/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)
||/ Name                               Version                           Architecture Description
+++-==================================-=================================-============-===============================================================================
`;
const dpkgLine = (name: string, version: string, arch: string, description: string) => `ii  ${name.padEnd(35)}${version.padEnd(34)}${arch.padEnd(13)}${description}\n`;
// Invented: the rest of the stack as Ubuntu Cloud Archive Newton shipped it in December 2016.
const OVS_PACKAGES = dpkgLine('openvswitch-common', '2.6.0-0ubuntu2~cloud0', 'amd64', 'Open vSwitch common components') + dpkgLine('openvswitch-switch', '2.6.0-0ubuntu2~cloud0', 'amd64', 'Open vSwitch switch implementations');
const COMPUTE_PACKAGES =
  dpkgLine('neutron-openvswitch-agent', '2:9.0.0-0ubuntu1~cloud0', 'all', 'Neutron is a virtual network service for Openstack - Open vSwitch plugin agent') +
  dpkgLine('nova-common', '2:14.0.1-0ubuntu1~cloud0', 'all', 'OpenStack Compute - common files') +
  dpkgLine('nova-compute', '2:14.0.1-0ubuntu1~cloud0', 'all', 'OpenStack Compute - compute node base');
const GATEWAY_PACKAGES =
  dpkgLine('neutron-dhcp-agent', '2:9.0.0-0ubuntu1~cloud0', 'all', 'Neutron is a virtual network service for Openstack - DHCP agent') +
  dpkgLine('neutron-l3-agent', '2:9.0.0-0ubuntu1~cloud0', 'all', 'Neutron is a virtual network service for Openstack - l3 agent') +
  dpkgLine('neutron-openvswitch-agent', '2:9.0.0-0ubuntu1~cloud0', 'all', 'Neutron is a virtual network service for Openstack - Open vSwitch plugin agent');
const LXD_ONLY = (walkthroughLxd: string) => walkthroughLxd.split('\n').filter((line) => / lxd(-client)? /.test(line)).join('\n') + '\n';

function demoCommands(walkthrough: WalkthroughOutput): SnapshotCommand[] {
  let clock = Date.parse(DEMO_STARTED_AT);
  const commands: SnapshotCommand[] = [];
  const ran = (machineId: string, argv: string[], stdout: string) => {
    clock += 37;
    commands.push({ machineId, argv, exitCode: 0, signal: null, stdout, stderr: '', truncated: false, invalidUtf8: false, startedAt: new Date(clock).toISOString(), durationMs: 35 });
  };
  const walkthroughLxd = withoutPrompt(walkthrough('dpkg/walkthrough-dpkg-l-grep-lxd.txt'));
  const novaConf = walkthrough('ini/walkthrough-nova.conf.txt');
  const novaComputeConf = walkthrough('ini/walkthrough-nova-compute.conf.txt');

  ran(CONTROLLER_MACHINE_ID, ['hostname'], 'OrangeBox64\n');
  // Step 1 as printed (Juju 2.0.1's tabular status; the console reads it as it reads --format=json).
  ran(CONTROLLER_MACHINE_ID, ['juju', 'status', '--format=json'], withoutPrompt(walkthrough('juju-status/walkthrough-2.0.1-tabular.txt')));
  // Steps 5–6 as OpenStack itself says them (invented to agree with the rest: demo-lab-openstack.ts).
  for (const [argv, stdout] of demoOpenStackCommands(demoOpenStackLab())) ran(CONTROLLER_MACHINE_ID, argv, stdout);

  Object.entries(MACHINES).forEach(([id, machine], index) => {
    const compute = COMPUTE.includes(id);
    const containers = JUJU_CONTAINERS[id] ?? [];
    const instances = id === '25' ? INSTANCES : [];
    ran(id, ['hostname'], `${machine.hostname}\n`);
    ran(id, ['dpkg', '-l'], DPKG_HEADING + (compute ? walkthroughLxd + COMPUTE_PACKAGES + OVS_PACKAGES : id === '26' ? GATEWAY_PACKAGES + OVS_PACKAGES : LXD_ONLY(walkthroughLxd)));
    if (id !== '26') {
      ran(id, ['lxc', 'list', '--format', 'json'], lxcListJson(instances, containers));
      ran(id, ['lxc', 'profile', 'list', '--format', 'json'], profileListJson(instances, containers, id === '25' ? [INSTANCE_BEING_CREATED] : []));
    }
    if (compute) {
      // Step 2's files are node07ob64's (my_ip 172.27.64.8); the other nodes' differ only by their
      // own address (invented).
      const own = (text: string) => text.replaceAll('172.27.64.8', machine.address);
      ran(id, ['cat', NOVA_CONF_PATH], own(novaConf));
      ran(id, ['cat', NOVA_COMPUTE_CONF_PATH], novaComputeConf);
      const plugged = id === '25' ? [...INSTANCES, INSTANCE_BEING_CREATED] : [];
      ran(id, ['sudo', '-n', 'ovs-vsctl', 'show'], ovsShow(`3f0c${id}a1-7d2e-4b6f-9a10-2c3d4e5f6a7b`, {
        'br-int': [...plugged.map((instance) => ({ port: portName('qvo', instance.portId), tag: 1 })), { port: 'br-int', type: 'internal' }],
      }));
      ran(
        id,
        ['sudo', '-n', 'ovs-vsctl', '--format=json', '--columns=name,external_ids,ofport,mac_in_use', 'list', 'Interface'],
        ovsInterfacesJson([...plugged.map((instance, n) => instanceOvsRow(instance, n + 1)), { name: 'br-int', externalIds: [], ofport: 65534, mac: `b2:1c:0${index}:4e:10:02` }]),
      );
      ran(id, ['ip', '-d', '-j', 'link'], ipLinkJson(hostLinks(machine.address, containers, plugged.flatMap(instancePlumbingLinks), index)));
    }
    if (compute || id === '26') hostTables(ran, id, compute ? (id === '25' ? [...INSTANCES, INSTANCE_BEING_CREATED] : []).map((instance) => portName('tap', instance.portId)) : []);
    if (id === '26') gatewayCommands(ran, walkthrough, index);
  });
  return commands;
}

/** A compute node's or the gateway's own routes, neighbours (the network's gateway, the other nodes as VXLAN peers) and rules. */
function hostTables(ran: (machineId: string, argv: string[], stdout: string) => void, id: string, taps: string[]): void {
  const { address } = MACHINES[id]!;
  ran(id, ['ip', '-j', 'route'], hostRouteJson({ dev: HOST_NETWORK.dev, address, network: HOST_NETWORK.network, gateway: HOST_NETWORK.gateway }));
  // Each peer's eno1 MAC as its own `ip link` gives it (hostLinks: numbered by the machine's place in MACHINES).
  const peers = [...COMPUTE, '26'].filter((peer) => peer !== id).map((peer): DemoNeighbour => ({ address: MACHINES[peer]!.address, dev: HOST_NETWORK.dev, mac: `b8:ae:ed:7a:0${Object.keys(MACHINES).indexOf(peer)}:01`, state: 'STALE' }));
  ran(id, ['ip', '-j', 'neigh'], neighJson([{ address: HOST_NETWORK.gateway, dev: HOST_NETWORK.dev, mac: HOST_NETWORK.gatewayMac, state: 'REACHABLE' }, ...peers]));
  ran(id, argvOf(FIREWALL_PROBE), computeIptablesSave(taps));
}

function gatewayCommands(ran: (machineId: string, argv: string[], stdout: string) => void, walkthrough: WalkthroughOutput, index: number): void {
  // Step 12's `ip netns` as printed on the gateway.
  const transcript = walkthrough(WALKTHROUGH_GATEWAY_TRANSCRIPT);
  const netns = transcript.split('\n').filter((line) => /^q(dhcp|router)-\S+ \(id: \d+\)$/.test(line)).join('\n') + '\n';
  ran('26', ['ip', 'netns', 'list'], netns);
  ran('26', ['sudo', '-n', 'ovs-vsctl', 'show'], ovsShow('9b7e26c4-1f2a-4c3b-8d4e-5f6a7b8c9d0e', {
    'br-int': [
      { port: portName('qr-', ROUTER.qr), tag: 1 },
      ...DHCP_NAMESPACES.map((dhcp, n) => ({ port: portName('tap', dhcp.port), tag: n + 1 })),
      { port: 'br-int', type: 'internal' },
    ],
    'br-ex': [{ port: portName('qg-', ROUTER.qg) }, { port: 'br-ex', type: 'internal' }],
  }));
  ran('26', ['ip', '-d', '-j', 'link'], ipLinkJson(hostLinks(MACHINES['26']!.address, [], [{ name: 'br-ex', mac: 'b2:1c:05:4e:10:03', kind: 'openvswitch', master: 'ovs-system', slaveKind: 'openvswitch' }], index)));
  const inNamespace = (namespace: string, what: string[]) => ['sudo', '-n', 'ip', 'netns', 'exec', namespace, 'ip', '-j', ...what];
  ran('26', inNamespace(DEMO_ROUTER_NAMESPACE, ['addr']), namespaceAddrJson([
    { name: portName('qr-', ROUTER.qr), mac: 'fa:16:3e:6c:81:69', addresses: [{ local: '192.168.20.1', prefixlen: 24 }] },
    { name: portName('qg-', ROUTER.qg), mac: 'fa:16:3e:88:01:46', addresses: [{ local: '119.115.26.130', prefixlen: 24 }, ...FLOATING.map((local) => ({ local, prefixlen: 32 }))] },
  ]));
  ran('26', inNamespace(DEMO_ROUTER_NAMESPACE, ['route']), namespaceRouteJson([
    { dst: 'default', gateway: '119.115.26.1', dev: portName('qg-', ROUTER.qg) },
    { dst: '119.115.26.0/24', dev: portName('qg-', ROUTER.qg), prefsrc: '119.115.26.130' },
    { dst: '192.168.20.0/24', dev: portName('qr-', ROUTER.qr), prefsrc: '192.168.20.1' },
  ]));
  // The router has talked to the instances behind qr- (the two with floating addresses lately),
  // the network's DHCP port and the external network's gateway.
  const qr = portName('qr-', ROUTER.qr);
  const instanceNeighbour = (instance: DemoInstance, state: DemoNeighbour['state']): DemoNeighbour => ({ address: instance.address, dev: qr, mac: instance.mac, state });
  ran('26', inNamespace(DEMO_ROUTER_NAMESPACE, ['neigh']), neighJson([
    { address: '119.115.26.1', dev: portName('qg-', ROUTER.qg), mac: 'f0:9f:c2:0d:1a:01', state: 'REACHABLE' },
    instanceNeighbour(INSTANCES[1]!, 'REACHABLE'),
    instanceNeighbour(INSTANCES[2]!, 'REACHABLE'),
    instanceNeighbour(INSTANCES[0]!, 'STALE'),
    { address: DHCP_NAMESPACES[0]!.address, dev: qr, mac: 'fa:16:3e:d0:20:02', state: 'STALE' },
  ]));
  ran('26', argvOf(netnsFirewallProbe(DEMO_ROUTER_NAMESPACE)), routerIptablesSave({ gatewayPort: portName('qg-', ROUTER.qg), gatewayAddress: '119.115.26.130', pairs: demoFloatingPairs() }));
  DHCP_NAMESPACES.forEach((dhcp, n) => {
    const namespace = `qdhcp-${dhcp.network}`;
    const tap = portName('tap', dhcp.port);
    ran('26', inNamespace(namespace, ['addr']), namespaceAddrJson([{ name: tap, mac: `fa:16:3e:d${n}:20:02`, addresses: [{ local: dhcp.address, prefixlen: dhcp.prefix }] }]));
    ran('26', inNamespace(namespace, ['route']), namespaceRouteJson([{ dst: dhcp.cidr, dev: tap, prefsrc: dhcp.address }]));
    // The instances' network: its DHCP server has answered each instance.
    const served = dhcp.cidr === '192.168.20.0/24' ? INSTANCES.map((instance): DemoNeighbour => ({ address: instance.address, dev: tap, mac: instance.mac, state: 'STALE' })) : [];
    ran('26', inNamespace(namespace, ['neigh']), neighJson(served));
    // No rule in a DHCP namespace: iptables-save prints nothing there.
    ran('26', argvOf(netnsFirewallProbe(namespace)), '');
  });
  ran('26', argvOf(DNSMASQ_PROCESSES_PROBE), dnsmasqPgrep(DHCP_NAMESPACES.map((dhcp) => ({ network: dhcp.network, tap: portName('tap', dhcp.port), cidr: dhcp.cidr })), INSTANCE_MTU));
}

/** The floating ↔ fixed pairs the demo's OpenStack lists (demoOpenStackLab's instances), which the router's NAT rules make. */
const demoFloatingPairs = () =>
  demoOpenStackLab()
    .instances.filter((instance): instance is typeof instance & { floating: string } => instance.floating !== null)
    .map((instance) => ({ floating: instance.floating, fixed: instance.address }));

/** The demo's Nova servers: lxc-test-1 is instance-0000000c (step 10's hostname); the other names are invented. */
const SERVER_NAMES: Record<string, string> = { 'instance-00000002': 'lxc-test-0', 'instance-0000000c': 'lxc-test-1', 'instance-00000012': 'lxc-test-2', 'instance-00000014': 'lxc-test-3' };

function demoOpenStackLab() {
  return {
    // Step 12 pings the two floating addresses; which instance has which is invented.
    instances: INSTANCES.map((instance, n) => ({ ...instance, server: SERVER_NAMES[instance.name]!, floating: n === 1 ? FLOATING[0]! : n === 2 ? FLOATING[1]! : null })),
    building: { ...INSTANCE_BEING_CREATED, server: SERVER_NAMES[INSTANCE_BEING_CREATED.name]! },
    computeHosts: COMPUTE.map((id) => MACHINES[id]!),
    instanceHost: MACHINES['25']!.hostname,
    gatewayHost: MACHINES['26']!.hostname,
    routerId: DEMO_ROUTER_NAMESPACE.slice('qrouter-'.length),
    routerPorts: ROUTER,
    routerGatewayAddress: '119.115.26.130',
    networks: DHCP_NAMESPACES.map(({ network, port, address, cidr }) => ({ network, port, address, cidr })),
    externalCidr: '119.115.26.0/24',
  };
}

/** For tests and readers: the profile the walkthrough shows, as the demo holds it. */
export const demoProfileOfStep9 = () => instanceProfile(INSTANCE_BEING_CREATED);
