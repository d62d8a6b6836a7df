// @vitest-environment jsdom
// The page's terminal state against a scripted core: attaching after a reload, going live for a
// terminal seen from its start, placing opened terminals, and acknowledging what was written.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { scriptedCore } from '../../test/support/scripted-core';
import type { TerminalInfo } from '../../electron/contract/terminals';
import { FLOW_ACK_STEP_CHARS } from '../../electron/terminals/flow-control';
import { TerminalsState } from './terminals.svelte';

const info = (id: string, overrides: Partial<TerminalInfo> = {}): TerminalInfo => ({
  id,
  target: { kind: 'container', machineId: '22', container: 'instance-0000000c' },
  title: 'lxc exec instance-0000000c on node03ob64',
  state: 'running',
  exitCode: null,
  detail: null,
  cols: 80,
  rows: 24,
  recordingPath: null,
  inBroadcast: false,
  createdAt: `2025-01-01T00:00:0${id.slice(-1)}Z`,
  ...overrides,
});


const host = { notify: vi.fn(), showTerminals: vi.fn() };
/** xterm parses writes asynchronously; this waits until everything written so far is parsed. */
const parsed = (state: TerminalsState, id: string) => new Promise<void>((resolve) => state.screen(id)!.term.write('', resolve));
const screenText = (state: TerminalsState, id: string) => {
  const buffer = state.screen(id)!.term.buffer.active;
  return Array.from({ length: buffer.length }, (_, index) => buffer.getLine(index)?.translateToString(true) ?? '').join('\n');
};

vi.hoisted(() => {
  // jsdom has no canvas (xterm asks for one as it loads); without it xterm measures text the DOM
  // way, which is all these tests need.
  HTMLCanvasElement.prototype.getContext = (() => null) as never;
});

beforeEach(() => {
  localStorage.clear();
  host.notify.mockClear();
});

describe('terminals in the page', () => {
  it('after a reload, shows each running terminal from its snapshot, then its live output', async () => {
    let release!: () => void;
    const answered = new Promise<void>((resolve) => (release = resolve));
    const core = scriptedCore({
      'terminals.list': () => [info('term-00000000000a')],
      'terminals.attach': async () => {
        await answered;
        return { info: info('term-00000000000a'), screen: 'root@lxc-test-1:~# echo $OBX_MARK\r\nkept\r\nroot@lxc-test-1:~# ' };
      },
    });
    const state = new TerminalsState();
    const attaching = state.attach(core.api, host);
    // Output the core sent before it answered is already in the snapshot: not written twice…
    await vi.waitFor(() => expect(core.requests.some((request) => request.name === 'terminals.attach')).toBe(true));
    core.push('terminal.data', { id: 'term-00000000000a', data: 'x'.repeat(FLOW_ACK_STEP_CHARS), chars: FLOW_ACK_STEP_CHARS });
    release();
    await attaching;
    core.push('terminal.data', { id: 'term-00000000000a', data: 'after', chars: 5 });
    await parsed(state, 'term-00000000000a');
    expect(screenText(state, 'term-00000000000a')).toContain('kept');
    expect(screenText(state, 'term-00000000000a')).toContain('root@lxc-test-1:~# after');
    expect(screenText(state, 'term-00000000000a')).not.toContain('xxxx');
    // …but acknowledged, since the core counted it as sent (what was sent while no page was
    // there is in the snapshot: the core restarts its flow control on attach).
    expect(core.requests.filter((request) => request.name === 'terminals.ack').map((request) => request.params)).toEqual([
      { id: 'term-00000000000a', chars: FLOW_ACK_STEP_CHARS },
    ]);
    expect(state.layout.tabs.map((tab) => tab.panes)).toEqual([['term-00000000000a']]);
  });

  it('opens a terminal into a split of the current tab and shows its output from the first byte', async () => {
    const opened = info('term-00000000000b', { state: 'starting' });
    const core = scriptedCore({
      'terminals.list': () => [info('term-00000000000a')],
      'terminals.attach': () => ({ info: info('term-00000000000a'), screen: '' }),
      'terminals.open': () => {
        // The core announces the session before it answers; its first output may come too.
        core.push('terminal.info', opened);
        const banner = 'BusyBox v1.35.0 built-in shell (ash)\r\n';
        core.push('terminal.data', { id: opened.id, data: banner, chars: banner.length });
        return { ...opened, state: 'running' };
      },
    });
    const state = new TerminalsState();
    await state.attach(core.api, host);
    await state.split('column');
    await parsed(state, opened.id);
    expect(screenText(state, opened.id)).toContain('BusyBox');
    expect(core.requests.filter((request) => request.name === 'terminals.attach')).toHaveLength(1);
    expect(core.requests.find((request) => request.name === 'terminals.open')?.params).toMatchObject({ target: info('x').target });
    expect(state.layout.tabs).toHaveLength(1);
    expect(state.layout.tabs[0]).toMatchObject({ panes: ['term-00000000000a', opened.id], direction: 'column', focused: opened.id });
    expect(host.showTerminals).toHaveBeenCalled();
    expect(state.info(opened.id)?.state).toBe('running');
  });

  it('gives a terminal opened in another window a tab, and drops one closed elsewhere', async () => {
    const core = scriptedCore({ 'terminals.list': () => [], 'terminals.attach': () => ({ info: info('term-00000000000c'), screen: 'hello' }) });
    const state = new TerminalsState();
    await state.attach(core.api, host);
    core.push('terminal.info', info('term-00000000000c', { state: 'starting' }));
    // With no terminal listed, xterm's code was not loaded: the first one heard of loads it.
    await vi.waitFor(() => expect(state.layout.tabs.map((tab) => tab.panes)).toEqual([['term-00000000000c']]), { timeout: 10_000 });
    core.push('terminal.closed', { id: 'term-00000000000c' });
    expect(state.layout.tabs).toEqual([]);
    expect(state.screen('term-00000000000c')).toBeNull();
    expect(state.infos).toEqual([]);
  });

  it('writes a large frame to xterm in pieces, whole characters across the cuts, and acknowledges it once written', async () => {
    const core = scriptedCore({ 'terminals.list': () => [info('term-00000000000a')], 'terminals.attach': () => ({ info: info('term-00000000000a'), screen: '' }) });
    const state = new TerminalsState();
    await state.attach(core.api, host);
    const term = state.screen('term-00000000000a')!.term;
    const written: number[] = [];
    const write = term.write.bind(term);
    term.write = ((data: string | Uint8Array, callback?: () => void) => (written.push(data.length), write(data, callback))) as typeof term.write;
    // Three- and four-byte characters (two UTF-16 units for the emoji): some cut lands inside one.
    const lines = Array.from({ length: 3000 }, (_, index) => `${index} 界😀 ${'w'.repeat(index % 13)}`);
    const text = `${lines.join('\r\n')}\r\n`;
    const bytes = new TextEncoder().encode(text);
    core.push('terminal.data', { id: 'term-00000000000a', data: bytes, chars: FLOW_ACK_STEP_CHARS });
    core.push('terminal.data', { id: 'term-00000000000a', data: text, chars: text.length });
    await parsed(state, 'term-00000000000a');
    expect(Math.max(...written)).toBeLessThanOrEqual(16 * 1024);
    expect(written.filter((length) => length > 0).length).toBeGreaterThan(2 * Math.floor(bytes.length / (16 * 1024)));
    const shown = screenText(state, 'term-00000000000a').split('\n');
    const start = shown.indexOf(lines[0]!);
    expect(shown.slice(start, start + lines.length)).toEqual(lines);
    expect(shown.slice(start + lines.length, start + 2 * lines.length)).toEqual(lines);
    const acknowledged = core.requests.filter((request) => request.name === 'terminals.ack').reduce((sum, request) => sum + (request.params as { chars: number }).chars, 0);
    expect(acknowledged).toBe(Math.floor((FLOW_ACK_STEP_CHARS + text.length) / FLOW_ACK_STEP_CHARS) * FLOW_ACK_STEP_CHARS);
  });

  it('turns a refused request into a notice, not an exception', async () => {
    const core = scriptedCore({
      'terminals.list': () => [],
      'terminals.open': () => {
        throw new Error('connect to the lab first: this terminal runs on one of its machines');
      },
    });
    const state = new TerminalsState();
    await state.attach(core.api, host);
    await state.open({ kind: 'machine', machineId: '22' });
    expect(host.notify).toHaveBeenCalledWith(expect.objectContaining({ level: 'error', message: expect.stringContaining('connect to the lab first') }));
    expect(state.layout.tabs).toEqual([]);
  });
});
