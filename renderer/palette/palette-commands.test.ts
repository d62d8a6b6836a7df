// @vitest-environment jsdom
// What a palette entry does, through the real console state attached to a scripted core: the
// requests that reach the core and the view, focus and terminal layout the page ends up with.
import { describe, expect, it, vi } from 'vitest';
import type { RequestName } from '../../electron/contract/console-contract';
import { scriptedCore } from '../../test/support/scripted-core';
import { defaultSettings } from '../../electron/contract/payloads';
import type { TerminalInfo, TerminalTarget } from '../../electron/contract/terminals';
import { ConsoleState } from '../state/console-state.svelte';
import { runPaletteCommand } from './palette-commands';

vi.hoisted(() => {
  // jsdom has no canvas (xterm asks for one as it loads); xterm then measures text the DOM way.
  HTMLCanvasElement.prototype.getContext = (() => null) as never;
});

const terminalInfo = (id: string, target: TerminalTarget): TerminalInfo => ({
  id, target, title: `terminal ${id}`, state: 'running', exitCode: null, detail: null, cols: 80, rows: 24,
  recordingPath: null, inBroadcast: false, createdAt: `2026-01-01T00:00:0${id.slice(-1)}Z`,
});

async function attachedConsole() {
  let opened = 0;
  const answers: Partial<Record<RequestName, (params: never) => unknown>> = {
    'labs.list': () => [],
    'settings.get': () => defaultSettings,
    'notices.pending': () => [],
    'prompts.pending': () => [],
    'terminals.list': () => [],
    'terminals.open': ({ target }: { target: TerminalTarget }) => terminalInfo(`term-00000000000${++opened}`, target),
    'terminals.attach': ({ id }: { id: string }) => ({ info: terminalInfo(id, { kind: 'local' }), screen: '' }),
    'settings.update': (patch: object) => ({ ...defaultSettings, ...patch }),
  };
  const { api, requests } = scriptedCore(answers);
  const consoleState = new ConsoleState();
  await consoleState.attach(api);
  const host = { openSettings: vi.fn(), shownTheme: 'dark' as const };
  const sent = (name: RequestName) => requests.filter((request) => request.name === name).map((request) => request.params);
  return { consoleState, host, sent };
}

describe('running a palette entry', () => {
  it('shows a view with the focus the entry carries', async () => {
    const { consoleState, host } = await attachedConsole();
    runPaletteCommand(consoleState, host, { type: 'show', view: 'nodes', focus: { view: 'nodes', machineId: '24' } });
    expect(consoleState.view).toBe('nodes');
    expect(consoleState.focus).toEqual({ view: 'nodes', machineId: '24' });
  });

  it('opens a terminal in a tab of its own, and with the secondary key beside the focused one', async () => {
    const { consoleState, host, sent } = await attachedConsole();
    const container: TerminalTarget = { kind: 'container', machineId: '22', container: 'instance-0000000c' };
    runPaletteCommand(consoleState, host, { type: 'open-terminal', target: container });
    // The first terminal loads xterm's code (a chunk of its own): slow on a loaded machine.
    await vi.waitFor(() => expect(consoleState.terminals.layout.tabs).toHaveLength(1), { timeout: 15_000 });
    expect(sent('terminals.open')).toEqual([expect.objectContaining({ target: container })]);
    expect(consoleState.view).toBe('terminals');
    const namespace: TerminalTarget = { kind: 'namespace', machineId: '26', namespace: 'qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566' };
    runPaletteCommand(consoleState, host, { type: 'open-terminal', target: namespace }, true);
    await vi.waitFor(() => expect(consoleState.terminals.layout.tabs[0]!.panes).toHaveLength(2));
    expect(consoleState.terminals.layout.tabs).toHaveLength(1);
  });

  it('switches to an open terminal and gives it the keyboard', async () => {
    const { consoleState, host } = await attachedConsole();
    await consoleState.terminals.open({ kind: 'local' });
    await consoleState.terminals.open({ kind: 'local' });
    consoleState.show('overview');
    const first = consoleState.terminals.infos[0]!.id;
    runPaletteCommand(consoleState, host, { type: 'switch-terminal', id: first });
    expect(consoleState.view).toBe('terminals');
    expect(consoleState.terminals.focusedId).toBe(first);
    expect(consoleState.terminals.focusRequest).toBe(first);
  });

  it('toggles presentation mode and flips the theme that is shown', async () => {
    const { consoleState, host, sent } = await attachedConsole();
    runPaletteCommand(consoleState, host, { type: 'action', action: 'presentation' });
    runPaletteCommand(consoleState, { ...host, shownTheme: 'light' }, { type: 'action', action: 'theme' });
    await vi.waitFor(() => expect(sent('settings.update')).toEqual([{ presentationMode: true }, { theme: 'dark' }]));
  });

  it('refreshes, connects and disconnects through the core, and opens the labs and settings screens', async () => {
    const { consoleState, host, sent } = await attachedConsole();
    runPaletteCommand(consoleState, host, { type: 'action', action: 'refresh' });
    runPaletteCommand(consoleState, host, { type: 'connect', labId: 'lab-1' });
    runPaletteCommand(consoleState, host, { type: 'action', action: 'disconnect' });
    await vi.waitFor(() => expect(sent('lab.disconnect')).toHaveLength(1));
    expect(sent('inventory.refresh')).toHaveLength(1);
    expect(sent('lab.connect')).toEqual([{ labId: 'lab-1' }]);
    runPaletteCommand(consoleState, host, { type: 'action', action: 'manage-labs' });
    expect(consoleState.managingLabs).toBe(true);
    runPaletteCommand(consoleState, host, { type: 'action', action: 'settings' });
    expect(host.openSettings).toHaveBeenCalledOnce();
  });
});
