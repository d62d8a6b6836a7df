// What picking something in the Overview marks, where its row is, and whether the filter hides
// it: an application marks its row and its units and opens its detail; a unit or a machine marks
// its own row; a relation its row and the applications at both ends. Pure functions of the model.
import type { JujuRelation, JujuStatus } from '../../../electron/contract/lab-model';
import type { OverviewTarget } from '../../state/view-focus';
import { arrangeApplications, arrangeMachines, arrangeRelations, arrangeUnits, firstLineOfApplication, machineLines, unitLines, type MachineLine, type ModelFilter, type UnitLine } from './juju-model-view';

const endOf = (application: string, endpoint: string | null) => (endpoint ? `${application}:${endpoint}` : application);

/** A relation's two ends as `juju remove-relation` names them: "glance:identity-service" and
 * "keystone" (an end's endpoint where juju status gives it). */
export const relationEnds = (relation: JujuRelation): [string, string] => [endOf(relation.application, relation.endpoint), endOf(relation.relatedApplication, relation.relatedEndpoint)];

/** The relation's ends in one string: stable across refreshes, so the palette can point at it. */
export const relationKey = (relation: JujuRelation): string => relationEnds(relation).join(' ');

export interface OverviewMarks {
  applications: ReadonlySet<string>;
  units: ReadonlySet<string>;
  machines: ReadonlySet<string>;
  /** The marked relation's key. */
  relation: string | null;
  /** The application whose detail is open under its row. */
  detail: string | null;
}

const NOTHING: OverviewMarks = { applications: new Set(), units: new Set(), machines: new Set(), relation: null, detail: null };

export function marksOf(target: OverviewTarget | null, status: JujuStatus | null): OverviewMarks {
  if (!target || !status) return NOTHING;
  switch (target.kind) {
    case 'application':
      return { ...NOTHING, applications: new Set([target.name]), units: new Set(status.units.filter((unit) => unit.application === target.name).map((unit) => unit.name)), detail: target.name };
    case 'unit':
      return { ...NOTHING, units: new Set([target.name]) };
    case 'machine':
      return { ...NOTHING, machines: new Set([target.id]) };
    case 'relation': {
      const relation = status.relations.find((candidate) => relationKey(candidate) === target.key);
      return { ...NOTHING, relation: target.key, applications: new Set(relation ? [relation.application, relation.relatedApplication] : []) };
    }
  }
}

/** Whether the filter keeps the target's row out of its table (an application: its row, or the
 * units it scrolls to). A target the model does not have is not hidden: there is nothing to show. */
export function hiddenBy(filter: ModelFilter, target: OverviewTarget, status: JujuStatus): boolean {
  switch (target.kind) {
    case 'application': {
      if (!status.applications.some((application) => application.name === target.name)) return false;
      const hasUnits = status.units.some((unit) => unit.application === target.name);
      return !arrangeApplications(status, filter).some((application) => application.name === target.name) || (hasUnits && !unitLines(arrangeUnits(status, filter)).some((line) => line.unit.application === target.name));
    }
    case 'unit':
      return status.units.some((unit) => unit.name === target.name) && !unitLines(arrangeUnits(status, filter)).some((line) => line.unit.name === target.name);
    case 'machine':
      return status.machines.some((machine) => machine.id === target.id) && !machineLines(arrangeMachines(status, filter)).some((line) => line.machine.id === target.id);
    case 'relation':
      return status.relations.some((relation) => relationKey(relation) === target.key) && !arrangeRelations(status, filter).some((relation) => relationKey(relation) === target.key);
  }
}

/** The line of a windowed table that a target scrolls to: a unit's own, an application's first
 * unit, a machine's own; -1 when the table does not show it. */
export function unitLineOf(target: OverviewTarget, lines: UnitLine[]): number {
  if (target.kind === 'unit') return lines.findIndex((line) => line.unit.name === target.name);
  if (target.kind === 'application') return firstLineOfApplication(lines, target.name);
  return -1;
}

export const machineLineOf = (target: OverviewTarget, lines: readonly MachineLine[]): number => (target.kind === 'machine' ? lines.findIndex((line) => line.machine.id === target.id) : -1);
