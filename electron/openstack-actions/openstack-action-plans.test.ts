import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { OpenStackActionChoice, type OpenStackCreated } from '../contract/openstack-actions';
import type { OpenStackNetwork, OpenStackServer } from '../contract/openstack-model';
import { describeStep, PlanRefused, PROPOSED_NETWORKS, workOutPlan, type OpenStackHoldings } from './openstack-action-plans';

const network = (id: string, name: string, external: boolean): OpenStackNetwork => ({ id, name, subnets: [], status: 'ACTIVE', project: null, external, shared: false, networkType: null, segmentationId: null, mtu: null });
const server = (id: string, name: string): OpenStackServer => ({ id, name, status: 'ACTIVE', powerState: 'Running', taskState: null, host: 'node03', instanceName: 'instance-00000001', image: 'cirros', flavor: 'm1.tiny', networks: [], project: null, availabilityZone: null });
const empty: OpenStackHoldings = { networks: [], subnets: [], routers: [], servers: [] };
const demo: OpenStackHoldings = { ...empty, networks: [network('n-ext', 'ext-net', true), network('n-demo', 'demo-net', false)], servers: [server('s-1', 'lxc-test-1')] };
const commands = (plan: ReturnType<typeof workOutPlan>) => plan.steps.map((step) => describeStep(step).command);
const created = (kind: OpenStackCreated['kind'], id: string, name: string, routerId: string | null = null): OpenStackCreated => ({ labId: 'lab-1', kind, id, name, routerId, createdAt: '2026-12-07T22:00:00Z' });

describe('OpenStack action plans', () => {
  it('creates the external and tenant networks, their subnets and a router between them, in that order', () => {
    const plan = workOutPlan(PROPOSED_NETWORKS, empty, []);
    expect(commands(plan)).toEqual([
      'openstack network create --external --provider-network-type flat --provider-physical-network physnet1 -f json ext-net',
      'openstack subnet create --network ext-net --subnet-range 198.51.100.0/24 --no-dhcp --gateway 198.51.100.1 --allocation-pool start=198.51.100.100,end=198.51.100.200 -f json ext-net-subnet',
      'openstack network create -f json demo-net',
      'openstack subnet create --network demo-net --subnet-range 10.20.0.0/24 -f json demo-net-subnet',
      'openstack router create -f json demo-router',
      'openstack router set --external-gateway ext-net demo-router',
      'openstack router add subnet demo-router demo-net-subnet',
    ]);
  });

  it('refuses a name OpenStack already has, overlapping ranges, and a gateway outside the range, saying what to change', () => {
    expect(() => workOutPlan(PROPOSED_NETWORKS, demo, [])).toThrow(/already has a network named ext-net/);
    const overlapping = { ...PROPOSED_NETWORKS, tenant: { name: 't', cidr: '198.51.100.128/25' } };
    expect(() => workOutPlan(overlapping, empty, [])).toThrow(/overlap/);
    const outside = { ...PROPOSED_NETWORKS, external: { ...PROPOSED_NETWORKS.external, gateway: '10.0.0.1' } };
    expect(() => workOutPlan(outside, empty, [])).toThrow(PlanRefused);
  });

  it('launches N servers named prefix-1 … prefix-N, then follows them to ACTIVE and their containers', () => {
    const plan = workOutPlan({ action: 'launch-instances', namePrefix: 'demo', count: 2, image: 'cirros', flavor: 'm1.tiny', network: 'demo-net' }, demo, []);
    expect(commands(plan)).toEqual([
      'openstack server create --image cirros --flavor m1.tiny --network demo-net -f json demo-1',
      'openstack server create --image cirros --flavor m1.tiny --network demo-net -f json demo-2',
      "openstack server show -f json <id of demo-1> <id of demo-2> (each, until ACTIVE); lxc list on each server's host",
    ]);
    expect(() => workOutPlan({ action: 'launch-instances', namePrefix: 'lxc-test', count: 1, image: 'cirros', flavor: 'm1.tiny', network: 'demo-net' }, demo, [])).toThrow(/server named lxc-test-1/);
    expect(() => workOutPlan({ action: 'launch-instances', namePrefix: 'x', count: 1, image: 'cirros', flavor: 'm1.tiny', network: 'nowhere' }, demo, [])).toThrow(/no network nowhere/);
  });

  it('allocates a floating IP on an external network and attaches the address it printed', () => {
    const plan = workOutPlan({ action: 'attach-floating-ip', externalNetwork: 'ext-net', server: 'lxc-test-1' }, demo, []);
    expect(commands(plan)).toEqual(['openstack floating ip create -f json ext-net', 'openstack server add floating ip lxc-test-1 <the address allocated above>']);
    expect(() => workOutPlan({ action: 'attach-floating-ip', externalNetwork: 'demo-net', server: 'lxc-test-1' }, demo, [])).toThrow(/not an external network/);
    // A server the console launched a moment ago, before the lab is read again.
    expect(commands(workOutPlan({ action: 'attach-floating-ip', externalNetwork: 'ext-net', server: 'demo-1' }, demo, [created('server', 's-9', 'demo-1')]))[1]).toBe('openstack server add floating ip demo-1 <the address allocated above>');
    expect(() => workOutPlan({ action: 'attach-floating-ip', externalNetwork: 'ext-net', server: 'demo-1' }, demo, [])).toThrow(/no server demo-1/);
  });

  it('deletes only what the console recorded, floating IPs first and networks last', () => {
    const record = [
      created('network', 'n-ext', 'ext-net'),
      created('subnet', 'sn-ext', 'ext-net-subnet'),
      created('network', 'n-demo', 'demo-net'),
      created('subnet', 'sn-demo', 'demo-net-subnet'),
      created('router', 'r-1', 'demo-router'),
      created('router-gateway', 'n-ext', 'ext-net', 'r-1'),
      created('router-interface', 'sn-demo', 'demo-net-subnet', 'r-1'),
      created('server', 's-9', 'demo-1'),
      created('floating-ip', 'f-1', '198.51.100.120'),
    ];
    const plan = workOutPlan({ action: 'delete-created' }, demo, record);
    expect(commands(plan)).toEqual([
      'openstack floating ip delete f-1',
      'openstack server delete --wait s-9',
      'openstack router remove subnet r-1 sn-demo',
      'openstack router unset --external-gateway r-1',
      'openstack router delete r-1',
      'openstack subnet delete sn-demo',
      'openstack subnet delete sn-ext',
      'openstack network delete n-demo',
      'openstack network delete n-ext',
    ]);
    // The server lxc-test-1 (s-1) was there before: it is not in the plan.
    expect(commands(plan).join('\n')).not.toContain('s-1');
    expect(workOutPlan({ action: 'delete-created' }, demo, []).notes[0]).toMatch(/nothing to delete/);
  });

  it('the contract refuses choices that are not names, ranges or counts an engineer means', () => {
    const bad = [
      { ...PROPOSED_NETWORKS, external: { ...PROPOSED_NETWORKS.external, name: '--external' } },
      { ...PROPOSED_NETWORKS, tenant: { name: 'demo', cidr: '10.20.0.0/31' } },
      { action: 'launch-instances', namePrefix: 'demo', count: 0, image: 'cirros', flavor: 'm1.tiny', network: 'demo-net' },
      { action: 'launch-instances', namePrefix: 'demo; rm -rf', count: 1, image: 'cirros', flavor: 'm1.tiny', network: 'demo-net' },
      { action: 'attach-floating-ip', externalNetwork: '', server: 'lxc-test-1' },
      { action: 'reboot-everything' },
    ];
    for (const choice of bad) expect(v.safeParse(OpenStackActionChoice, choice).success, JSON.stringify(choice)).toBe(false);
    expect(v.safeParse(OpenStackActionChoice, PROPOSED_NETWORKS).success).toBe(true);
  });
});
