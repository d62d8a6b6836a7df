// The Changes view with the real components and state, over a scripted core: what it compares by
// default, the request it sends, the counts and every change with its fields, a change opening its
// object in its view, and the empty, refused and nothing-to-compare states in words.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushSync, mount, tick, unmount } from 'svelte';
import ChangesView from './ChangesView.svelte';
import { ChangesState } from './changes.svelte';
import type { ChangeTarget } from './change-targets';
import { countChanges } from '../../../electron/snapshots/lab-diff';
import type { LabChange, LabComparison } from '../../../electron/contract/lab-diff';
import type { RecentSnapshot } from '../../../electron/contract/snapshot-capture';
import { ConsoleRequestError } from '../../../electron/contract/console-errors';
import { scriptedCore } from '../../../test/support/scripted-core';

const BEFORE_FILE = '/home/ubuntu/OrangeBox snapshots/OrangeBox64-2026-12-07-161300.obxsnap';
const RECENT: RecentSnapshot[] = [
  { path: BEFORE_FILE, labName: 'OrangeBox64', takenAt: '2026-12-07T16:13:05.000Z', kind: 'capture', usedAt: '2026-12-07T16:13:06.000Z' },
  { path: '/srv/older.obxsnap', labName: 'OrangeBox64', takenAt: '2026-12-01T09:00:03.000Z', kind: 'capture', usedAt: '2026-12-01T09:00:04.000Z' },
];

const CHANGES: LabChange[] = [
  {
    id: 'machine:24/lxd/0',
    kind: 'changed',
    object: { type: 'machine', machineId: '24/lxd/0', hostname: null },
    title: 'machine 24/lxd/0',
    fields: [{ field: 'state', label: 'state', before: 'started', after: 'down' }],
  },
  {
    id: 'container:24/juju-79fcc7-24-lxd-0',
    kind: 'changed',
    object: { type: 'container', machineId: '24', host: 'node05ob64', container: 'juju-79fcc7-24-lxd-0' },
    title: 'container juju-79fcc7-24-lxd-0 on node05ob64',
    fields: [
      { field: 'state', label: 'state', before: 'RUNNING', after: 'STOPPED' },
      { field: 'ipv4', label: 'address', before: '198.51.100.206 (eth0)', after: null },
    ],
  },
  {
    id: 'profile:22/instance-00000002',
    kind: 'removed',
    object: { type: 'profile', machineId: '22', host: 'node03ob64', profile: 'instance-00000002' },
    title: 'profile instance-00000002 on node03ob64',
    fields: [{ field: 'usedBy', label: 'used by', before: 'instance-00000002', after: null }],
  },
  {
    id: 'unit:openstack-dashboard/0',
    kind: 'changed',
    object: { type: 'unit', unit: 'openstack-dashboard/0', application: 'openstack-dashboard' },
    title: 'unit openstack-dashboard/0',
    fields: [
      { field: 'workloadStatus', label: 'workload', before: 'active', after: 'unknown' },
      { field: 'agentStatus', label: 'agent', before: 'idle', after: 'lost' },
    ],
  },
];

const comparisonOf = (changes: LabChange[], notCompared: LabComparison['notCompared'] = []): LabComparison => ({
  before: { source: 'snapshot', file: BEFORE_FILE, labName: 'OrangeBox64', takenAt: '2026-12-07T16:13:05.000Z', description: 'snapshot of OrangeBox64 taken 2026-12-07 16:13 UTC' },
  after: { source: 'shown', file: null, labName: 'OrangeBox64', takenAt: '2026-12-07T16:14:00.000Z', description: 'OrangeBox64 as shown now, live (read 2026-12-07 16:14 UTC)' },
  changes,
  counts: countChanges(changes),
  notCompared,
});

let shown: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (shown) unmount(shown);
  shown = null;
  document.body.innerHTML = '';
});

async function settle() {
  for (let round = 0; round < 5; round += 1) await tick();
  flushSync();
}

function showView(answer: (params: unknown) => unknown, props: { recent?: RecentSnapshot[]; shownLab?: string | null } = {}) {
  const core = scriptedCore({ 'snapshots.diff': answer as never });
  const changes = new ChangesState();
  changes.attach(core.api);
  const onShow = vi.fn<(target: ChangeTarget) => void>();
  const target = document.body.appendChild(document.createElement('div'));
  shown = mount(ChangesView, { target, props: { changes, recent: props.recent ?? RECENT, shownLab: props.shownLab === undefined ? 'OrangeBox64 (live)' : props.shownLab, onShow } });
  flushSync();
  return { core, changes, onShow, target };
}

const compareButton = (target: Element) => [...target.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Compare')!;
const selects = (target: Element) => [...target.querySelectorAll('select')];

describe('the Changes view', () => {
  it('compares the latest snapshot with the lab shown now by default, and lists the counts and every change with its fields', async () => {
    const { core, target } = showView(() => comparisonOf(CHANGES));
    const [before, after] = selects(target);
    expect(before!.selectedOptions[0]!.textContent).toMatch(/^OrangeBox64, taken .* \(OrangeBox64-2026-12-07-161300\.obxsnap\)$/);
    expect(after!.selectedOptions[0]!.textContent).toBe('The lab shown now: OrangeBox64 (live)');
    compareButton(target).click();
    await settle();
    expect(core.requests).toEqual([{ name: 'snapshots.diff', params: { before: { source: 'snapshot', path: BEFORE_FILE }, after: { source: 'shown' } } }]);

    expect(target.querySelector('.sides')!.textContent).toMatch(/Before snapshot of OrangeBox64 taken 2026-12-07 16:13 UTC \(\/home\/ubuntu\/OrangeBox snapshots\/OrangeBox64-2026-12-07-161300\.obxsnap\)\s+After OrangeBox64 as shown now, live/);
    expect(target.querySelector('.total')!.textContent!.trim()).toBe('4 changes');
    const counts = [...target.querySelectorAll('.counts li')].map((item) => item.textContent!.replace(/\s+/g, ' ').trim());
    expect(counts).toEqual(['1 machine 1 changed', '1 container 1 changed', '1 LXD profile 1 removed', '0 namespaces no change', '0 applications no change', '1 unit 1 changed', '0 relations no change']);
    expect([...target.querySelectorAll('.group h2')].map((heading) => heading.textContent!.replace(/\s+/g, ' ').trim())).toEqual(['Machines · 1', 'Containers · 1', 'LXD profiles · 1', 'Units · 1']);
    const container = target.querySelector('[data-change="container:24/juju-79fcc7-24-lxd-0"]')!;
    expect(container.querySelector('.kind-word')!.textContent).toBe('Changed');
    expect([...container.querySelectorAll('.field')].map((field) => field.textContent!.replace(/\s+/g, ' ').trim())).toEqual(['state RUNNING → STOPPED', 'address 198.51.100.206 (eth0) → none']);
    const removed = target.querySelector('[data-change="profile:22/instance-00000002"]')!;
    expect(removed.querySelector('.kind-word')!.textContent).toBe('Removed');
    expect(removed.querySelector('.field')!.textContent!.replace(/\s+/g, ' ').trim()).toBe('used by was instance-00000002');
  });

  it('opens each change’s object in its view: a container in Containers, a unit in the Overview, a Juju container machine in the Overview, a profile in Profiles', async () => {
    const { target, onShow } = showView(() => comparisonOf(CHANGES));
    compareButton(target).click();
    await settle();
    const open = (id: string) => (target.querySelector(`[data-change="${id}"] button.object`) as HTMLButtonElement).click();
    open('container:24/juju-79fcc7-24-lxd-0');
    open('unit:openstack-dashboard/0');
    open('machine:24/lxd/0');
    open('profile:22/instance-00000002');
    expect(onShow.mock.calls.map(([shownTarget]) => [shownTarget.view, shownTarget.focus])).toEqual([
      ['containers', { view: 'containers', filter: 'juju-79fcc7-24-lxd-0' }],
      ['overview', { view: 'overview', target: { kind: 'unit', name: 'openstack-dashboard/0' } }],
      ['overview', { view: 'overview', target: { kind: 'machine', id: '24/lxd/0' } }],
      ['profiles', { view: 'profiles', machineId: '22', profile: 'instance-00000002' }],
    ]);
  });

  it('says there is no difference, and lists what one side did not read', async () => {
    const { target } = showView(() => comparisonOf([], [{ what: 'containers and LXD profiles on node03ob64 (machine 22)', reason: 'connect ECONNREFUSED 127.0.1.22:22 (in the after reading)', machineId: '22' }]));
    compareButton(target).click();
    await settle();
    expect(target.querySelector('.total')!.textContent!.trim()).toBe('No differences: the machines, containers, profiles, namespaces, applications, units and relations compared are the same.');
    expect(target.querySelector('.not-compared')!.textContent!.replace(/\s+/g, ' ')).toContain('containers and LXD profiles on node03ob64 (machine 22): connect ECONNREFUSED 127.0.1.22:22 (in the after reading)');
    expect(target.querySelectorAll('.change')).toHaveLength(0);
  });

  it('shows the core’s refusal in words, keeping what was chosen', async () => {
    const { target, changes } = showView(() => {
      throw new ConsoleRequestError('not-found', `there is no snapshot at ${BEFORE_FILE}`, 'snapshots.diff');
    });
    compareButton(target).click();
    await settle();
    expect(target.querySelector('[role="alert"]')!.textContent).toBe(`Could not compare: there is no snapshot at ${BEFORE_FILE}`);
    expect(changes.before).toEqual({ kind: 'recent', path: BEFORE_FILE });
  });

  it('with nothing to compare yet, asks for the paths of two files, and Compare waits for them', async () => {
    const { target, core } = showView(() => comparisonOf([]), { recent: [], shownLab: null });
    expect(target.textContent).toContain('No snapshot has been opened or saved yet and no lab is shown: give the paths of two snapshot files to compare them');
    const [shownOption] = [...selects(target)[1]!.options];
    expect(shownOption!.disabled).toBe(true);
    expect(compareButton(target).disabled).toBe(true);
    const paths = [...target.querySelectorAll('input[type="text"]')] as HTMLInputElement[];
    expect(paths.map((input) => input.getAttribute('aria-label'))).toEqual(['Before: path of a snapshot file', 'After: path of a snapshot file']);
    paths[0]!.value = '/srv/a.obxsnap';
    paths[0]!.dispatchEvent(new Event('input'));
    paths[1]!.value = '/srv/b.obxsnap';
    paths[1]!.dispatchEvent(new Event('input'));
    flushSync();
    compareButton(target).click();
    await settle();
    expect(core.requests).toEqual([{ name: 'snapshots.diff', params: { before: { source: 'snapshot', path: '/srv/a.obxsnap' }, after: { source: 'snapshot', path: '/srv/b.obxsnap' } } }]);
  });

  it('will not compare the lab shown with itself, and says why', () => {
    const { target } = showView(() => comparisonOf([]));
    const before = selects(target)[0]!;
    before.value = 'shown';
    before.dispatchEvent(new Event('change', { bubbles: true }));
    flushSync();
    expect(compareButton(target).disabled).toBe(true);
    expect(target.querySelector('.hint')!.textContent).toBe('Choose a snapshot for at least one side: the lab shown compared with itself has no changes.');
  });
});

describe('a comparison with thousands of changes', () => {
  it('lists the first 200 of a kind and the rest on request, the counts saying them all', async () => {
    const many: LabChange[] = Array.from({ length: 450 }, (_, index) => ({
      id: `container:22/instance-${String(index).padStart(8, '0')}`,
      kind: 'added',
      object: { type: 'container', machineId: '22', host: 'node03ob64', container: `instance-${String(index).padStart(8, '0')}` },
      title: `container instance-${String(index).padStart(8, '0')} on node03ob64`,
      fields: [{ field: 'state', label: 'state', before: null, after: 'RUNNING' }],
    }));
    const { target } = showView(() => comparisonOf(many));
    compareButton(target).click();
    await settle();
    expect(target.querySelector('.total')!.textContent!.trim()).toBe('450 changes');
    expect(target.querySelectorAll('.change')).toHaveLength(200);
    const more = target.querySelector('button.more') as HTMLButtonElement;
    expect(more.textContent!.trim()).toBe('Show all 450 containers (250 more)');
    more.click();
    flushSync();
    expect(target.querySelectorAll('.change')).toHaveLength(450);
    expect(target.querySelector('button.more')).toBeNull();
  });
});
