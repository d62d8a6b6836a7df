// A capture over a lab whose transports answer from a hand-made snapshot: what it records, in what
// order, with what masked, and what it says as it goes. The real lab's capture is test/lab's.
import { describe, expect, it } from 'vitest';
import type { LatestPingRuns } from '../contract/diagnostics';
import type { RouteContext } from '../lab/machine-routes';
import { APP_VERSION } from '../core/app-identity';
import { SECRET_MASK } from '../probes/parsers/secret-masking';
import { HAND_MADE_LAB, MACHINE_21_ROUTE_ERROR, handMadeSnapshot } from '../../test/support/hand-made-snapshot';
import { captureSnapshot, type CaptureProgress } from './capture';
import { maskRawOutput } from './raw-output-masking';
import { snapshotLab } from './snapshot-lab';

const NO_CREDENTIALS: Omit<RouteContext, 'controller'> = {
  user: 'ubuntu',
  auth: { identityFiles: [], identitiesOnly: true, agentSocket: null, passphrases: null },
  hostKeys: { decide: async () => ({ accept: true }), preferredTypes: async () => [] },
};

async function captureHandMadeLab(extra: { diagnostics?: LatestPingRuns } = {}) {
  const recorded = handMadeSnapshot();
  const lab = snapshotLab(recorded);
  const progress: CaptureProgress[] = [];
  const content = await captureSnapshot({
    lab: { id: 'lab-capturetest1', name: 'Walkthrough again', controller: recorded.lab.controller, routes: recorded.lab.routes },
    controller: () => lab.controller,
    routeContext: (controller) => ({ controller, ...NO_CREDENTIALS }),
    routeChoice: (machineId) => recorded.lab.routes[machineId] ?? 'auto',
    openRoute: (machine) => lab.openRoute(machine),
    onProgress: (report) => progress.push(report),
    ...extra,
  });
  return { recorded, content, progress };
}

describe('captureSnapshot', () => {
  it('records every command the refresh ran, on its machine, with the output masked', async () => {
    const { recorded, content } = await captureHandMadeLab();
    for (const original of recorded.commands) {
      const kept = content.commands.find((command) => command.machineId === original.machineId && command.argv.join(' ') === original.argv.join(' '));
      expect(kept, `${original.argv.join(' ')} on ${original.machineId}`).toBeDefined();
      expect(kept!.stdout === maskRawOutput(original.stdout).text).toBe(true);
      expect([kept!.exitCode, kept!.stderr]).toEqual([original.exitCode, original.stderr]);
    }
    const novaConf = content.commands.find((command) => command.machineId === '22' && command.argv.join(' ') === 'cat /etc/nova/nova.conf')!;
    expect(novaConf.stdout).not.toContain('REDACTED');
    expect(novaConf.stdout).toContain(`rabbit_password = ${SECRET_MASK}`);
    // Every probe outcome has its command among them.
    for (const outcome of content.inventory.probes) expect(content.commands.some((command) => command.machineId === outcome.machineId && command.argv.join(' ') === outcome.command)).toBe(true);
  });

  it('keeps the commands in the order they started', async () => {
    const { content } = await captureHandMadeLab();
    const starts = content.commands.map((command) => Date.parse(command.startedAt));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(content.commands[0]!.machineId).toBe('controller');
  });

  it('says what it is and how each machine was reached; an unreachable machine has its error, not a route', async () => {
    const { content } = await captureHandMadeLab();
    expect(content.meta).toMatchObject({ formatVersion: 1, consoleVersion: APP_VERSION, labName: 'Walkthrough again', kind: 'capture' });
    expect(Date.parse(content.meta.captureStartedAt)).toBeLessThanOrEqual(Date.parse(content.meta.captureEndedAt));
    expect(content.lab).toEqual({ name: 'Walkthrough again', controller: handMadeSnapshot().lab.controller, routes: { '26': 'juju-ssh' } });
    expect(content.routes.map((route) => [route.machineId, route.kind, route.chosenBy])).toEqual([
      ['controller', 'controller', 'auto'],
      ['22', 'jump', 'auto'],
      ['26', 'juju-ssh', 'override'],
    ]);
    expect(content.inventory.machines.find((machine) => machine.id === '21')?.routeError?.message).toBe(MACHINE_21_ROUTE_ERROR);
    expect(content.diagnostics).toEqual({ ping: null, matrix: null });
    expect(content.recordings).toEqual([]);
  });

  it('keeps the ping runs it is given', async () => {
    const diagnostics: LatestPingRuns = { ping: null, matrix: null };
    const { content } = await captureHandMadeLab({ diagnostics });
    expect(content.diagnostics).toBe(diagnostics);
  });

  it('reports its progress as it goes, the last report once, with the totals', async () => {
    const { content, progress } = await captureHandMadeLab();
    const last = progress[progress.length - 1]!;
    expect(progress.filter((report) => report.done)).toEqual([last]);
    expect(last).toMatchObject({ machines: content.inventory.machines.length, probes: content.inventory.probes.length, commands: content.commands.length });
    // The controller, 22 and 26 answered; 21 could not be reached and 23 was never recorded.
    expect(last.machinesRead).toBe(3);
    expect(last.maskedValues).toBe(3);
    expect(progress[0]).toMatchObject({ machines: 1, probes: 0, done: false });
  });

  it('gives back the same inventory when a snapshot transport answers from what it recorded', async () => {
    const { content } = await captureHandMadeLab();
    const again = await captureSnapshot({
      lab: { id: 'lab-capturetest2', name: 'Twice', controller: content.lab.controller, routes: content.lab.routes },
      controller: () => snapshotLab(content).controller,
      routeContext: (controller) => ({ controller, ...NO_CREDENTIALS }),
      routeChoice: (machineId) => content.lab.routes[machineId] ?? 'auto',
      openRoute: (machine) => snapshotLab(content).openRoute(machine),
    });
    const values = (probes: typeof content.inventory.probes) => probes.map((outcome) => [outcome.machineId, outcome.probeId, outcome.status, outcome.value]).sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[1]).localeCompare(String(b[1])));
    expect(values(again.inventory.probes)).toEqual(values(content.inventory.probes));
    expect(again.commands.map((command) => [command.machineId, command.argv, command.stdout])).toEqual(content.commands.map((command) => [command.machineId, command.argv, command.stdout]));
  });
});
