import { describe, expect, it } from 'vitest';
import { ConsoleError } from '../contract/console-errors';
import { CONTROLLER_MACHINE_ID, type LabInventory, type ProbeOutcome } from '../contract/inventory';
import type { OpenStackActionProgress, OpenStackCreated } from '../contract/openstack-actions';
import type { LabSession } from '../lab/lab-session';
import type { CommandResult } from '../transports/command-transport';
import { createOpenStackActionHandlers } from './openstack-action-handlers';
import { createRequestDispatcher, type RequestHandlers } from './request-dispatcher';

const ok = (stdout = ''): CommandResult => ({ exitCode: 0, signal: null, stdout, stderr: '', truncated: false, invalidUtf8: false, durationMs: 1 });
const networksProbe: ProbeOutcome = {
  probeId: 'openstack-networks',
  machineId: CONTROLLER_MACHINE_ID,
  command: 'openstack network list',
  status: 'ok',
  value: { networks: [{ id: 'n-demo', name: 'demo-net', subnets: [], status: 'ACTIVE', project: null, external: false, shared: false, networkType: null, segmentationId: null, mtu: null }] },
  format: 'json',
  problems: [],
  error: null,
} as unknown as ProbeOutcome;
const inventory = {
  labId: 'lab-1',
  refreshing: false,
  refreshedAt: '2026-12-07T22:00:00Z',
  lastRefreshMs: 1,
  machines: [{ id: '3', hostname: 'node03.maas', address: null, roles: [], applications: [], jujuState: null, route: null, routeError: null, hypervisor: null }],
  probes: [networksProbe],
  links: { containers: [], openstack: { unavailable: null, credentials: { path: '~/novarc', kind: 'rc-file', cloud: null, chosenBy: 'found' }, hypervisors: [], servers: [], networks: [], findings: [] } },
} as LabInventory;

/** A live session whose controller answers `openstack` as a lab would, and a snapshot's that refuses. */
function setUp(live: boolean) {
  const ran: { machine: string; argv: readonly string[] }[] = [];
  let created: OpenStackCreated[] = [];
  const progress: OpenStackActionProgress[] = [];
  let refreshed = 0;
  const session = {
    labId: 'lab-1',
    live,
    requireLive: (action: string) => {
      if (!live) throw new ConsoleError('snapshot-read-only', `the lab shown is a snapshot: ${action} needs a live lab`);
    },
    run: async (machine: string, argv: readonly string[]) => {
      ran.push({ machine, argv });
      const args = argv.slice(argv.indexOf('openstack-probe') + 3);
      if (machine !== CONTROLLER_MACHINE_ID) return ok('instance-00000001,RUNNING\n');
      if (args[1] === 'create') return ok(JSON.stringify({ id: 'srv-1', name: args.at(-1) }));
      return ok(JSON.stringify({ id: 'srv-1', name: 'demo-1', status: 'ACTIVE', 'OS-EXT-SRV-ATTR:host': 'node03', 'OS-EXT-SRV-ATTR:instance_name': 'instance-00000001' }));
    },
  } as unknown as LabSession;
  const handlers = createOpenStackActionHandlers({
    session: () => session,
    inventory: () => inventory,
    created: () => created,
    saveCreated: async (next) => void (created = next),
    onProgress: (update) => void progress.push(update),
    refresh: () => void (refreshed += 1),
    sleep: async () => {},
  });
  const dispatch = createRequestDispatcher(handlers as RequestHandlers);
  return { dispatch, ran, progress, created: () => created, refreshed: () => refreshed };
}

const launch = { action: 'launch-instances', namePrefix: 'demo', count: 1, image: 'cirros', flavor: 'm1.tiny', network: 'demo-net' } as const;

describe('OpenStack demo-step requests', () => {
  it('a snapshot (the demo lab too) refuses a plan with why', async () => {
    const { dispatch } = setUp(false);
    const outcome = await dispatch('openstack.plan', launch);
    expect(outcome).toEqual({ ok: false, error: { code: 'snapshot-read-only', message: 'the lab shown is a snapshot: running OpenStack commands needs a live lab' } });
  });

  it('refuses a choice the contract does not allow before anything runs', async () => {
    const { dispatch, ran } = setUp(true);
    const outcome = await dispatch('openstack.plan', { ...launch, count: 99 });
    expect(outcome.ok).toBe(false);
    expect(ran).toEqual([]);
  });

  it('runs a confirmed plan on the controller with the credentials sourced, records the server, follows it to its container, then refreshes', async () => {
    const { dispatch, ran, progress, created, refreshed } = setUp(true);
    const plan = await dispatch('openstack.plan', launch);
    if (!plan.ok) throw new Error(plan.error.message);
    const { planId, steps, credentials } = plan.result as { planId: string; steps: { command: string }[]; credentials: string };
    expect(credentials).toBe('~/novarc');
    expect(steps[0]!.command).toBe('openstack server create --image cirros --flavor m1.tiny --network demo-net -f json demo-1');
    const started = await dispatch('openstack.run', { planId });
    expect(started.ok).toBe(true);
    for (let tries = 0; tries < 200 && progress.at(-1)?.state !== 'succeeded' && progress.at(-1)?.state !== 'failed'; tries += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(progress.at(-1)?.state, JSON.stringify(progress.at(-1))).toBe('succeeded');
    // The rc file is sourced by the probes' wrapper: its path is an argument, never a password.
    expect(ran[0]!.argv.slice(0, 2)).toEqual(['sh', '-c']);
    expect(ran[0]!.argv.slice(3, 5)).toEqual(['openstack-probe', '~/novarc']);
    expect(ran.some((call) => call.machine === '3' && call.argv.join(' ') === 'lxc list --format csv -c ns instance-00000001')).toBe(true);
    expect(created().map((entry) => [entry.labId, entry.kind, entry.id])).toEqual([['lab-1', 'server', 'srv-1']]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(refreshed()).toBe(1);
    // The last run is this lab's, for a page that reloads.
    expect(await dispatch('openstack.latest', null)).toMatchObject({ ok: true, result: { state: 'succeeded', title: 'Launch demo-1' } });
    // A plan runs once.
    expect(await dispatch('openstack.run', { planId })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
