// An application as a field engineer asks after it: which charm at which revision, which units
// on which machines, and what it is related to. Pure: read from one juju status.
import type { JujuApplication, JujuStatus, JujuUnit } from '../../../electron/contract/lab-model';
import { relationKey } from './overview-marks';

export interface RelatedApplication {
  /** The application at the other end (the application itself for a peer relation). */
  application: string;
  /** This application's endpoint, and the other end's, where juju status says. */
  endpoint: string | null;
  relatedEndpoint: string | null;
  interface: string | null;
  type: string | null;
  /** The relation's `relationKey`, to mark its row. */
  key: string;
}

export interface ApplicationDetail {
  application: JujuApplication;
  units: JujuUnit[];
  /** The Juju machines its units run on (a subordinate's: its principal's), once each, in the units' order. */
  machines: string[];
  relations: RelatedApplication[];
}

export function applicationDetail(status: JujuStatus, name: string): ApplicationDetail | null {
  const application = status.applications.find((candidate) => candidate.name === name);
  if (!application) return null;
  const units = status.units.filter((unit) => unit.application === name);
  const machines = [...new Set(units.flatMap((unit) => (unit.machine ? [unit.machine] : [])))];
  const relations = status.relations.flatMap((relation): RelatedApplication[] => {
    const key = relationKey(relation);
    const shared = { interface: relation.interface, type: relation.type, key };
    if (relation.application === name) return [{ application: relation.relatedApplication, endpoint: relation.endpoint, relatedEndpoint: relation.relatedEndpoint, ...shared }];
    if (relation.relatedApplication === name) return [{ application: relation.application, endpoint: relation.relatedEndpoint, relatedEndpoint: relation.endpoint, ...shared }];
    return [];
  });
  return { application, units, machines, relations };
}
