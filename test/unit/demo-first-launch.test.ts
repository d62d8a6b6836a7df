import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleCore, type ConsoleCore } from '../../electron/core/console-core';
import { readBundledDemo } from '../../electron/snapshots/demo/bundled-demo';
import { FileStore } from '../../electron/store/file-store';
import type { RequestOutcome } from '../../electron/contract/console-contract';

async function call<T>(core: ConsoleCore, name: string): Promise<T> {
  const outcome = (await core.dispatch(name, null)) as RequestOutcome<T>;
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.message}`);
  return outcome.result;
}
type Connection = { phase: string; snapshot?: { kind: string; labName: string } | null };

describe('first launch with no lab saved', () => {
  let core: ConsoleCore | null = null;
  let folder = '';
  afterEach(async () => {
    await core?.close();
    core = null;
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  const start = async (demoLab?: typeof readBundledDemo) => {
    folder = await mkdtemp(join(tmpdir(), 'obx-demo-'));
    core = await createConsoleCore({ host: 'browser', store: new FileStore(join(folder, 'state.json')), agentSocket: null, demoLab });
    return core;
  };

  it('opens the shipped demo lab, labelled a demo, with the walkthrough machines', async () => {
    const started = await start(readBundledDemo);
    const connection = await call<Connection>(started, 'connection.get');
    expect(connection.snapshot).toMatchObject({ kind: 'demo', labName: 'OrangeBox demo (walkthrough)' });
    const inventory = await call<{ machines: { id: string }[] }>(started, 'inventory.get');
    expect(inventory.machines.map((machine) => machine.id).sort()).toEqual(['21', '22', '23', '24', '25', '26', 'controller']);
    // Leaving the demo goes to the connect screen: no lab is chosen.
    expect(await call(started, 'labs.list')).toEqual([]);
  });

  it('opens nothing when the host passes no demo (the connect screen, as before)', async () => {
    const started = await start();
    expect(await call<Connection>(started, 'connection.get')).toMatchObject({ phase: 'no-lab' });
  });
});
