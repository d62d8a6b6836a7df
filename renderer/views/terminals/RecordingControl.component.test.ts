// The recording control of a terminal pane: while recording, the REC badge and Stop; when a
// recording stopped by itself (the disk filled up) or "always record" could not start one (a
// read-only folder), the pane says so in words beside Record, with the whole reason as its title.
import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import RecordingControl from './RecordingControl.svelte';
import type { TerminalInfo } from '../../../electron/contract/terminals';

const INFO: TerminalInfo = {
  id: 'term-1',
  target: { kind: 'local' },
  title: 'local shell',
  state: 'running',
  exitCode: null,
  detail: null,
  cols: 100,
  rows: 30,
  recordingPath: null,
  inBroadcast: false,
  createdAt: '2026-12-07T19:00:00.000Z',
};

let component: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
});

function show(info: TerminalInfo): HTMLElement {
  const target = document.createElement('div');
  document.body.append(target);
  component = mount(RecordingControl, { target, props: { info, folder: '~/orangebox-recordings', onStart: async () => null, onStop: () => {} } });
  flushSync();
  return target;
}

describe('RecordingControl', () => {
  it('shows REC and Stop while recording, and no problem', () => {
    const pane = show({ ...INFO, recordingPath: '/home/u/a.cast' });
    expect(pane.querySelector('[data-testid="recording"]')?.textContent).toBe('● REC');
    expect(pane.querySelector('[data-testid="recording-stopped"]')).toBeNull();
  });

  it('says a recording stopped because the disk filled up, the path in its title, and offers Record again', () => {
    const problem = 'the recording stopped: the disk is full (/media/usb/a.cast); what was recorded before is kept and plays';
    const pane = show({ ...INFO, recordingProblem: problem });
    const badge = pane.querySelector('[data-testid="recording-stopped"]')!;
    expect(badge.textContent).toBe('REC stopped: the disk is full');
    expect(badge.getAttribute('title')).toBe(problem);
    expect(badge.getAttribute('role')).toBe('status');
    expect(pane.querySelector('button[aria-label="Record"]')).not.toBeNull();
  });

  it('says a terminal is not recorded when "always record" could not write its folder', () => {
    const problem = 'always record: cannot write the recording /mnt/ro/local-shell-20261207-190000.cast: the folder is on a read-only file system';
    const badge = show({ ...INFO, recordingProblem: problem }).querySelector('[data-testid="recording-stopped"]')!;
    expect(badge.textContent).toBe('Not recorded: the folder is on a read-only file system');
  });
});
