// The Health view's reading of a report: findings grouped by severity (errors first), the checks
// that could not run before those that did, and the sentence that says what was checked when.
import { HEALTH_SEVERITIES, type HealthCheckRun, type HealthFinding, type HealthReport, type HealthSeverity } from '../../../electron/contract/health';

export interface SeverityGroup {
  severity: HealthSeverity;
  title: string;
  findings: HealthFinding[];
}

const GROUP_TITLES: Record<HealthSeverity, [one: string, many: string]> = {
  error: ['error', 'errors'],
  warning: ['warning', 'warnings'],
  info: ['info', 'info'],
};

/** "1 error", "3 warnings": a severity's count in words (also the status bar's). */
export const severityCount = (severity: HealthSeverity, count: number): string => `${count} ${GROUP_TITLES[severity][count === 1 ? 0 : 1]}`;

/** Each severity that has findings, errors first, in the order the checks reported them. */
export function findingsBySeverity(findings: readonly HealthFinding[]): SeverityGroup[] {
  return HEALTH_SEVERITIES.map((severity) => {
    const group = findings.filter((finding) => finding.severity === severity);
    return { severity, title: severityCount(severity, group.length), findings: group };
  }).filter((group) => group.findings.length > 0);
}

/** What was not checked first (an engineer must know), then checks with findings, then the clean ones. */
export function checksInOrder(checks: readonly HealthCheckRun[]): HealthCheckRun[] {
  const rank = (check: HealthCheckRun) => (check.status === 'not-read' ? 0 : check.findings > 0 ? 1 : 2);
  return [...checks].sort((a, b) => rank(a) - rank(b) || a.title.localeCompare(b.title));
}

/** When the inventory the checks ran over was read, as the page shows times. */
export const checkedAtText = (report: HealthReport): string => (report.checkedAt ? new Date(report.checkedAt).toLocaleTimeString() : 'an unknown time');

/** The empty state: "No findings: 12 checks ran over the inventory read at 10:00:00." */
export function noFindingsText(report: HealthReport): string {
  const ran = report.checks.filter((check) => check.status === 'ran').length;
  return `No findings: ${ran} ${ran === 1 ? 'check' : 'checks'} ran over the inventory read at ${checkedAtText(report)}.`;
}

/** The line under the title: what ran, what could not, and when. */
export function reportSummary(report: HealthReport): string {
  const ran = report.checks.filter((check) => check.status === 'ran').length;
  const notRead = report.checks.length - ran;
  const parts = [`${ran} of ${report.checks.length} checks ran over the inventory read at ${checkedAtText(report)}`];
  if (notRead > 0) parts.push(`${notRead} could not run (below)`);
  return `${parts.join('; ')}.`;
}

/** A finding's stable key in a list (the same object can have findings from two checks). */
export const findingKey = (finding: HealthFinding, index: number): string => `${finding.checkId}:${finding.object.kind}:${finding.object.machineId ?? ''}:${finding.object.name}:${index}`;
