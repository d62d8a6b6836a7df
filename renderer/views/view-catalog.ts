// The console's views, in navigation order, with what each will show. A view whose data does
// not exist yet says so plainly: the console never shows invented lab data.

export type ViewId = 'overview' | 'nodes' | 'containers' | 'openstack' | 'profiles' | 'network' | 'diagnostics' | 'health' | 'terminals' | 'recordings' | 'changes';

export interface ViewEntry {
  id: ViewId;
  title: string;
  /** Keyboard shortcut with Alt: a digit, or an upper-case letter ('H' is Alt+H). */
  shortcut: string;
  summary: string;
  willShow: string[];
  /** The walkthrough commands it replaces. */
  replaces: string[];
}

export const viewCatalog: ViewEntry[] = [
  {
    id: 'overview',
    title: 'Overview',
    shortcut: '1',
    summary: 'The Juju model at a glance.',
    willShow: [
      'Model header: name, controller, cloud/region, Juju version',
      'Applications with status, scale, charm, revision and message',
      'Units with their subordinates, the leader marked, machine and address',
      'Machines with their LXD containers nested',
      'Relations as a table and as a graph',
    ],
    replaces: ['juju status'],
  },
  {
    id: 'nodes',
    title: 'Nodes',
    shortcut: '2',
    summary: 'Each machine: role, hypervisor, packages and configuration.',
    willShow: [
      'Role from its charms: compute, gateway or controller',
      'Hypervisor type from compute_driver (lxd.LXDDriver)',
      'Versions of lxd, lxd-client, nova-compute-lxd, pylxd',
      'nova.conf and nova-compute.conf with every secret masked',
    ],
    replaces: ['cat /etc/nova/nova.conf', 'dpkg -l | grep lxd'],
  },
  {
    id: 'containers',
    title: 'Containers',
    shortcut: '3',
    summary: 'Every LXD container on every compute node, live.',
    willShow: [
      'Name, node, state, IPv4/IPv6 with interface, type, snapshots, profiles',
      'The Nova instance behind each container',
      'Open a terminal, show its profile or plumbing, ping it',
    ],
    replaces: ['lxc list'],
  },
  {
    id: 'openstack',
    title: 'OpenStack',
    // Alt+0: the digits 1–9 were taken before this view came, and engineers already know them.
    shortcut: '0',
    summary: 'What Nova and Neutron say, beside what the machines run.',
    willShow: [
      'Servers with their status, host, container, addresses and floating addresses',
      'Networks with subnets and routers, routers with gateway and interfaces, floating IPs',
      'Compute services and network agents, up or down; hypervisors',
      'Where Nova and the machines disagree, each opening what it is about',
    ],
    replaces: ['openstack server list --all-projects --long', 'openstack hypervisor list', 'openstack network list', 'openstack floating ip list'],
  },
  {
    id: 'profiles',
    title: 'Profiles',
    shortcut: '4',
    summary: 'LXD profiles as YAML and as structure.',
    willShow: ['Limits and devices', 'For a nic: qbr bridge → tap → MAC', 'Two profiles side by side'],
    replaces: ['lxc profile show'],
  },
  {
    id: 'network',
    title: 'Network',
    shortcut: '5',
    summary: 'Neutron namespaces and the instance plumbing.',
    willShow: [
      'qrouter and qdhcp namespaces with interfaces, addresses and routes',
      'Router ports (qr-, qg-) and floating addresses',
      'tap → qbr → qvb ↔ qvo → br-int with OVS external-ids',
      'A lab network diagram, exportable as SVG or PNG',
    ],
    replaces: ['ip netns', 'ip netns exec … ip addr', 'ovs-vsctl show'],
  },
  {
    id: 'diagnostics',
    title: 'Diagnostics',
    shortcut: '6',
    summary: 'Ping from any namespace, machine or container.',
    willShow: ['Live per-reply round-trip chart', 'Loss and min/avg/max/mdev', 'A reachability matrix filling in live'],
    replaces: ['ip netns exec qrouter-… ping'],
  },
  {
    id: 'health',
    title: 'Health',
    // Alt+H: every digit is taken (0 by OpenStack). H is free in the window (Electron's role menus
    // take Alt+F, E, V, W) and says what it opens; matched by key position too (App.svelte), since
    // macOS's Option+H types '˙'.
    shortcut: 'H',
    summary: 'What is wrong in the lab, checked over what was read.',
    willShow: [
      'Findings by severity, each with its object and machine, the evidence and the command that shows it',
      'Plumbing, VLAN tags, MTUs, NAT for floating addresses, DHCP, default routes, Juju and Nova states',
      'Each finding opens its object in its view',
      'The checks that ran, and those that could not and why',
    ],
    replaces: ['ovs-vsctl show', 'ip netns exec … iptables-save', 'juju status | grep -E "error|blocked"'],
  },
  {
    id: 'terminals',
    title: 'Terminals',
    shortcut: '7',
    summary: 'Real shells that survive a reload.',
    willShow: ['lxc exec into containers', 'ip netns exec into router namespaces', 'juju ssh to machines', 'Recording and broadcast'],
    replaces: ['lxc exec … /bin/bash', 'juju ssh 26'],
  },
  {
    id: 'recordings',
    title: 'Recordings',
    shortcut: '8',
    summary: 'Recorded terminal sessions, played back.',
    willShow: ['Every recording the console made, wherever it was saved, and any .cast file you open', 'Playback with pause, seek and speed'],
    replaces: ['asciinema play'],
  },
  {
    id: 'changes',
    title: 'Changes',
    shortcut: '9',
    summary: 'What changed since a snapshot, or between two.',
    willShow: ['Counts per kind of object', 'Containers, machines, units, applications, profiles, namespaces and relations added, removed or changed', 'Each change opens its object in its view'],
    replaces: ['juju status, then juju status again', 'lxc list, then lxc list again'],
  },
];

/** The view an Alt+key press opens: by the character typed, or by the key's position (Alt+H on a
 * layout or a macOS keyboard where Alt changes the character). */
export function viewForShortcut(event: { key: string; code: string }): ViewEntry | null {
  return viewCatalog.find((view) => event.key.toUpperCase() === view.shortcut || event.code === `Key${view.shortcut}` || event.code === `Digit${view.shortcut}`) ?? null;
}
