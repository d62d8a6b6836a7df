// `orangebox-console check <controller> | --snapshot FILE [--json]`: the health checks over a live
// lab (one refresh, as `inventory` reads it) or a snapshot, findings grouped by severity, each with
// its object, machine, message, evidence and the command that shows it. The exit status says
// whether anything was found, so a script or a CI job can act on it.
import { HEALTH_SEVERITIES, countBySeverity, type HealthFinding, type HealthReport, type HealthSeverity } from '../contract/health';
import type { LabInventory } from '../contract/inventory';
import { withHealth } from '../health/inventory-health';
import { INVENTORY_OPTIONS, parseInventoryArguments, readLiveInventory, readSnapshotFileInventory, type CliOutput } from './inventory-command';

export const CHECK_EXIT_STATUS = `0 no findings, 3 findings (printed), 1 the lab (or the snapshot file)
             could not be read, 2 bad arguments.`;
export const CHECK_OPTIONS = INVENTORY_OPTIONS.replace('print the whole inventory as JSON (secrets already masked)', 'print the health report as JSON');

export const CHECK_USAGE = `Usage: orangebox-console check <controller> [options]
       orangebox-console check --snapshot FILE [--json]

Reads a lab as inventory does (or a snapshot) and runs the health checks over it: compute nodes'
driver and packages, instances' plumbing (OVS port, tap/qbr/qvb/qvo, links up, MTU, VLAN tag),
the gateway's namespaces (dnsmasq, DHCP address, default route, floating addresses and NAT), Juju's
units and machines, containers Nova or Juju expect running. Prints each finding with the command
that shows it; checks whose probes could not be read are listed with the reason.

Options:
${CHECK_OPTIONS}

Exit status: ${CHECK_EXIT_STATUS}`;

/** Exit status when the checks found something (1 and 2 are taken; 4 is inventory's "incomplete"). */
export const FINDINGS_EXIT_STATUS = 3;

const consoleOutput: CliOutput = { out: (text) => console.log(text), err: (text) => console.error(text) };

const HEADINGS: Record<HealthSeverity, string> = { error: 'ERRORS', warning: 'WARNINGS', info: 'INFO' };
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export async function runCheckCommand(argv: string[], output: CliOutput = consoleOutput): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    output.out(CHECK_USAGE);
    return 0;
  }
  const args = parseInventoryArguments(argv);
  if (typeof args === 'string') {
    output.err(`orangebox-console check: ${args}\n\n${CHECK_USAGE}`);
    return 2;
  }
  let read: { inventory: LabInventory; title: string };
  try {
    read = args.snapshot ? await readSnapshotFileInventory(args.snapshot) : { inventory: await readLiveInventory(args, output), title: `Lab ${args.controller}` };
  } catch (error) {
    // The lab could not be reached (or the file read): the reason names the host or the file.
    output.err(`orangebox-console check: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  const { inventory, title } = read;
  const report = withHealth(inventory).health!;
  output.out(args.json ? JSON.stringify(report, null, 2) : describeReport(report, title, inventory));
  return report.checks.some((check) => check.findings > 0) ? FINDINGS_EXIT_STATUS : 0;
}

/** The report as a page: counts first, then each severity's findings, then the checks that could not see everything. */
export function describeReport(report: HealthReport, title: string, inventory: LabInventory): string {
  const counts = countBySeverity(report.findings);
  const totals = HEALTH_SEVERITIES.map((severity) => report.checks.filter((check) => check.severity === severity).reduce((sum, check) => sum + check.findings, 0));
  const lines = [`${title}: ${report.checks.length} health checks${report.checkedAt ? `, read ${report.checkedAt.replace('T', ' ').slice(0, 16)} UTC` : ''}`];
  lines.push(`${plural(totals[0]!, 'error')}, ${plural(totals[1]!, 'warning')}, ${totals[2]} info`);
  const unreachable = inventory.machines.filter((machine) => machine.routeError);
  for (const machine of unreachable) lines.push(`machine ${machine.id} could not be reached (${machine.routeError!.message}): nothing on it was checked`);
  for (const severity of HEALTH_SEVERITIES) {
    const findings = report.findings.filter((finding) => finding.severity === severity);
    if (findings.length === 0) continue;
    lines.push('', `${HEADINGS[severity]} (${counts[severity]})`);
    for (const finding of findings) lines.push(...describeFinding(finding));
  }
  if (report.findings.length === 0) lines.push('', 'No findings.');
  const noted = report.checks.filter((check) => check.status === 'not-read' || check.note);
  if (noted.length > 0) {
    lines.push('', 'Checks that could not see everything:');
    for (const check of noted) lines.push(`  ${check.id} (${check.title}): ${check.status === 'not-read' ? 'NOT RUN: ' : ''}${check.note ?? 'its probes were not read'}`);
  }
  return lines.join('\n');
}

function describeFinding(finding: HealthFinding): string[] {
  const where = finding.object.machineId === null ? '' : finding.object.machineId === 'controller' ? ' on the controller' : ` on machine ${finding.object.machineId}`;
  const lines = [`  [${finding.checkId}] ${finding.object.kind} ${finding.object.name}${where}`, `    ${finding.message}`];
  finding.evidence.forEach((line, position) => lines.push(`    ${position === 0 ? 'evidence:' : '         '} ${line}`));
  if (finding.command) lines.push(`    command:  ${finding.command}`);
  return lines;
}
