// The columns of each OpenStack section. Each is at least as wide as its usual values need (in em,
// so it grows with presentation mode's text: "ACTIVE" with its mark, a host name, an instance
// name), and shares what is left; in presentation mode
// the columns marked detail are left out (the filter still finds rows by them) so that the rest
// stay readable on a projector.
import { markOf, type AgentRow, type FloatingIpRow, type HypervisorRow, type NetworkRow, type RouterRow, type ServerRow, type ServiceRow } from './openstack-rows';
import type { TableColumn } from './openstack-table';

export const serverColumns: TableColumn<ServerRow>[] = [
  { id: 'name', label: 'Name', text: (row) => row.name, target: (row) => ({ kind: 'server', serverId: row.key }), minEm: 6.5, share: 1.2 },
  { id: 'status', label: 'Status', text: (row) => row.status, mark: (row) => markOf(row.status), minEm: 7, share: 0.7 },
  { id: 'power', label: 'Power', text: (row) => row.powerState, mark: (row) => markOf(row.powerState), minEm: 7, share: 0.7, detail: true },
  { id: 'host', label: 'Host', text: (row) => row.host, minEm: 8, share: 0.9 },
  {
    id: 'container',
    label: 'Container',
    text: (row) => row.container,
    mono: true,
    target: (row) => (row.machineId ? { kind: 'container', machineId: row.machineId, container: row.container } : null),
    action: (row) => (row.machineId && row.containerState.toLowerCase() === 'running' ? { label: '⌨', spoken: `Terminal into ${row.container}`, target: { kind: 'terminal', machineId: row.machineId, container: row.container } } : null),
    minEm: 14,
    share: 1.5,
  },
  { id: 'addresses', label: 'Addresses', text: (row) => row.addresses, addresses: true, mono: true, minEm: 9.5, share: 1.1 },
  { id: 'floating', label: 'Floating', text: (row) => row.floating, addresses: true, mono: true, minEm: 9.5, share: 1.1 },
  { id: 'image', label: 'Image', text: (row) => row.image, minEm: 5.5, share: 0.9, detail: true },
  { id: 'flavor', label: 'Flavor', text: (row) => row.flavor, minEm: 6.5, share: 0.7, detail: true },
  { id: 'project', label: 'Project', text: (row) => row.project, minEm: 4, share: 0.9, detail: true },
];

export const networkColumns: TableColumn<NetworkRow>[] = [
  { id: 'name', label: 'Name', text: (row) => row.name, minEm: 6, share: 1.1 },
  { id: 'external', label: 'External', text: (row) => row.external, minEm: 6, share: 0.5 },
  { id: 'type', label: 'Type', text: (row) => row.type, minEm: 5, share: 0.7, detail: true },
  { id: 'subnets', label: 'Subnets (CIDR, gateway)', text: (row) => row.subnets, addresses: false, mono: true, minEm: 20, share: 3 },
  { id: 'routers', label: 'Router', text: (row) => row.routers, target: (row) => (row.routerId ? { kind: 'router', routerId: row.routerId } : null), minEm: 6, share: 0.8 },
  { id: 'dhcp', label: 'DHCP namespace', text: (row) => row.dhcp, mono: true, minEm: 8, share: 1.2, detail: true },
  { id: 'status', label: 'Status', text: (row) => row.status, mark: (row) => markOf(row.status), minEm: 7, share: 0.6 },
];

export const routerColumns: TableColumn<RouterRow>[] = [
  { id: 'name', label: 'Name', text: (row) => row.name, minEm: 7, share: 1.2 },
  { id: 'status', label: 'Status', text: (row) => row.status, mark: (row) => markOf(row.status.split(',')[0] ?? ''), minEm: 7, share: 0.7 },
  { id: 'gateway', label: 'External gateway', text: (row) => row.gateway, mono: true, minEm: 14, share: 1.6 },
  { id: 'interfaces', label: 'Interfaces', text: (row) => row.interfaces, mono: true, minEm: 14, share: 1.8 },
  { id: 'namespace', label: 'Namespace', text: (row) => row.namespace, mono: true, minEm: 10, share: 1.8, detail: true },
];

export const floatingIpColumns: TableColumn<FloatingIpRow>[] = [
  { id: 'floating', label: 'Floating address', text: (row) => row.floating, addresses: true, mono: true, minEm: 9.5, share: 1.1 },
  { id: 'fixed', label: 'Fixed address', text: (row) => row.fixed, addresses: true, mono: true, minEm: 9.5, share: 1.1 },
  { id: 'server', label: 'Server', text: (row) => row.server, target: (row) => (row.serverId ? { kind: 'server', serverId: row.serverId } : null), minEm: 7, share: 1.3 },
  { id: 'router', label: 'Router', text: (row) => row.router, target: (row) => (row.routerId ? { kind: 'router', routerId: row.routerId } : null), minEm: 7, share: 1.1 },
  { id: 'status', label: 'Status', text: (row) => row.status, mark: (row) => markOf(row.status), minEm: 7, share: 0.7 },
  { id: 'project', label: 'Project', text: (row) => row.project, minEm: 6, share: 1.1, detail: true },
];

export const serviceColumns: TableColumn<ServiceRow>[] = [
  { id: 'binary', label: 'Service', text: (row) => row.binary, mono: true, minEm: 9, share: 1.3 },
  { id: 'host', label: 'Host', text: (row) => row.host, minEm: 7, share: 1.3 },
  { id: 'zone', label: 'Zone', text: (row) => row.zone, minEm: 5, share: 0.8, detail: true },
  { id: 'status', label: 'Status', text: (row) => row.status, mark: (row) => markOf(row.status), minEm: 7, share: 0.8 },
  { id: 'state', label: 'State', text: (row) => row.state, mark: (row) => markOf(row.state), minEm: 6, share: 0.7 },
];

export const agentColumns: TableColumn<AgentRow>[] = [
  { id: 'type', label: 'Agent', text: (row) => row.type, minEm: 9, share: 1.3 },
  { id: 'host', label: 'Host', text: (row) => row.host, minEm: 7, share: 1.3 },
  { id: 'zone', label: 'Zone', text: (row) => row.zone, minEm: 5, share: 0.8, detail: true },
  { id: 'alive', label: 'Alive', text: (row) => row.alive, mark: (row) => markOf(row.alive), minEm: 6, share: 0.6 },
  { id: 'admin', label: 'Admin state', text: (row) => row.admin, mark: (row) => markOf(row.admin), minEm: 7, share: 0.8 },
  { id: 'binary', label: 'Binary', text: (row) => row.binary, mono: true, minEm: 10, share: 1.4, detail: true },
];

export const hypervisorColumns: TableColumn<HypervisorRow>[] = [
  { id: 'hostname', label: 'Hypervisor', text: (row) => row.hostname, target: (row) => (row.machineId ? { kind: 'machine', machineId: row.machineId } : null), minEm: 7, share: 1.3 },
  { id: 'type', label: 'Type', text: (row) => row.type, mark: (row) => (row.type === '' ? null : row.type.toLowerCase() === 'lxd' ? 'ok' : 'warn'), minEm: 6, share: 0.7 },
  { id: 'state', label: 'State', text: (row) => row.state, mark: (row) => markOf(row.state), minEm: 6, share: 0.6 },
  { id: 'status', label: 'Status', text: (row) => row.status, mark: (row) => markOf(row.status), minEm: 7, share: 0.7 },
  { id: 'vcpus', label: 'vCPUs used', text: (row) => row.vcpus, sortValue: (row) => row.vcpusUsed, minEm: 6, share: 0.8 },
  { id: 'memory', label: 'Memory used', text: (row) => row.memory, sortValue: (row) => row.memoryMbUsed, minEm: 9, share: 1.1 },
  { id: 'running', label: 'Instances', text: (row) => row.running, sortValue: (row) => row.runningVms, minEm: 5, share: 0.6 },
];
