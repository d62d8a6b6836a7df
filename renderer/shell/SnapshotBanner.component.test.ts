// The banner over every view while a snapshot is open: which lab, when, a demo said to be one, and
// the two ways back to live labs.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import SnapshotBanner from './SnapshotBanner.svelte';
import { ConsoleState } from '../state/console-state.svelte';
import type { ConnectionState } from '../../electron/contract/payloads';

const snapshotConnection = (kind: 'capture' | 'demo'): ConnectionState => ({
  labId: 'snapshot-0123456789ab',
  labName: 'OrangeBox64',
  phase: 'connected',
  detail: 'snapshot of OrangeBox64 taken 2026-12-07 10:00 UTC',
  since: '2026-12-07T11:00:00.000Z',
  snapshot: { labName: 'OrangeBox64', takenAt: '2026-12-07T10:00:00.000Z', kind, file: '/srv/lab.obxsnap' },
});

let banner: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (banner) unmount(banner);
  banner = null;
  document.body.innerHTML = '';
});

function show(connection: ConnectionState | null) {
  const consoleState = new ConsoleState();
  consoleState.connection = connection;
  const target = document.body.appendChild(document.createElement('div'));
  banner = mount(SnapshotBanner, { target, props: { consoleState } });
  flushSync();
  return { consoleState, target };
}

describe('the snapshot banner', () => {
  it('names the lab and when the snapshot was taken, with Disconnect and Manage labs', () => {
    const { consoleState, target } = show(snapshotConnection('capture'));
    const text = target.querySelector('[data-testid="snapshot-banner"]')!.textContent!;
    expect(text).toMatch(/Snapshot of OrangeBox64 taken /);
    expect(text).not.toContain('Demo lab');
    const disconnect = vi.spyOn(consoleState, 'disconnect').mockResolvedValue();
    const buttons = [...target.querySelectorAll('button')];
    buttons.find((button) => button.textContent === 'Disconnect')!.click();
    expect(disconnect).toHaveBeenCalled();
    buttons.find((button) => button.textContent === 'Manage labs')!.click();
    expect(consoleState.managingLabs).toBe(true);
  });

  it('says "Demo lab" for the demo', () => {
    const { target } = show(snapshotConnection('demo'));
    expect(target.querySelector('.tag')?.textContent).toBe('Demo lab');
  });

  it('is absent on a live lab', () => {
    const { target } = show({ ...snapshotConnection('capture'), labId: 'lab-abcd1234', snapshot: null });
    expect(target.querySelector('[data-testid="snapshot-banner"]')).toBeNull();
  });
});
