// The path MTU check through the core against the real lab: from the qrouter namespace to an
// instance's fixed address the largest don't-fragment payload is 1428 (the instance's MTU is 1456,
// served by DHCP); from an instance (BusyBox ping) there is no answer but why; an address nobody
// holds stops after two probes; with the tap-mtu fault on (tapc397384b-56 at 1400) the check finds
// 1372 and names the tap. Only addresses inside the lab's namespaces and containers are pinged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleCore, type ConsoleCore } from '../../electron/core/console-core';
import { FileStore } from '../../electron/store/file-store';
import type { RequestOutcome } from '../../electron/contract/console-contract';
import type { PingSource } from '../../electron/contract/diagnostics';
import { MAX_DF_PROBES, type MtuCheckProgress } from '../../electron/contract/mtu-check';
import { allInstances, loadLabManifest, type LabManifest } from './lab-manifest';
import { allLabFaultsOff, labFault, LAB_FAULTS_HOLD_WAIT_MS, releaseLabFaults, setLabFault } from './lab-faults';

/** A check sends at most 16 one-second probes, each started over SSH on a loaded lab. */
const CHECK_LIMIT_MS = 120_000;
/** A refresh of the whole lab (with OpenStack's lists) on a loaded machine. */
const REFRESH_LIMIT_MS = 120_000;

let lab: LabManifest;
let dir: string;
let core: ConsoleCore;
const progress: MtuCheckProgress[] = [];

async function call<T>(name: string, params: unknown): Promise<T> {
  const outcome = (await core.dispatch(name, params)) as RequestOutcome<T>;
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.result;
}

async function check(source: PingSource, target: string): Promise<MtuCheckProgress> {
  const started = await call<MtuCheckProgress>('diagnostics.mtuCheck', { source, target });
  const done = () => progress.find((update) => update.checkId === started.checkId && update.state === 'done');
  await expect.poll(() => done() !== undefined, { timeout: CHECK_LIMIT_MS, interval: 200 }).toBe(true);
  return done()!;
}

const qrouter = (): PingSource => ({ kind: 'namespace', machineId: lab.gateway.machineId, namespace: lab.gateway.router.namespace });
const instance = (name: string) => allInstances(lab).find((candidate) => candidate.name === name)!;

beforeAll(async () => {
  lab = loadLabManifest();
  // Another test file's fault on the instance's chain would be this file's result.
  await allLabFaultsOff();
  dir = await mkdtemp(join(tmpdir(), 'obx-mtu-'));
  core = await createConsoleCore({ host: 'browser', store: new FileStore(join(dir, 'state.json')), knownHostsFiles: [lab.knownHosts], agentSocket: null });
  core.streams.attach((stream, payload) => {
    if (stream === 'diagnostics.mtuProgress') progress.push(payload as MtuCheckProgress);
  });
  const saved = await call<{ id: string }>('labs.save', {
    name: 'mtu',
    controller: { host: lab.controller.address, port: 22, user: lab.user, identityFile: lab.userKey, sshConfigHost: null },
  });
  await call('lab.connect', { labId: saved.id });
  await call('inventory.refresh', null);
}, LAB_FAULTS_HOLD_WAIT_MS + REFRESH_LIMIT_MS);

afterAll(async () => {
  try {
    await releaseLabFaults();
  } finally {
    await core?.close();
    await rm(dir, { recursive: true, force: true });
  }
}, 60_000);

describe('the path MTU check on the real lab', () => {
  // The lab's plumbing (tap, qbr, qvb, qvo) is at LXD's 1500 and only the instance's eth0 is at 1456:
  // a veth takes 4 bytes over its MTU (room for a VLAN tag), so 1460-byte packets still reach the
  // instance and the search ends at 1432. Where the plumbing carries the network's MTU too (os-vif
  // sets it), the bridge holds it exactly: 1428, as the tap-mtu fault below shows (1400 → 1372).
  it("from the qrouter to an instance's fixed address: the instance's eth0 (1456) is the narrowest; 1428 to count on", async () => {
    const target = instance('instance-00000012');
    const done = await check(qrouter(), target.fixedAddress);
    expect(done.result, done.result?.verdict).toMatchObject({ ending: 'found', largestPayload: 1432, pathMtu: 1460, agrees: true, problem: false });
    expect(done.result!.verdict).toBe(
      "Largest DF ping: 1432 bytes (path MTU 1460). The instance's eth0 is 1456: as expected, give or take the 4 bytes Linux lets a veth or bridge port take over its MTU (room for a VLAN tag); it sends at most 1456 itself, so count on 1428 bytes.",
    );
    expect(done.steps.length).toBeLessThanOrEqual(MAX_DF_PROBES);
    expect(done.steps.find((step) => step.payload === 1428)?.outcome).toBe('passed');
    expect(done.steps.find((step) => step.payload === 1432)?.outcome).toBe('passed');
    expect(done.steps.find((step) => step.payload === 1433)?.outcome).toBe('no-reply');
    for (const step of done.steps) expect(step.command).toContain(`ip netns exec ${lab.gateway.router.namespace} ping -M do -s ${step.payload} -c 1 -W 1 ${target.fixedAddress}`);
    expect(done.hops.map((hop) => [hop.name, hop.mtu])).toEqual([
      [expect.stringMatching(/^qr-/), 1500],
      [target.devices.qvo, 1500],
      [target.devices.qvb, 1500],
      [target.devices.bridge, 1500],
      [target.devices.tap, 1500],
      ['eth0', 1456],
    ]);
  }, CHECK_LIMIT_MS + 10_000);

  it("from an instance (BusyBox ping): no size, why, and the qrouter to check from instead", async () => {
    const from = instance('instance-00000012');
    const to = allInstances(lab).find((candidate) => candidate.name !== from.name && candidate.networkName === from.networkName) ?? instance('instance-00000002');
    const done = await check({ kind: 'container', machineId: from.machineId, container: from.name }, to.fixedAddress);
    expect(done.result).toMatchObject({ ending: 'no-dont-fragment', largestPayload: null, pathMtu: null, suggestedSource: qrouter() });
    expect(done.result!.verdict).toContain("cannot set don't-fragment (\"ping: invalid option -- 'M'\"");
    expect(done.result!.verdict).toContain(`Check from ${lab.gateway.router.namespace} on`);
    expect(done.steps).toEqual([]);
  }, CHECK_LIMIT_MS + 10_000);

  it('an address nobody holds stops after two probes: not an MTU problem', async () => {
    const nobody = lab.gateway.deadFixedAddress;
    const done = await check(qrouter(), nobody);
    expect(done.result).toMatchObject({ ending: 'target-silent' });
    expect(done.result!.verdict).toContain(`${nobody} does not answer even small pings`);
    expect(done.steps.map((step) => [step.payload, step.outcome])).toEqual([[548, 'no-reply'], [56, 'no-reply']]);
  }, CHECK_LIMIT_MS + 10_000);

  it('with the tap-mtu fault on: 1372 bytes, and the tap named as lower than the instance', async () => {
    const fault = await labFault('tap-mtu');
    try {
      await setLabFault('tap-mtu', 'on');
      await call('inventory.refresh', null);
      const done = await check(qrouter(), fault.path!.toAddress);
      expect(done.result, done.result?.verdict).toMatchObject({ ending: 'found', largestPayload: 1372, pathMtu: 1400, problem: true });
      expect(done.result!.verdict).toContain(`${fault.object.name} has MTU 1400, lower than the instance's 1456: packets over 1372 bytes are dropped.`);
      expect(done.hops.find((hop) => hop.name === fault.object.name)).toMatchObject({ mtu: 1400, narrowest: true });
    } finally {
      await setLabFault('tap-mtu', 'off');
    }
  }, CHECK_LIMIT_MS + REFRESH_LIMIT_MS + 150_000);
});
