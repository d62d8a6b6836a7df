// The OpenStack view's demo steps mounted in a DOM on the walkthrough's lab: the page talks to the
// core's real OpenStack-action handlers (plans, run, progress stream) through the real dispatcher,
// whose lab session is a scripted controller answering like python-openstackclient and LXD.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { flushSync, mount, tick, unmount } from 'svelte';
import OpenStackView from './OpenStackView.svelte';
import { ConsoleState } from '../../state/console-state.svelte';
import { CONTROLLER_MACHINE_ID, type LabInventory } from '../../../electron/contract/inventory';
import type { ConsoleApi } from '../../../electron/contract/console-contract';
import type { ConnectionState } from '../../../electron/contract/payloads';
import type { OpenStackActionProgress, OpenStackCreated } from '../../../electron/contract/openstack-actions';
import { ConsoleRequestError } from '../../../electron/contract/console-errors';
import type { LabSession } from '../../../electron/lab/lab-session';
import { createOpenStackActionHandlers } from '../../../electron/core/openstack-action-handlers';
import { createRequestDispatcher, type RequestHandlers } from '../../../electron/core/request-dispatcher';
import { openStackLab } from './openstack-lab.fixture';

const CONNECTED: ConnectionState = { labId: 'lab', labName: 'OrangeBox64', phase: 'connected', detail: 'ubuntu@127.0.1.1:22', since: '2026-12-07T10:00:00.000Z' };
/** How long the scripted run may take to end here (it has no real waits; the bound keeps a broken run from hanging the test). */
const RUN_END_MS = 10_000;

beforeAll(() => {
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
});

let component: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (component) unmount(component);
  component = null;
  document.body.innerHTML = '';
});

function labWithImagesAndFlavors(): LabInventory {
  const inventory = openStackLab();
  const outcome = (probeId: string, value: unknown) => ({ machineId: CONTROLLER_MACHINE_ID, probeId, command: probeId, startedAt: '2026-12-07T10:00:00.000Z', durationMs: 1, status: 'ok' as const, value, format: 'json', problems: [], error: null });
  inventory.probes.push(
    outcome('openstack-images', { images: [{ id: 'img-1', name: 'cirros', status: 'active', diskFormat: 'raw', containerFormat: 'bare', sizeBytes: 1 }] }),
    outcome('openstack-flavors', { flavors: [{ id: '1', name: 'm1.tiny', ramMb: 512, diskGb: 1, vcpus: 1, isPublic: true }] }),
  );
  return inventory;
}

/** The core's handlers on a controller that launches a server, shows it ACTIVE, and an LXD that lists its container. */
function scriptedCore(inventory: LabInventory) {
  const ran: string[] = [];
  let created: OpenStackCreated[] = [];
  const listeners = new Set<(progress: OpenStackActionProgress) => void>();
  const session = {
    labId: 'lab',
    live: true,
    requireLive: () => {},
    run: async (machine: string, argv: readonly string[]) => {
      const args = machine === CONTROLLER_MACHINE_ID ? argv.slice(argv.indexOf('openstack-probe') + 3) : argv;
      ran.push(`${machine}: ${args.join(' ')}`);
      const ok = (stdout: string) => ({ exitCode: 0, signal: null, stdout, stderr: '', truncated: false, invalidUtf8: false, durationMs: 1 });
      if (machine !== CONTROLLER_MACHINE_ID) return ok('instance-0000000d,RUNNING\n');
      if (args[1] === 'create') return ok(JSON.stringify({ id: 'srv-new', name: args.at(-1), status: 'BUILD' }));
      return ok(JSON.stringify({ id: 'srv-new', name: 'demo-1', status: 'ACTIVE', 'OS-EXT-SRV-ATTR:host': 'node03ob64', 'OS-EXT-SRV-ATTR:instance_name': 'instance-0000000d' }));
    },
  } as unknown as LabSession;
  const handlers = createOpenStackActionHandlers({
    session: () => session,
    inventory: () => inventory,
    created: () => created,
    saveCreated: async (next) => void (created = next),
    onProgress: (progress) => listeners.forEach((listener) => listener(progress)),
    refresh: () => {},
    sleep: async () => {},
  });
  const dispatch = createRequestDispatcher(handlers as RequestHandlers);
  const api = {
    request: async (name: string, params: unknown) => {
      const outcome = await dispatch(name, params);
      if (!outcome.ok) throw new ConsoleRequestError(outcome.error.code, outcome.error.message, name);
      return outcome.result;
    },
    listen: (stream: string, listener: (payload: OpenStackActionProgress) => void) => {
      if (stream === 'openstack.progress') listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as ConsoleApi;
  return { api, ran, created: () => created };
}

async function render(inventory: LabInventory, connection: ConnectionState) {
  const consoleState = new ConsoleState();
  consoleState.inventory = inventory;
  consoleState.connection = connection;
  const core = scriptedCore(inventory);
  consoleState.openstackActions.attach(core.api);
  const target = document.body.appendChild(document.createElement('div'));
  component = mount(OpenStackView, { target, props: { consoleState } });
  flushSync();
  return { target, core, consoleState };
}

const button = (root: ParentNode, label: string) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((candidate) => candidate.textContent!.trim().startsWith(label))!;
const settle = async () => {
  for (let i = 0; i < 5; i += 1) await tick();
  await new Promise((resolve) => setTimeout(resolve, 0));
  flushSync();
};

describe('OpenStack demo steps', () => {
  it('launches an instance: choices from the lists, the exact commands to confirm, then each step streamed to done', async () => {
    const { target, core } = await render(labWithImagesAndFlavors(), CONNECTED);
    button(target, 'Launch instances…').click();
    flushSync();
    const dialog = target.querySelector<HTMLElement>('[data-testid="openstack-action-dialog"]')!;
    const selects = [...dialog.querySelectorAll('select')].map((select) => select.value);
    expect(selects).toEqual(['cirros', 'm1.tiny', 'private']);
    const names = dialog.querySelector<HTMLInputElement>('input[type="text"]')!;
    names.value = 'demo';
    names.dispatchEvent(new Event('input'));
    flushSync();
    button(dialog, 'Show the commands…').click();
    await settle();

    const plan = target.querySelector<HTMLElement>('[data-testid="openstack-plan"]')!;
    expect([...plan.querySelectorAll('li code')].map((code) => code.textContent)).toEqual([
      'openstack server create --image cirros --flavor m1.tiny --network private -f json demo-1',
      "openstack server show -f json <id of demo-1> (each, until ACTIVE); lxc list on each server's host",
    ]);
    expect(plan.textContent).toContain('after sourcing ~/novarc');
    expect(core.ran).toEqual([]);

    button(plan, 'Run 2 steps').click();
    const endBy = Date.now() + RUN_END_MS;
    let progress = target.querySelector<HTMLElement>('[data-testid="openstack-progress"]');
    while (progress?.dataset.state !== 'succeeded' && Date.now() < endBy) {
      await settle();
      progress = target.querySelector<HTMLElement>('[data-testid="openstack-progress"]');
    }
    expect(progress?.dataset.state, progress?.textContent ?? 'no progress shown').toBe('succeeded');
    expect([...progress!.querySelectorAll('li')].map((item) => item.dataset.status)).toEqual(['done', 'done']);
    expect(progress!.textContent).toContain('demo-1: ACTIVE, container instance-0000000d on node03ob64');
    expect(core.ran).toContain('22: lxc list --format csv -c ns instance-0000000d');
    expect(core.created().map((entry) => [entry.kind, entry.id, entry.name])).toEqual([['server', 'srv-new', 'demo-1']]);
  });

  it('a name OpenStack already has is refused in words, in the form, before anything runs', async () => {
    const { target, core } = await render(labWithImagesAndFlavors(), CONNECTED);
    button(target, 'Launch instances…').click();
    flushSync();
    button(target, 'Show the commands…').click();
    await settle();
    expect(target.querySelector('[data-testid="openstack-action-dialog"] [role="alert"]')?.textContent).toBe(
      'OpenStack already has a server named lxc-test-1: choose another name (names must be unique for the commands to be unambiguous)',
    );
    expect(core.ran).toEqual([]);
  });

  it('a snapshot shows the steps unavailable and says why', async () => {
    const { target } = await render(labWithImagesAndFlavors(), { ...CONNECTED, snapshot: { labName: 'OrangeBox64', takenAt: '2026-12-07T10:00:00.000Z', kind: 'demo', file: null } });
    const steps = target.querySelector<HTMLElement>('[data-testid="openstack-demo-steps"]')!;
    expect([...steps.querySelectorAll('button')].every((candidate) => candidate.disabled)).toBe(true);
    expect(steps.textContent).toContain('A snapshot is read-only: this needs a live lab. This is the demo lab');
  });
});
