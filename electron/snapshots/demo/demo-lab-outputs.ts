// What the demo lab's machines print where the walkthrough quotes nothing: the structured forms the
// console asks for (`lxc list --format json`, `ip -d -j link`, `ovs-vsctl … list Interface`, …),
// written in each tool's real format and consistent with what the walkthrough does show (names,
// addresses, MACs, the qbr/qvb/qvo/tap plumbing of nova-compute.log). EVERYTHING BUILT IN THIS FILE
// IS INVENTED for the demo: it describes no real lab. Port ids of instances 02/0c/12 and their MACs
// follow the project's test lab, which was itself built to mirror the walkthrough.

/** A Nova instance on a compute node: its Neutron port and the address the walkthrough shows. */
export interface DemoInstance {
  name: string;
  /** Neutron port id; the first 11 characters name qbr/qvb/qvo/tap. */
  portId: string;
  mac: string;
  address: string;
}

/** A container Juju made on a machine ("juju-79fcc7-22-lxd-0"), on LXD's own bridge. */
export interface DemoJujuContainer {
  name: string;
  address: string;
  mac: string;
}

export const portName = (prefix: 'qbr' | 'qvb' | 'qvo' | 'tap' | 'qr-' | 'qg-', portId: string) => `${prefix}${portId.slice(0, 11)}`;

/** The instance network device of a Nova LXD profile, as nova-lxd 14 writes it. */
function instanceNic(instance: DemoInstance) {
  return { host_name: portName('tap', instance.portId), hwaddr: instance.mac, nictype: 'bridged', parent: portName('qbr', instance.portId), type: 'nic' };
}

/** The profile nova-lxd writes per instance (its shape is the walkthrough's instance-00000014). */
export function instanceProfile(instance: DemoInstance) {
  return {
    name: instance.name,
    config: {
      'boot.autostart': 'True',
      'limits.cpu': '1',
      'limits.memory': '2048MB',
      'raw.lxc': `lxc.console.logfile=/var/log/lxd/${instance.name}/console.log\n`,
    },
    description: '',
    devices: { [portName('qbr', instance.portId)]: instanceNic(instance), root: { path: '/', size: '0GB', type: 'disk' } },
  };
}

const DEFAULT_PROFILE = {
  name: 'default',
  config: {},
  description: 'Default LXD profile',
  devices: { eth0: { name: 'eth0', nictype: 'bridged', parent: 'lxdbr0', type: 'nic' } },
};

/** LXD 2.x names a profile's users by their API path ("/1.0/containers/<name>"; 3.19+ says /1.0/instances/). */
const containerPath = (name: string) => `/1.0/containers/${name}`;

/**
 * `lxc profile list --format json` (LXD 2.0.5 prints no such form; the data is what `lxc profile
 * show` shows, with the `used_by` LXD's API gives a profile): `default` is used by Juju's
 * containers, each instance's profile by its instance; a profile of an instance still being
 * created (step 9's instance-00000014) by none yet.
 */
export function profileListJson(instances: DemoInstance[], jujuContainers: DemoJujuContainer[], extraProfiles: DemoInstance[] = []): string {
  const defaultProfile = { ...DEFAULT_PROFILE, used_by: jujuContainers.map((container) => containerPath(container.name)) };
  const used = (instance: DemoInstance, running: boolean) => ({ ...instanceProfile(instance), used_by: running ? [containerPath(instance.name)] : [] });
  return `${JSON.stringify([defaultProfile, ...instances.map((instance) => used(instance, true)), ...extraProfiles.map((instance) => used(instance, false))])}\n`;
}

const FIXED_CREATED_AT = '2016-12-05T02:00:00Z';

function containerEntry(name: string, profiles: string[], eth0: { address: string; mac: string; hostName: string; mtu: number; prefix: number }) {
  return {
    architecture: 'x86_64',
    config: { 'image.os': 'ubuntu', 'image.release': 'xenial', 'volatile.eth0.hwaddr': eth0.mac },
    devices: {},
    ephemeral: false,
    profiles,
    stateful: false,
    description: '',
    created_at: FIXED_CREATED_AT,
    name,
    status: 'Running',
    status_code: 103,
    type: 'persistent',
    state: {
      status: 'Running',
      status_code: 103,
      network: {
        eth0: {
          addresses: [{ family: 'inet', address: eth0.address, netmask: String(eth0.prefix), scope: 'global' }],
          hwaddr: eth0.mac,
          host_name: eth0.hostName,
          mtu: eth0.mtu,
          state: 'up',
          type: 'broadcast',
        },
        lo: { addresses: [{ family: 'inet', address: '127.0.0.1', netmask: '8', scope: 'local' }], hwaddr: '', host_name: '', mtu: 65536, state: 'up', type: 'loopback' },
      },
    },
    snapshots: null,
  };
}

/** Juju containers' host-side veths ("veth1A2B3C") are named by LXD; these are made up. */
export const jujuVethName = (container: DemoJujuContainer) => `veth${container.name.replace(/\D/g, '').slice(-6).padStart(6, '0')}`;

/** `lxc list --format json`: the same containers, states and addresses as the walkthrough's tables. */
export function lxcListJson(instances: DemoInstance[], jujuContainers: DemoJujuContainer[]): string {
  const entries = [
    ...instances.map((instance) =>
      // MTU 1456: what the walkthrough's ifconfig inside instance-0000000c shows (VXLAN overhead).
      containerEntry(instance.name, [instance.name], { address: instance.address, mac: instance.mac, hostName: portName('tap', instance.portId), mtu: 1456, prefix: 24 }),
    ),
    ...jujuContainers.map((container) =>
      containerEntry(container.name, ['default'], { address: container.address, mac: container.mac, hostName: jujuVethName(container), mtu: 1500, prefix: 23 }),
    ),
  ];
  return `${JSON.stringify(entries)}\n`;
}

interface LinkSpec {
  name: string;
  mac: string;
  kind?: string;
  master?: string;
  peer?: string;
  slaveKind?: string;
  mtu?: number;
  address?: { local: string; prefixlen: number };
}

/** `ip -d -j link` (iproute2's JSON; only the fields the console and a reader need). */
export function ipLinkJson(links: LinkSpec[]): string {
  const entries = links.map((link, index) => ({
    ifindex: index + 1,
    ...(link.peer ? { link: link.peer } : {}),
    ifname: link.name,
    flags: link.name === 'lo' ? ['LOOPBACK', 'UP', 'LOWER_UP'] : ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
    mtu: link.mtu ?? (link.name === 'lo' ? 65536 : 1500),
    qdisc: 'noqueue',
    ...(link.master ? { master: link.master } : {}),
    operstate: link.name === 'lo' ? 'UNKNOWN' : 'UP',
    group: 'default',
    link_type: link.name === 'lo' ? 'loopback' : 'ether',
    address: link.mac,
    ...(link.kind || link.slaveKind ? { linkinfo: { ...(link.kind ? { info_kind: link.kind } : {}), ...(link.slaveKind ? { info_slave_kind: link.slaveKind } : {}) } } : {}),
  }));
  return `${JSON.stringify(entries)}\n`;
}

/** The host side of one instance: qbr bridge, the qvb/qvo veth pair, the tap into the container. */
export function instancePlumbingLinks(instance: DemoInstance, index: number): LinkSpec[] {
  const qbr = portName('qbr', instance.portId);
  const local = (n: number) => `fe:16:3e:0${index}:0${n}:01`;
  return [
    { name: qbr, mac: local(1), kind: 'bridge' },
    { name: portName('qvo', instance.portId), mac: local(2), kind: 'veth', peer: portName('qvb', instance.portId), master: 'ovs-system', slaveKind: 'openvswitch' },
    { name: portName('qvb', instance.portId), mac: local(3), kind: 'veth', peer: portName('qvo', instance.portId), master: qbr, slaveKind: 'bridge' },
    { name: portName('tap', instance.portId), mac: local(4), kind: 'veth', master: qbr, slaveKind: 'bridge' },
  ];
}

export function hostLinks(hostAddress: string, jujuContainers: DemoJujuContainer[], rest: LinkSpec[], index: number): LinkSpec[] {
  return [
    { name: 'lo', mac: '00:00:00:00:00:00' },
    { name: 'eno1', mac: `b8:ae:ed:7a:0${index}:01`, address: { local: hostAddress, prefixlen: 23 } },
    { name: 'ovs-system', mac: `b2:1c:0${index}:4e:10:01`, kind: 'openvswitch' },
    { name: 'br-int', mac: `b2:1c:0${index}:4e:10:02`, kind: 'openvswitch', master: 'ovs-system', slaveKind: 'openvswitch' },
    { name: 'lxdbr0', mac: `fe:2a:0${index}:9c:00:01`, kind: 'bridge' },
    ...jujuContainers.map((container) => ({ name: jujuVethName(container), mac: `fe:2a:0${index}:9c:10:${container.name.slice(-1).padStart(2, '0')}`, kind: 'veth', master: 'lxdbr0', slaveKind: 'bridge' })),
    ...rest,
  ];
}

/** `sudo ovs-vsctl show` for Open vSwitch 2.6 (Ubuntu Cloud Archive, Newton). */
export function ovsShow(uuid: string, bridges: Record<string, { port: string; tag?: number; type?: string }[]>): string {
  const lines = [uuid];
  for (const [bridge, ports] of Object.entries(bridges)) {
    lines.push(`    Bridge ${bridge}`);
    for (const port of ports) {
      lines.push(`        Port "${port.port}"`);
      if (port.tag !== undefined) lines.push(`            tag: ${port.tag}`);
      lines.push(`            Interface "${port.port}"`);
      if (port.type) lines.push(`                type: ${port.type}`);
    }
  }
  lines.push('    ovs_version: "2.6.0"');
  return `${lines.join('\n')}\n`;
}

/** `ovs-vsctl --format=json --columns=name,external_ids,ofport,mac_in_use list Interface`. */
export function ovsInterfacesJson(rows: { name: string; externalIds: [string, string][]; ofport: number; mac: string }[]): string {
  return `${JSON.stringify({ data: rows.map((row) => [row.name, ['map', row.externalIds], row.ofport, row.mac]), headings: ['name', 'external_ids', 'ofport', 'mac_in_use'] })}\n`;
}

export function instanceOvsRow(instance: DemoInstance, ofport: number) {
  return {
    name: portName('qvo', instance.portId),
    externalIds: [
      ['attached-mac', instance.mac],
      ['iface-id', instance.portId],
      ['iface-status', 'active'],
      ['vm-uuid', instance.name],
    ] as [string, string][],
    ofport,
    mac: `fe:16:3e:ff:00:${String(ofport).padStart(2, '0')}`,
  };
}

interface NamespaceInterface {
  name: string;
  mac: string;
  addresses: { local: string; prefixlen: number }[];
}

/** `ip -j addr` inside a namespace: loopback and Neutron's ports. */
export function namespaceAddrJson(interfaces: NamespaceInterface[]): string {
  const loopback = {
    ifindex: 1,
    ifname: 'lo',
    flags: ['LOOPBACK', 'UP', 'LOWER_UP'],
    mtu: 65536,
    qdisc: 'noqueue',
    operstate: 'UNKNOWN',
    group: 'default',
    txqlen: 1000,
    link_type: 'loopback',
    address: '00:00:00:00:00:00',
    broadcast: '00:00:00:00:00:00',
    addr_info: [{ family: 'inet', local: '127.0.0.1', prefixlen: 8, scope: 'host', label: 'lo', valid_life_time: 4294967295, preferred_life_time: 4294967295 }],
  };
  const ports = interfaces.map((iface, index) => ({
    ifindex: index + 2,
    ifname: iface.name,
    flags: ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'],
    mtu: 1500,
    qdisc: 'noqueue',
    operstate: 'UNKNOWN',
    group: 'default',
    txqlen: 1000,
    link_type: 'ether',
    address: iface.mac,
    broadcast: 'ff:ff:ff:ff:ff:ff',
    addr_info: iface.addresses.map((address) => ({ family: 'inet', ...address, scope: 'global', label: iface.name, valid_life_time: 4294967295, preferred_life_time: 4294967295 })),
  }));
  return `${JSON.stringify([loopback, ...ports])}\n`;
}

/** `ip -j route` inside a namespace. */
export function namespaceRouteJson(routes: { dst: string; dev: string; gateway?: string; prefsrc?: string }[]): string {
  return `${JSON.stringify(
    routes.map((route) =>
      route.gateway
        ? { dst: route.dst, gateway: route.gateway, dev: route.dev, flags: [] }
        : { dst: route.dst, dev: route.dev, protocol: 'kernel', scope: 'link', prefsrc: route.prefsrc, flags: [] },
    ),
  )}\n`;
}
