// Compute nodes side by side: every stack package and every nova setting as a row, one column per
// node, and the rows whose values differ marked. A node that lacks a package or a key differs too.
// Some keys name the node itself (its address, its host name): they differ by design, and say so.
import type { LabInventory } from '../../../electron/contract/inventory';
import { effectiveSetting, NOVA_FILES, nodeFacts, type NodeFacts, type NovaFileProbe } from './node-facts';

/** Keys whose value is each node's own: a difference there is expected, not drift. */
const PER_NODE_KEYS = new Set(['DEFAULT.my_ip', 'DEFAULT.host', 'DEFAULT.vncserver_proxyclient_address', 'vnc.server_proxyclient_address', 'vnc.vncserver_proxyclient_address', 'DEFAULT.vncserver_listen', 'vnc.server_listen', 'serial_console.proxyclient_address']);

export interface ComparedNode {
  machineId: string;
  name: string;
}

export interface ComparisonRow {
  /** The package name, or "section.key". */
  id: string;
  /** One cell per node, in `nodes` order; null where the node has no such package or key. */
  values: (string | null)[];
  /** For settings: the file that set each node's value. */
  files: (NovaFileProbe | null)[];
  masked: boolean;
  differs: boolean;
  /** It differs, but the key names the node itself. */
  perNode: boolean;
}

export interface NodeComparison {
  nodes: ComparedNode[];
  packages: ComparisonRow[];
  settings: ComparisonRow[];
  /** Nodes whose packages or nova files could not be read (their cells are empty, not "missing"). */
  unread: { machineId: string; name: string; what: string }[];
}

const differs = (values: (string | null)[]) => values.some((value) => value !== values[0]);

export function compareComputeNodes(inventory: LabInventory): NodeComparison {
  const machines = inventory.machines.filter((machine) => machine.roles.includes('compute'));
  const nodes = machines.map((machine) => ({ machineId: machine.id, name: machine.hostname ?? `machine ${machine.id}` }));
  const facts: NodeFacts[] = machines.map((machine) => nodeFacts(inventory, machine.id));
  const unread: NodeComparison['unread'] = [];
  facts.forEach((fact, index) => {
    if (!fact.packages) unread.push({ ...nodes[index]!, what: 'packages' });
    for (const { probeId, name } of NOVA_FILES) if (!fact.files[probeId].ini) unread.push({ ...nodes[index]!, what: name });
  });

  const packageNames = [...new Set(facts.flatMap((fact) => (fact.packages ?? []).map((pkg) => pkg.name)))];
  const packages = packageNames.map((name) => {
    const values = facts.map((fact) => {
      const pkg = fact.packages?.find((candidate) => candidate.name === name);
      return pkg ? `${pkg.version ?? 'no version'}${pkg.status === 'ii' ? '' : ` (${pkg.status})`}` : null;
    });
    return { id: name, values, files: values.map(() => null), masked: false, differs: differs(values), perNode: false };
  });

  const settingIds = [...new Set(facts.flatMap((fact) => NOVA_FILES.flatMap(({ probeId }) => Object.entries(fact.files[probeId].ini?.sections ?? {}).flatMap(([section, keys]) => Object.keys(keys).map((key) => `${section}.${key}`)))))].sort(
    (a, b) => sectionRank(a) - sectionRank(b) || a.localeCompare(b),
  );
  const settings = settingIds.map((id) => {
    const effective = facts.map((fact) => effectiveSetting(fact, id));
    const values = effective.map((setting) => setting?.value ?? null);
    const masked = effective.some((setting) => setting?.masked);
    // Masked values all read "••••••": only whether a node sets one at all can be compared.
    const different = masked ? differs(values.map((value) => (value === null ? null : ''))) : differs(values);
    return { id, values, files: effective.map((setting) => setting?.file ?? null), masked, differs: different, perNode: different && PER_NODE_KEYS.has(id) };
  });
  return { nodes, packages, settings, unread };
}

/** [DEFAULT] first, as nova.conf is written. */
const sectionRank = (id: string) => (id.startsWith('DEFAULT.') ? 0 : 1);
