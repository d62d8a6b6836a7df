// The columns of each OpenStack section. Shares are of the section's width; in presentation mode
// the columns marked detail are left out (the filter still finds rows by them) so that the rest
// stay readable on a projector.
import { markOf, type AgentRow, type FloatingIpRow, type HypervisorRow, type NetworkRow, type RouterRow, type ServerRow, type ServiceRow } from './openstack-rows';
import type { TableColumn } from './openstack-table';

export const serverColumns: TableColumn<ServerRow>[] = [
  { id: 'name', label: 'Name', text: (row) => row.name, target: (row) => ({ kind: 'server', serverId: row.key }), share: 1.6 },
  { id: 'status', label: 'Status', text: (row) => row.status, mark: (row) => markOf(row.status), share: 0.9 },
  { id: 'power', label: 'Power', text: (row) => row.powerState, mark: (row) => markOf(row.powerState), share: 0.9, detail: true },
  { id: 'host', label: 'Host', text: (row) => row.host, share: 1.1 },
  {
    id: 'container',
    label: 'Container',
    text: (row) => row.container,
    mono: true,
    target: (row) => (row.machineId ? { kind: 'container', machineId: row.machineId, container: row.container } : null),
    action: (row) => (row.machineId && row.containerState.toLowerCase() === 'running' ? { label: '⌨', spoken: `Terminal into ${row.container}`, target: { kind: 'terminal', machineId: row.machineId, container: row.container } } : null),
    share: 1.9,
  },
  { id: 'addresses', label: 'Addresses', text: (row) => row.addresses, addresses: true, mono: true, share: 1.4 },
  { id: 'floating', label: 'Floating', text: (row) => row.floating, addresses: true, mono: true, share: 1.3 },
  { id: 'image', label: 'Image', text: (row) => row.image, share: 1.1, detail: true },
  { id: 'flavor', label: 'Flavor', text: (row) => row.flavor, share: 0.9, detail: true },
  { id: 'project', label: 'Project', text: (row) => row.project, share: 1.2, detail: true },
];

export const networkColumns: TableColumn<NetworkRow>[] = [
  { id: 'name', label: 'Name', text: (row) => row.name, share: 1.3 },
  { id: 'external', label: 'External', text: (row) => row.external, share: 0.7 },
  { id: 'type', label: 'Type', text: (row) => row.type, share: 0.8, detail: true },
  { id: 'subnets', label: 'Subnets (CIDR, gateway)', text: (row) => row.subnets, addresses: false, mono: true, share: 2.4 },
  { id: 'routers', label: 'Router', text: (row) => row.routers, target: (row) => (row.routerId ? { kind: 'router', routerId: row.routerId } : null), share: 1.1 },
  { id: 'dhcp', label: 'DHCP namespace', text: (row) => row.dhcp, mono: true, share: 1.8, detail: true },
  { id: 'status', label: 'Status', text: (row) => row.status, mark: (row) => markOf(row.status), share: 0.7 },
];

export const routerColumns: TableColumn<RouterRow>[] = [
  { id: 'name', label: 'Name', text: (row) => row.name, share: 1.2 },
  { id: 'status', label: 'Status', text: (row) => row.status, mark: (row) => markOf(row.status.split(',')[0] ?? ''), share: 0.8 },
  { id: 'gateway', label: 'External gateway', text: (row) => row.gateway, mono: true, share: 1.8 },
  { id: 'interfaces', label: 'Interfaces', text: (row) => row.interfaces, mono: true, share: 2 },
  { id: 'namespace', label: 'Namespace', text: (row) => row.namespace, mono: true, share: 1.8, detail: true },
];

export const floatingIpColumns: TableColumn<FloatingIpRow>[] = [
  { id: 'floating', label: 'Floating address', text: (row) => row.floating, addresses: true, mono: true, share: 1.3 },
  { id: 'fixed', label: 'Fixed address', text: (row) => row.fixed, addresses: true, mono: true, share: 1.3 },
  { id: 'server', label: 'Server', text: (row) => row.server, target: (row) => (row.serverId ? { kind: 'server', serverId: row.serverId } : null), share: 1.4 },
  { id: 'router', label: 'Router', text: (row) => row.router, target: (row) => (row.routerId ? { kind: 'router', routerId: row.routerId } : null), share: 1.1 },
  { id: 'status', label: 'Status', text: (row) => row.status, mark: (row) => markOf(row.status), share: 0.8 },
  { id: 'project', label: 'Project', text: (row) => row.project, share: 1.2, detail: true },
];

export const serviceColumns: TableColumn<ServiceRow>[] = [
  { id: 'binary', label: 'Service', text: (row) => row.binary, mono: true, share: 1.4 },
  { id: 'host', label: 'Host', text: (row) => row.host, share: 1.4 },
  { id: 'zone', label: 'Zone', text: (row) => row.zone, share: 0.9, detail: true },
  { id: 'status', label: 'Status', text: (row) => row.status, mark: (row) => markOf(row.status), share: 0.9 },
  { id: 'state', label: 'State', text: (row) => row.state, mark: (row) => markOf(row.state), share: 0.8 },
];

export const agentColumns: TableColumn<AgentRow>[] = [
  { id: 'type', label: 'Agent', text: (row) => row.type, share: 1.4 },
  { id: 'host', label: 'Host', text: (row) => row.host, share: 1.4 },
  { id: 'zone', label: 'Zone', text: (row) => row.zone, share: 0.9, detail: true },
  { id: 'alive', label: 'Alive', text: (row) => row.alive, mark: (row) => markOf(row.alive), share: 0.7 },
  { id: 'admin', label: 'Admin state', text: (row) => row.admin, mark: (row) => markOf(row.admin), share: 0.9 },
  { id: 'binary', label: 'Binary', text: (row) => row.binary, mono: true, share: 1.5, detail: true },
];

export const hypervisorColumns: TableColumn<HypervisorRow>[] = [
  { id: 'hostname', label: 'Hypervisor', text: (row) => row.hostname, target: (row) => (row.machineId ? { kind: 'machine', machineId: row.machineId } : null), share: 1.4 },
  { id: 'type', label: 'Type', text: (row) => row.type, mark: (row) => (row.type === '' ? null : row.type.toLowerCase() === 'lxd' ? 'ok' : 'warn'), share: 0.8 },
  { id: 'state', label: 'State', text: (row) => row.state, mark: (row) => markOf(row.state), share: 0.7 },
  { id: 'status', label: 'Status', text: (row) => row.status, mark: (row) => markOf(row.status), share: 0.8 },
  { id: 'vcpus', label: 'vCPUs used', text: (row) => row.vcpus, sortValue: (row) => row.vcpusUsed, share: 0.9 },
  { id: 'memory', label: 'Memory used', text: (row) => row.memory, sortValue: (row) => row.memoryMbUsed, share: 1.2 },
  { id: 'running', label: 'Instances', text: (row) => row.running, sortValue: (row) => row.runningVms, share: 0.7 },
];
