// A Juju unit (or application) blocked: the charm waits for the operator (a missing relation, a
// configuration value), and its message says what it needs.
import type { HealthFinding } from '../../contract/health';
import { findingOf, type HealthCheck } from '../health-check';
import { hostOfJujuMachine, jujuStatusOf, onJujuMachine, statusText } from '../juju-objects';

export const JUJU_UNIT_BLOCKED: HealthCheck = {
  id: 'juju-unit-blocked',
  title: 'no Juju unit or application is blocked',
  severity: 'warning',
  needs: ['juju-status'],
  run(inventory) {
    const status = jujuStatusOf(inventory);
    if (!status) return [];
    const findings: HealthFinding[] = [];
    const reported = new Set<string>();
    for (const unit of status.units) {
      if (unit.workloadStatus?.toLowerCase() !== 'blocked') continue;
      reported.add(unit.application);
      findings.push(
        findingOf(
          this,
          { kind: 'unit', name: unit.name, machineId: hostOfJujuMachine(unit.machine) },
          `${unit.name}${onJujuMachine(unit.machine)} is blocked: ${unit.message ?? 'its charm gives no reason'}; the charm waits for you (a relation or a setting) before it does anything more.`,
          [`workload ${statusText(unit.workloadStatus, unit.message)}`],
          `juju status ${unit.name}`,
        ),
      );
    }
    for (const application of status.applications) {
      if (application.status?.toLowerCase() !== 'blocked' || reported.has(application.name)) continue;
      findings.push(
        findingOf(
          this,
          { kind: 'application', name: application.name, machineId: null },
          `Application ${application.name} is blocked: ${application.message ?? 'its charm gives no reason'}.`,
          [`application ${statusText(application.status, application.message)}`],
          `juju status ${application.name}`,
        ),
      );
    }
    return findings;
  },
};
