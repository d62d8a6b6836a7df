// The lab diff on realistic inventories: the demo lab (the walkthrough's OrangeBox, every probe
// read) and the hand-made snapshot (machines unreached), read through the ordinary keeper, then
// changed the way a lab changes: a container stopped, a unit's agent lost, things added and removed.
import { beforeAll, describe, expect, it } from 'vitest';
import type { LabInventory, ProbeOutcome } from '../contract/inventory';
import type { FirewallRules, IpAddr, IpNetns, JujuStatus, LxcList, LxcProfileList } from '../contract/lab-model';
import { readBundledDemo } from './demo/bundled-demo';
import { readSnapshotInventory } from './snapshot-inventory';
import { diffInventories } from './lab-diff';
import { handMadeSnapshot } from '../../test/support/hand-made-snapshot';

let demo: LabInventory;
let handMade: LabInventory;

beforeAll(async () => {
  demo = (await readSnapshotInventory(await readBundledDemo())).inventory;
  handMade = (await readSnapshotInventory(handMadeSnapshot())).inventory;
});

/** A copy of the inventory with one probe's value changed by `change` (which may edit it in place). */
function withProbe<T>(inventory: LabInventory, machineId: string, probeId: string, change: (value: T) => void): LabInventory {
  const copy = structuredClone(inventory);
  const outcome = copy.probes.find((candidate) => candidate.machineId === machineId && candidate.probeId === probeId);
  if (!outcome) throw new Error(`no ${probeId} on ${machineId} in this inventory`);
  change(outcome.value as T);
  return copy;
}

function withOutcome(inventory: LabInventory, machineId: string, probeId: string, change: (outcome: ProbeOutcome) => void): LabInventory {
  const copy = structuredClone(inventory);
  change(copy.probes.find((candidate) => candidate.machineId === machineId && candidate.probeId === probeId)!);
  return copy;
}

/** A copy of the inventory whose namespace's NAT rules make `pairs` (whether or not it had such a reading). */
function withNatPairs(inventory: LabInventory, namespace: string, pairs: FirewallRules['natPairs']): LabInventory {
  const copy = structuredClone(inventory);
  const probeId = `netns-firewall:${namespace}`;
  const model = copy.probes.find((outcome) => outcome.machineId === '26' && outcome.probeId === `netns-route:${namespace}`)!;
  copy.probes = [...copy.probes.filter((outcome) => outcome.probeId !== probeId), { ...model, probeId, value: { source: 'nft', rules: [], natPairs: pairs } satisfies FirewallRules }];
  return copy;
}

const juju = (inventory: LabInventory, change: (status: JujuStatus) => void) => withProbe<JujuStatus>(inventory, 'controller', 'juju-status', change);
const summary = (inventory: LabInventory) =>
  diffInventories(demo, inventory).changes.map((change) => `${change.kind} ${change.title}: ${change.fields.map((field) => `${field.field} ${field.before ?? 'none'} → ${field.after ?? 'none'}`).join(', ')}`);

describe('diffInventories', () => {
  it('finds nothing between an inventory and itself, and nothing it could not compare', () => {
    const same = diffInventories(demo, structuredClone(demo));
    expect(same.changes).toEqual([]);
    expect(same.notCompared).toEqual([]);
    expect(Object.values(same.counts).every((count) => count.added + count.removed + count.changed === 0)).toBe(true);
  });

  it('reports a container stopped (state and address) and its unit and application losing their agent, and nothing else', () => {
    let after = withProbe<LxcList>(demo, '25', 'lxc-list', (list) => {
      const instance = list.instances.find((candidate) => candidate.name === 'instance-0000000c')!;
      instance.state = 'STOPPED';
      instance.ipv4 = [];
    });
    after = juju(after, (status) => {
      const unit = status.units.find((candidate) => candidate.name === 'openstack-dashboard/0')!;
      Object.assign(unit, { workloadStatus: 'unknown', agentStatus: 'lost', message: "agent lost, see 'juju show-status-log openstack-dashboard/0'" });
      Object.assign(status.applications.find((candidate) => candidate.name === 'openstack-dashboard')!, { status: 'unknown', message: unit.message });
    });
    const diff = diffInventories(demo, after);
    expect(diff.changes).toEqual([
      {
        id: 'container:25/instance-0000000c',
        kind: 'changed',
        object: { type: 'container', machineId: '25', host: 'node07ob64', container: 'instance-0000000c' },
        title: 'container instance-0000000c on node07ob64',
        fields: [
          { field: 'state', label: 'state', before: 'RUNNING', after: 'STOPPED' },
          { field: 'ipv4', label: 'address', before: '192.168.20.12 (eth0)', after: null },
        ],
      },
      {
        id: 'application:openstack-dashboard',
        kind: 'changed',
        object: { type: 'application', application: 'openstack-dashboard' },
        title: 'application openstack-dashboard',
        fields: [
          { field: 'status', label: 'status', before: 'active', after: 'unknown' },
          { field: 'message', label: 'message', before: null, after: "agent lost, see 'juju show-status-log openstack-dashboard/0'" },
        ],
      },
      {
        id: 'unit:openstack-dashboard/0',
        kind: 'changed',
        object: { type: 'unit', unit: 'openstack-dashboard/0', application: 'openstack-dashboard' },
        title: 'unit openstack-dashboard/0',
        fields: [
          { field: 'workloadStatus', label: 'workload', before: 'active', after: 'unknown' },
          { field: 'agentStatus', label: 'agent', before: 'idle', after: 'lost' },
          { field: 'message', label: 'message', before: 'Unit is ready', after: "agent lost, see 'juju show-status-log openstack-dashboard/0'" },
        ],
      },
    ]);
    expect(diff.counts.container).toEqual({ added: 0, removed: 0, changed: 1 });
    expect(diff.counts.unit).toEqual({ added: 0, removed: 0, changed: 1 });
    expect(diff.counts.application).toEqual({ added: 0, removed: 0, changed: 1 });
    expect(diff.counts.machine).toEqual({ added: 0, removed: 0, changed: 0 });
  });

  it('reports containers added and removed with what they were', () => {
    const after = withProbe<LxcList>(demo, '25', 'lxc-list', (list) => {
      const removed = list.instances.findIndex((candidate) => candidate.name === 'instance-00000012');
      const [gone] = list.instances.splice(removed, 1);
      list.instances.push({ ...gone!, name: 'instance-00000014', state: 'STARTING', ipv4: [] });
    });
    expect(summary(after)).toEqual(['removed container instance-00000012 on node07ob64: state RUNNING → none, ipv4 192.168.20.7 (eth0) → none', 'added container instance-00000014 on node07ob64: state none → STARTING']);
  });

  it('reports a machine added with its Juju state, and not each of its containers', () => {
    const after = structuredClone(demo);
    const status = after.probes.find((outcome) => outcome.probeId === 'juju-status')!.value as JujuStatus;
    status.machines.push({ ...status.machines.find((machine) => machine.id === '24')!, id: '27', address: '172.27.64.11' });
    after.machines.push({ ...after.machines.find((machine) => machine.id === '24')!, id: '27', hostname: 'node08ob64', address: '172.27.64.11' });
    // Its probes, copied from machine 24: a whole new compute node with containers.
    for (const outcome of after.probes.filter((candidate) => candidate.machineId === '24')) after.probes.push({ ...structuredClone(outcome), machineId: '27' });
    const diff = diffInventories(demo, after);
    expect(diff.changes.map((change) => `${change.kind} ${change.id}`)).toEqual(['added machine:27']);
    expect(diff.changes[0]!.title).toBe('machine 27 (node08ob64)');
    expect(diff.changes[0]!.fields).toEqual([
      { field: 'state', label: 'state', before: null, after: 'started' },
      { field: 'address', label: 'address', before: null, after: '172.27.64.11' },
    ]);
  });

  it('summarises a profile change as the config keys and devices that changed', () => {
    const after = withProbe<LxcProfileList>(demo, '25', 'lxc-profiles', (list) => {
      const profile = list.profiles.find((candidate) => candidate.name === 'instance-00000014')!;
      profile.config['limits.memory'] = '4096MB';
      delete profile.config['boot.autostart'];
      profile.devices.root = { path: '/', pool: 'default', size: '20GB', type: 'disk' };
    });
    const [change] = diffInventories(demo, after).changes;
    expect(change).toMatchObject({ id: 'profile:25/instance-00000014', kind: 'changed', object: { type: 'profile', machineId: '25', profile: 'instance-00000014' } });
    expect(change!.fields).toEqual([
      { field: 'config boot.autostart', label: 'config boot.autostart', before: 'True', after: null },
      { field: 'config limits.memory', label: 'config limits.memory', before: '2048MB', after: '4096MB' },
      { field: 'device root', label: 'device root', before: 'path=/ size=0GB type=disk', after: 'path=/ pool=default size=20GB type=disk' },
    ]);
  });

  it('reports a namespace removed and another whose addresses and interfaces changed', () => {
    const router = 'qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566';
    let after = withProbe<IpNetns>(demo, '26', 'ip-netns', (list) => {
      list.namespaces = list.namespaces.filter((namespace) => namespace.name !== 'qdhcp-ac7bafe8-3c37-48ba-8c24-98be14f4d9f7');
    });
    after = withProbe<IpAddr>(after, '26', `netns-addr:${router}`, (addr) => {
      const gateway = addr.interfaces.find((iface) => iface.name.startsWith('qg-'))!;
      gateway.addresses = gateway.addresses.filter((entry) => entry.address !== '119.115.26.136');
      gateway.state = 'DOWN';
    });
    const diff = diffInventories(demo, after);
    expect(diff.changes.map((change) => `${change.kind} ${change.title}: ${change.fields.map((field) => field.field).join(', ')}`)).toEqual([
      'removed namespace qdhcp-ac7bafe8-3c37-48ba-8c24-98be14f4d9f7 on node02ob64: kind',
      `changed namespace ${router} on node02ob64: addresses, interfaces`,
    ]);
    expect(diff.changes[1]!.fields[1]).toEqual({ field: 'interfaces', label: 'interfaces', before: 'qg-e5f6a7b8-26 UNKNOWN, qr-a1b2c3d4-20 UNKNOWN', after: 'qg-e5f6a7b8-26 DOWN, qr-a1b2c3d4-20 UNKNOWN' });
    expect(diff.counts.namespace).toEqual({ added: 0, removed: 1, changed: 1 });
  });

  it('reports a floating address whose NAT rules changed; a reading from before NAT rules were read compares none', () => {
    const router = 'qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566';
    const pair = { floating: '119.115.26.136', fixed: '10.0.0.12', dnat: true, snat: true };
    const before = withNatPairs(demo, router, [pair]);
    const after = withNatPairs(demo, router, [{ ...pair, snat: false }]);
    const diff = diffInventories(before, after);
    expect(diff.changes.map((change) => `${change.kind} ${change.title}: ${change.fields.map((field) => field.field).join(', ')}`)).toEqual([`changed namespace ${router} on node02ob64: natPairs`]);
    expect(diff.changes[0]!.fields[0]).toEqual({ field: 'natPairs', label: 'floating ↔ fixed (NAT)', before: '119.115.26.136 ↔ 10.0.0.12', after: '119.115.26.136 ↔ 10.0.0.12 (DNAT only)' });
    const older = structuredClone(before);
    older.probes = older.probes.filter((outcome) => !outcome.probeId.startsWith('netns-firewall:'));
    const fromOlder = diffInventories(older, after);
    expect(fromOlder.changes).toEqual([]);
    expect(fromOlder.notCompared.filter((entry) => entry.what.includes(router))).toEqual([]);
  });

  it('reports relations and applications added and removed', () => {
    const after = juju(demo, (status) => {
      status.relations = status.relations.filter((relation) => !(relation.application === 'glance' && relation.relatedApplication === 'keystone'));
      status.applications.push({ ...status.applications.find((application) => application.name === 'glance')!, name: 'cinder', charm: 'cinder', charmRev: 257 });
    });
    const diff = diffInventories(demo, after);
    expect(diff.changes.map((change) => `${change.kind} ${change.title}`)).toEqual(['added application cinder', expect.stringMatching(/^removed relation glance(:\S+)? ↔ keystone(:\S+)?$/)]);
    expect(diff.counts.relation.removed).toBe(1);
  });

  it('does not report the containers of a machine it could not read as removed: it says they were not compared, and why', () => {
    const after = withOutcome(demo, '25', 'lxc-list', (outcome) => {
      Object.assign(outcome, { status: 'failed', value: null, error: { code: 'command-exit', message: 'permission denied' } });
    });
    const diff = diffInventories(demo, after);
    expect(diff.changes).toEqual([]);
    expect(diff.notCompared).toEqual([{ what: 'containers on node07ob64 (machine 25)', reason: 'lxc list on node07ob64 (machine 25) failed: permission denied (in the after reading)', machineId: '25' }]);
  });

  it('does not compare a namespace’s addresses when one reading could not read them (sudo refused), and says so', () => {
    const router = 'qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566';
    const after = withOutcome(demo, '26', `netns-addr:${router}`, (outcome) => {
      Object.assign(outcome, { status: 'failed', value: null, error: { code: 'command-exit', message: 'sudo: a password is required' } });
    });
    const diff = diffInventories(demo, after);
    expect(diff.changes).toEqual([]);
    expect(diff.notCompared).toEqual([
      { what: `addresses and interfaces of namespace ${router} on node02ob64 (machine 26)`, reason: `ip addr in ${router} on node02ob64 (machine 26) failed: sudo: a password is required (in the after reading)`, machineId: '26' },
    ]);
  });

  it('compares an unreachable machine only by what Juju says of it, and names what it did not read', () => {
    const after = structuredClone(handMade);
    const diff = diffInventories(handMade, after);
    expect(diff.changes).toEqual([]);
    expect(diff.notCompared.map((entry) => entry.what)).toEqual(['containers and LXD profiles on machine 21', 'containers and LXD profiles on machine 23', 'containers and LXD profiles on machine 24', 'containers and LXD profiles on machine 25']);
    expect(diff.notCompared[0]!.reason).toMatch(/^machine 21 cannot be reached: connect ECONNREFUSED 172\.27\.64\.3:22; .* \(in both readings\)$/);
  });

  it('reports a machine becoming unreachable as its route, not as its hostname or containers gone', () => {
    const after = structuredClone(demo);
    const machine = after.machines.find((candidate) => candidate.id === '22')!;
    Object.assign(machine, { hostname: null, routeError: { code: 'ssh-unreachable', message: 'connect ECONNREFUSED 172.27.64.4:22' } });
    after.probes = after.probes.filter((outcome) => outcome.machineId !== '22');
    const diff = diffInventories(demo, after);
    expect(diff.changes.map((change) => `${change.kind} ${change.title}: ${change.fields.map((field) => `${field.field} ${field.before} → ${field.after}`).join(', ')}`)).toEqual(['changed machine 22: route reached → unreachable']);
    expect(diff.notCompared).toEqual([{ what: 'containers and LXD profiles on node03ob64 (machine 22)', reason: 'connect ECONNREFUSED 172.27.64.4:22 (in the after reading)', machineId: '22' }]);
  });

  it('gives the same list whatever order the probes, containers and units were read in', () => {
    const after = juju(
      withProbe<LxcList>(demo, '22', 'lxc-list', (list) => {
        list.instances[0]!.state = 'STOPPED';
      }),
      (status) => {
        status.units[3]!.agentStatus = 'lost';
      },
    );
    const shuffled = structuredClone(after);
    shuffled.probes.reverse();
    (shuffled.probes.find((outcome) => outcome.probeId === 'juju-status')!.value as JujuStatus).units.reverse();
    (shuffled.probes.find((outcome) => outcome.machineId === '22' && outcome.probeId === 'lxc-list')!.value as LxcList).instances.reverse();
    shuffled.machines.reverse();
    expect(diffInventories(demo, shuffled)).toEqual(diffInventories(demo, after));
    expect(diffInventories(demo, after).changes.map((change) => change.object.type)).toEqual(['container', 'unit']);
  });
});
