// Health checks: what is wrong in a lab, read from the inventory the probes already hold (live or
// from a snapshot). Each check is data plus a pure function over the inventory (electron/health/
// checks/, one file per check); the core runs them all after each refresh and the report crosses
// to the UI and the `check` command in this shape. Plain data only.

export type HealthSeverity = 'error' | 'warning' | 'info';

/** What a finding is about, so the UI can open it (a container in Containers, a namespace in Network…). */
export type HealthObjectKind =
  | 'machine'
  | 'container'
  | 'namespace'
  | 'interface'
  | 'bridge'
  | 'ovs-port'
  | 'floating-ip'
  | 'application'
  | 'unit';

export interface HealthObject {
  kind: HealthObjectKind;
  /** As the lab names it: "instance-0000000c", "qrouter-35fe…", "qvo1896322c-d4", "nova-compute/0". */
  name: string;
  /** The machine it lives on ("22", "controller"); null for a lab-wide object (an application). */
  machineId: string | null;
}

export interface HealthFinding {
  /** The check that found it ("qvo-vlan-tag"): one file in electron/health/checks/. */
  checkId: string;
  severity: HealthSeverity;
  object: HealthObject;
  /** One sentence a field engineer can act on: what is wrong, where, and what it should be. */
  message: string;
  /** What the probes showed, quoted ("qvo1896322c-d4 tag: 4", "qdhcp-ac7b… tap: tag 2"). */
  evidence: string[];
  /** The command that shows it on the machine, to type or to open in a terminal; null when none does. */
  command: string | null;
}

/** One check of the catalog, as it ran over this inventory. */
export interface HealthCheckRun {
  id: string;
  /** What it checks, in a few words ("qvo VLAN tag matches its network"). */
  title: string;
  /** The severity its findings carry. */
  severity: HealthSeverity;
  /** 'not-read': the probes it needs were not read (failed, or this lab has no such machine). */
  status: 'ran' | 'not-read';
  /** Why it could not run, or what it could not see; null when it saw everything it needs. */
  note: string | null;
  findings: number;
}

export interface HealthReport {
  /** The inventory's refreshedAt the checks ran over. */
  checkedAt: string | null;
  findings: HealthFinding[];
  checks: HealthCheckRun[];
}

export const HEALTH_SEVERITIES: readonly HealthSeverity[] = ['error', 'warning', 'info'];

/** Findings counted by severity (the status bar's counts). */
export function countBySeverity(findings: readonly HealthFinding[]): Record<HealthSeverity, number> {
  const counts: Record<HealthSeverity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}
