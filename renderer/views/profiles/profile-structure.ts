// What a profile means, read out of its YAML: its limits, the rest of its config, its devices, and
// for each nic the plumbing it starts (qbr bridge → host-side tap → MAC in the container, and from
// the inventory the OVS port and Neutron port with that MAC); the instances that use it. Pure.
import type { ContainerLink, InventoryLinks } from '../../../electron/contract/inventory';
import type { LxcProfile } from '../../../electron/contract/lab-model';

const LIMITS_PREFIX = 'limits.';
/** Labels for the limits nova-lxd sets (flavor vCPUs and RAM) and the ones engineers add by hand. */
const LIMIT_LABELS: Record<string, string> = {
  'limits.cpu': 'CPU',
  'limits.memory': 'Memory',
  'limits.cpu.allowance': 'CPU allowance',
  'limits.cpu.priority': 'CPU priority',
  'limits.memory.swap': 'Swap',
  'limits.memory.enforce': 'Memory enforcement',
  'limits.processes': 'Processes',
  'limits.disk.priority': 'Disk priority',
  'limits.network.priority': 'Network priority',
};
/** The two limits a flavor always gives, shown first. */
const LEADING_LIMITS = ['limits.cpu', 'limits.memory'];
/** Device settings already shown as the device's own columns. */
const DEVICE_TYPE_KEY = 'type';

export interface ConfigItem {
  key: string;
  label: string;
  value: string;
}

export interface DeviceRow {
  name: string;
  type: string;
  settings: { key: string; value: string }[];
}

export interface NicChain {
  device: string;
  nictype: string | null;
  /** The host bridge the nic plugs into (nova-lxd: qbr<port>). */
  bridge: string | null;
  /** The host side of the veth (nova-lxd: tap<port>). */
  tap: string | null;
  mac: string | null;
  /** From the inventory: the OVS port with the same MAC (qvo<port> on br-int) and Neutron's port id. */
  ovsPort: string | null;
  neutronPortId: string | null;
  /** The container this nic lives in on this machine, when one uses the profile. */
  container: string | null;
}

export interface ProfileUser {
  /** The instance name from the API path ("/1.0/instances/instance-00000014?project=node05ob64"). */
  name: string;
  project: string | null;
  path: string;
  /** Its state from the machine's `lxc list`; null when the inventory does not list it. */
  state: string | null;
}

export interface ProfileStructure {
  limits: ConfigItem[];
  otherConfig: ConfigItem[];
  devices: DeviceRow[];
  nics: NicChain[];
  usedBy: ProfileUser[];
}

export function limitLabel(key: string): string {
  return LIMIT_LABELS[key] ?? key.slice(LIMITS_PREFIX.length);
}

/** "/1.0/instances/NAME?project=P" (LXD 3.x+) or "/1.0/containers/NAME" (LXD 2.x) → NAME and P. */
export function instanceOfUsedBy(path: string): { name: string; project: string | null } {
  const [pathPart = '', query = ''] = path.split('?', 2);
  const segment = pathPart.split('/').filter(Boolean).at(-1) ?? path;
  let name = segment;
  try {
    name = decodeURIComponent(segment);
  } catch {
    // a malformed escape is shown as LXD wrote it
  }
  return { name, project: new URLSearchParams(query).get('project') };
}

export function profileStructure(profile: LxcProfile, machineId: string, links: InventoryLinks | null): ProfileStructure {
  const config = Object.entries(profile.config).sort(([a], [b]) => a.localeCompare(b));
  const limits = config
    .filter(([key]) => key.startsWith(LIMITS_PREFIX))
    .map(([key, value]) => ({ key, label: limitLabel(key), value }))
    .sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key));
  const otherConfig = config.filter(([key]) => !key.startsWith(LIMITS_PREFIX)).map(([key, value]) => ({ key, label: key, value }));
  const devices = Object.entries(profile.devices)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, settings]) => ({
      name,
      type: settings[DEVICE_TYPE_KEY] ?? 'unknown',
      settings: Object.entries(settings)
        .filter(([key]) => key !== DEVICE_TYPE_KEY)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, value]) => ({ key, value })),
    }));
  const users = containersUsing(profile, machineId, links);
  const usedBy = (profile.usedBy ?? []).map((path) => {
    const { name, project } = instanceOfUsedBy(path);
    return { name, project, path, state: users.find((link) => link.container === name)?.state ?? null };
  });
  const nics = Object.entries(profile.devices)
    .filter(([, settings]) => settings.type === 'nic')
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([device, settings]) => nicChain(device, settings, users, usedBy));
  return { limits, otherConfig, devices, nics, usedBy };
}

const rank = (key: string) => {
  const index = LEADING_LIMITS.indexOf(key);
  return index === -1 ? LEADING_LIMITS.length : index;
};

/** The containers on this machine the inventory saw with this profile applied. */
function containersUsing(profile: LxcProfile, machineId: string, links: InventoryLinks | null): ContainerLink[] {
  return (links?.containers ?? []).filter((link) => link.machineId === machineId && profile.name !== null && link.profiles.includes(profile.name));
}

function nicChain(device: string, settings: Record<string, string>, users: ContainerLink[], usedBy: ProfileUser[]): NicChain {
  const mac = settings.hwaddr?.toLowerCase() ?? null;
  // The same device (by name, or by MAC when another profile renamed it) in a container that uses the profile.
  const found = users
    .flatMap((link) => link.nics.map((nic) => ({ link, nic })))
    .find(({ nic }) => nic.device === device || (mac !== null && nic.mac === mac));
  return {
    device,
    nictype: settings.nictype ?? null,
    bridge: settings.parent ?? settings.network ?? null,
    tap: settings.host_name ?? null,
    mac: settings.hwaddr ?? null,
    ovsPort: found?.nic.ovsPort ?? null,
    neutronPortId: found?.nic.neutronPortId ?? null,
    container: found?.link.container ?? (usedBy.length === 1 ? usedBy[0]!.name : null),
  };
}
