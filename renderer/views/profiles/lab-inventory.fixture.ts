// For the unit tests only: an inventory built the way the core builds it, from outputs the lab's
// node05ob64 (machine 24) really printed — `lxc profile list --format json`, `lxc list --format
// json` and `ovs-vsctl --format=json list Interface` — run through the real parsers and linker.
import type { InventoryMachine, LabInventory, ProbeOutcome } from '../../../electron/contract/inventory';
import { linkInventory } from '../../../electron/inventory/inventory-links';
import { parsers } from '../../../electron/probes/parsers/index';
import { fixture } from '../../../test/unit/parsers/fixtures';

export const LAB_MACHINE_ID = '24';
export const LAB_NODE = 'node05ob64';

export function outcome(machineId: string, probeId: string, value: unknown, overrides: Partial<ProbeOutcome> = {}): ProbeOutcome {
  return { machineId, probeId, command: probeId, startedAt: '2026-01-01T00:00:00.000Z', durationMs: 1, status: 'ok', value, format: 'json', problems: [], error: null, ...overrides };
}

export function machine(id: string, hostname: string | null, roles: InventoryMachine['roles']): InventoryMachine {
  return { id, hostname, address: null, roles, applications: [], jujuState: 'started', route: null, routeError: null, hypervisor: null };
}

export function labInventory(extraProbes: ProbeOutcome[] = [], machines: InventoryMachine[] = [machine(LAB_MACHINE_ID, LAB_NODE, ['compute'])]): LabInventory {
  const probes = [
    outcome(LAB_MACHINE_ID, 'lxc-profiles', parsers['lxc-profile-list'](fixture('lxc-profile', 'lab-lxd-5.0.2-profile-list.json.txt')).value),
    outcome(LAB_MACHINE_ID, 'lxc-list', parsers['lxc-list'](fixture('lxc-list', 'lab-lxd-5.0.2.json.txt')).value),
    outcome(LAB_MACHINE_ID, 'ovs-interfaces', parsers['ovs-list'](fixture('ovs-list', 'lab-ovs-3.1.0-interface-name-external_ids-type.json.txt')).value),
    ...extraProbes,
  ];
  return { labId: 'lab', refreshing: false, refreshedAt: null, lastRefreshMs: null, machines, probes, links: linkInventory(probes) };
}
