// The hand-made snapshot's lab an hour later, changed as a lab changes: instance-00000014 (on
// node03ob64 in this snapshot) stopped, so it has no address, and nova-compute/0's agent lost.
// What a diff of the two must report, and nothing else.
import type { SnapshotContent } from '../../electron/contract/snapshot';
import { handMadeSnapshot } from './hand-made-snapshot';

export const STOPPED_CONTAINER = 'instance-00000014';
export const STOPPED_CONTAINER_ADDRESS = '198.51.100.20 (eth0)';
export const LOST_UNIT = 'nova-compute/0';
export const LATER_TAKEN_AT = '2026-12-01T10:00:03.000Z';

export function laterHandMadeSnapshot(): SnapshotContent {
  const content = handMadeSnapshot({ captureStartedAt: '2026-12-01T10:00:00.000Z', captureEndedAt: LATER_TAKEN_AT });
  for (const command of content.commands) {
    if (command.argv.join(' ') === 'lxc list --format json') {
      const instances = JSON.parse(command.stdout) as { name: string; status: string; state: { network?: unknown } | null }[];
      const stopped = instances.find((instance) => instance.name === STOPPED_CONTAINER)!;
      stopped.status = 'Stopped';
      stopped.state = stopped.state ? { ...stopped.state, network: {} } : null;
      command.stdout = JSON.stringify(instances);
    }
    if (command.argv[0] === 'juju') command.stdout = lostAgent(command.stdout);
  }
  return content;
}

/** The walkthrough's juju status (tabular, 2.0.1) with the unit's line saying its agent is lost. */
function lostAgent(status: string): string {
  const lines = status.split('\n');
  const index = lines.findIndex((line) => line.startsWith(`${LOST_UNIT} `) || line.startsWith(`${LOST_UNIT}* `));
  if (index < 0) throw new Error(`the fixture has no ${LOST_UNIT} line`);
  lines[index] = lines[index]!.replace(/\bactive\b/, 'unknown').replace(/\bidle\b/, 'lost');
  return lines.join('\n');
}
