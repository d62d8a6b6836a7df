// @vitest-environment jsdom
// The inventory the page holds while a refresh streams in, through the real console state attached
// to a scripted core: the core's own updates during a refresh (its shape: machines, routes) still
// carry the previous refresh's probes, and those must not undo a probe that already streamed in.
import { describe, expect, it, vi } from 'vitest';
import type { RequestName } from '../../electron/contract/console-contract';
import type { LabInventory, ProbeOutcome } from '../../electron/contract/inventory';
import type { LxcList } from '../../electron/contract/lab-model';
import { defaultSettings } from '../../electron/contract/payloads';
import { scriptedCore } from '../../test/support/scripted-core';
import { ConsoleState } from './console-state.svelte';
import labJson from '../views/network/fixtures/orangebox-lab-inventory.json';

vi.hoisted(() => {
  // jsdom has no canvas (xterm asks for one as it loads); xterm then measures text the DOM way.
  HTMLCanvasElement.prototype.getContext = (() => null) as never;
});

const lab = labJson as unknown as LabInventory;
const CONTAINER = 'juju-79fcc7-22-lxd-0';

const lxcList22 = (inventory: LabInventory) => inventory.probes.find((probe) => probe.probeId === 'lxc-list' && probe.machineId === '22')!;
const stateOf = (inventory: LabInventory | null) => (lxcList22(inventory!).value as LxcList).instances.find((instance) => instance.name === CONTAINER)!.state;

/** Machine 22's `lxc list` read again, with the container stopped. */
const stoppedReading = (): ProbeOutcome => {
  const before = lxcList22(lab);
  return {
    ...before,
    startedAt: new Date(Date.parse(before.startedAt) + 10_000).toISOString(),
    value: { instances: (before.value as LxcList).instances.map((instance) => (instance.name === CONTAINER ? { ...instance, state: 'STOPPED', ipv4: [], ipv6: [] } : instance)) },
  };
};

async function attachedConsole() {
  const answers: Partial<Record<RequestName, (params: never) => unknown>> = {
    'labs.list': () => [],
    'settings.get': () => defaultSettings,
    'notices.pending': () => [],
    'prompts.pending': () => [],
    'terminals.list': () => [],
    'inventory.get': () => structuredClone(lab),
  };
  const { api, push } = scriptedCore(answers);
  const consoleState = new ConsoleState();
  await consoleState.attach(api);
  return { consoleState, push };
}

describe('the inventory while a refresh streams in', () => {
  it('keeps a probe read by this refresh when the core publishes its shape with the last refresh’s probes', async () => {
    const { consoleState, push } = await attachedConsole();
    expect(stateOf(consoleState.inventory)).toBe('RUNNING');
    // The refresh starts, machine 22's containers are read (the container is stopped now)…
    push('inventory.changed', { ...structuredClone(lab), refreshing: true });
    push('inventory.probe', stoppedReading());
    expect(stateOf(consoleState.inventory)).toBe('STOPPED');
    // …then Juju answers and the core publishes the machines: its probes are still the last refresh's.
    push('inventory.changed', { ...structuredClone(lab), refreshing: true });
    expect(stateOf(consoleState.inventory)).toBe('STOPPED');
    // The other probes are still there, as last read, until this refresh reads them.
    expect(consoleState.inventory!.probes).toHaveLength(lab.probes.length);
    // The refresh ends: its own probes, whole.
    const done = { ...structuredClone(lab), refreshing: false, probes: lab.probes.map((probe) => (probe === lxcList22(lab) ? stoppedReading() : probe)) };
    push('inventory.changed', done);
    expect(stateOf(consoleState.inventory)).toBe('STOPPED');
    expect(consoleState.inventory!.probes).toEqual(done.probes);
  });

  it('takes the core’s probes whole when a refresh ends, dropping those it no longer has', async () => {
    const { consoleState, push } = await attachedConsole();
    push('inventory.changed', { ...structuredClone(lab), refreshing: true });
    const without22 = lab.probes.filter((probe) => probe.machineId !== '22');
    push('inventory.changed', { ...structuredClone(lab), refreshing: false, probes: without22 });
    expect(consoleState.inventory!.probes).toEqual(without22);
  });
});
