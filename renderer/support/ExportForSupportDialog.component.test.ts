// "Export for support": the suggested path and obfuscation on by default, the choice sent to the
// core, a refusal shown with the path and the choice kept, the progress while it runs, and the
// summary: what was masked where, what was obfuscated, and where the mapping was kept.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { flushSync, mount, tick, unmount } from 'svelte';
import ExportForSupportDialog from './ExportForSupportDialog.svelte';
import { SupportBundleState } from './support-bundle.svelte';
import type { ConsoleApi } from '../../electron/contract/console-contract';
import type { SupportBundleExported } from '../../electron/contract/support-bundle';
import { ConsoleRequestError } from '../../electron/contract/console-errors';

const SUGGESTED = '/home/ubuntu/OrangeBox snapshots/support-bundle-2026-12-07-143000.obxsnap';
const EXPORTED: SupportBundleExported = {
  path: SUGGESTED,
  mappingPath: '/home/ubuntu/OrangeBox snapshots/support-bundle-2026-12-07-143000.private-mapping.json',
  bundleLabName: 'lab1',
  source: 'live',
  bytes: 129_600,
  machines: 5,
  commands: 37,
  recordings: 0,
  masked: 18,
  maskedByExport: 0,
  maskedWhere: ['commands.json: `cat /etc/nova/nova.conf` on machine 22: 3', 'inventory.json: 12 (the same files, as the probes read them)'],
  obfuscation: { networks: 1, addresses: 27, macs: 50, hostnames: 5, domains: 0, hostnamesLeftAsIs: ['juju'], replacements: 752 },
  durationMs: 3400,
};

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

/** A core that answers the suggestion at once and the export when the test says so. */
function fakeCore() {
  const listeners = new Map<string, (payload: unknown) => void>();
  let finish: (outcome: SupportBundleExported | Error) => void = () => {};
  const requests: { name: string; params: unknown }[] = [];
  const api = {
    request: async (name: string, params: unknown) => {
      requests.push({ name, params });
      if (name === 'supportBundles.suggestPath') return SUGGESTED;
      if (name === 'supportBundles.export') return new Promise((resolve, reject) => (finish = (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome))));
      throw new Error(`unexpected ${name}`);
    },
    listen: (stream: string, listener: (payload: unknown) => void) => {
      listeners.set(stream, listener);
      return () => listeners.delete(stream);
    },
  } as unknown as ConsoleApi;
  return { api, requests, push: (stream: string, payload: unknown) => listeners.get(stream)?.(payload), finish: (outcome: SupportBundleExported | Error) => finish(outcome) };
}

async function settle() {
  for (let round = 0; round < 5; round += 1) await tick();
  flushSync();
}

async function openDialog() {
  const core = fakeCore();
  const supportBundles = new SupportBundleState();
  supportBundles.attach(core.api);
  await supportBundles.start();
  const target = document.body.appendChild(document.createElement('div'));
  shown = mount(ExportForSupportDialog, { target, props: { supportBundles, labName: 'OrangeBox64' } });
  await settle();
  return { core, supportBundles, target };
}

const button = (target: Element, text: string) => [...target.querySelectorAll('button')].find((candidate) => candidate.textContent?.trim() === text)!;
const checkbox = (target: Element) => target.querySelector<HTMLInputElement>('input[type="checkbox"]')!;

describe('the Export for support dialog', () => {
  it('fills in the suggested path with obfuscation on, and sends what the engineer chose', async () => {
    const { core, target } = await openDialog();
    expect(target.querySelector('h2')!.textContent).toBe('Export OrangeBox64 for support');
    expect(target.querySelector<HTMLInputElement>('input[type="text"]')!.value).toBe(SUGGESTED);
    expect(checkbox(target).checked).toBe(true);
    expect(target.textContent).toContain('The mapping back is written beside the bundle');
    checkbox(target).click();
    await settle();
    expect(target.textContent).toContain('Addresses, hostnames and MACs stay as they are in what is exported.');
    target.querySelector('form')!.requestSubmit();
    await settle();
    expect(core.requests.at(-1)).toEqual({ name: 'supportBundles.export', params: { path: SUGGESTED, obfuscate: false } });
  });

  it('shows a refusal with the path and the choice kept, to correct', async () => {
    const { core, target } = await openDialog();
    target.querySelector('form')!.requestSubmit();
    await settle();
    core.finish(new ConsoleRequestError('snapshot-unwritable', `${SUGGESTED} already exists: the console does not overwrite a file. Choose another name.`, 'supportBundles.export'));
    await settle();
    expect(target.querySelector('[role="alert"]')!.textContent).toBe(`${SUGGESTED} already exists: the console does not overwrite a file. Choose another name.`);
    expect(target.querySelector<HTMLInputElement>('input[type="text"]')!.value).toBe(SUGGESTED);
    expect(checkbox(target).checked).toBe(true);
  });

  it('shows the progress while it reads the lab, then what was masked, obfuscated and where the mapping is', async () => {
    const { core, target } = await openDialog();
    target.querySelector('form')!.requestSubmit();
    await settle();
    expect(target.querySelector('[data-testid="export-for-support-progress"]')!.textContent).toContain('Starting…');
    core.push('supportBundle.progress', { path: SUGGESTED, step: 'reading-lab', capture: { machines: 5, machinesRead: 2, probes: 11, commands: 12, maskedValues: 3, elapsedMs: 1200, done: false }, elapsedMs: 1300 });
    await settle();
    expect(target.querySelector('[data-testid="export-for-support-progress"]')!.textContent).toContain('Reading the lab — Machines read: 2 of 5 · 11 probes · 12 commands · 1.2 s');
    expect(target.querySelector('progress')!.getAttribute('value')).toBe('2');
    core.push('supportBundle.progress', { path: SUGGESTED, step: 'obfuscating', capture: null, elapsedMs: 3100 });
    await settle();
    expect(target.textContent).toContain('Obfuscating addresses, hostnames and MACs… 3.1 s');

    core.finish(EXPORTED);
    await settle();
    const summary = target.querySelector('[data-testid="export-for-support-summary"]')!.textContent!;
    expect(summary).toContain('Exported support-bundle-2026-12-07-143000.obxsnap (126.6 KiB) in 3.4 s — 18 values masked');
    expect(summary).toContain('lab1, read from the live lab now: 5 machines · 37 commands · 0 recordings');
    expect([...target.querySelectorAll('.where li')].map((item) => item.textContent)).toEqual(EXPORTED.maskedWhere);
    expect(summary).toContain('27 addresses in 1 network, 50 MACs, 5 hostnames and 0 domains replaced (752 times).');
    expect(summary).toContain('Left as they are, being also words of the lab: juju');
    expect(target.querySelector('[data-testid="export-for-support-mapping"]')!.textContent).toContain(EXPORTED.mappingPath!);
    button(target, 'Close').click();
    await settle();
    expect(target.querySelector('dialog')!.open).toBe(false);
  });

  it('says nothing was obfuscated, and names no mapping, when obfuscation was off', async () => {
    const { core, target } = await openDialog();
    checkbox(target).click();
    await settle();
    target.querySelector('form')!.requestSubmit();
    await settle();
    core.finish({ ...EXPORTED, mappingPath: null, obfuscation: null, bundleLabName: 'OrangeBox64', source: 'demo' });
    await settle();
    expect(target.textContent).toContain('OrangeBox64, the demo lab: 5 machines');
    expect(target.textContent).toContain('Nothing: addresses, hostnames and MACs are as they were in what was exported.');
    expect(target.querySelector('[data-testid="export-for-support-mapping"]')).toBeNull();
  });
});
