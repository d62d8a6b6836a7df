// What the Nodes view shows of one machine, read from its probes the same way everywhere (card,
// comparison, palette): its stack packages, nova's two files, and the settings of nova.conf that
// matter for nova-lxd, each with the file and line that set it. nova-compute reads nova.conf then
// nova-compute.conf, so a key set in both takes the second file's value.
import type { LabInventory, ProbeOutcome } from '../../../electron/contract/inventory';
import type { IniFile, StackPackage } from '../../../electron/contract/lab-model';
import { findProbe, probeValue } from '../../../electron/contract/probe-models';

export type NovaFileProbe = 'nova-conf' | 'nova-compute-conf';

/** The two files as the probes read them, in the order nova-compute reads them. */
export const NOVA_FILES: readonly { probeId: NovaFileProbe; name: string }[] = [
  { probeId: 'nova-conf', name: 'nova.conf' },
  { probeId: 'nova-compute-conf', name: 'nova-compute.conf' },
];

export const novaFileName = (probeId: NovaFileProbe): string => NOVA_FILES.find((file) => file.probeId === probeId)!.name;

/**
 * The settings an engineer checks first on a nova-lxd node, each with the keys it has had across
 * releases (the first one set wins): the driver, the node's address, where Neutron and Glance are,
 * the firewall and VIF drivers nova-lxd needs (Noop firewall: Neutron's security groups do it), and
 * the memory kept back from instances.
 */
const KEY_SETTINGS: readonly { label: string; keys: readonly string[] }[] = [
  { label: 'Compute driver', keys: ['DEFAULT.compute_driver'] },
  { label: 'My IP', keys: ['DEFAULT.my_ip'] },
  { label: 'Neutron endpoint', keys: ['neutron.url', 'neutron.endpoint_override', 'neutron.auth_url'] },
  { label: 'Glance endpoint', keys: ['glance.api_servers', 'glance.endpoint_override'] },
  { label: 'Firewall driver', keys: ['DEFAULT.firewall_driver'] },
  { label: 'VIF driver', keys: ['DEFAULT.libvirt_vif_driver', 'libvirt.vif_driver', 'DEFAULT.vif_driver', 'DEFAULT.linuxnet_interface_driver'] },
  { label: 'Reserved host memory', keys: ['DEFAULT.reserved_host_memory_mb', 'DEFAULT.reserved_host_memory'] },
];

export interface KeySetting {
  label: string;
  /** "section.key" as set, or the first candidate when none is. */
  key: string;
  value: string | null;
  /** Which file set the value nova uses, and where. */
  file: NovaFileProbe | null;
  line: number | null;
  masked: boolean;
}

export interface NodeFacts {
  packages: StackPackage[] | null;
  packagesOutcome: ProbeOutcome | null;
  files: Record<NovaFileProbe, { outcome: ProbeOutcome | null; ini: IniFile | null }>;
}

/** An IniFile that came over the contract whole (an older core may send one without text or lines). */
function readableIni(outcome: ProbeOutcome | null, probeId: NovaFileProbe): IniFile | null {
  const value: Partial<IniFile> | null = probeValue(outcome, probeId);
  if (!value || typeof value.sections !== 'object' || value.sections === null) return null;
  return { sections: value.sections, masked: value.masked ?? [], repeated: value.repeated ?? {}, lines: value.lines ?? {}, text: value.text ?? '' };
}

export function nodeFacts(inventory: LabInventory, machineId: string): NodeFacts {
  const packagesOutcome = findProbe(inventory.probes, machineId, 'packages');
  const list = probeValue(packagesOutcome, 'packages');
  const file = (probeId: NovaFileProbe) => {
    const outcome = findProbe(inventory.probes, machineId, probeId);
    return { outcome, ini: readableIni(outcome, probeId) };
  };
  return {
    packages: Array.isArray(list?.packages) ? list.packages : null,
    packagesOutcome,
    files: { 'nova-conf': file('nova-conf'), 'nova-compute-conf': file('nova-compute-conf') },
  };
}

function valueIn(ini: IniFile | null, id: string): string | undefined {
  if (!ini) return undefined;
  const dot = id.indexOf('.');
  return ini.sections[id.slice(0, dot)]?.[id.slice(dot + 1)];
}

/** Where nova gets one key from: nova-compute.conf when it sets it, else nova.conf. */
export function effectiveSetting(facts: NodeFacts, id: string): { value: string; file: NovaFileProbe; line: number | null; masked: boolean } | null {
  for (const { probeId } of [...NOVA_FILES].reverse()) {
    const ini = facts.files[probeId].ini;
    const value = valueIn(ini, id);
    if (value !== undefined) return { value, file: probeId, line: ini!.lines[id] ?? null, masked: ini!.masked.includes(id) };
  }
  return null;
}

export function keySettings(facts: NodeFacts): KeySetting[] {
  return KEY_SETTINGS.map(({ label, keys }) => {
    for (const key of keys) {
      const setting = effectiveSetting(facts, key);
      if (setting) return { label, key, value: setting.value, file: setting.file, line: setting.line, masked: setting.masked };
    }
    return { label, key: keys[0]!, value: null, file: null, line: null, masked: false };
  });
}

/** "[neutron] url" from "neutron.url". */
export function settingName(id: string): string {
  const dot = id.indexOf('.');
  return `[${id.slice(0, dot)}] ${id.slice(dot + 1)}`;
}

/** dpkg's status letters in words: what an engineer needs to know of "ii", "rc", "iU". */
export function packageStatusLabel(status: string): string {
  const state: Record<string, string> = { i: 'installed', c: 'removed, config files kept', n: 'not installed', U: 'unpacked, not configured', F: 'half configured', H: 'half installed', W: 'awaiting triggers', t: 'triggers pending' };
  const words = state[status[1] ?? ''] ?? status;
  const desired = status[0] === 'h' ? ', held' : status[0] === 'r' || status[0] === 'p' ? ', marked for removal' : '';
  return `${words}${desired}${status[2] === 'R' ? ', reinstall required' : ''}`;
}
