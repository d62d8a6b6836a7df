// Ping runs in the core against the real lab: from the qrouter namespace and from an instance
// container to the instances' fixed addresses, an address with nothing behind it inside the
// instance subnet, an unknown host name, a matrix that fills every cell, and Stop ending a long
// run. Only lab addresses (inside its namespaces and containers) and 127.0.0.0/8 are pinged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleCore, type ConsoleCore } from '../../electron/core/console-core';
import { FileStore } from '../../electron/store/file-store';
import type { RequestOutcome } from '../../electron/contract/console-contract';
import type { PingCellResult, PingRunStarted, PingRunUpdate, PingSource } from '../../electron/contract/diagnostics';
import { allInstances, gatewayMachine, loadLabManifest, machineById, type LabManifest } from './lab-manifest';

let lab: LabManifest;
let dir: string;
let core: ConsoleCore;
const updates: PingRunUpdate[] = [];

async function call<T>(name: string, params: unknown): Promise<T> {
  const outcome = (await core.dispatch(name, params)) as RequestOutcome<T>;
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.result;
}

/** Every cell's result once the run has ended, and the replies it streamed on the way. */
async function finished(run: PingRunStarted, timeout = 45_000) {
  const results = () => run.cells.map((_, cell) => updates.find((update) => update.runId === run.runId && update.cell === cell && update.result)?.result ?? null);
  await expect.poll(() => results().every((result) => result !== null), { timeout, interval: 100 }).toBe(true);
  return run.cells.map((cell, index) => ({
    ...cell,
    result: results()[index] as PingCellResult,
    replies: updates.filter((update) => update.runId === run.runId && update.cell === index).flatMap((update) => update.replies),
  }));
}

const qrouter = (): PingSource => ({ kind: 'namespace', machineId: lab.gateway.machineId, namespace: lab.gateway.router.namespace });
const instanceContainer = (): PingSource => {
  const host = lab.machines.find((machine) => machine.instances.length > 0)!;
  return { kind: 'container', machineId: host.id, container: host.instances[0]!.name };
};

/** A host address of the instances' subnet that nothing in the lab uses (so nothing answers). */
function unusedInstanceAddress(): string {
  const network = lab.networks.find((candidate) => allInstances(lab).some((instance) => instance.networkName === candidate.name))!;
  const [base, bits] = network.cidr.split('/');
  const parts = base!.split('.').map(Number);
  const used = new Set([network.gateway, network.dhcpAddress, ...allInstances(lab).map((instance) => instance.fixedAddress)]);
  const size = 2 ** (32 - Number(bits));
  for (let host = size - 2; host > 0; host -= 1) {
    const address = [...parts.slice(0, 3), parts[3]! + host].join('.');
    if (!used.has(address)) return address;
  }
  throw new Error(`the lab's ${network.cidr} has no unused address`);
}

beforeAll(async () => {
  lab = loadLabManifest();
  dir = await mkdtemp(join(tmpdir(), 'obx-pings-'));
  core = await createConsoleCore({ host: 'browser', store: new FileStore(join(dir, 'state.json')), knownHostsFiles: [lab.knownHosts], agentSocket: null });
  core.streams.attach((stream, payload) => {
    if (stream === 'diagnostics.update') updates.push(payload as PingRunUpdate);
  });
  const saved = await call<{ id: string }>('labs.save', {
    name: 'pings',
    controller: { host: lab.controller.address, port: 22, user: lab.user, identityFile: lab.userKey, sshConfigHost: null },
  });
  await call('lab.connect', { labId: saved.id });
  await call('inventory.refresh', null);
});

afterAll(async () => {
  await core?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('ping runs against the real lab', () => {
  it('pings every instance fixed address from the qrouter namespace: replies streamed, 0% loss, rtt', async () => {
    const instances = allInstances(lab);
    const run = await call<PingRunStarted>('diagnostics.ping', { source: qrouter(), targets: instances.map((instance) => instance.fixedAddress), count: 3, intervalSeconds: 0.2 });
    expect(run.cells.map((cell) => cell.sourceLabel)).toEqual(instances.map(() => `${lab.gateway.router.namespace} on ${gatewayMachine(lab).hostname}`));
    for (const cell of await finished(run)) {
      expect(cell.result.failure, cell.target).toBeNull();
      expect(cell.result).toMatchObject({ transmitted: 3, received: 3, lossPercent: 0 });
      expect(cell.replies.map((reply) => reply.from)).toEqual([cell.target, cell.target, cell.target]);
      expect(cell.result.rtt!.min).toBeLessThanOrEqual(cell.result.rtt!.max);
      expect(cell.result.command).toContain(`sudo -n ip netns exec ${lab.gateway.router.namespace} ping -c 3`);
    }
  });

  it('pings from inside an instance container (BusyBox ping) to another instance', async () => {
    const source = instanceContainer();
    const other = allInstances(lab).find((instance) => instance.name !== (source as { container: string }).container)!;
    const run = await call<PingRunStarted>('diagnostics.ping', { source, targets: [other.fixedAddress], count: 2, intervalSeconds: 0.2 });
    const [cell] = await finished(run);
    expect(cell!.result).toMatchObject({ transmitted: 2, received: 2, lossPercent: 0, failure: null });
    expect(cell!.result.rtt?.mdev).not.toBeNull();
  });

  it('pings a machine from itself, also over juju ssh', async () => {
    for (const machine of [machineById(lab, '22'), lab.machines.find((candidate) => !candidate.userKeyAccepted)!]) {
      const run = await call<PingRunStarted>('diagnostics.ping', { source: { kind: 'machine', machineId: machine.id }, targets: [machine.address], count: 2, intervalSeconds: 0.2 });
      const [cell] = await finished(run);
      expect(cell!.result, machine.id).toMatchObject({ received: 2, failure: null });
      expect(cell!.sourceLabel).toBe(machine.hostname);
    }
  });

  it('calls an address with nothing behind it (inside the instance subnet) unreachable', async () => {
    const nobody = unusedInstanceAddress();
    const run = await call<PingRunStarted>('diagnostics.ping', { source: qrouter(), targets: [nobody], count: 2, intervalSeconds: 0.2 });
    const [cell] = await finished(run);
    expect(cell!.result).toMatchObject({ received: 0, lossPercent: 100, failure: { kind: 'unreachable' } });
    expect(cell!.result.failure!.message).toContain(`${nobody} did not answer`);
  });

  it('calls a name that does not resolve an unknown host', async () => {
    const run = await call<PingRunStarted>('diagnostics.ping', { source: instanceContainer(), targets: ['no-such-instance'], count: 1 });
    const [cell] = await finished(run);
    expect(cell!.result.failure).toMatchObject({ kind: 'unknown-host' });
    expect(cell!.result.failure!.message).toMatch(/no-such-instance is an unknown host/);
  });

  it('refuses a target that ping would read as an option', async () => {
    const outcome = (await core.dispatch('diagnostics.ping', { source: qrouter(), targets: ['-f'] })) as RequestOutcome;
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
  });

  it('fills every cell of a matrix (namespace and container × instance addresses)', async () => {
    const targets = allInstances(lab).map((instance) => instance.fixedAddress);
    const sources = [qrouter(), instanceContainer()];
    const run = await call<PingRunStarted>('diagnostics.matrix', { sources, targets, count: 2, intervalSeconds: 0.2 });
    expect(run.cells).toHaveLength(sources.length * targets.length);
    const cells = await finished(run, 90_000);
    for (const cell of cells) expect(cell.result, `${cell.sourceLabel} → ${cell.target}`).toMatchObject({ received: 2, failure: null });
  });

  it('stops a long run: the cell ends at once with the replies it had', async () => {
    const target = allInstances(lab)[0]!.fixedAddress;
    const run = await call<PingRunStarted>('diagnostics.ping', { source: qrouter(), targets: [target], count: 100, intervalSeconds: 0.5 });
    await expect.poll(() => updates.filter((update) => update.runId === run.runId).flatMap((update) => update.replies).length, { timeout: 20_000 }).toBeGreaterThan(0);
    await call('diagnostics.stop', { runId: run.runId });
    const [cell] = await finished(run, 15_000);
    expect(cell!.result.failure).toMatchObject({ kind: 'stopped' });
    expect(cell!.result.received).toBeGreaterThan(0);
    expect(cell!.result.received).toBeLessThan(100);
  });
});
