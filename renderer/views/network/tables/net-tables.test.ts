// The tables' readings and arrangement, pure: which probe each table reads (a namespace's or the
// machine's own), the pairs' owners (OpenStack's port first, then lxc list), chains in printed order.
import { describe, expect, it } from 'vitest';
import { readNetTables, routesInOrder, ruleGroups, rulesCommand, rulesSummary } from './net-tables';
import { addressOwners, ownerFor } from './nat-pair-owners';
import { DEAD_FIXED, GATEWAY, netTablesLab, QROUTER } from './net-tables.fixture';
import { labWithoutOpenStack, SERVER_2 } from '../../openstack/openstack-lab.fixture';
import type { LabInventory } from '../../../../electron/contract/inventory';

describe('reading a card’s tables', () => {
  it('reads a namespace’s tables from its per-namespace probes and the machine’s from its own', () => {
    const lab = netTablesLab();
    const namespace = readNetTables(lab, GATEWAY, QROUTER);
    expect([namespace.routes, namespace.neighbours, namespace.rules].map((reading) => reading.outcome?.probeId)).toEqual([`netns-route:${QROUTER}`, `netns-neigh:${QROUTER}`, `netns-firewall:${QROUTER}`]);
    const machine = readNetTables(lab, '22');
    expect([machine.routes, machine.neighbours, machine.rules].map((reading) => reading.outcome?.probeId)).toEqual(['routes', 'neigh', 'firewall']);
  });

  it('joins each NAT pair to who has the fixed address, and none to an address nothing has', () => {
    const pairs = readNetTables(netTablesLab(), GATEWAY, QROUTER).natPairs;
    expect(pairs.map((pair) => [pair.floating, pair.owner?.container ?? null, pair.owner?.server ?? null, pair.kind])).toEqual([
      ['198.51.100.31', 'instance-0000000c', 'lxc-test-1', 'DNAT+SNAT'],
      ['198.51.100.32', 'instance-00000012', 'lxc-test-2', 'DNAT+SNAT'],
      ['198.51.100.40', null, null, 'DNAT+SNAT'],
    ]);
    expect(pairs.find((pair) => pair.fixed === DEAD_FIXED)!.owner).toBeNull();
  });

  it('has no pairs when the rules were not read', () => {
    const lab = netTablesLab();
    expect(readNetTables(lab, '24').natPairs).toEqual([]);
    expect(rulesSummary(readNetTables(lab, '24').rules)).toBe('could not be read');
  });
});

/** An inventory whose gateway itself (not a namespace) NATs `floating` to `fixed`. */
const withMachineNat = (inventory: LabInventory, floating: string, fixed: string): LabInventory => ({
  ...inventory,
  probes: [
    ...inventory.probes,
    { machineId: GATEWAY, probeId: 'firewall', command: 'sudo -n nft list ruleset', startedAt: '2026-12-07T10:00:00.000Z', durationMs: 3, status: 'ok', value: { source: 'nft', rules: [], natPairs: [{ floating, fixed, dnat: true, snat: false }] }, format: 'text', problems: [], error: null },
  ],
});

describe('who has a fixed address', () => {
  it('prefers the port the router NATs for, then the container lxc list shows', () => {
    const owners = addressOwners(withMachineNat(netTablesLab(), '198.51.100.99', '10.5.5.99'));
    expect(ownerFor(owners, '10.5.5.12', QROUTER)).toMatchObject({ container: 'instance-00000012', machineId: '24', server: 'lxc-test-2', serverId: SERVER_2, qrouterNamespace: QROUTER });
    // A container Nova does not know (lxc list only).
    expect(ownerFor(owners, '10.5.5.99', null)).toMatchObject({ container: 'instance-000000ff', machineId: '22', server: null });
  });

  it('finds the container without OpenStack, from lxc list', () => {
    expect(ownerFor(addressOwners(withMachineNat(labWithoutOpenStack(), '198.51.100.31', '10.5.5.11')), '10.5.5.11', null)).toMatchObject({ container: 'instance-0000000c', machineId: '22', server: null });
  });

  it('looks only for the addresses the NAT rules name', () => {
    const owners = addressOwners(netTablesLab());
    expect([...owners.keys()].sort()).toEqual(['10.5.5.11', '10.5.5.12']);
  });

  it('marks a pair translated one way only', () => {
    const [pair] = readNetTables(withMachineNat(netTablesLab(), '198.51.100.99', '10.5.5.99'), GATEWAY).natPairs;
    expect(pair).toMatchObject({ kind: 'DNAT only', oneSided: true, owner: { container: 'instance-000000ff' } });
  });
});

describe('the rules’ command to run by hand', () => {
  it('names the tool that printed them, as root, in the namespace; both tools when neither printed a rule', () => {
    expect(rulesCommand('nft', QROUTER)).toBe(`sudo ip netns exec ${QROUTER} nft list ruleset`);
    expect(rulesCommand('iptables', null)).toBe('sudo iptables-save');
    expect(rulesCommand(null, null)).toBe('sudo nft list ruleset; sudo iptables-save');
  });
});

describe('arranging rows', () => {
  it('puts default routes first, the rest as printed', () => {
    const route = (destination: string) => ({ destination, gateway: null, device: 'eth0', protocol: null, scope: null, metric: null, source: null, type: null });
    expect(routesInOrder([route('10.0.0.0/8'), route('default'), route('::/0'), route('10.5.5.0/24')]).map((entry) => entry.destination)).toEqual(['default', '::/0', '10.0.0.0/8', '10.5.5.0/24']);
  });

  it('groups rules by family, table and chain in the order printed, counting the NAT ones', () => {
    const rule = (family: string, table: string, chain: string, action: string | null, line: number) => ({ family, table, chain, text: `rule ${line}`, action, target: null, line });
    const groups = ruleGroups([rule('ip', 'nat', 'POSTROUTING', 'masquerade', 1), rule('ip', 'filter', 'INPUT', 'accept', 2), rule('ip', 'nat', 'POSTROUTING', 'return', 3), rule('ip6', 'nat', 'POSTROUTING', 'snat', 4)]);
    expect(groups.map((group) => [group.key, group.rules.map((entry) => entry.line), group.natRules])).toEqual([
      ['ip nat POSTROUTING', [1, 3], 1],
      ['ip filter INPUT', [2], 0],
      ['ip6 nat POSTROUTING', [4], 1],
    ]);
  });
});
