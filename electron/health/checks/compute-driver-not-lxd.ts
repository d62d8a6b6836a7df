// A compute node of an OrangeBox that does not run nova-lxd: its instances are not LXD containers
// (or it cannot start at all when compute_driver is unset). Read from the node's hypervisor, which
// the core works out from compute_driver in nova-compute.conf, else nova.conf (node-hypervisor.ts).
import { findingOf, type HealthCheck } from '../health-check';
import { labIndex } from '../lab-index';

/** nova.conf is mode 0640 root:nova on a real node: reading it takes root. */
const SHOW_DRIVER = 'sudo grep -Hn compute_driver /etc/nova/nova-compute.conf /etc/nova/nova.conf';

export const COMPUTE_DRIVER_NOT_LXD: HealthCheck = {
  id: 'compute-driver-not-lxd',
  title: 'compute nodes run nova-lxd',
  severity: 'error',
  needs: [['nova-compute-conf', 'nova-conf']],
  run(inventory) {
    const index = labIndex(inventory);
    return inventory.machines.flatMap((machine) => {
      const hypervisor = machine.hypervisor;
      if (!machine.roles.includes('compute') || !hypervisor || hypervisor.kind === 'lxd') return [];
      // Not read (the files failed): the run's note says so; not a finding about the node.
      if (hypervisor.kind === 'unknown' && (hypervisor.warning === null || hypervisor.warning.includes('could not be read'))) return [];
      const name = index.machineName(machine.id);
      const where = hypervisor.source ? `${hypervisor.source.file}${hypervisor.source.line ? ` line ${hypervisor.source.line}` : ''}` : null;
      const message =
        hypervisor.kind === 'unknown'
          ? `${name} is a compute node but sets no compute_driver in /etc/nova/nova-compute.conf or /etc/nova/nova.conf: nova-compute does not start there; set compute_driver = lxd.LXDDriver.`
          : `${name} is a compute node of an OrangeBox but runs ${hypervisor.label}, not nova-lxd: instances Nova schedules there are not LXD containers; set compute_driver = lxd.LXDDriver${where ? ` (${where})` : ''} and restart nova-compute.`;
      const evidence = [hypervisor.computeDriver ? `compute_driver = ${hypervisor.computeDriver}${where ? ` (${where})` : ''}` : 'compute_driver: not set in either file'];
      if (hypervisor.virtType) evidence.push(`[libvirt] virt_type = ${hypervisor.virtType}`);
      return [findingOf(this, { kind: 'machine', name: machine.hostname ?? machine.id, machineId: machine.id }, message, evidence, SHOW_DRIVER)];
    });
  },
};
