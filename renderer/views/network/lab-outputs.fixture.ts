// For the Network view's tests: an inventory built the way the core builds it, from real command
// outputs captured on the lab (test/fixtures/outputs, see its README) run through the real parsers
// and the real linker. Compute node 24 (node05ob64) has its own `lxc list` and profiles; gateway 26
// (node02ob64) has `ip netns` and the qrouter's `ip addr`/`ip route` (the qdhcp ones were not
// captured, so those probes are absent, as they are before a refresh reaches them).
import { readFileSync } from 'node:fs';
import type { InventoryMachine, LabInventory, ProbeOutcome } from '../../../electron/contract/inventory';
import { linkInventory } from '../../../electron/inventory/inventory-links';
import { parsers, type ParseKind } from '../../../electron/probes/parsers/index';

export const ROUTER_NAMESPACE = 'qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566';

export const fixtureText = (path: string) => readFileSync(new URL(`../../../test/fixtures/outputs/${path}`, import.meta.url), 'utf8');

export function outcome(machineId: string, probeId: string, kind: ParseKind, path: string, command = `${kind} (fixture ${path})`): ProbeOutcome {
  const parsed = parsers[kind](fixtureText(path));
  return {
    machineId,
    probeId,
    command,
    startedAt: '2026-11-22T05:48:18.000Z',
    durationMs: 40,
    status: 'ok',
    value: parsed.value,
    format: parsed.format,
    problems: parsed.problems,
    error: null,
  };
}

export function failedOutcome(machineId: string, probeId: string, command: string, message: string): ProbeOutcome {
  return { machineId, probeId, command, startedAt: '2026-11-22T05:48:18.000Z', durationMs: 40, status: 'failed', value: null, format: null, problems: [], error: { code: 'command-exit', message } };
}

const machine = (id: string, hostname: string, roles: InventoryMachine['roles']): InventoryMachine => ({
  id,
  hostname,
  address: null,
  roles,
  applications: [],
  jujuState: 'started',
  route: { kind: 'jump', label: `through the controller`, chosenBy: 'auto', note: null },
  routeError: null,
  hypervisor: null,
});

export function computeProbes(machineId: string): ProbeOutcome[] {
  return [
    outcome(machineId, 'lxc-list', 'lxc-list', 'lxc-list/lab-lxd-5.0.2.json.txt'),
    outcome(machineId, 'lxc-profiles', 'lxc-profile-list', 'lxc-profile/lab-lxd-5.0.2-profile-list.json.txt'),
    outcome(machineId, 'ovs-vsctl', 'ovs-vsctl', 'ovs-vsctl/lab-ovs-3.1.0-show.txt', 'sudo -n ovs-vsctl show'),
    outcome(machineId, 'ovs-interfaces', 'ovs-list', 'ovs-list/lab-ovs-3.1.0-interface-name-external_ids-type.json.txt'),
    outcome(machineId, 'links', 'ip-link', 'ip-link/lab-host-iproute2-6.1.json.txt', 'ip -d -j link'),
  ];
}

export function gatewayProbes(machineId: string): ProbeOutcome[] {
  return [
    outcome(machineId, 'ip-netns', 'ip-netns', 'ip-netns/lab-iproute2-6.1-with-ids.txt', 'ip netns list'),
    outcome(machineId, `netns-addr:${ROUTER_NAMESPACE}`, 'ip-addr', 'ip-addr/lab-qrouter-iproute2-6.1.json.txt'),
    outcome(machineId, `netns-route:${ROUTER_NAMESPACE}`, 'ip-route', 'ip-route/lab-qrouter-iproute2-6.1.json.txt'),
    outcome(machineId, 'ovs-vsctl', 'ovs-vsctl', 'ovs-vsctl/lab-ovs-3.1.0-show.txt', 'sudo -n ovs-vsctl show'),
    outcome(machineId, 'links', 'ip-link', 'ip-link/lab-host-iproute2-6.1.json.txt', 'ip -d -j link'),
  ];
}

/** The lab as its probes saw it: controller, compute node 24, gateway 26. */
export function labInventory(probes: ProbeOutcome[] = [...computeProbes('24'), ...gatewayProbes('26')]): LabInventory {
  return {
    labId: 'lab-fixture',
    refreshing: false,
    refreshedAt: '2026-11-22T05:48:19.000Z',
    lastRefreshMs: 900,
    machines: [machine('controller', 'OrangeBox64', ['controller']), machine('24', 'node05ob64', ['compute']), machine('26', 'node02ob64', ['gateway'])],
    probes,
    links: linkInventory(probes),
  };
}
