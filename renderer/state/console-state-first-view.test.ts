// @vitest-environment jsdom
// The first load of a lab through the real console state and a scripted core: Overview's part of
// the inventory comes first, the whole only after (issue 11: 13 MB of a 5,000-container lab held
// the page before it could show anything), and the other views get the whole.
import { describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RequestName } from '../../electron/contract/console-contract';
import type { LabInventory } from '../../electron/contract/inventory';
import { defaultSettings, type ConnectionState } from '../../electron/contract/payloads';
import { parseJujuStatus } from '../../electron/probes/parsers/juju-status';
import { inventoryFirstView } from '../../electron/inventory/inventory-first-view';
import { scriptedCore } from '../../test/support/scripted-core';
import { ConsoleState } from './console-state.svelte';
import { jujuStatusOutcome } from './inventory-reading';
import labJson from '../views/network/fixtures/orangebox-lab-inventory.json';

vi.hoisted(() => {
  // jsdom has no canvas (xterm asks for one as it loads); xterm then measures text the DOM way.
  HTMLCanvasElement.prototype.getContext = (() => null) as never;
});

// A path, not `new URL(…, import.meta.url)`: under the DOM environment that is a page URL.
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const walkthrough = parseJujuStatus(readFileSync(resolve(ROOT, 'test/fixtures/outputs/juju-status/walkthrough-2.0.1-tabular.txt'), 'utf8')).value;
const fixture = labJson as unknown as LabInventory;
const hostname = fixture.probes.find((outcome) => outcome.machineId === 'controller' && outcome.probeId === 'hostname')!;
const lab: LabInventory = { ...fixture, probes: [...fixture.probes, { ...hostname, probeId: 'juju-status', value: walkthrough }] };
const connected: ConnectionState = { labId: lab.labId, labName: 'OrangeBox 64', phase: 'connected', detail: 'ubuntu@127.0.1.1:22', since: '2026-12-07T00:00:00.000Z' };

/** `whole`: what inventory.get answers (the lab shown; a test that opens a snapshot changes it). */
function labCore(whole: () => LabInventory = () => lab) {
  let answerWhole: () => void = () => {};
  const wholeAsked = new Promise<void>((resolve) => (answerWhole = resolve));
  const answers: Partial<Record<RequestName, (params: never) => unknown>> = {
    'labs.list': () => [],
    'settings.get': () => defaultSettings,
    'connection.get': () => connected,
    'notices.pending': () => [],
    'prompts.pending': () => [],
    'terminals.list': () => [],
    // As the core answers them: the part cut from the same inventory, each a copy (as over the wire).
    'inventory.firstView': () => structuredClone(inventoryFirstView(lab)),
    'inventory.get': async () => {
      await wholeAsked;
      return structuredClone(whole());
    },
  };
  return { ...scriptedCore(answers), answerWhole };
}

describe('the first load of a lab', () => {
  it('gives Overview its part before the whole is asked for, and every view the whole after', async () => {
    const core = labCore();
    const consoleState = new ConsoleState();
    const attaching = consoleState.attach(core.api);
    await vi.waitFor(() => expect(core.requests.some((request) => request.name === 'inventory.get')).toBe(true), { timeout: 5000 });
    const names = core.requests.map((request) => request.name);
    // Asked after the part (the page painted Overview meanwhile); the terminals did not wait for either.
    expect(names.indexOf('inventory.firstView')).toBeLessThan(names.indexOf('inventory.get'));
    expect(names.indexOf('terminals.list')).toBeLessThan(names.indexOf('inventory.get'));

    expect(consoleState.loaded).toBe(true);
    expect(consoleState.inventory).toBeNull();
    const drawn = jujuStatusOutcome(consoleState.overviewInventory);
    expect(drawn?.value).toEqual(walkthrough);
    expect(consoleState.overviewInventory!.probes).toHaveLength(1);

    core.answerWhole();
    await attaching;
    expect(consoleState.inventory).toEqual(lab);
    expect(consoleState.overviewInventory).toBe(consoleState.inventory);
    // The same reading stays the same object: Overview has nothing to draw again.
    expect(jujuStatusOutcome(consoleState.inventory)).toBe(drawn);
  });

  it('does not show the whole of a lab left while it was on its way', async () => {
    const core = labCore();
    const consoleState = new ConsoleState();
    const attaching = consoleState.attach(core.api);
    await vi.waitFor(() => expect(core.requests.some((request) => request.name === 'inventory.get')).toBe(true), { timeout: 5000 });
    core.push('connection.changed', { ...connected, labId: 'lab-000000000002', labName: 'another lab', phase: 'not-connected', detail: 'not connected' });
    expect(consoleState.overviewInventory).toBeNull();
    core.answerWhole();
    await attaching;
    expect(consoleState.inventory).toBeNull();
  });

  it('shows a snapshot opened in a running page from its part, then asks for the whole once Overview is painted', async () => {
    let shown = lab;
    const core = labCore(() => shown);
    const consoleState = new ConsoleState();
    const attaching = consoleState.attach(core.api);
    core.answerWhole();
    await attaching;
    const asked = () => core.requests.filter((request) => request.name === 'inventory.get').length;
    const before = asked();

    // As the core streams a snapshot it opened: the connection, then Overview's part of its inventory.
    const opened: LabInventory = { ...lab, labId: 'snapshot-0123456789ab' };
    shown = opened;
    core.push('connection.changed', { ...connected, labId: opened.labId, labName: 'a snapshot' });
    core.push('inventory.changed', structuredClone(inventoryFirstView(opened)!));
    expect(consoleState.inventory).toBeNull();
    expect(consoleState.overviewInventory?.labId).toBe(opened.labId);
    expect(jujuStatusOutcome(consoleState.overviewInventory)?.value).toEqual(walkthrough);
    expect(consoleState.overviewInventory!.probes).toHaveLength(1);

    // The whole is asked for after the part was painted, and every view gets it.
    await vi.waitFor(() => expect(asked()).toBe(before + 1), { timeout: 5000 });
    await vi.waitFor(() => expect(consoleState.inventory).not.toBeNull(), { timeout: 5000 });
    expect(consoleState.inventory!.labId).toBe(opened.labId);
    expect(consoleState.inventory!.probes).toHaveLength(lab.probes.length);
    expect(consoleState.overviewInventory).toBe(consoleState.inventory);
  });
});

