// Runs the catalog's checks over one inventory: pure, inventory in, report out. A check whose
// probes were read nowhere is reported 'not-read' (with which failed, and why) rather than as
// finding nothing; one whose probes failed on some machines runs, and its note names them. A check
// that throws is reported with the error as its note; the others run on.
import type { LabInventory, ProbeOutcome } from '../contract/inventory';
import { HEALTH_SEVERITIES, type HealthCheckRun, type HealthFinding, type HealthReport } from '../contract/health';
import { probeKindOf, type ProbeKind } from '../contract/probe-models';
import type { HealthCheck, ProbeNeed } from './health-check';
import { HEALTH_CHECKS } from './health-check-catalog';

/**
 * Findings kept per check: a fault that breaks thousands of containers the same way is one cause,
 * and a report of thousands of rows helps nobody (nor the page's first view, which carries it);
 * the check's run still counts them all and its note says how many were left out.
 */
export const MAX_FINDINGS_PER_CHECK = 200;
/** Failures named in a note before "and N more". */
const NAMED_FAILURES = 3;

interface KindReading {
  read: number;
  failed: ProbeOutcome[];
}

/** Where one probe was read: its machine and, for a per-namespace probe, its namespace. */
const placeOf = (outcome: ProbeOutcome) => `${outcome.machineId}|${outcome.probeId.includes(':') ? outcome.probeId.slice(outcome.probeId.indexOf(':') + 1) : ''}`;

export function runHealthChecks(inventory: LabInventory, checks: readonly HealthCheck[] = HEALTH_CHECKS): HealthReport {
  const readings = readingsByKind(inventory);
  const readPlaces = new Set(inventory.probes.filter((outcome) => outcome.status !== 'failed' && outcome.value != null).map((outcome) => `${probeKindOf(outcome.probeId)}@${placeOf(outcome)}`));
  const findings: HealthFinding[] = [];
  const runs: HealthCheckRun[] = [];
  for (const check of checks) {
    const run: HealthCheckRun = { id: check.id, title: check.title, severity: check.severity, status: 'ran', note: null, findings: 0 };
    runs.push(run);
    const unread = check.needs.filter((need) => alternatives(need).every((kind) => !(readings.get(kind)?.read ?? 0)));
    if (unread.length > 0) {
      run.status = 'not-read';
      run.note = unread.map((need) => unreadNote(need, readings)).join('; ');
      continue;
    }
    let found: HealthFinding[];
    let own: string | null;
    try {
      found = check.run(inventory);
      own = check.note?.(inventory) ?? null;
    } catch (error) {
      run.status = 'not-read';
      run.note = `the check could not run (${error instanceof Error ? error.message : String(error)}); the other checks ran`;
      continue;
    }
    run.findings = found.length;
    const notes = [own, partialNote(check.needs, readings, readPlaces)];
    if (found.length > MAX_FINDINGS_PER_CHECK) notes.push(`the first ${MAX_FINDINGS_PER_CHECK} of ${found.length} findings are listed`);
    run.note = notes.filter((note) => note !== null).join('; ') || null;
    findings.push(...found.slice(0, MAX_FINDINGS_PER_CHECK));
  }
  const rank = (finding: HealthFinding) => HEALTH_SEVERITIES.indexOf(finding.severity);
  // Errors first; within a severity, the catalog's order (stable sort), so a check's findings stay together.
  findings.sort((a, b) => rank(a) - rank(b));
  return { checkedAt: inventory.refreshedAt, findings, checks: runs };
}

const alternatives = (need: ProbeNeed): readonly ProbeKind[] => (typeof need === 'string' ? [need] : need);

function readingsByKind(inventory: LabInventory): Map<ProbeKind, KindReading> {
  const readings = new Map<ProbeKind, KindReading>();
  for (const outcome of inventory.probes) {
    const kind = probeKindOf(outcome.probeId);
    if (!kind) continue;
    let reading = readings.get(kind);
    if (!reading) readings.set(kind, (reading = { read: 0, failed: [] }));
    if (outcome.status === 'failed' || outcome.value === null || outcome.value === undefined) reading.failed.push(outcome);
    else reading.read += 1;
  }
  return readings;
}

const where = (outcome: ProbeOutcome) => `${outcome.machineId === 'controller' ? 'the controller' : `machine ${outcome.machineId}`}${outcome.probeId.includes(':') ? ` (${outcome.probeId.slice(outcome.probeId.indexOf(':') + 1)})` : ''}`;

function failures(outcomes: readonly ProbeOutcome[]): string {
  const named = outcomes.slice(0, NAMED_FAILURES).map((outcome) => `${where(outcome)}: ${outcome.error?.message ?? 'nothing could be read'}`);
  const more = outcomes.length - named.length;
  return `${named.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

function unreadNote(need: ProbeNeed, readings: ReadonlyMap<ProbeKind, KindReading>): string {
  const kinds = alternatives(need);
  const failed = kinds.flatMap((kind) => readings.get(kind)?.failed ?? []);
  const name = kinds.join(' or ');
  if (failed.length > 0) return `${name} could not be read (${failures(failed)})`;
  return `${name} was not read: no machine of this lab was probed for it`;
}

/**
 * The machines where a needed probe failed while others read it: what this run could not see. A
 * failure where one of its alternatives was read (nova.conf read, nova-compute.conf absent) is none.
 */
function partialNote(needs: readonly ProbeNeed[], readings: ReadonlyMap<ProbeKind, KindReading>, readPlaces: ReadonlySet<string>): string | null {
  const failed = needs.flatMap((need) => {
    const kinds = alternatives(need);
    return kinds.flatMap((kind) => readings.get(kind)?.failed ?? []).filter((outcome) => !kinds.some((kind) => readPlaces.has(`${kind}@${placeOf(outcome)}`)));
  });
  return failed.length > 0 ? `not seen where a probe failed: ${failures(failed)}` : null;
}
