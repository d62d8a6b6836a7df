// Path analysis (issue 13 §1) through the core against the real lab: from the qrouter namespace to
// an instance's fixed address the path is found hop by hop and looks right; a test run reads every
// hop's counters before and after a ping, traces the flow through br-int (ovs-appctl ofproto/trace
// on the userspace datapath) and says nothing stopped the pings. With the lab's wrong-VLAN fault
// on, the verdict names br-int, the qvo and both tags, and the trace shows br-int not delivering to
// the qvo; with a qbr down, a floating address's NAT rule removed or a tap's MTU lowered, the path
// names that hop. Each fault is turned off whatever happens (other test files share this lab).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleCore, type ConsoleCore } from '../../electron/core/console-core';
import { FileStore } from '../../electron/store/file-store';
import type { RequestOutcome } from '../../electron/contract/console-contract';
import type { PathAnalysis, PathTestProgress, PathTestStarted } from '../../electron/contract/troubleshoot';
import { allInstances, loadLabManifest, type LabManifest } from './lab-manifest';
import { allLabFaultsOff, labFault, setLabFault, type LabFaultName } from './lab-faults';

/** A refresh runs every probe plus the `openstack` lists: minutes on a loaded 2-core machine. */
const REFRESH_LIMIT_MS = 600_000;
/** Counters, trace, 5 pings at 0.2 s and counters again: seconds; a loaded machine takes longer. */
const TEST_RUN_LIMIT_MS = 90_000;

let lab: LabManifest;
let dir: string;
let core: ConsoleCore;
const progress: PathTestProgress[] = [];

async function call<T>(name: string, params: unknown): Promise<T> {
  const outcome = (await core.dispatch(name, params)) as RequestOutcome<T>;
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.result;
}

async function testRun(params: unknown): Promise<PathTestProgress> {
  const started = await call<PathTestStarted>('troubleshoot.test', params);
  const last = () => progress.filter((entry) => entry.runId === started.runId).at(-1);
  await expect.poll(() => last()?.stage, { timeout: TEST_RUN_LIMIT_MS, interval: 200 }).toMatch(/^(done|failed)$/);
  return last()!;
}

/**
 * A refresh asked for while a periodic one runs gets that one's answer, read before the fault was
 * on: refresh again (a few times at most) until the inventory shows what the fault changed.
 */
const REFRESHES_FOR_A_FAULT = 3;
async function analyseOnceRefreshed(request: unknown, shows: (analysis: PathAnalysis) => boolean): Promise<PathAnalysis> {
  let analysis: PathAnalysis | null = null;
  for (let attempt = 0; attempt < REFRESHES_FOR_A_FAULT; attempt += 1) {
    await call('inventory.refresh', null);
    analysis = await call<PathAnalysis>('troubleshoot.analyse', request);
    if (shows(analysis)) break;
  }
  return analysis!;
}

const qrouter = () => ({ kind: 'namespace', machineId: lab.gateway.machineId, namespace: lab.gateway.router.namespace });

beforeAll(async () => {
  lab = loadLabManifest();
  await allLabFaultsOff();
  dir = await mkdtemp(join(tmpdir(), 'obx-path-'));
  core = await createConsoleCore({ host: 'browser', store: new FileStore(join(dir, 'state.json')), knownHostsFiles: [lab.knownHosts], agentSocket: null });
  core.streams.attach((stream, payload) => {
    if (stream === 'troubleshoot.progress') progress.push(payload as PathTestProgress);
  });
  const saved = await call<{ id: string }>('labs.save', {
    name: 'path analysis',
    controller: { host: lab.controller.address, port: 22, user: lab.user, identityFile: lab.userKey, sshConfigHost: null },
  });
  await call('lab.connect', { labId: saved.id });
  await call('inventory.refresh', null);
}, REFRESH_LIMIT_MS);

afterAll(async () => {
  try {
    await allLabFaultsOff();
  } finally {
    await core?.close();
    await rm(dir, { recursive: true, force: true });
  }
}, REFRESH_LIMIT_MS);

describe('path analysis against the real lab', () => {
  it('qrouter namespace → an instance fixed address: every hop found, verdict OK', async () => {
    const instance = allInstances(lab)[0]!;
    const analysis = await call<PathAnalysis>('troubleshoot.analyse', { source: qrouter(), target: { kind: 'address', address: instance.fixedAddress } });
    expect(analysis.verdict.status, analysis.verdict.text).toBe('ok');
    expect(analysis.verdict.text).toMatch(/^Path looks right: 8 hops/);
    expect(analysis.hops.map((hop) => hop.kind)).toEqual(['router', 'qr', 'br-int', 'qvo', 'qvb', 'qbr', 'tap', 'container']);
    expect(analysis.hops.map((hop) => hop.name).slice(3)).toEqual([instance.devices.qvo, instance.devices.qvb, instance.devices.bridge, instance.devices.tap, instance.name]);
    expect(analysis.hops.every((hop) => hop.seen)).toBe(true);
    expect(analysis.hops[2]!.vlanTag).toEqual(expect.any(Number));
  });

  it('a test run reads every hop’s counters, traces br-int and finds that nothing stopped the pings', async () => {
    const instance = allInstances(lab)[0]!;
    const run = await testRun({ source: qrouter(), target: { kind: 'address', address: instance.fixedAddress }, count: 5 });
    expect(run.error).toBeNull();
    expect(run.stage).toBe('done');
    expect(run.ping).toMatchObject({ transmitted: 5, received: 5, error: null });
    expect(run.counters.length).toBeGreaterThanOrEqual(5);
    expect(run.counters.filter((reading) => reading.error !== null)).toEqual([]);
    expect(run.stoppedAt?.text).toBe('5 sent, 5 answered: nothing stopped them.');
    expect(run.trace?.outcome, run.trace?.raw).toBe('output');
    expect(run.trace?.outputPorts.some((port) => port.startsWith(instance.devices.qvo))).toBe(true);
  }, TEST_RUN_LIMIT_MS + 30_000);

  it('with the wrong VLAN tag on a qvo, the verdict names br-int, the qvo and both tags, and the pings stop there', async () => {
    const fault = await labFault('vlan-tag');
    const path = fault.path!;
    try {
      await setLabFault('vlan-tag', 'on');
      const source = { kind: 'namespace', machineId: path.fromMachineId, namespace: path.fromNamespace };
      const target = { kind: 'address', address: path.toAddress };
      const analysis = await analyseOnceRefreshed({ source, target }, (candidate) => candidate.verdict.status === 'blocked');
      expect(analysis.verdict.status).toBe('blocked');
      expect(analysis.verdict.text).toMatch(new RegExp(`^Blocked at br-int: ${path.hop} has VLAN tag 4, the network's DHCP and router ports use tag \\d+\\.`));
      expect(analysis.hops[analysis.verdict.hopIndex!]!.kind).toBe('br-int');

      const run = await testRun({ source, target, count: 5 });
      expect(run.ping?.received).toBe(0);
      // The router's ARP for the instance gets no answer across the tags, so the echoes stop at or before br-int.
      const bridgeAt = analysis.hops.findIndex((hop) => hop.kind === 'br-int');
      expect(run.stoppedAt?.hopIndex, run.stoppedAt?.text).not.toBeNull();
      expect(run.stoppedAt!.hopIndex!).toBeLessThanOrEqual(bridgeAt);
      expect(run.stoppedAt!.text).toMatch(/^5 sent, /);
      expect(run.trace?.outputPorts.some((port) => port.startsWith(path.hop)) ?? false, run.trace?.raw).toBe(false);
    } finally {
      await setLabFault('vlan-tag', 'off');
    }
  }, REFRESHES_FOR_A_FAULT * REFRESH_LIMIT_MS + TEST_RUN_LIMIT_MS);

  /** What the path from each other fault's source to its target says, at the fault's hop. */
  const OTHER_FAULTS: { name: LabFaultName; status: 'blocked' | 'ok'; kind: string }[] = [
    { name: 'qbr-down', status: 'blocked', kind: 'link-down' },
    { name: 'nat-rule', status: 'blocked', kind: 'no-nat' },
    // Default-size pings pass a lowered MTU: a warning on the tap, not a block.
    { name: 'tap-mtu', status: 'ok', kind: 'mtu-lower' },
  ];
  for (const expected of OTHER_FAULTS) {
    it(`with ${expected.name} on, the path names its hop (${expected.kind})`, async () => {
      const path = (await labFault(expected.name)).path!;
      try {
        await setLabFault(expected.name, 'on');
        const request = { source: { kind: 'namespace', machineId: path.fromMachineId, namespace: path.fromNamespace }, target: { kind: 'address', address: path.toAddress } };
        const analysis = await analyseOnceRefreshed(request, (candidate) => candidate.hops.some((hop) => hop.findings.some((finding) => finding.kind === expected.kind)));
        expect(analysis.verdict.status, analysis.verdict.text).toBe(expected.status);
        const at = analysis.hops.find((hop) => hop.findings.some((finding) => finding.kind === expected.kind));
        expect(at?.name, analysis.verdict.text).toBe(path.hop);
        if (expected.status === 'blocked') expect(analysis.verdict.text).toContain(path.hop === path.fromNamespace ? 'Blocked at the router' : `Blocked at ${path.hop}`);
      } finally {
        await setLabFault(expected.name, 'off');
      }
    }, REFRESHES_FOR_A_FAULT * REFRESH_LIMIT_MS + 60_000);
  }
});
