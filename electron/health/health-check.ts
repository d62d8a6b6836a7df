// What a health check is: data (its id, title, severity and the probes it reads) plus a pure
// function from the inventory to its findings. One file per check in checks/, listed once in
// health-check-catalog.ts; run-health-checks.ts runs them all, each isolated from the others.
import type { LabInventory } from '../contract/inventory';
import type { HealthFinding, HealthObject, HealthSeverity } from '../contract/health';
import type { ProbeKind } from '../contract/probe-models';

/** A probe kind a check reads, or a list of kinds of which any one will do (nova.conf or nova-compute.conf). */
export type ProbeNeed = ProbeKind | readonly ProbeKind[];

export interface HealthCheck {
  /** Stable, kebab-case: the file's name in checks/ and the findings' checkId. */
  id: string;
  /** What it checks, in a few words ("qvo VLAN tag matches its network"). */
  title: string;
  /** The severity every finding of this check carries. */
  severity: HealthSeverity;
  /**
   * The probes it reads: when one of them was read nowhere (failed on every machine, or this lab
   * has no machine it runs on), the check is reported 'not-read' instead of finding nothing.
   */
  needs: readonly ProbeNeed[];
  run(inventory: LabInventory): HealthFinding[];
  /** What it could not see in this inventory and what it did instead ("OpenStack was not read: …"); null when nothing. */
  note?(inventory: LabInventory): string | null;
}

/** A finding of `check`, carrying its id and severity. */
export function findingOf(
  check: Pick<HealthCheck, 'id' | 'severity'>,
  object: HealthObject,
  message: string,
  evidence: string[],
  command: string | null,
): HealthFinding {
  return { checkId: check.id, severity: check.severity, object, message, evidence, command };
}
