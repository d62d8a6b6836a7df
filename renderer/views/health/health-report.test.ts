import { describe, expect, it } from 'vitest';
import { checksInOrder, findingsBySeverity, noFindingsText, reportSummary, severityCount } from './health-report';
import { CHECKS, FINDINGS, healthReport } from './health-lab.fixture';

describe('reading a health report', () => {
  it('groups findings by severity, errors first, keeping the report’s order within each', () => {
    const groups = findingsBySeverity([FINDINGS.packages, FINDINGS.stopped, FINDINGS.vlanTag, FINDINGS.floatingNat]);
    expect(groups.map((group) => [group.severity, group.findings.map((finding) => finding.object.name)])).toEqual([
      ['error', ['qvo1896322c-d4']],
      ['warning', ['instance-00000012', '198.51.100.31']],
      ['info', ['node05ob64']],
    ]);
  });

  it('leaves out a severity with no findings', () => {
    expect(findingsBySeverity([FINDINGS.stopped]).map((group) => group.severity)).toEqual(['warning']);
    expect(findingsBySeverity([])).toEqual([]);
  });

  it('lists the checks that could not run first, then those with findings, then the clean ones', () => {
    const ordered = checksInOrder(CHECKS).map((check) => check.id);
    expect(ordered[0]).toBe('qrouter-default-route');
    expect(ordered.at(-1)).toBe('mtu-chain');
  });

  it('says how many checks ran, over the inventory read when, and how many could not', () => {
    const time = new Date('2026-12-07T10:00:00.000Z').toLocaleTimeString();
    expect(reportSummary(healthReport())).toBe(`8 of 9 checks ran over the inventory read at ${time}; 1 could not run (below).`);
    expect(noFindingsText(healthReport([]))).toBe(`No findings: 8 checks ran over the inventory read at ${time}.`);
  });

  it('counts in words', () => {
    expect([severityCount('error', 1), severityCount('warning', 2), severityCount('info', 3)]).toEqual(['1 error', '2 warnings', '3 info']);
  });
});
