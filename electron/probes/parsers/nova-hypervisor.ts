// What a compute node virtualises with, from its nova configuration: `[DEFAULT] compute_driver`
// (nova-compute.conf on Ubuntu), and for libvirt `[libvirt] virt_type` (nova's default: kvm).
// This is what the dashboard's "hypervisor type" shows: "lxd" for nova-lxd nodes.
import type { Hypervisor, IniFile } from '../../contract/lab-model';

/** nova's default `[libvirt] virt_type` when the file does not set one. */
const LIBVIRT_DEFAULT_VIRT_TYPE = 'kvm';

/** The driver class's last two path parts ("lxd.LXDDriver", "libvirt.LibvirtDriver") → hypervisor. */
const DRIVERS: Record<string, Hypervisor> = {
  'lxd.lxddriver': 'lxd',
  'driver.lxddriver': 'lxd',
  'ironic.ironicdriver': 'ironic',
  'driver.ironicdriver': 'ironic',
  'vmwareapi.vmwarevcdriver': 'vmware',
  'hyperv.hypervdriver': 'hyperv',
  'xenapi.xenapidriver': 'xen',
  'zvm.zvmdriver': 'zvm',
  'powervm.powervmdriver': 'powervm',
};

const LIBVIRT_TYPES: Record<string, Hypervisor> = { kvm: 'kvm', qemu: 'qemu', lxc: 'lxc', xen: 'xen', uml: 'uml', parallels: 'parallels' };

export interface HypervisorReading {
  hypervisor: Hypervisor;
  computeDriver: string | null;
  /** `[libvirt] virt_type` as set, or null (then nova uses kvm). */
  virtType: string | null;
}

export function hypervisorFromComputeDriver(computeDriver: string | null, virtType: string | null = null): Hypervisor {
  if (computeDriver === null || computeDriver.trim() === '') return 'unknown';
  const parts = computeDriver.trim().toLowerCase().split('.');
  const className = parts[parts.length - 1] ?? '';
  const tail = parts.slice(-2).join('.');
  if (className === 'libvirtdriver') return LIBVIRT_TYPES[(virtType ?? LIBVIRT_DEFAULT_VIRT_TYPE).trim().toLowerCase()] ?? 'libvirt';
  if (className.startsWith('fake')) return 'fake';
  if (className === 'lxddriver') return 'lxd';
  return DRIVERS[tail] ?? 'unknown';
}

/** Reads the hypervisor from one file or from nova.conf + nova-compute.conf merged (later wins). */
export function hypervisorOf(ini: IniFile): HypervisorReading {
  const computeDriver = ini.sections.DEFAULT?.compute_driver ?? null;
  const virtType = ini.sections.libvirt?.virt_type ?? null;
  return { hypervisor: hypervisorFromComputeDriver(computeDriver, virtType), computeDriver, virtType };
}
