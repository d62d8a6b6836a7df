// Two profiles side by side: every key either has, with whether it differs. nova-lxd names each
// instance's nic after its Neutron port (qbr9e0c6af1-30, qbrc397384b-56), so devices are paired by
// name first and then by type in order: two instance profiles compare nic to nic, not as "one
// device removed, another added"; a device only one side has keeps its own name. Pure.
import type { LxcProfile } from '../../../electron/contract/lab-model';
import { instanceOfUsedBy } from './profile-structure';

export type DiffStatus = 'same' | 'changed' | 'only-left' | 'only-right';

export interface DiffRow {
  /** "profile", "config", "device root", "device nic 1", "used by". */
  group: string;
  key: string;
  left: string | null;
  right: string | null;
  status: DiffStatus;
}

export interface DevicePair {
  /** The group label: the device name when only one side has it or both share it, else "<type> <n>". */
  label: string;
  left: string | null;
  right: string | null;
}

const statusOf = (left: string | null, right: string | null): DiffStatus =>
  left === null ? 'only-right' : right === null ? 'only-left' : left === right ? 'same' : 'changed';

const row = (group: string, key: string, left: string | null, right: string | null): DiffRow => ({ group, key, left, right, status: statusOf(left, right) });

const sortedUnion = (a: Record<string, unknown>, b: Record<string, unknown>) => [...new Set([...Object.keys(a), ...Object.keys(b)])].sort((x, y) => x.localeCompare(y));

export function diffProfiles(left: LxcProfile, right: LxcProfile): DiffRow[] {
  const rows: DiffRow[] = [row('profile', 'name', left.name, right.name), row('profile', 'description', left.description ?? '', right.description ?? '')];
  for (const key of sortedUnion(left.config, right.config)) rows.push(row('config', key, left.config[key] ?? null, right.config[key] ?? null));
  for (const pair of pairDevices(left.devices, right.devices)) {
    const group = `device ${pair.label}`;
    const leftSettings = pair.left !== null ? (left.devices[pair.left] ?? {}) : {};
    const rightSettings = pair.right !== null ? (right.devices[pair.right] ?? {}) : {};
    rows.push(row(group, 'device name', pair.left, pair.right));
    for (const key of sortedUnion(leftSettings, rightSettings)) {
      rows.push(row(group, key, pair.left !== null ? (leftSettings[key] ?? null) : null, pair.right !== null ? (rightSettings[key] ?? null) : null));
    }
  }
  const users = (profile: LxcProfile) => (profile.usedBy ?? []).map((path) => instanceOfUsedBy(path).name).join('\n');
  rows.push(row('used by', 'instances', users(left), users(right)));
  return rows;
}

/** Same name first; the rest paired by type, each side in name order; the leftovers alone. */
export function pairDevices(left: Record<string, Record<string, string>>, right: Record<string, Record<string, string>>): DevicePair[] {
  const pairs: DevicePair[] = [];
  const leftRest = Object.keys(left).sort((a, b) => a.localeCompare(b));
  const rightRest = Object.keys(right).sort((a, b) => a.localeCompare(b));
  for (const name of [...leftRest]) {
    if (name in right) {
      pairs.push({ label: name, left: name, right: name });
      leftRest.splice(leftRest.indexOf(name), 1);
      rightRest.splice(rightRest.indexOf(name), 1);
    }
  }
  const typeOf = (devices: Record<string, Record<string, string>>, name: string) => devices[name]?.type ?? 'device';
  const counts = new Map<string, number>();
  const label = (type: string) => {
    const next = (counts.get(type) ?? 0) + 1;
    counts.set(type, next);
    return `${type} ${next}`;
  };
  for (const name of leftRest) {
    const type = typeOf(left, name);
    const match = rightRest.find((candidate) => typeOf(right, candidate) === type);
    if (match !== undefined) rightRest.splice(rightRest.indexOf(match), 1);
    pairs.push({ label: match !== undefined ? label(type) : name, left: name, right: match ?? null });
  }
  for (const name of rightRest) pairs.push({ label: name, left: null, right: name });
  return pairs;
}

export const differenceCount = (rows: DiffRow[]): number => rows.filter((entry) => entry.status !== 'same').length;
