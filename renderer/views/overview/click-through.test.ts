// Click-through from the walkthrough's Juju model into the lab's views and terminals.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseJujuStatus } from '../../../electron/probes/parsers/juju-status';
import type { LabInventory } from '../../../electron/contract/inventory';
import { hostOf, indexLab, machineClickThrough, machineTerminal, unitTerminal } from './click-through';

const walkthrough = parseJujuStatus(readFileSync(new URL('../../../test/fixtures/outputs/juju-status/walkthrough-2.0.1-tabular.txt', import.meta.url), 'utf8')).value;
const unit = (name: string) => walkthrough.units.find((candidate) => candidate.name === name)!;

const inventory: LabInventory = {
  labId: 'lab-000000000001',
  refreshing: false,
  refreshedAt: null,
  lastRefreshMs: null,
  probes: [],
  machines: ['22', '23', '24', '26'].map((id) => ({ id, hostname: null, address: null, roles: [], applications: [], jujuState: 'started', route: null, routeError: null, hypervisor: null })),
  links: { containers: [{ container: 'juju-79fcc7-23-lxd-0', machineId: '23', state: 'RUNNING', profiles: ['default'], nics: [], jujuMachineId: '23/lxd/0', units: ['keystone/0'] }] },
};

describe('click-through from the Juju model', () => {
  it('tells a Juju container from a machine', () => {
    expect([hostOf('23/lxd/0'), hostOf('23')]).toEqual(['23', null]);
  });

  it('sends a machine to Nodes and a Juju container to Containers, filtered to its LXD name', () => {
    const lab = indexLab(walkthrough, inventory);
    expect(machineClickThrough('26', lab)).toMatchObject({ view: 'nodes', focus: { view: 'nodes', machineId: '26' } });
    expect(machineClickThrough('23/lxd/0', lab)).toMatchObject({ view: 'containers', focus: { view: 'containers', filter: 'juju-79fcc7-23-lxd-0' } });
    // Without the inventory's link, juju status's instance id names the container.
    const instanceId = walkthrough.machines.find((machine) => machine.id === '22/lxd/1')!.instanceId!;
    expect(indexLab(walkthrough, null).containerOf.get('22/lxd/1')).toBe(instanceId);
    expect(machineClickThrough('22/lxd/1', indexLab(walkthrough, null)).focus).toEqual({ view: 'containers', filter: instanceId });
  });

  it('opens a unit’s terminal in its container or on its machine, and says why it cannot', () => {
    // The walkthrough ran keystone on machine 23 itself; the lab runs it in 23/lxd/0.
    const lab = indexLab(walkthrough, inventory);
    const inContainer = { ...unit('keystone/0'), machine: '23/lxd/0' };
    expect(unitTerminal(inContainer, lab).target).toEqual({ kind: 'container', machineId: '23', container: 'juju-79fcc7-23-lxd-0' });
    expect(unitTerminal(unit('keystone/0'), lab).target).toEqual({ kind: 'machine', machineId: '23' });
    expect(unitTerminal(unit('neutron-gateway/0'), lab).target).toEqual({ kind: 'machine', machineId: '26' });
    const onMissingMachine = walkthrough.units.find((candidate) => candidate.machine === '25')!;
    expect(unitTerminal(onMissingMachine, lab)).toEqual({ target: null, reason: 'machine 25 is not in the lab\'s inventory (not reached yet)' });
    expect(unitTerminal({ ...unit('keystone/0'), machine: null }, lab).target).toBeNull();
    expect(unitTerminal(unit('keystone/0'), indexLab(walkthrough, null)).target).toBeNull();
  });

  it('opens a machine’s terminal on it and a Juju container’s inside it, and says why it cannot', () => {
    const lab = indexLab(walkthrough, inventory);
    expect(machineTerminal('26', lab)).toEqual({ target: { kind: 'machine', machineId: '26' }, label: 'Terminal on machine 26' });
    expect(machineTerminal('23/lxd/0', lab)).toEqual({ target: { kind: 'container', machineId: '23', container: 'juju-79fcc7-23-lxd-0' }, label: 'Terminal in juju-79fcc7-23-lxd-0 on machine 23' });
    // Without the inventory's link, juju status's instance id names the container.
    const instanceId = walkthrough.machines.find((machine) => machine.id === '22/lxd/1')!.instanceId!;
    expect(machineTerminal('22/lxd/1', lab).target).toEqual({ kind: 'container', machineId: '22', container: instanceId });
    expect(machineTerminal('25', lab)).toEqual({ target: null, reason: 'machine 25 is not in the lab\'s inventory (not reached yet)' });
    expect(machineTerminal('23/lxd/7', lab)).toEqual({ target: null, reason: 'the LXD name of Juju machine 23/lxd/7 is not known yet' });
  });
});
