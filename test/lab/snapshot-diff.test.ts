// `snapshot diff` on two captures of the real lab around a container stop: the Juju container of
// openstack-dashboard/0 on machine 24 is captured running (`snapshot capture`), stopped with `lxc`,
// captured again; `snapshot diff A B --json` must report exactly that container's state and
// address, its Juju machine's state and address, the unit whose agent Juju then reports lost, and
// its application's status that follows, and nothing else. The container is started again
// whatever happens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSnapshotCommand } from '../../electron/cli/snapshot-command';
import type { LabChange, LabComparison } from '../../electron/contract/lab-diff';
import { LabJujuContainerControl } from '../support/lab-juju-container';
import { loadLabManifest, type LabJujuContainer, type LabManifest } from './lab-manifest';

/** Two captures of the lab (~3 s each here), the stop and the start of a container. */
const TEST_MS = 120_000;
/** The machine whose Juju container is stopped: not 22, whose container and sshd other tests break. */
const HOST_MACHINE = '24';

let lab: LabManifest;
let dir: string;
let container: LabJujuContainer;
let control: LabJujuContainerControl;

async function snapshot(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runSnapshotCommand(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function capture(file: string): Promise<void> {
  const run = await snapshot(['capture', `${lab.user}@${lab.controller.address}`, '-i', lab.userKey, '--known-hosts', lab.knownHosts, '-o', file]);
  // 4 would mean a machine or probe was not read: another test has broken the lab meanwhile.
  expect(run, `snapshot capture to ${file}: ${run.err}`).toMatchObject({ code: 0 });
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
});
