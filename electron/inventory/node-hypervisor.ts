// What a compute node virtualises with, as the Nodes view and `inventory` say it: read from
// `compute_driver` in nova-compute.conf (where Ubuntu's nova-compute-* packages set it), else
// nova.conf, naming the file and line. An OrangeBox's compute nodes run nova-lxd, so a compute node
// on another driver, or one whose driver cannot be read, is marked with what to check.
import type { InventoryMachine, MachineHypervisor, ProbeOutcome } from '../contract/inventory';
import type { Hypervisor } from '../contract/lab-model';
import { findProbe, probeValue } from '../contract/probe-models';
import { hypervisorFromComputeDriver } from '../probes/parsers/nova-hypervisor';
import { NOVA_COMPUTE_CONF_PATH, NOVA_CONF_PATH } from './probe-catalog';

/** nova-compute reads nova.conf then nova-compute.conf: the later file wins, so it is asked first. */
const CONFIG_FILES = [
  { probeId: 'nova-compute-conf', file: NOVA_COMPUTE_CONF_PATH },
  { probeId: 'nova-conf', file: NOVA_CONF_PATH },
] as const;

const NAMES: Record<Hypervisor, string> = {
  lxd: 'LXD (nova-lxd)',
  kvm: 'libvirt/KVM',
  qemu: 'libvirt/QEMU (emulated)',
  lxc: 'libvirt/LXC',
  xen: 'Xen',
  parallels: 'libvirt/Parallels',
  uml: 'libvirt/UML',
  vmware: 'VMware vCenter',
  hyperv: 'Hyper-V',
  ironic: 'Ironic (bare metal)',
  zvm: 'z/VM',
  powervm: 'PowerVM',
  fake: 'fake (nova’s test driver)',
  libvirt: 'libvirt',
  unknown: 'unknown driver',
};

/** "LXD (nova-lxd, lxd.LXDDriver)", "libvirt/KVM (libvirt.LibvirtDriver)": the kind, then the driver as set. */
export function hypervisorLabel(kind: Hypervisor, computeDriver: string | null): string {
  const name = NAMES[kind];
  if (!computeDriver) return name;
  return name.endsWith(')') ? `${name.slice(0, -1)}, ${computeDriver})` : `${name} (${computeDriver})`;
}

/** The hypervisor of a compute node from its probes; null for a machine that is not a compute node. */
export function readMachineHypervisor(machine: InventoryMachine, probes: readonly ProbeOutcome[]): MachineHypervisor | null {
  if (!machine.roles.includes('compute')) return null;
  const files = CONFIG_FILES.map(({ probeId, file }) => {
    const outcome = findProbe(probes, machine.id, probeId);
    return { file, outcome, ini: probeValue(outcome, probeId) };
  });
  const name = machine.hostname ?? `machine ${machine.id}`;
  const setting = files.find(({ ini }) => ini?.sections.DEFAULT?.compute_driver);
  const virtType = files.map(({ ini }) => ini?.sections.libvirt?.virt_type).find((value) => value) ?? null;

  if (!setting) {
    const unread = files.filter(({ ini }) => !ini);
    if (unread.length === files.length && files.every(({ outcome }) => !outcome)) {
      return { kind: 'unknown', label: 'not read yet', computeDriver: null, virtType, source: null, warning: null };
    }
    const why = unread.map(({ file, outcome }) => `${file}: ${outcome?.error?.message ?? 'not read'}`);
    return {
      kind: 'unknown',
      label: 'compute_driver not found',
      computeDriver: null,
      virtType,
      source: null,
      warning:
        unread.length > 0
          ? `compute_driver could not be read on ${name} (${why.join('; ')})`
          : `neither ${NOVA_COMPUTE_CONF_PATH} nor ${NOVA_CONF_PATH} on ${name} sets [DEFAULT] compute_driver; nova-compute does not start without it`,
    };
  }
  const computeDriver = setting.ini!.sections.DEFAULT!.compute_driver!;
  const kind = hypervisorFromComputeDriver(computeDriver, virtType);
  const line = setting.ini!.lines?.['DEFAULT.compute_driver'] ?? null;
  return {
    kind,
    label: hypervisorLabel(kind, computeDriver),
    computeDriver,
    virtType,
    source: { file: setting.file, line },
    warning:
      kind === 'lxd'
        ? null
        : `${name} is a compute node of an OrangeBox but runs ${hypervisorLabel(kind, computeDriver)}, not nova-lxd: its instances are not LXD containers (set by ${setting.file}${line ? ` line ${line}` : ''})`,
  };
}
