// Every LXD profile of every machine whose LXD the console reads (compute and control nodes), one
// group per machine with what went wrong reading it, filtered by name. Pure functions.
import type { InventoryMachine, LabInventory, ProbeOutcome } from '../../../electron/contract/inventory';
import type { LxcProfile } from '../../../electron/contract/lab-model';
import { probeValue } from '../../../electron/contract/probe-models';

/** The probe reading every profile of a machine at once (`lxc profile list --format json`). */
export const PROFILES_PROBE = 'lxc-profiles' as const;
/** Machines whose LXD the console reads: nova-lxd instances on compute nodes, Juju's own containers on control nodes. */
const LXD_ROLES = ['compute', 'control'] as const;

export interface ProfileEntry {
  /** Unique across machines: "24/instance-00000014". */
  key: string;
  machineId: string;
  node: string;
  name: string;
  profile: LxcProfile;
}

export type MachineProfilesState = 'ok' | 'partial' | 'failed' | 'unreachable' | 'reading';

export interface MachineProfiles {
  machineId: string;
  node: string;
  state: MachineProfilesState;
  /** What went wrong, as the core said it, and what the engineer can do about it. */
  error: string | null;
  advice: string | null;
  /** Lines the parser could not read (a partial reading). */
  problems: string[];
  command: string | null;
  profiles: ProfileEntry[];
}

export const profileKey = (machineId: string, name: string): string => `${machineId}/${name}`;
export const nodeName = (machine: InventoryMachine | undefined, machineId: string): string => machine?.hostname ?? `machine ${machineId}`;

/** One group per machine that runs LXD (or that has a profile reading), in Juju's machine order. */
export function machineProfiles(inventory: LabInventory | null): MachineProfiles[] {
  if (!inventory) return [];
  const outcomes = new Map(inventory.probes.filter((outcome) => outcome.probeId === PROFILES_PROBE).map((outcome) => [outcome.machineId, outcome]));
  const machineIds = new Set([...inventory.machines.filter((machine) => LXD_ROLES.some((role) => machine.roles.includes(role))).map((machine) => machine.id), ...outcomes.keys()]);
  return [...machineIds]
    .sort((a, b) => Number(a) - Number(b) || a.localeCompare(b))
    .map((machineId) => groupOf(machineId, inventory.machines.find((machine) => machine.id === machineId), outcomes.get(machineId)));
}

function groupOf(machineId: string, machine: InventoryMachine | undefined, outcome: ProbeOutcome | undefined): MachineProfiles {
  const node = nodeName(machine, machineId);
  const group: MachineProfiles = { machineId, node, state: 'reading', error: null, advice: null, problems: [], command: outcome?.command ?? null, profiles: [] };
  if (!outcome) {
    if (machine?.routeError) {
      return { ...group, state: 'unreachable', error: machine.routeError.message, advice: `Its profiles are read over SSH: check the route to ${node} in Nodes, then refresh.` };
    }
    return group;
  }
  if (outcome.status === 'failed') {
    return {
      ...group,
      state: 'failed',
      error: outcome.error?.message ?? 'the profile list could not be read',
      advice: `Run \`${outcome.command}\` on ${node} to see what LXD says; the lab user must be allowed to use LXD there (the lxd group). Then refresh.`,
    };
  }
  const list = probeValue(outcome, PROFILES_PROBE);
  const profiles = (list?.profiles ?? [])
    .filter((profile) => profile.name !== null)
    .map((profile) => ({ key: profileKey(machineId, profile.name!), machineId, node, name: profile.name!, profile }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return { ...group, state: outcome.status, problems: outcome.problems.map((entry) => (entry.line !== null ? `line ${entry.line}: ${entry.message}` : entry.message)), profiles };
}

/** Groups keep only the profiles whose name (or node) holds the text; a group left empty is dropped. */
export function filterProfiles(groups: MachineProfiles[], filter: string): MachineProfiles[] {
  const needle = filter.trim().toLowerCase();
  if (needle === '') return groups;
  return groups
    .map((group) => (group.node.toLowerCase().includes(needle) ? group : { ...group, profiles: group.profiles.filter((entry) => entry.name.toLowerCase().includes(needle)) }))
    .filter((group) => group.profiles.length > 0);
}

export const allProfiles = (groups: MachineProfiles[]): ProfileEntry[] => groups.flatMap((group) => group.profiles);

export function findProfile(groups: MachineProfiles[], key: string | null): ProfileEntry | null {
  return key === null ? null : (allProfiles(groups).find((entry) => entry.key === key) ?? null);
}

/** What to show first: the first nova-lxd instance profile (what the walkthrough shows), else the first profile. */
export function defaultProfile(groups: MachineProfiles[]): ProfileEntry | null {
  const entries = allProfiles(groups);
  return entries.find((entry) => Object.values(entry.profile.devices).some((device) => device.type === 'nic' && device.host_name)) ?? entries[0] ?? null;
}
