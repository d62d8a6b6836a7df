// A namespace's or a machine's own tables as the walkthrough reads them by hand (`ip neigh`,
// `ip route`, `nft list ruleset` / `iptables-save`, in `ip netns exec NS` for a namespace): read
// from their probes (the core parsed them; the page only arranges rows), each with the reason when
// it could not be read, so a failed probe never shows as an empty table.
import type { LabInventory } from '../../../../electron/contract/inventory';
import type { FirewallRule, FirewallRules, IpNeighbour, IpNeighbours, IpRoute, IpRoutes } from '../../../../electron/contract/lab-model';
import { readProbe, type ProbeReading } from '../probe-reading';
import { addressOwners, natPairRows, type NatPairRow } from './nat-pair-owners';

export interface NetTablesReading {
  /** The namespace they were read in; null for the machine itself. */
  namespace: string | null;
  routes: ProbeReading<IpRoutes>;
  neighbours: ProbeReading<IpNeighbours>;
  rules: ProbeReading<FirewallRules>;
  /** The rules' floating ↔ fixed pairs with who has the fixed address; empty when the rules were not read. */
  natPairs: NatPairRow[];
}

/**
 * A table shows this many rows before "Show all": a namespace has a handful of routes and
 * neighbours, a compute node's iptables chains run to hundreds of rules, and a gateway with a few
 * hundred namespaces must stay one screen per card.
 */
export const ROWS_BEFORE_FOLD = 8;

/** The three probes' readings alone (what a summary needs), for the machine or one of its namespaces. */
export function readTableProbes(inventory: LabInventory, machineId: string, namespace: string | null): Omit<NetTablesReading, 'natPairs'> {
  return namespace === null
    ? { namespace, routes: readProbe(inventory, machineId, 'routes'), neighbours: readProbe(inventory, machineId, 'neigh'), rules: readProbe(inventory, machineId, 'firewall') }
    : { namespace, routes: readProbe(inventory, machineId, 'netns-route', namespace), neighbours: readProbe(inventory, machineId, 'netns-neigh', namespace), rules: readProbe(inventory, machineId, 'netns-firewall', namespace) };
}

/** The machine's own tables (`namespace` omitted), or those of one of its namespaces, NAT pairs joined to their owners. */
export function readNetTables(inventory: LabInventory, machineId: string, namespace: string | null = null): NetTablesReading {
  const tables = readTableProbes(inventory, machineId, namespace);
  const pairs = tables.rules.state === 'ok' ? tables.rules.value.natPairs : [];
  return { ...tables, natPairs: pairs.length > 0 ? natPairRows(pairs, addressOwners(inventory), namespace) : [] };
}

export const isDefaultRoute = (route: Pick<IpRoute, 'destination'>): boolean => route.destination === 'default' || route.destination === '0.0.0.0/0' || route.destination === '::/0';

/** Default routes first (what an engineer looks for), then as `ip route` printed them. */
export const routesInOrder = (routes: readonly IpRoute[]): IpRoute[] => [...routes.filter(isDefaultRoute), ...routes.filter((route) => !isDefaultRoute(route))];

/** "REACHABLE", "STALE"…, or "—" for an entry that printed none. */
export const neighbourState = (entry: IpNeighbour): string => (entry.states.length > 0 ? entry.states.join(' ') : '—');

/** A neighbour the kernel could not resolve: its address answered no ARP. */
export const unresolved = (entry: IpNeighbour): boolean => entry.states.some((state) => state === 'FAILED' || state === 'INCOMPLETE');

/** The rules of one chain of one table, in the order printed. */
export interface RuleGroup {
  /** Unique in its card: "ip neutron-l3-agent PREROUTING". */
  key: string;
  family: string;
  table: string;
  chain: string;
  rules: FirewallRule[];
  /** How many of its rules translate addresses (dnat, snat, masquerade). */
  natRules: number;
}

const NAT_ACTIONS = new Set(['dnat', 'snat', 'masquerade']);

/** The rules grouped by table and chain, in the order the tool printed them (one pass). */
export function ruleGroups(rules: readonly FirewallRule[]): RuleGroup[] {
  const groups = new Map<string, RuleGroup>();
  for (const rule of rules) {
    const key = `${rule.family} ${rule.table} ${rule.chain}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, family: rule.family, table: rule.table, chain: rule.chain, rules: [], natRules: 0 };
      groups.set(key, group);
    }
    group.rules.push(rule);
    if (rule.action !== null && NAT_ACTIONS.has(rule.action)) group.natRules += 1;
  }
  return [...groups.values()];
}

/**
 * The command to run by hand for what the rules probe read: the tool that printed them, as root, in
 * the namespace (the probe itself runs a small script that tries nft, then iptables-save). When
 * neither printed a rule, both, as the script tried them.
 */
export function rulesCommand(source: FirewallRules['source'], namespace: string | null): string {
  const asRoot = (tool: string) => (namespace === null ? `sudo ${tool}` : `sudo ip netns exec ${namespace} ${tool}`);
  if (source === null) return `${asRoot('nft list ruleset')}; ${asRoot('iptables-save')}`;
  return asRoot(source === 'nft' ? 'nft list ruleset' : 'iptables-save');
}

/** Why a table could not be read, naming for the rules the tools to run rather than the probe's script. */
export function problemText(reading: Exclude<ProbeReading<unknown>, { state: 'ok' }>, table: 'routes' | 'neighbours' | 'rules', namespace: string | null): string {
  const ran = reading.outcome?.command;
  return table === 'rules' && ran ? reading.message.replace(ran, rulesCommand(null, namespace)) : reading.message;
}

/** What printed the rules, as the engineer would type it. */
export const RULES_TOOL_TEXT: Record<NonNullable<FirewallRules['source']>, string> = { nft: 'nftables (nft list ruleset)', iptables: 'iptables (iptables-save)' };

/** A folded heading's word for a table that could not be read (its message is inside). */
const NOT_READ: Record<Exclude<ProbeReading<unknown>['state'], 'ok'>, string> = { failed: 'could not be read', missing: 'not read', unreachable: 'machine unreachable' };

/** One line for a folded table's heading: "4 routes, default via 198.51.100.129" (without the
 *  gateway for the palette, whose address searches would otherwise find every router's routes). */
export function routesSummary(reading: ProbeReading<IpRoutes>, withGateway = true): string {
  if (reading.state !== 'ok') return NOT_READ[reading.state];
  const routes = reading.value.routes;
  const fallback = routes.find(isDefaultRoute);
  const count = `${routes.length} route${routes.length === 1 ? '' : 's'}`;
  if (routes.length === 0) return 'none';
  if (!fallback) return `${count}, no default route`;
  return withGateway ? `${count}, default via ${fallback.gateway ?? fallback.device ?? '—'}` : `${count}, a default route`;
}

export function neighboursSummary(reading: ProbeReading<IpNeighbours>): string {
  if (reading.state !== 'ok') return NOT_READ[reading.state];
  const entries = reading.value.entries;
  if (entries.length === 0) return 'none';
  const failed = entries.filter(unresolved).length;
  return `${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}${failed > 0 ? `, ${failed} unresolved` : ''}`;
}

export function rulesSummary(reading: ProbeReading<FirewallRules>): string {
  if (reading.state !== 'ok') return NOT_READ[reading.state];
  const { rules, natPairs, source } = reading.value;
  if (rules.length === 0) return 'no rules';
  const pairs = natPairs.length > 0 ? `, ${natPairs.length} NAT pair${natPairs.length === 1 ? '' : 's'}` : '';
  return `${rules.length} rule${rules.length === 1 ? '' : 's'}${pairs}${source ? ` · ${source}` : ''}`;
}
