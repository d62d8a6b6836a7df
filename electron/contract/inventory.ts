// The live inventory of a lab as the UI and the CLI see it: the machines Juju reports, how each is
// reached, and the latest result of every probe on every machine (with its time and its error).
import * as v from 'valibot';
import { LabId } from './payloads';
import type { ErrorCode } from './console-errors';
import type { Hypervisor } from './lab-model';
import type { HealthReport } from './health';
import type { ContainerServer, OpenStackLinks } from './openstack-model';

/** The controller endpoint is not a Juju machine; its probes are filed under this id. */
export const CONTROLLER_MACHINE_ID = 'controller';

export type MachineRole = 'controller' | 'compute' | 'gateway' | 'control' | 'other';

export interface InventoryRoute {
  kind: 'controller' | 'jump' | 'juju-ssh';
  label: string;
  chosenBy: 'auto' | 'override';
  note: string | null;
}

export interface InventoryMachine {
  id: string;
  hostname: string | null;
  address: string | null;
  roles: MachineRole[];
  /** Applications with units on this machine or its containers. */
  applications: string[];
  jujuState: string | null;
  route: InventoryRoute | null;
  /** Why the machine could not be reached (its probes then did not run). */
  routeError: { code: ErrorCode; message: string } | null;
  /** What a compute node virtualises with, from nova's configuration; null for other machines. */
  hypervisor: MachineHypervisor | null;
}

/** A compute node's hypervisor, worked out in the core from `compute_driver`. */
export interface MachineHypervisor {
  kind: Hypervisor;
  /** As an engineer says it: "LXD (nova-lxd, lxd.LXDDriver)", "libvirt/KVM (libvirt.LibvirtDriver)". */
  label: string;
  computeDriver: string | null;
  /** `[libvirt] virt_type`, when set (it decides between KVM, QEMU and LXC under libvirt). */
  virtType: string | null;
  /** The file and line that set compute_driver. */
  source: { file: string; line: number | null } | null;
  /** Why this node needs a look: not LXD in an OrangeBox, or the driver could not be read. */
  warning: string | null;
}

export type ProbeStatus = 'ok' | 'partial' | 'failed';

export interface ProbeOutcome {
  machineId: string;
  /** A ProbeId (probe-models.ts): the probe's kind, or `<kind>:<namespace>`. */
  probeId: string;
  /** The command as run, for "what did it type?" */
  command: string;
  startedAt: string;
  durationMs: number;
  status: ProbeStatus;
  /** The model of the probe's kind (ProbeModels); null when nothing could be read. Read it with `probeValue`. */
  value: unknown;
  format: string | null;
  problems: { line: number | null; message: string }[];
  error: { code: ErrorCode | 'command-exit'; message: string } | null;
}

export interface LabInventory {
  labId: string;
  refreshing: boolean;
  refreshedAt: string | null;
  /** Wall time of the last complete refresh. */
  lastRefreshMs: number | null;
  machines: InventoryMachine[];
  probes: ProbeOutcome[];
  /** What belongs together, derived from the probes (recomputed after each refresh). */
  links: InventoryLinks;
  /**
   * Set only on the first view's cut of an inventory (inventory-first-view.ts): what Overview
   * draws, sent ahead of the whole, which the page asks for (inventory.get) once it painted it.
   */
  part?: 'first-view';
  /** The health checks' findings over this inventory (electron/health/); absent in older snapshots. */
  health?: HealthReport | null;
}

export const RouteOverride = v.object({
  labId: LabId,
  machineId: v.pipe(v.string(), v.regex(/^\d+$/, 'a Juju machine id is a number, e.g. "26"')),
  route: v.picklist(['auto', 'jump', 'juju-ssh'], 'the route is "auto", "jump" or "juju-ssh"'),
});

export const InventoryVisibility = v.object({ visible: v.boolean() });

/** One LXD nic of a container, followed through the plumbing as far as the probes saw it. */
export interface NicLink {
  /** The device name in the profile ("qbr9e0c6af1-30", "eth0"). */
  device: string;
  /** The host bridge it plugs into (nova-lxd: qbr<port>). */
  bridge: string | null;
  /** The host side of the container's veth (nova-lxd: tap<port>). */
  tap: string | null;
  mac: string | null;
  /** The OVS port carrying the same MAC (nova-lxd: qvo<port> on br-int). */
  ovsPort: string | null;
  /** Neutron's port id (OVS external-ids iface-id). */
  neutronPortId: string | null;
  /** What Nova put in OVS external-ids vm-uuid. */
  vmUuid: string | null;
}

/** A container and everything the inventory knows that belongs to it. */
export interface ContainerLink {
  container: string;
  /** The machine whose LXD runs it. */
  machineId: string;
  state: string | null;
  profiles: string[];
  nics: NicLink[];
  /** The Juju machine it is ("22/lxd/0"), for Juju's own containers. */
  jujuMachineId: string | null;
  /** The Juju units living in it. */
  units: string[];
  /** The Nova server it is (nova-lxd's instance container); null when none; absent in older snapshots. */
  server?: ContainerServer | null;
}

export interface InventoryLinks {
  containers: ContainerLink[];
  /** OpenStack's own view joined to the machines, or why it could not be read; absent in older snapshots. */
  openstack?: OpenStackLinks | null;
}
