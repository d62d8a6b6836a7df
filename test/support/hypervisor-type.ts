// Makes one compute node's hypervisor report another type in the lab's `openstack` stand-in (as a
// compute node running the libvirt driver would: "QEMU"), for the console's "not an LXD hypervisor"
// flag. The stand-in reads a file named after the node's hostname in the manifest's
// openstack.hypervisorTypeDir (root-owned; tests run as root). Undo removes the file.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LabManifest } from '../lab/lab-manifest';
import type { UndoFault } from './machine-faults';

/** Hypervisor types Nova reports (nova.objects.fields.HVType), the ones a field lab may show. */
const HYPERVISOR_TYPES = ['QEMU', 'kvm', 'lxd', 'lxc', 'ironic', 'VMware vCenter Server'] as const;
export type HypervisorType = (typeof HYPERVISOR_TYPES)[number];

export async function reportHypervisorType(lab: LabManifest, hostname: string, type: HypervisorType): Promise<UndoFault> {
  const node = lab.machines.find((machine) => machine.hostname === hostname);
  if (!node || node.role !== 'compute') {
    const computes = lab.machines.filter((machine) => machine.role === 'compute').map((machine) => machine.hostname);
    throw new Error(`${hostname} is not one of the lab's compute nodes (${computes.join(', ')})`);
  }
  if (!HYPERVISOR_TYPES.includes(type)) throw new Error(`unknown hypervisor type ${type}: use one of ${HYPERVISOR_TYPES.join(', ')}`);
  const file = join(lab.openstack.hypervisorTypeDir, hostname);
  await writeFile(file, `${type}\n`, { mode: 0o644 });
  return () => rm(file, { force: true });
}
