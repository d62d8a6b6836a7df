// The palette's way to a table: "Routes in qrouter-…", "NAT rules in qrouter-…", "ARP table on
// node02ob64", each opening the namespace's card (Network) or the machine's card (Nodes) with that
// table open, its heading's summary as the entry's detail.
import type { LabInventory } from '../../electron/contract/inventory';
import type { NetTable, ViewFocus } from '../state/view-focus';
import { hostNameOf } from '../state/inventory-reading';
import { namespacesOf } from '../views/nodes/machine-terminal-targets';
import { neighboursSummary, readTableProbes, routesSummary, rulesSummary, type NetTablesReading } from '../views/network/tables/net-tables';
import type { PaletteEntry } from './palette-entries';

const TABLES: { table: NetTable; title: string; keywords: string; summary: (tables: Omit<NetTablesReading, 'natPairs'>) => string }[] = [
  { table: 'routes', title: 'Routes', keywords: 'ip route default gateway table', summary: (tables) => routesSummary(tables.routes, false) },
  { table: 'neighbours', title: 'ARP table', keywords: 'ip neigh neighbours arp mac lladdr', summary: (tables) => neighboursSummary(tables.neighbours) },
  { table: 'rules', title: 'NAT rules', keywords: 'nft list ruleset iptables-save firewall filter dnat snat floating', summary: (tables) => rulesSummary(tables.rules) },
];

export function netTableEntries(inventory: LabInventory): PaletteEntry[] {
  const entries: PaletteEntry[] = [];
  for (const listing of inventory.probes) {
    if (listing.probeId !== 'ip-netns' || listing.status === 'failed') continue;
    const machineId = listing.machineId;
    for (const namespace of namespacesOf([listing])) {
      const tables = readTableProbes(inventory, machineId, namespace.name);
      const where = `${namespace.kind} on ${hostNameOf(inventory, machineId)}`;
      for (const { table, title, keywords, summary } of TABLES) {
        const focus: ViewFocus = { view: 'network', machineId, namespace: namespace.name, table };
        entries.push({ id: `namespace:${machineId}/${namespace.name}:${table}`, kind: 'namespace', title: `${title} in ${namespace.name}`, detail: `${where} · ${summary(tables)}`, keywords: `network namespace ${keywords}`, command: { type: 'show', view: 'network', focus } });
      }
    }
  }
  for (const machine of inventory.machines) {
    if (!machine.roles.includes('compute') && !machine.roles.includes('gateway')) continue;
    const host = hostNameOf(inventory, machine.id);
    const tables = readTableProbes(inventory, machine.id, null);
    for (const { table, title, keywords, summary } of TABLES) {
      const focus: ViewFocus = { view: 'nodes', machineId: machine.id, part: table };
      entries.push({ id: `machine:${machine.id}:${table}`, kind: 'machine', title: `${title} on ${host}`, detail: `machine ${machine.id} · ${summary(tables)}`, keywords: `node host ${keywords}`, command: { type: 'show', view: 'nodes', focus } });
    }
  }
  return entries;
}
