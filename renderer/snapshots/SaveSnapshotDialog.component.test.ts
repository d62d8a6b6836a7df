// "Save snapshot": the suggested path filled in, the core's refusal shown with the path kept, the
// progress while it reads, and the summary with "Open it"; opening a snapshot by path shows the
// core's reason when the file is bad.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, tick, unmount } from 'svelte';
import SaveSnapshotDialog from './SaveSnapshotDialog.svelte';
import OpenSnapshotForm from './OpenSnapshotForm.svelte';
import { SnapshotsState } from './snapshots.svelte';
import type { ConsoleApi } from '../../electron/contract/console-contract';
import type { SnapshotCaptured, SnapshotCaptureProgress } from '../../electron/contract/snapshot-capture';
import type { RecordingEntry } from '../../electron/contract/recordings';
import { ConsoleRequestError } from '../../electron/contract/console-errors';

const SUGGESTED = '/home/ubuntu/OrangeBox snapshots/OrangeBox64-2026-12-07-143000.obxsnap';
const CAPTURED: SnapshotCaptured = { path: SUGGESTED, labName: 'OrangeBox64', bytes: 421_888, machines: 7, unreachable: 0, probes: 48, failedProbes: 1, commands: 61, masked: 14, recordings: 0, durationMs: 3240 };

const recording = (name: string, overrides: Partial<RecordingEntry> = {}): RecordingEntry => ({
  path: `/home/ubuntu/orangebox-recordings/${name}`, name, origin: 'recorded', title: `shell ${name}`, startedAt: '2026-12-07T10:00:00.000Z', modifiedAt: null,
  bytes: 2048, durationSeconds: 134, missing: false, inProgress: false, problem: null, ...overrides,
});
/** What the core lists: only finished, present, playable recordings the console wrote are offered. */
const RECORDINGS: RecordingEntry[] = [
  recording('older.cast', { startedAt: '2026-12-06T09:00:00.000Z' }),
  recording('newer.cast', { startedAt: '2026-12-07T11:00:00.000Z', title: 'lxc exec instance-0000000c on node03ob64' }),
  recording('gone.cast', { missing: true }),
  recording('running.cast', { inProgress: true }),
  recording('opened.cast', { origin: 'opened' }),
  recording('damaged.cast', { problem: 'line 3 is not an asciicast event' }),
];

beforeAll(() => {
  // jsdom has no modal dialogs: open is enough for what these tests read.
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) { this.open = true; };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) { this.open = false; };
});

let shown: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (shown) unmount(shown);
  shown = null;
  document.body.innerHTML = '';
});

/** A core that answers the suggestion at once and the capture when the test says so. */
function fakeCore() {
  const listeners = new Map<string, (payload: unknown) => void>();
  let finish: (outcome: SnapshotCaptured | Error) => void = () => {};
  const requests: { name: string; params: unknown }[] = [];
  const api = {
    request: async (name: string, params: unknown) => {
      requests.push({ name, params });
      if (name === 'snapshots.suggestPath') return SUGGESTED;
      if (name === 'snapshots.recent') return [];
      if (name === 'recordings.list') return RECORDINGS;
      if (name === 'snapshots.capture') {
        return new Promise((resolve, reject) => (finish = (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome))));
      }
      throw new Error(`unexpected ${name}`);
    },
    listen: (stream: string, listener: (payload: unknown) => void) => {
      listeners.set(stream, listener);
      return () => listeners.delete(stream);
    },
  } as unknown as ConsoleApi;
  return { api, requests, push: (stream: string, payload: unknown) => listeners.get(stream)?.(payload), finish: (outcome: SnapshotCaptured | Error) => finish(outcome) };
}

async function settle() {
  for (let round = 0; round < 5; round += 1) await tick();
  flushSync();
}

async function openDialog(onOpen = vi.fn(async () => null as string | null)) {
  const core = fakeCore();
  const snapshots = new SnapshotsState();
  snapshots.attach(core.api);
  await snapshots.startSaving();
  const target = document.body.appendChild(document.createElement('div'));
  shown = mount(SaveSnapshotDialog, { target, props: { snapshots, labName: 'OrangeBox64', onOpen } });
  await settle();
  return { core, snapshots, target, onOpen };
}

const button = (target: Element, text: string) => [...target.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === text)!;

describe('the Save snapshot dialog', () => {
  it('fills in the path the core suggests, and sends the one the engineer leaves there', async () => {
    const { core, target } = await openDialog();
    const input = target.querySelector('input')!;
    expect(input.value).toBe(SUGGESTED);
    input.value = '/srv/acme.obxsnap';
    input.dispatchEvent(new Event('input'));
    target.querySelector('form')!.requestSubmit();
    await settle();
    expect(core.requests.at(-1)).toEqual({ name: 'snapshots.capture', params: { path: '/srv/acme.obxsnap', recordings: [] } });
  });

  it('offers the recordings the console wrote, newest first, none ticked; those ticked go with the capture', async () => {
    const { core, target } = await openDialog();
    const boxes = [...target.querySelectorAll<HTMLInputElement>('fieldset input[type="checkbox"]')];
    expect(boxes.map((box) => box.value)).toEqual(['/home/ubuntu/orangebox-recordings/newer.cast', '/home/ubuntu/orangebox-recordings/older.cast']);
    expect(boxes.every((box) => !box.checked)).toBe(true);
    expect(target.querySelector('fieldset')!.textContent).toContain('lxc exec instance-0000000c on node03ob64');
    expect(target.querySelector('fieldset')!.textContent).toContain('what was typed is never kept');
    boxes[0]!.click();
    await settle();
    target.querySelector('form')!.requestSubmit();
    await settle();
    expect(core.requests.at(-1)).toEqual({ name: 'snapshots.capture', params: { path: SUGGESTED, recordings: ['/home/ubuntu/orangebox-recordings/newer.cast'] } });
    core.finish({ ...CAPTURED, recordings: 1 });
    await settle();
    expect(target.querySelector('[data-testid="save-snapshot-summary"]')!.textContent).toContain('61 commands · 1 recording');
  });

  it('shows the progress as it streams, then the summary: file, size, time, values masked, and Open it', async () => {
    const { core, target, onOpen } = await openDialog();
    target.querySelector('form')!.requestSubmit();
    await settle();
    expect(target.querySelector('[data-testid="save-snapshot-progress"]')!.textContent).toContain('Starting…');
    const progress: SnapshotCaptureProgress = { path: SUGGESTED, machines: 7, machinesRead: 3, probes: 20, commands: 26, maskedValues: 4, elapsedMs: 1400, done: false };
    core.push('snapshot.progress', progress);
    core.push('snapshot.progress', { ...progress, path: '/elsewhere.obxsnap', machinesRead: 6 });
    await settle();
    expect(target.querySelector('[data-testid="save-snapshot-progress"]')!.textContent).toContain('Machines read: 3 of 7 · 20 probes · 26 commands · 1.4 s');
    core.finish(CAPTURED);
    await settle();
    const summary = target.querySelector('[data-testid="save-snapshot-summary"]')!.textContent!;
    expect(summary).toContain('Saved OrangeBox64-2026-12-07-143000.obxsnap (412 KiB) in 3.2 s — 14 values masked');
    expect(summary).toContain('7 machines · 48 probes (1 failed) · 61 commands');
    button(target, 'Open it').click();
    await settle();
    expect(onOpen).toHaveBeenCalledWith(SUGGESTED);
  });

  it('a refusal is shown with the path kept, to be corrected', async () => {
    const { core, target } = await openDialog();
    target.querySelector('form')!.requestSubmit();
    await settle();
    core.finish(new ConsoleRequestError('snapshot-unwritable', 'cannot save the snapshot to /nowhere/x.obxsnap: the folder /nowhere does not exist. Create it, or choose another folder.', 'snapshots.capture'));
    await settle();
    expect(target.querySelector('[role="alert"]')!.textContent).toContain('the folder /nowhere does not exist');
    expect(target.querySelector('input')!.value).toBe(SUGGESTED);
  });
});

describe('the Open a snapshot file form', () => {
  it('shows the core\'s reason for a bad file, and lists the recent ones to open', async () => {
    const onOpen = vi.fn(async (path: string) => (path.endsWith('bad.obxsnap') ? '/srv/bad.obxsnap is not a snapshot: it is not a zip archive' : null));
    const target = document.body.appendChild(document.createElement('div'));
    const recent = [{ path: '/srv/acme.obxsnap', labName: 'ACME lab', takenAt: '2026-12-07T10:00:00.000Z', kind: 'capture' as const, usedAt: '2026-12-07T11:00:00.000Z' }];
    shown = mount(OpenSnapshotForm, { target, props: { recent, onOpen, onOpenFile: async () => null } });
    flushSync();
    const input = target.querySelector('input')!;
    input.value = '/srv/bad.obxsnap';
    input.dispatchEvent(new Event('input'));
    target.querySelector('form')!.requestSubmit();
    await settle();
    expect(target.querySelector('[role="alert"]')!.textContent).toBe('/srv/bad.obxsnap is not a snapshot: it is not a zip archive');
    expect(target.querySelector('[aria-label="Recent snapshots"]')!.textContent).toContain('ACME lab');
    (target.querySelector('[aria-label="Open acme.obxsnap"]') as HTMLButtonElement).click();
    await settle();
    expect(onOpen).toHaveBeenLastCalledWith('/srv/acme.obxsnap');
    expect(target.querySelector('[role="alert"]')).toBeNull();
  });

  it('opens a file chosen from this computer; a refused one says why, and the same file can be chosen again', async () => {
    const onOpenFile = vi.fn(async (file: File) => (file.name === 'notes.obxsnap' ? 'notes.obxsnap is not a snapshot: it is not a zip archive' : null));
    const target = document.body.appendChild(document.createElement('div'));
    shown = mount(OpenSnapshotForm, { target, props: { recent: [], onOpen: async () => null, onOpenFile } });
    flushSync();
    const chooser = target.querySelector<HTMLInputElement>('input[type="file"]')!;
    expect(chooser.accept).toBe('.obxsnap');
    const choose = async (file: File) => {
      Object.defineProperty(chooser, 'files', { value: [file], configurable: true });
      chooser.dispatchEvent(new Event('change', { bubbles: true }));
      await settle();
    };
    await choose(new File(['field notes'], 'notes.obxsnap'));
    expect(target.querySelector('[role="alert"]')!.textContent).toBe('notes.obxsnap is not a snapshot: it is not a zip archive');
    expect(chooser.value).toBe('');
    await choose(new File(['PK'], 'lab.obxsnap'));
    expect(onOpenFile.mock.calls.map(([file]) => file.name)).toEqual(['notes.obxsnap', 'lab.obxsnap']);
    expect(target.querySelector('[role="alert"]')).toBeNull();
  });
});
