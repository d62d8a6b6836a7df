// The runner: a healthy lab finds nothing and every check ran; a check whose probes were read
// nowhere is 'not-read' with the reason; one that throws is reported and the others still run;
// findings past the cap are counted and said.
import { describe, expect, it } from 'vitest';
import { fail, healthyLab, inventoryOf } from '../../test/support/health-lab';
import type { HealthCheck } from './health-check';
import { findingOf } from './health-check';
import { HEALTH_CHECKS } from './health-check-catalog';
import { MAX_FINDINGS_PER_CHECK, runHealthChecks } from './run-health-checks';

describe('runHealthChecks', () => {
  it('finds nothing on a healthy lab, and every check of the catalog ran', () => {
    const report = runHealthChecks(inventoryOf(healthyLab()));
    expect(report.findings).toEqual([]);
    expect(report.checks.map((check) => check.id)).toEqual(HEALTH_CHECKS.map((check) => check.id));
    expect(report.checks.filter((check) => check.status !== 'ran')).toEqual([]);
    expect(report.checkedAt).toBe('2026-12-08T01:00:05.000Z');
  });

  it('has one file name per check id, each id once', () => {
    const ids = HEALTH_CHECKS.map((check) => check.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("reports a check 'not-read' with the failure when its probe was read nowhere", () => {
    const lab = healthyLab();
    fail(lab, '26', 'dnsmasq-processes', 'pgrep is not installed on node02ob64');
    const run = runHealthChecks(inventoryOf(lab)).checks.find((check) => check.id === 'dhcp-dnsmasq-not-running')!;
    expect(run.status).toBe('not-read');
    expect(run.note).toBe('dnsmasq-processes could not be read (machine 26: pgrep is not installed on node02ob64)');
    expect(run.findings).toBe(0);
  });

  it("says a probe no machine was asked for was not read, rather than finding nothing", () => {
    const lab = healthyLab();
    lab.outcomes = lab.outcomes.filter((outcome) => !outcome.probeId.startsWith('netns-firewall'));
    const run = runHealthChecks(inventoryOf(lab)).checks.find((check) => check.id === 'floating-ip-nat')!;
    expect(run).toMatchObject({ status: 'not-read', note: 'netns-firewall was not read: no machine of this lab was probed for it' });
  });

  it('runs a check whose probe failed on one machine only, and names that machine in its note', () => {
    const lab = healthyLab();
    fail(lab, '24', 'links', 'ip: command not found');
    const run = runHealthChecks(inventoryOf(lab)).checks.find((check) => check.id === 'chain-link-down')!;
    expect(run.status).toBe('ran');
    expect(run.note).toBe('not seen where a probe failed: machine 24: ip: command not found');
  });

  it('takes either of two alternative probes: nova.conf read, nova-compute.conf absent, is no gap', () => {
    const lab = healthyLab();
    fail(lab, '22', 'nova-compute-conf', 'No such file or directory');
    lab.outcomes.push({ ...lab.outcomes.find((outcome) => outcome.probeId === 'nova-compute-conf' && outcome.machineId === '24')!, machineId: '22', probeId: 'nova-conf', status: 'ok', error: null });
    const run = runHealthChecks(inventoryOf(lab)).checks.find((check) => check.id === 'compute-driver-not-lxd')!;
    expect(run).toMatchObject({ status: 'ran', note: null, findings: 0 });
  });

  it('reports a check that throws with its error as the note, and the others still run and find', () => {
    const broken: HealthCheck = { id: 'broken', title: 'throws', severity: 'error', needs: ['juju-status'], run: () => { throw new Error('cannot read properties of null'); } };
    const finding: HealthCheck = { id: 'finds', title: 'finds one', severity: 'warning', needs: ['juju-status'], run() { return [findingOf(this, { kind: 'machine', name: '22', machineId: '22' }, 'something', [], null)]; } };
    const report = runHealthChecks(inventoryOf(healthyLab()), [broken, finding]);
    expect(report.checks[0]).toMatchObject({ id: 'broken', status: 'not-read', findings: 0, note: 'the check could not run (cannot read properties of null); the other checks ran' });
    expect(report.checks[1]).toMatchObject({ id: 'finds', status: 'ran', findings: 1 });
    expect(report.findings.map((entry) => entry.checkId)).toEqual(['finds']);
  });

  it('keeps at most MAX_FINDINGS_PER_CHECK findings of a check, counts them all and says so', () => {
    const many: HealthCheck = { id: 'many', title: 'many', severity: 'info', needs: [], run() { return Array.from({ length: MAX_FINDINGS_PER_CHECK + 50 }, (_, n) => findingOf(this, { kind: 'container', name: `c${n}`, machineId: '22' }, 'x', [], null)); } };
    const report = runHealthChecks(inventoryOf(healthyLab()), [many]);
    expect(report.findings).toHaveLength(MAX_FINDINGS_PER_CHECK);
    expect(report.checks[0]).toMatchObject({ findings: MAX_FINDINGS_PER_CHECK + 50, note: `the first ${MAX_FINDINGS_PER_CHECK} of ${MAX_FINDINGS_PER_CHECK + 50} findings are listed` });
  });

  it('lists errors before warnings, each check’s findings together in catalog order', () => {
    const warn: HealthCheck = { id: 'warn', title: 'w', severity: 'warning', needs: [], run() { return [findingOf(this, { kind: 'machine', name: 'a', machineId: 'a' }, 'w', [], null)]; } };
    const error: HealthCheck = { id: 'error', title: 'e', severity: 'error', needs: [], run() { return [findingOf(this, { kind: 'machine', name: 'b', machineId: 'b' }, 'e', [], null)]; } };
    expect(runHealthChecks(inventoryOf(healthyLab()), [warn, error]).findings.map((entry) => entry.checkId)).toEqual(['error', 'warn']);
  });
});
