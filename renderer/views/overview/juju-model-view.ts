// The Juju model arranged for reading: subordinate units under their principal, containers
// under their machine, problems first when asked, filters by name and status. Pure functions.
import type { JujuApplication, JujuMachine, JujuRelation, JujuStatus, JujuUnit } from '../../../electron/contract/lab-model';

export type StatusTone = 'ok' | 'warn' | 'bad' | 'idle';

const TONE_OF_STATUS: Record<string, StatusTone> = {
  active: 'ok',
  started: 'ok',
  idle: 'ok',
  executing: 'warn',
  maintenance: 'warn',
  waiting: 'warn',
  pending: 'warn',
  allocating: 'warn',
  blocked: 'bad',
  error: 'bad',
  down: 'bad',
  lost: 'bad',
  terminated: 'bad',
  unknown: 'idle',
};

export const toneOf = (status: string | null): StatusTone => TONE_OF_STATUS[(status ?? 'unknown').toLowerCase()] ?? 'idle';

/** Worst first, so problems stand out when sorted. */
const TONE_RANK: Record<StatusTone, number> = { bad: 0, warn: 1, idle: 2, ok: 3 };

export interface ModelFilter {
  text: string;
  tone: StatusTone | 'all';
  problemsFirst: boolean;
}

export const emptyFilter = (): ModelFilter => ({ text: '', tone: 'all', problemsFirst: false });

const matchesText = (filter: ModelFilter, ...fields: (string | null | undefined)[]) => {
  const needle = filter.text.trim().toLowerCase();
  return needle === '' || fields.some((field) => field?.toLowerCase().includes(needle));
};

function arrange<T>(items: T[], filter: ModelFilter, tone: (item: T) => StatusTone, text: (item: T) => (string | null | undefined)[]): T[] {
  const kept = items.filter((item) => (filter.tone === 'all' || tone(item) === filter.tone) && matchesText(filter, ...text(item)));
  return filter.problemsFirst ? [...kept].sort((a, b) => TONE_RANK[tone(a)] - TONE_RANK[tone(b)]) : kept;
}

export function arrangeApplications(status: JujuStatus, filter: ModelFilter): JujuApplication[] {
  return arrange(status.applications, filter, (application) => toneOf(application.status), (application) => [application.name, application.charm, application.message]);
}

/** Items by a key, in their order; items whose key is null are left out. */
function groupBy<T>(items: T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const value = key(item);
    if (value !== null) groups.set(value, [...(groups.get(value) ?? []), item]);
  }
  return groups;
}

export interface UnitRow {
  unit: JujuUnit;
  subordinates: JujuUnit[];
}

/** Principal units, each with its subordinates; a subordinate matching the filter keeps its principal. */
export function arrangeUnits(status: JujuStatus, filter: ModelFilter): UnitRow[] {
  // Grouped in one pass: a thousand units each searching the thousand is a million reads.
  const subordinatesOf = groupBy(status.units, (unit) => unit.principal);
  const rows: UnitRow[] = status.units.filter((unit) => unit.principal === null).map((unit) => ({ unit, subordinates: subordinatesOf.get(unit.name) ?? [] }));
  const worst = (row: UnitRow): StatusTone =>
    [row.unit, ...row.subordinates].map((unit) => toneOf(unit.workloadStatus)).sort((a, b) => TONE_RANK[a] - TONE_RANK[b])[0] ?? 'idle';
  return arrange(rows, filter, worst, (row) => [row.unit.name, row.unit.machine, row.unit.address, row.unit.message, ...row.subordinates.map((unit) => unit.name)]);
}

export interface MachineRow {
  machine: JujuMachine;
  containers: JujuMachine[];
}

export function arrangeMachines(status: JujuStatus, filter: ModelFilter): MachineRow[] {
  const containersOf = groupBy(status.machines, (machine) => machine.parent);
  const rows = status.machines.filter((machine) => machine.parent === null).map((machine) => ({ machine, containers: containersOf.get(machine.id) ?? [] }));
  const worst = (row: MachineRow): StatusTone =>
    [row.machine, ...row.containers].map((machine) => toneOf(machine.state)).sort((a, b) => TONE_RANK[a] - TONE_RANK[b])[0] ?? 'idle';
  return arrange(rows, filter, worst, (row) => [row.machine.id, row.machine.address, row.machine.instanceId, ...row.containers.map((container) => container.instanceId)]);
}

export function arrangeRelations(status: JujuStatus, filter: ModelFilter): JujuRelation[] {
  return status.relations.filter((relation) => matchesText(filter, relation.application, relation.relatedApplication, relation.endpoint, relation.interface, relation.type));
}

/** "3 of 12 applications need attention" — the summary a presenter reads out. */
export function problemCount(status: JujuStatus): { applications: number; units: number; machines: number } {
  const isProblem = (value: string | null) => ['bad', 'warn'].includes(toneOf(value));
  return {
    applications: status.applications.filter((application) => isProblem(application.status)).length,
    units: status.units.filter((unit) => isProblem(unit.workloadStatus) || ['lost', 'down'].includes(unit.agentStatus ?? '')).length,
    machines: status.machines.filter((machine) => isProblem(machine.state)).length,
  };
}

/** One line of a windowed table: a principal unit, or a subordinate under it. Each line has the
 * same height, so the nesting is kept by order (subordinates right after their principal). */
export interface UnitLine {
  unit: JujuUnit;
  /** The principal unit when this line is one of its subordinates. */
  principal: string | null;
}

export function unitLines(rows: UnitRow[]): UnitLine[] {
  return rows.flatMap((row) => [{ unit: row.unit, principal: null }, ...row.subordinates.map((unit) => ({ unit, principal: row.unit.name }))]);
}

export interface MachineLine {
  machine: JujuMachine;
  /** The host machine when this line is one of its containers. */
  host: string | null;
}

export function machineLines(rows: MachineRow[]): MachineLine[] {
  return rows.flatMap((row) => [{ machine: row.machine, host: null }, ...row.containers.map((machine) => ({ machine, host: row.machine.id }))]);
}

/** The line of an application's first unit (principal or subordinate), or -1: where the units
 * table scrolls when the application is picked in the graph. */
export const firstLineOfApplication = (lines: UnitLine[], application: string): number => lines.findIndex((line) => line.unit.application === application);
