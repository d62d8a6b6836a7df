import { describe, expect, it } from 'vitest';
import type { JujuStatus } from '../../electron/contract/lab-model';
import type { TerminalInfo } from '../../electron/contract/terminals';
import { parsers } from '../../electron/probes/parsers/index';
import { fixture } from '../../test/unit/parsers/fixtures';
import { LAB_MACHINE_ID, LAB_NODE, labInventory, machine, outcome } from '../views/profiles/lab-inventory.fixture';
import { paletteEntries, type PaletteEntry, type PaletteSource } from './palette-entries';
import { relationKey } from '../views/overview/overview-marks';

/** The gateway of the walkthrough (machine 26); the lab's `ip netns` output is filed under it. */
const GATEWAY_ID = '26';
const GATEWAY_NODE = 'node02ob64';
const ROUTER = 'qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566';

const jujuStatus = () => parsers['juju-status'](fixture('juju-status', 'walkthrough-2.0.1-tabular.txt')).value as JujuStatus;

function source(overrides: Partial<PaletteSource> = {}, status: JujuStatus = jujuStatus()): PaletteSource {
  const inventory = labInventory(
    [outcome('controller', 'juju-status', status), outcome(GATEWAY_ID, 'ip-netns', parsers['ip-netns'](fixture('ip-netns', 'lab-iproute2-6.1-with-ids.txt')).value)],
    [machine(LAB_MACHINE_ID, LAB_NODE, ['compute']), machine(GATEWAY_ID, GATEWAY_NODE, ['gateway'])],
  );
  return { inventory, terminals: [], labs: [], connection: null, presentationMode: false, theme: 'dark', ...overrides };
}

const byId = (entries: PaletteEntry[], id: string) => {
  const entry = entries.find((candidate) => candidate.id === id);
  if (!entry) throw new Error(`no entry ${id} among ${entries.map((candidate) => candidate.id).join(', ')}`);
  return entry;
};

describe('palette entries from a real-shaped inventory', () => {
  const entries = paletteEntries(source());

  it('lists every application and unit juju status shows, each leading to its own row in Overview', () => {
    const status = jujuStatus();
    for (const application of status.applications) expect(byId(entries, `application:${application.name}`).command).toEqual({ type: 'show', view: 'overview', focus: { view: 'overview', target: { kind: 'application', name: application.name } } });
    for (const unit of status.units) expect(byId(entries, `unit:${unit.name}`)).toMatchObject({ title: unit.name, command: { type: 'show', view: 'overview', focus: { view: 'overview', target: { kind: 'unit', name: unit.name } } } });
    expect(byId(entries, 'application:nova-compute').detail).toContain('scale 3');
  });

  it('lists every Juju machine and container, and every relation, each leading to its row in Overview', () => {
    const status = jujuStatus();
    for (const machine of status.machines) expect(byId(entries, `juju-machine:${machine.id}`).command).toEqual({ type: 'show', view: 'overview', focus: { view: 'overview', target: { kind: 'machine', id: machine.id } } });
    expect(byId(entries, 'juju-machine:22/lxd/1')).toMatchObject({ kind: 'machine', title: 'Juju machine 22/lxd/1' });
    // glance provides identity-service to keystone in the walkthrough's juju status.
    expect(byId(entries, 'relation:glance:identity-service keystone')).toMatchObject({ kind: 'relation', title: 'glance:identity-service ↔ keystone', command: { focus: { view: 'overview', target: { kind: 'relation', key: 'glance:identity-service keystone' } } } });
    for (const relation of status.relations) expect(byId(entries, `relation:${relationKey(relation)}`).kind).toBe('relation');
  });

  it('opens a unit’s terminal on its machine, or in the LXD container Juju put it in', () => {
    expect(byId(entries, 'unit:nova-compute/2:terminal').command).toEqual({ type: 'open-terminal', target: { kind: 'machine', machineId: '24' } });
    expect(byId(entries, 'unit:nova-compute/2:terminal').detail).toBe(`shell on ${LAB_NODE} (machine 24)`);
    // A unit in 24/lxd/0: the linker tied that Juju machine to the container juju-79fcc7-24-lxd-0.
    const status = jujuStatus();
    const inContainer = { ...status.units[0]!, name: 'ceilometer/0', application: 'ceilometer', machine: '24/lxd/0' };
    const withContainerUnit = paletteEntries(source({}, { ...status, units: [...status.units, inContainer] }));
    expect(byId(withContainerUnit, 'unit:ceilometer/0:terminal').command).toEqual({ type: 'open-terminal', target: { kind: 'container', machineId: LAB_MACHINE_ID, container: 'juju-79fcc7-24-lxd-0' } });
  });

  it('offers each machine in Nodes, a shell on it and juju ssh to it', () => {
    expect(byId(entries, `machine:${LAB_MACHINE_ID}`)).toMatchObject({ title: `${LAB_NODE} (machine 24)`, command: { type: 'show', view: 'nodes', focus: { view: 'nodes', machineId: LAB_MACHINE_ID } } });
    expect(byId(entries, `machine:${GATEWAY_ID}:shell`)).toMatchObject({ title: `Shell on ${GATEWAY_NODE}`, command: { type: 'open-terminal', target: { kind: 'machine', machineId: GATEWAY_ID } } });
    expect(byId(entries, `machine:${GATEWAY_ID}:juju-ssh`).command).toEqual({ type: 'open-terminal', target: { kind: 'juju-ssh', machineId: GATEWAY_ID } });
  });

  it('gives every container lxc list shows a terminal, its profile, its plumbing and a ping of its address', () => {
    const list = labInventory().probes.find((probe) => probe.probeId === 'lxc-list')!.value as { instances: { name: string; ipv4: { address: string }[] }[] };
    expect(list.instances.length).toBeGreaterThan(0);
    for (const instance of list.instances) {
      const key = `container:${LAB_MACHINE_ID}/${instance.name}`;
      expect(byId(entries, `${key}:terminal`)).toMatchObject({ title: `Terminal into ${instance.name}`, command: { type: 'open-terminal', target: { kind: 'container', machineId: LAB_MACHINE_ID, container: instance.name } } });
      expect(byId(entries, `${key}:plumbing`).command).toEqual({ type: 'show', view: 'network', focus: { view: 'network', machineId: LAB_MACHINE_ID, container: instance.name } });
      expect(byId(entries, `${key}:ping`).command).toEqual({ type: 'show', view: 'diagnostics', focus: { view: 'diagnostics', targets: instance.ipv4.map((entry) => entry.address) } });
      expect(byId(entries, key).detail).toContain(LAB_NODE);
      expect(byId(entries, key).detail).toContain(instance.ipv4[0]!.address);
    }
    // nova-lxd names the instance's profile after it; Juju's container has default + juju-default.
    expect(byId(entries, `container:${LAB_MACHINE_ID}/instance-00000012:profile`).command).toEqual({ type: 'show', view: 'profiles', focus: { view: 'profiles', machineId: LAB_MACHINE_ID, profile: 'instance-00000012' } });
    expect(byId(entries, `container:${LAB_MACHINE_ID}/juju-79fcc7-24-lxd-0:profile`).command).toMatchObject({ focus: { profile: 'juju-default' } });
  });

  it('offers a shell in, a ping from and the Network view of every gateway namespace', () => {
    expect(byId(entries, `namespace:${GATEWAY_ID}/${ROUTER}:shell`)).toMatchObject({ title: `Shell in ${ROUTER}`, detail: `qrouter on ${GATEWAY_NODE}`, command: { type: 'open-terminal', target: { kind: 'namespace', machineId: GATEWAY_ID, namespace: ROUTER } } });
    expect(byId(entries, `namespace:${GATEWAY_ID}/${ROUTER}:ping`).command).toEqual({ type: 'show', view: 'diagnostics', focus: { view: 'diagnostics', targets: [], source: { kind: 'namespace', machineId: GATEWAY_ID, namespace: ROUTER } } });
    expect(entries.filter((entry) => entry.id.endsWith(':shell') && entry.kind === 'namespace')).toHaveLength(4);
  });

  it('lists the LXD profiles of each node', () => {
    expect(byId(entries, `profile:${LAB_MACHINE_ID}/instance-00000014`).command).toEqual({ type: 'show', view: 'profiles', focus: { view: 'profiles', machineId: LAB_MACHINE_ID, profile: 'instance-00000014' } });
  });

  it('lists the views with their shortcut and the console’s actions', () => {
    expect(byId(entries, 'view:nodes')).toMatchObject({ title: 'Go to Nodes', shortcut: 'Alt+2' });
    for (const id of ['action:refresh', 'action:presentation', 'action:theme', 'action:manage-labs', 'action:local-shell', 'action:settings']) byId(entries, id);
    expect(byId(entries, 'action:theme').title).toBe('Toggle theme (to light)');
  });

  it('switches to open terminals and offers Connect or Disconnect as the connection stands', () => {
    const terminal: TerminalInfo = { id: 'term-0123456789ab', target: { kind: 'container', machineId: '24', container: 'instance-00000012' }, title: `lxc exec instance-00000012 on ${LAB_NODE}`, state: 'running', exitCode: null, detail: null, cols: 80, rows: 24, recordingPath: null, inBroadcast: false, createdAt: '2026-01-01T00:00:00.000Z' };
    const lab = { id: 'lab-1', name: 'OrangeBox64', controller: { host: '127.0.1.1', port: 22, user: 'ubuntu' }, createdAt: '2026-01-01T00:00:00.000Z', routes: {} } as unknown as PaletteSource['labs'][number];
    const disconnected = paletteEntries(source({ terminals: [terminal], labs: [lab], connection: { labId: 'lab-1', labName: 'OrangeBox64', phase: 'not-connected', detail: '', since: '' } }));
    expect(byId(disconnected, `terminal:${terminal.id}`)).toMatchObject({ title: `Switch to ${terminal.title}`, detail: 'running', command: { type: 'switch-terminal', id: terminal.id } });
    expect(byId(disconnected, 'connect:lab-1')).toMatchObject({ title: 'Connect to OrangeBox64', command: { type: 'connect', labId: 'lab-1' } });
    const connected = paletteEntries(source({ labs: [lab], connection: { labId: 'lab-1', labName: 'OrangeBox64', phase: 'connected', detail: 'ubuntu@127.0.1.1:22', since: '' } }));
    expect(byId(connected, 'action:disconnect').title).toBe('Disconnect from OrangeBox64');
    expect(connected.some((entry) => entry.id === 'connect:lab-1')).toBe(false);
  });

  it('offers no shell on a lab machine while a snapshot is shown (only this computer’s), and still every object', () => {
    const live = paletteEntries(source());
    const shown = paletteEntries(source({ connection: { labId: 'snapshot-1', labName: 'demo', phase: 'connected', detail: '', since: '', snapshot: { labName: 'demo', takenAt: '2016-12-07T10:00:00.000Z', kind: 'demo', file: null } } }));
    const opensShell = (entry: PaletteEntry) => entry.command.type === 'open-terminal';
    expect(live.filter(opensShell).length).toBeGreaterThan(1);
    expect(shown.filter(opensShell).map((entry) => entry.id)).toEqual(['action:local-shell']);
    expect(shown.filter((entry) => entry.kind === 'container').length).toBeGreaterThan(0);
  });

  it('leaves out what a missing or failed probe did not show, and still offers views and actions', () => {
    const bare = source();
    bare.inventory = { ...bare.inventory!, probes: bare.inventory!.probes.map((probe) => (probe.probeId === 'juju-status' ? { ...probe, status: 'failed' as const, value: null } : probe)).filter((probe) => probe.probeId !== 'ip-netns') };
    const entries = paletteEntries(bare);
    expect(entries.some((entry) => entry.kind === 'application' || entry.kind === 'unit' || entry.kind === 'namespace')).toBe(false);
    expect(entries.some((entry) => entry.kind === 'container')).toBe(true);
    const empty = paletteEntries({ ...source(), inventory: null });
    expect(new Set(empty.map((entry) => entry.kind))).toEqual(new Set(['action', 'view']));
    expect(empty.some((entry) => entry.id === 'view:overview')).toBe(true);
  });
});
