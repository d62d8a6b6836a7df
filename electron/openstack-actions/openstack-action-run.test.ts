import { describe, expect, it } from 'vitest';
import type { OpenStackActionProgress, OpenStackCreated } from '../contract/openstack-actions';
import type { CommandResult } from '../transports/command-transport';
import { PROPOSED_NETWORKS, SERVER_ACTIVE_TIMEOUT_MS, workOutPlan, type OpenStackHoldings } from './openstack-action-plans';
import { runActionPlan, startingProgress, type ActionRunDeps } from './openstack-action-run';

const ok = (stdout = ''): CommandResult => ({ exitCode: 0, signal: null, stdout, stderr: '', truncated: false, invalidUtf8: false, durationMs: 1 });
const failed = (stderr: string): CommandResult => ({ ...ok(), exitCode: 1, stderr });
const holdings: OpenStackHoldings = {
  networks: [{ id: 'n-demo', name: 'demo-net', subnets: [], status: 'ACTIVE', project: null, external: false, shared: false, networkType: null, segmentationId: null, mtu: null }],
  subnets: [],
  routers: [],
  servers: [],
};

/** A lab that answers as OpenStack and LXD would, scripted per test. */
function fakeLab(answer: (args: readonly string[]) => CommandResult, onHost: (host: string, argv: readonly string[]) => CommandResult = () => ok()) {
  let clock = 0;
  const record: OpenStackCreated[] = [];
  const ran: string[] = [];
  const progress: OpenStackActionProgress[] = [];
  const deps: ActionRunDeps = {
    labId: 'lab-1',
    openstack: async (args) => (ran.push(`openstack ${args.join(' ')}`), answer(args)),
    onHost: async (host, argv) => (ran.push(`${host}: ${argv.join(' ')}`), onHost(host, argv)),
    explain: () => null,
    remember: async (entry) => void record.push(entry),
    forget: async (entry) => void record.splice(record.findIndex((other) => other.id === entry.id && other.kind === entry.kind), 1),
    onProgress: (update) => void progress.push(update),
    sleep: async (ms) => void (clock += ms),
    now: () => clock,
  };
  return { deps, record, ran, progress };
}

const run = (lab: ReturnType<typeof fakeLab>, plan: ReturnType<typeof workOutPlan>) =>
  runActionPlan(lab.deps, startingProgress('run-1', 'plan-1', 'launch-instances', plan.title, plan.steps), plan.steps);

describe('running an OpenStack action plan', () => {
  it('records each object the moment OpenStack returns its id, the router interface with its router', async () => {
    let n = 0;
    const lab = fakeLab((args) => (args.includes('-f') ? ok(JSON.stringify({ id: `id-${++n}`, name: args.at(-1) })) : ok()));
    const done = await run(lab, workOutPlan(PROPOSED_NETWORKS, { ...holdings, networks: [] }, []));
    expect(done.state).toBe('succeeded');
    expect(lab.record.map((entry) => [entry.kind, entry.id, entry.routerId])).toEqual([
      ['network', 'id-1', null],
      ['subnet', 'id-2', null],
      ['network', 'id-3', null],
      ['subnet', 'id-4', null],
      ['router', 'id-5', null],
      ['router-gateway', 'id-1', 'id-5'],
      ['router-interface', 'id-4', 'id-5'],
    ]);
  });

  it('follows a launched server from BUILD to ACTIVE, then until its container is in lxc list on its host', async () => {
    let shows = 0;
    let lists = 0;
    const lab = fakeLab(
      (args) => {
        if (args[1] === 'create') return ok(JSON.stringify({ id: 'srv-1', name: 'demo-1', status: 'BUILD' }));
        shows += 1;
        const status = shows < 3 ? 'BUILD' : 'ACTIVE';
        return ok(JSON.stringify({ id: 'srv-1', name: 'demo-1', status, 'OS-EXT-SRV-ATTR:host': 'node03', 'OS-EXT-SRV-ATTR:instance_name': 'instance-0000000c' }));
      },
      () => (++lists < 2 ? ok('') : ok('instance-0000000c,RUNNING\n')),
    );
    const done = await run(lab, workOutPlan({ action: 'launch-instances', namePrefix: 'demo', count: 1, image: 'cirros', flavor: 'm1.tiny', network: 'demo-net' }, holdings, []));
    expect(done.state).toBe('succeeded');
    expect(done.steps[1]!.detail).toBe('demo-1: ACTIVE, container instance-0000000c on node03');
    expect(lab.ran).toContain('node03: lxc list --format csv -c ns instance-0000000c');
    expect(lab.record.map((entry) => entry.id)).toEqual(['srv-1']);
  });

  it('stops following at the time limit, saying which server is late, and keeps it recorded for deletion', async () => {
    const lab = fakeLab((args) => (args[1] === 'create' ? ok(JSON.stringify({ id: 'srv-1', name: 'demo-1' })) : ok(JSON.stringify({ id: 'srv-1', name: 'demo-1', status: 'BUILD' }))));
    const done = await run(lab, workOutPlan({ action: 'launch-instances', namePrefix: 'demo', count: 1, image: 'cirros', flavor: 'm1.tiny', network: 'demo-net' }, holdings, []));
    expect(done.state).toBe('failed');
    expect(done.steps[1]!.error).toContain(`not ACTIVE after ${SERVER_ACTIVE_TIMEOUT_MS / 60_000} minutes: demo-1 (BUILD)`);
    expect(lab.record).toHaveLength(1);
  });

  it('says a failed step in OpenStack’s words and skips the rest', async () => {
    const lab = fakeLab((args) => (args[0] === 'subnet' ? failed('BadRequestException: 400: Client Error for url: …, Invalid input for operation: gateway_ip 10.0.0.1 does not match.') : ok(JSON.stringify({ id: 'n-1', name: 'ext-net' }))));
    const done = await run(lab, workOutPlan(PROPOSED_NETWORKS, { ...holdings, networks: [] }, []));
    expect(done.state).toBe('failed');
    expect(done.steps.map((step) => step.status)).toEqual(['done', 'failed', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped']);
    expect(done.steps[1]!.error).toMatch(/^openstack said: BadRequestException: 400/);
    expect(lab.record.map((entry) => entry.name)).toEqual(['ext-net']);
  });

  it('deleting forgets each entry once done, and one OpenStack no longer has', async () => {
    const entry = (kind: OpenStackCreated['kind'], id: string): OpenStackCreated => ({ labId: 'lab-1', kind, id, name: id, routerId: null, createdAt: '' });
    const lab = fakeLab((args) => (args[0] === 'network' ? failed('Error while executing command: No Network found for n-1') : ok()));
    lab.record.push(entry('network', 'n-1'), entry('server', 's-1'));
    const done = await run(lab, workOutPlan({ action: 'delete-created' }, holdings, [...lab.record]));
    expect(done.state).toBe('succeeded');
    expect(lab.ran).toEqual(['openstack server delete --wait s-1', 'openstack network delete n-1']);
    expect(done.steps[1]!.detail).toMatch(/already gone/);
    expect(lab.record).toEqual([]);
  });
});
