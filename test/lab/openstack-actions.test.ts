// The demo's steps from the console (issue 14 §4) against the real lab and its `openstack`
// stand-in, through the core as the page drives it: plan → confirm (run) → progress streamed.
// Launch one instance: ACTIVE, its container found in lxc list on its host; attach a floating IP;
// then "delete what the console created" removes exactly those (the lab's own servers stay).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleCore, type ConsoleCore } from '../../electron/core/console-core';
import { FileStore } from '../../electron/store/file-store';
import type { RequestOutcome } from '../../electron/contract/console-contract';
import { CONTROLLER_MACHINE_ID, type LabInventory } from '../../electron/contract/inventory';
import { findProbe, probeValue } from '../../electron/contract/probe-models';
import type { OpenStackActionPlan, OpenStackActionProgress, OpenStackCreated, OpenStackRunStarted } from '../../electron/contract/openstack-actions';
import { allInstances, loadLabManifest, type LabManifest } from './lab-manifest';
import { LabSsh } from './lab-ssh';

/** A launch: the stand-in's container init, start and DHCP (3–10 s here) plus the console's polling, on a loaded machine. */
const RUN_LIMIT_MS = 300_000;
/** Connecting and the first full read of the lab, OpenStack included. */
const CONNECT_LIMIT_MS = 240_000;
const PREFIX = 'obx-actions';
const SERVER = `${PREFIX}-1`;

let lab: LabManifest;
let dir: string;
let core: ConsoleCore;
let controller: LabSsh;
const progress: OpenStackActionProgress[] = [];

async function call<T>(name: string, params: unknown): Promise<T> {
  const outcome = (await core.dispatch(name, params)) as RequestOutcome<T>;
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.result;
}

/** Plans, runs, and waits (bounded) for the run's end as streamed. */
async function planAndRun(choice: unknown): Promise<{ plan: OpenStackActionPlan; ended: OpenStackActionProgress }> {
  const plan = await call<OpenStackActionPlan>('openstack.plan', choice);
  const { runId } = await call<OpenStackRunStarted>('openstack.run', { planId: plan.planId });
  const ended = () => progress.find((update) => update.runId === runId && update.state !== 'running') ?? null;
  await expect.poll(ended, { timeout: RUN_LIMIT_MS, interval: 500, message: `${plan.title} did not end within ${RUN_LIMIT_MS / 1000} s` }).not.toBeNull();
  return { plan, ended: ended()! };
}

async function labContainers(): Promise<string[]> {
  return (await controller.run('lxc list --all-projects --format csv -c n')).split('\n').map((line) => line.trim()).filter(Boolean);
}

/** What a run of the networks test that died half-way may have left (each command may find nothing). */
async function removeLeftNetworks(): Promise<void> {
  const steps = [
    'router remove subnet obx-actions-router obx-actions-net-subnet',
    'router unset --external-gateway obx-actions-router',
    'router delete obx-actions-router',
    'subnet delete obx-actions-net-subnet',
    'subnet delete obx-actions-ext-subnet',
    'network delete obx-actions-net',
    'network delete obx-actions-ext',
  ];
  for (const step of steps) await controller.exec(`. ~/novarc && openstack ${step}`);
}

beforeAll(async () => {
  lab = loadLabManifest();
  controller = await LabSsh.connect(lab.controller, lab.user, lab.userKey);
  // A run that died half-way may have left its server: remove it (the console's record was in its scratch state).
  await controller.exec(`. ~/novarc && openstack server delete --wait ${SERVER}`, RUN_LIMIT_MS);
  await removeLeftNetworks();
  dir = await mkdtemp(join(tmpdir(), 'obx-openstack-actions-'));
  core = await createConsoleCore({ host: 'browser', store: new FileStore(join(dir, 'state.json')), knownHostsFiles: [lab.knownHosts], agentSocket: null });
  core.streams.attach((stream, payload) => {
    if (stream === 'openstack.progress') progress.push(payload as OpenStackActionProgress);
  });
  const saved = await call<{ id: string }>('labs.save', {
    name: 'openstack-actions',
    controller: { host: lab.controller.address, port: 22, user: lab.user, identityFile: lab.userKey, sshConfigHost: null },
  });
  await call('lab.connect', { labId: saved.id });
  await call('inventory.refresh', null);
}, CONNECT_LIMIT_MS + RUN_LIMIT_MS);

afterAll(async () => {
  await controller?.exec(`. ~/novarc && openstack server delete --wait ${SERVER}`, RUN_LIMIT_MS).catch(() => undefined);
  await removeLeftNetworks().catch(() => undefined);
  controller?.end();
  await core?.close();
  await rm(dir, { recursive: true, force: true });
}, RUN_LIMIT_MS);

describe('the demo steps from the console, on the real lab', () => {
  it('launches an instance until ACTIVE with its container in lxc list, attaches a floating IP, and deletes only what it created', async () => {
    const before = await labContainers();
    const inventory = (await call<LabInventory>('inventory.get', null))!;
    expect(inventory.links.openstack?.unavailable ?? null, 'OpenStack must be read in the lab').toBeNull();
    const networks = probeValue(findProbe(inventory.probes, CONTROLLER_MACHINE_ID, 'openstack-networks'), 'openstack-networks')!.networks;
    const tenant = allInstances(lab)[0]!.networkName;
    const external = networks.find((network) => network.external === true)!;

    const launched = await planAndRun({ action: 'launch-instances', namePrefix: PREFIX, count: 1, image: 'xenial-lxd', flavor: 'm1.tiny', network: tenant });
    expect(launched.plan.steps[0]!.command).toBe(`openstack server create --image xenial-lxd --flavor m1.tiny --network ${tenant} -f json ${SERVER}`);
    expect(launched.ended.state, JSON.stringify(launched.ended.steps)).toBe('succeeded');
    const found = /container (instance-[0-9a-f]+) on (\S+)/.exec(launched.ended.steps[1]!.detail ?? '');
    expect(found, launched.ended.steps[1]!.detail ?? '').not.toBeNull();
    const container = found![1]!;
    expect(before).not.toContain(container);
    expect(await labContainers()).toContain(container);

    const attached = await planAndRun({ action: 'attach-floating-ip', externalNetwork: external.name, server: SERVER });
    expect(attached.ended.state, JSON.stringify(attached.ended.steps)).toBe('succeeded');
    const address = /^address (\S+)/.exec(attached.ended.steps[0]!.detail ?? '')?.[1];
    expect(address, attached.ended.steps[0]!.detail ?? '').toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const shown = await controller.exec(`. ~/novarc && openstack server show -f json ${SERVER}`);
    expect(shown.stdout).toContain(address!);

    const created = await call<OpenStackCreated[]>('openstack.created', null);
    expect(created.map((entry) => entry.kind)).toEqual(['server', 'floating-ip']);
    const deleted = await planAndRun({ action: 'delete-created' });
    expect(deleted.plan.steps.map((step) => step.command)).toEqual([
      `openstack floating ip delete ${created[1]!.id}`,
      `openstack server delete --wait ${created[0]!.id}`,
    ]);
    expect(deleted.ended.state, JSON.stringify(deleted.ended.steps)).toBe('succeeded');
    expect(await call<OpenStackCreated[]>('openstack.created', null)).toEqual([]);
    const after = await labContainers();
    expect(after).not.toContain(container);
    // The lab's own instances are untouched.
    expect([...after].sort()).toEqual([...before].sort());
  }, RUN_LIMIT_MS * 3 + CONNECT_LIMIT_MS);

  it('creates an external and a tenant network with a router between them, then deletes them in order', async () => {
    const choice = {
      action: 'create-networks',
      external: { name: 'obx-actions-ext', cidr: '198.51.100.0/24', gateway: '198.51.100.1', poolStart: '198.51.100.230', poolEnd: '198.51.100.240', physicalNetwork: 'physnet1' },
      tenant: { name: 'obx-actions-net', cidr: '10.99.0.0/24' },
      router: { name: 'obx-actions-router' },
    };
    const made = await planAndRun(choice);
    expect(made.ended.state, JSON.stringify(made.ended.steps)).toBe('succeeded');
    const router = JSON.parse((await controller.exec('. ~/novarc && openstack router show -f json obx-actions-router')).stdout) as Record<string, unknown>;
    expect(JSON.stringify(router['external_gateway_info'])).toContain((await call<OpenStackCreated[]>('openstack.created', null)).find((entry) => entry.name === 'obx-actions-ext')!.id);
    const deleted = await planAndRun({ action: 'delete-created' });
    expect(deleted.plan.steps.map((step) => step.command.replace(/ [0-9a-f-]{36}/g, ' <id>'))).toEqual([
      'openstack router remove subnet <id> <id>',
      'openstack router unset --external-gateway <id>',
      'openstack router delete <id>',
      'openstack subnet delete <id>',
      'openstack subnet delete <id>',
      'openstack network delete <id>',
      'openstack network delete <id>',
    ]);
    expect(deleted.ended.state, JSON.stringify(deleted.ended.steps)).toBe('succeeded');
    expect(await call<OpenStackCreated[]>('openstack.created', null)).toEqual([]);
    const left = (await controller.run('. ~/novarc && openstack network list -f value -c Name')).split('\n');
    expect(left).not.toContain('obx-actions-ext');
    expect(left).not.toContain('obx-actions-net');
  }, RUN_LIMIT_MS * 2);
});
