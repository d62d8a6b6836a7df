// A Juju unit in error (a hook failed) or whose agent is lost, and an application in error none of
// whose units says why: the charm stopped managing that service until someone resolves it.
import type { HealthFinding } from '../../contract/health';
import { findingOf, type HealthCheck } from '../health-check';
import { hostOfJujuMachine, jujuStatusOf, onJujuMachine, statusText } from '../juju-objects';

const WORKLOAD_ERROR = new Set(['error']);
/** A lost agent: Juju cannot reach the unit at all (its machine or container is down). */
const AGENT_ERROR = new Set(['error', 'lost', 'failed']);

export const JUJU_UNIT_ERROR: HealthCheck = {
  id: 'juju-unit-error',
  title: 'no Juju unit or application is in error',
  severity: 'error',
  needs: ['juju-status'],
  run(inventory) {
    const status = jujuStatusOf(inventory);
    if (!status) return [];
    const findings: HealthFinding[] = [];
    const reported = new Set<string>();
    for (const unit of status.units) {
      const workload = unit.workloadStatus?.toLowerCase() ?? '';
      const agent = unit.agentStatus?.toLowerCase() ?? '';
      if (!WORKLOAD_ERROR.has(workload) && !AGENT_ERROR.has(agent)) continue;
      reported.add(unit.application);
      const lost = AGENT_ERROR.has(agent) && !WORKLOAD_ERROR.has(workload);
      findings.push(
        findingOf(
          this,
          { kind: 'unit', name: unit.name, machineId: hostOfJujuMachine(unit.machine) },
          lost
            ? `${unit.name}${onJujuMachine(unit.machine)} has its Juju agent ${agent}: Juju no longer manages it; check that its machine or container is up (\`juju status ${unit.name}\`) and \`juju debug-log --include ${unit.name}\`.`
            : `${unit.name}${onJujuMachine(unit.machine)} is in error (${unit.message ?? 'no message'}): its charm stopped; read \`juju debug-log --include ${unit.name}\`, fix the cause, then \`juju resolved ${unit.name}\`.`,
          [`workload ${statusText(unit.workloadStatus, unit.message)}`, `agent ${unit.agentStatus ?? 'unknown'}`],
          `juju status ${unit.name}`,
        ),
      );
    }
    for (const application of status.applications) {
      if (!WORKLOAD_ERROR.has(application.status?.toLowerCase() ?? '') || reported.has(application.name)) continue;
      findings.push(
        findingOf(
          this,
          { kind: 'application', name: application.name, machineId: null },
          `Application ${application.name} is in error (${application.message ?? 'no message'}); no unit says why: look at \`juju status ${application.name}\` and \`juju debug-log --include ${application.name}\`.`,
          [`application ${statusText(application.status, application.message)}`],
          `juju status ${application.name}`,
        ),
      );
    }
    return findings;
  },
};
