// The path analysis requests through the whole core, on the demo snapshot (the walkthrough's lab):
// analyse works from what a snapshot recorded; a test with ping is refused, saying it needs a live
// lab; a payload that is not a path is refused with what is wrong.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { resolve } from 'node:path';
import { makeCoreFixture, type CoreFixture } from '../support/core-fixture';
import type { RequestOutcome } from '../../electron/contract/console-contract';
import type { PathAnalysis } from '../../electron/contract/troubleshoot';
import type { LabInventory } from '../../electron/contract/inventory';
import { DEMO_LAB_ASSET } from '../../electron/snapshots/demo/demo-lab-file';
import { readSnapshotFile } from '../../electron/snapshots/snapshot-file';
import { probeValue } from '../../electron/contract/probe-models';

let fixture: CoreFixture;

beforeEach(async () => {
  fixture = await makeCoreFixture({ agentSocket: null, readSnapshot: (path) => readSnapshotFile(path) });
});
afterEach(() => fixture.dispose());

async function call<T>(name: string, params: unknown): Promise<T> {
  const outcome = (await fixture.core.dispatch(name, params)) as RequestOutcome<T>;
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`);
  return outcome.result;
}

describe('path analysis through the core', () => {
  test('on the demo snapshot: analysed from what it recorded; a test with ping is refused as read-only', async () => {
    await call('snapshots.open', { path: resolve(DEMO_LAB_ASSET) });
    const inventory = await call<LabInventory>('inventory.get', null);
    const netns = inventory.probes.find((outcome) => outcome.probeId === 'ip-netns' && probeValue(outcome, 'ip-netns'));
    const router = probeValue(netns, 'ip-netns')!.namespaces.find((namespace) => namespace.kind === 'qrouter')!;
    const instance = inventory.links.containers.find((container) => container.container.startsWith('instance-') && container.state === 'RUNNING')!;
    const request = { source: { kind: 'namespace', machineId: netns!.machineId, namespace: router.name }, target: { kind: 'container', machineId: instance.machineId, container: instance.container } };

    const analysis = await call<PathAnalysis>('troubleshoot.analyse', request);
    expect(analysis.hops[0]).toMatchObject({ kind: 'router', name: router.name });
    expect(analysis.hops.at(-1)).toMatchObject({ kind: 'container', name: instance.container });
    expect(analysis.verdict.status, analysis.verdict.text).toBe('ok');
    expect(analysis.inventoryAt).toBe(inventory.refreshedAt);

    const refused = await fixture.core.dispatch('troubleshoot.test', request);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error.message).toMatch(/^a snapshot is read-only: testing a path with ping and counters needs a live lab/);
    expect(await call('troubleshoot.latest', null)).toBeNull();
  });

  test('a target that is not an IPv4 address or a container is refused with what is wrong', async () => {
    const outcome = await fixture.core.dispatch('troubleshoot.analyse', { source: { kind: 'machine', machineId: '26' }, target: { kind: 'address', address: 'node03ob64; reboot' } });
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error.message).toContain('a path target is an IPv4 address');
  });

  test('without a lab there is nothing to analyse, and it says what to do', async () => {
    const outcome = await fixture.core.dispatch('troubleshoot.analyse', { source: { kind: 'machine', machineId: '26' }, target: { kind: 'address', address: '198.51.100.12' } });
    expect(!outcome.ok && outcome.error.message).toBe('no lab has been read yet: connect (or open a snapshot), then analyse the path');
  });
});
