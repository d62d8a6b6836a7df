// The lab's machines as the console sees them, derived from Juju: every top-level machine, the
// applications whose units live on it (or in its containers), and the roles that follow.
import type { InventoryMachine, MachineRole } from '../contract/inventory';
import type { JujuStatus } from '../contract/lab-model';

/** Charms that decide a machine's role in an OpenStack-on-LXD deployment. */
const ROLE_OF_CHARM: Record<string, MachineRole> = {
  'nova-compute': 'compute',
  'neutron-gateway': 'gateway',
  'neutron-openvswitch': 'compute',
  keystone: 'control',
  glance: 'control',
  'nova-cloud-controller': 'control',
  'neutron-api': 'control',
  'openstack-dashboard': 'control',
  'rabbitmq-server': 'control',
  'percona-cluster': 'control',
  mysql: 'control',
  'mysql-innodb-cluster': 'control',
  'cinder': 'control',
  'ceph-mon': 'control',
};

/** "22/lxd/0" → "22"; "22" → "22". */
export const hostMachineOf = (machineId: string): string => machineId.split('/')[0] ?? machineId;

export function machinesFromJujuStatus(status: JujuStatus): InventoryMachine[] {
  const charmOf = new Map(status.applications.map((application) => [application.name, application.charm ?? application.name]));
  const applicationsOn = new Map<string, Set<string>>();
  for (const unit of status.units) {
    if (!unit.machine) continue; // subordinates live with their principal
    const host = hostMachineOf(unit.machine);
    const set = applicationsOn.get(host) ?? new Set();
    set.add(unit.application);
    // A subordinate's application runs where its principal runs.
    for (const subordinate of status.units.filter((candidate) => candidate.principal === unit.name)) set.add(subordinate.application);
    applicationsOn.set(host, set);
  }
  return status.machines
    .filter((machine) => machine.parent === null)
    .map((machine) => {
      const applications = [...(applicationsOn.get(machine.id) ?? [])].sort();
      const roles = new Set<MachineRole>();
      for (const application of applications) {
        const role = ROLE_OF_CHARM[charmOf.get(application) ?? application];
        if (role) roles.add(role);
      }
      return {
        id: machine.id,
        hostname: null,
        address: machine.address,
        roles: roles.size > 0 ? [...roles].sort() : ['other'],
        applications,
        jujuState: machine.state,
        route: null,
        routeError: null,
        hypervisor: null,
      } satisfies InventoryMachine;
    })
    .sort((a, b) => Number(a.id) - Number(b.id));
}
