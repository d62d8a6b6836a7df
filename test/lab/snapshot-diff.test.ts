// `snapshot diff` on two captures of the real lab around a container stop: the Juju container of
// openstack-dashboard/0 on machine 24 is captured running (`snapshot capture`), stopped with `lxc`,
// captured again; `snapshot diff A B --json` must report exactly that container's state and
// address, its Juju machine's state and address, the unit whose agent Juju then reports lost, and
// its application's status that follows, and nothing else. The container is started again
// whatever happens. Then the gateway's sshd goes down (Juju's stand-in then reports its agent and
// units lost): its machine and units change, and its namespaces, which the second capture could
// not read, are said to be not compared, never removed; the lab is brought up again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSnapshotCommand } from '../../electron/cli/snapshot-command';
import type { LabChange, LabComparison } from '../../electron/contract/lab-diff';
import { LabJujuContainerControl } from '../support/lab-juju-container';
import { bringLabUp, takeEndpointDown } from '../support/lab-control';
import { loadLabManifest, machineById, type LabJujuContainer, type LabManifest } from './lab-manifest';

/** Two captures of the lab (~3 s each here), the stop and the start of a container. */
const TEST_MS = 120_000;
/** The machine whose Juju container is stopped: not 22, whose container and sshd other tests break. */
const HOST_MACHINE = '24';

let lab: LabManifest;
let dir: string;
let container: LabJujuContainer;
let control: LabJujuContainerControl;
/** Set while this file has the gateway's sshd down: afterAll brings the lab up again. */
let gatewayDown = false;

async function snapshot(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runSnapshotCommand(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Exit 0: everything read; 4: a machine or probe was not read (on purpose, or another test broke the lab meanwhile). */
async function capture(file: string, expectedCode: 0 | 4 = 0): Promise<void> {
  const run = await snapshot(['capture', `${lab.user}@${lab.controller.address}`, '-i', lab.userKey, '--known-hosts', lab.knownHosts, '-o', file]);
  expect(run, `snapshot capture to ${file}: ${run.err}`).toMatchObject({ code: expectedCode });
}

beforeAll(async () => {
  lab = loadLabManifest();
  dir = await mkdtemp(join(tmpdir(), 'obx-lab-diff-'));
  const found = lab.juju.containers.find((candidate) => candidate.hostMachineId === HOST_MACHINE);
  if (!found) throw new Error(`the lab manifest has no Juju container on machine ${HOST_MACHINE}`);
  container = found;
  control = new LabJujuContainerControl(container);
});

afterAll(async () => {
  try {
    await control?.restore();
    if (gatewayDown) await bringLabUp();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

const fieldsOf = (change: LabChange | undefined) => Object.fromEntries((change?.fields ?? []).map((field) => [field.field, [field.before, field.after]]));

describe('snapshot diff on the real lab', () => {
  it(
    'reports exactly the container stopped, its Juju machine, its unit and its application',
    async () => {
      await control.expectRunning();
      const before = join(dir, 'before.obxsnap');
      const after = join(dir, 'after.obxsnap');
      await capture(before);
      try {
        await control.stop();
        await capture(after);
      } finally {
        await control.restore();
      }

      const unchanged = await snapshot(['diff', before, before]);
      expect(unchanged.code).toBe(0);
      expect(unchanged.out).toContain('No differences.');

      const run = await snapshot(['diff', before, after, '--json']);
      expect(run.err).toBe('');
      expect(run.code).toBe(1);
      const comparison = JSON.parse(run.out) as LabComparison;
      const unit = container.unit;
      const application = unit.split('/')[0]!;
      expect(comparison.changes.map((change) => `${change.kind} ${change.id}`)).toEqual([
        `changed machine:${container.machineId}`,
        `changed container:${HOST_MACHINE}/${container.name}`,
        `changed application:${application}`,
        `changed unit:${unit}`,
      ]);
      expect(comparison.notCompared).toEqual([]);
      const [machine, stopped, app, lostUnit] = comparison.changes;

      const host = lab.machines.find((candidate) => candidate.id === HOST_MACHINE)!.hostname;
      expect(stopped!.title).toBe(`container ${container.name} on ${host}`);
      expect(stopped!.object).toEqual({ type: 'container', machineId: HOST_MACHINE, host, container: container.name });
      const containerFields = fieldsOf(stopped);
      expect(containerFields.state).toEqual(['RUNNING', 'STOPPED']);
      expect(containerFields.ipv4).toEqual([`${container.address} (eth0)`, null]);
      // A link-local IPv6 address, when the container had one, goes with it; nothing else of it changed.
      expect(Object.keys(containerFields).filter((field) => field !== 'ipv6')).toEqual(['state', 'ipv4']);
      if (containerFields.ipv6) expect(containerFields.ipv6[1]).toBeNull();

      // Juju's view of the same container: its machine is down and has no address.
      const machineFields = fieldsOf(machine);
      expect(machineFields.state).toEqual(['started', 'down']);
      expect(machineFields.address).toEqual([container.address, null]);
      expect(Object.keys(machineFields).sort()).toEqual(['address', 'message', 'state']);

      // The unit's agent is lost and its workload unknown; the application's status follows it.
      const unitFields = fieldsOf(lostUnit);
      expect(unitFields.workloadStatus).toEqual(['active', 'unknown']);
      expect(unitFields.agentStatus).toEqual(['idle', 'lost']);
      expect(Object.keys(unitFields).sort()).toEqual(['agentStatus', 'message', 'workloadStatus']);
      expect(fieldsOf(app).status).toEqual(['active', 'unknown']);
      expect(Object.keys(fieldsOf(app)).sort()).toEqual(['message', 'status']);

      expect(comparison.counts).toMatchObject({ machine: { changed: 1 }, container: { changed: 1 }, application: { changed: 1 }, unit: { changed: 1 }, profile: { added: 0, removed: 0, changed: 0 }, namespace: { added: 0, removed: 0, changed: 0 } });

      // The same, for a person: counts first, one line per change.
      const text = await snapshot(['diff', before, after]);
      expect(text.code).toBe(1);
      expect(text.out).toContain('4 changes: 1 machine (1 changed), 1 container (1 changed), 1 application (1 changed), 1 unit (1 changed)');
      expect(text.out).toContain(`  ~ container ${container.name} on ${host}: state RUNNING → STOPPED, address ${container.address} (eth0) → none`);
      expect(text.out).toMatch(new RegExp(`  ~ unit ${unit.replace('/', '\\/')}: workload active → unknown, agent idle → lost`));
    },
    TEST_MS,
  );

  it(
    'reports a machine whose sshd went down by its state, route and units, and its namespaces as not compared, not removed',
    async () => {
      const gateway = machineById(lab, lab.gateway.machineId);
      const before = join(dir, 'gateway-up.obxsnap');
      const after = join(dir, 'gateway-down.obxsnap');
      await capture(before);
      try {
        gatewayDown = true;
        await takeEndpointDown(gateway);
        await capture(after, 4);
      } finally {
        await bringLabUp();
        gatewayDown = false;
      }
      const run = await snapshot(['diff', before, after, '--json']);
      expect(run.code).toBe(1);
      const comparison = JSON.parse(run.out) as LabComparison;
      const units = Object.entries(lab.juju.units).filter(([, machine]) => machine === gateway.id).flatMap(([unit]) => [unit, ...(lab.juju.subordinates[unit] ?? [])]);
      const applications = units.map((unit) => unit.split('/')[0]!);

      const machine = comparison.changes.find((change) => change.id === `machine:${gateway.id}`);
      expect(fieldsOf(machine).state).toEqual(['started', 'down']);
      expect(fieldsOf(machine).route).toEqual(['reached', 'unreachable']);
      // Its principal unit's agent is lost; a subordinate's workload may have been "unknown" already.
      expect(fieldsOf(comparison.changes.find((change) => change.id === `unit:${units[0]}`))).toMatchObject({ workloadStatus: ['active', 'unknown'], agentStatus: ['idle', 'lost'] });
      for (const unit of units.slice(1)) expect(fieldsOf(comparison.changes.find((change) => change.id === `unit:${unit}`)).agentStatus).toEqual(['idle', 'lost']);
      // Nothing else: the gateway machine, its units, and (when their status follows) their applications.
      const related = new Set([`machine:${gateway.id}`, ...units.map((unit) => `unit:${unit}`), ...applications.map((application) => `application:${application}`)]);
      expect(comparison.changes.map((change) => change.id).filter((id) => !related.has(id))).toEqual([]);
      expect(comparison.counts.namespace).toEqual({ added: 0, removed: 0, changed: 0 });
      expect(comparison.notCompared).toEqual([{ what: `network namespaces on ${gateway.hostname} (machine ${gateway.id})`, reason: expect.stringMatching(new RegExp(`^machine ${gateway.id} cannot be reached.* \\(in the after reading\\)$`)), machineId: gateway.id }]);
    },
    TEST_MS,
  );
});
