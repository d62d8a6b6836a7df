// What the Network view shows when another view opens it with a focus: a container's plumbing
// or a gateway namespace. Containers are chosen by "machineId/container" (a container name is
// unique only on its own compute node, and has no "/").
import type { NetTable, ViewFocus } from '../../state/view-focus';

export type NetworkSection = 'gateway' | 'plumbing' | 'diagram';

export type NetworkFocus = Extract<ViewFocus, { view: 'network' }>;

export interface FocusedSection {
  section: NetworkSection;
  /** The container to draw ("machineId/container"), for the plumbing section. */
  container: string | null;
  /** The namespace to outline and scroll to, for the gateway section; with a table of its card to open. */
  namespace: { machineId: string; namespace: string; table?: NetTable } | null;
}

export const containerKey = (machineId: string, container: string) => `${machineId}/${container}`;

export function parseContainerKey(key: string): { machineId: string; container: string } | null {
  const slash = key.indexOf('/');
  return slash > 0 && slash < key.length - 1 ? { machineId: key.slice(0, slash), container: key.slice(slash + 1) } : null;
}

export function sectionForFocus(focus: NetworkFocus): FocusedSection {
  return 'container' in focus
    ? { section: 'plumbing', container: containerKey(focus.machineId, focus.container), namespace: null }
    : { section: 'gateway', container: null, namespace: { machineId: focus.machineId, namespace: focus.namespace, ...(focus.table ? { table: focus.table } : {}) } };
}
