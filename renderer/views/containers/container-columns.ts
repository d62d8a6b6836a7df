// The Containers table's columns and how wide each is. A column nobody needs is left out rather
// than squeezing the others: IPv6 when no container has an IPv6 address (most labs), and in
// presentation mode (text half as large again) the type, the snapshot count and the Nova / Juju
// owner, so that name, node, state, address and profiles stay whole on a 1440-pixel-wide screen
// (the filter still finds rows by type and owner). Pure.
import type { ContainerRow, SortKey } from './container-rows';

export interface ContainerColumn {
  field: keyof ContainerRow;
  label: string;
  /** Said by screen readers (and shown on hover) when the label is shortened. */
  spoken?: string;
  /** Sortable by this key. */
  sortKey: SortKey | null;
  /** Share of the width left after the actions column (CSS fr), at the normal text size... */
  share: number;
  /** ...and in presentation mode, where fewer columns share the width (measured at 1440 px wide:
   * each is the width its longest lab value needs, so none is cut). */
  presentationShare?: number;
  /** Left out in presentation mode. */
  detail?: boolean;
}

const COLUMNS: ContainerColumn[] = [
  { field: 'name', label: 'Name', sortKey: 'name', share: 2.15, presentationShare: 2.5 },
  { field: 'node', label: 'Node', sortKey: 'node', share: 1.2, presentationShare: 1.5 },
  { field: 'state', label: 'State', sortKey: 'state', share: 1, presentationShare: 1.15 },
  { field: 'ipv4', label: 'IPv4', sortKey: 'ipv4', share: 1.9, presentationShare: 2.15 },
  { field: 'ipv6', label: 'IPv6', sortKey: null, share: 1.6, presentationShare: 2 },
  { field: 'type', label: 'Type', sortKey: 'type', share: 0.95, detail: true },
  { field: 'snapshots', label: 'Snaps', spoken: 'Snapshots', sortKey: null, share: 0.75, detail: true },
  { field: 'profiles', label: 'Profiles', sortKey: null, share: 1.85, presentationShare: 2.05 },
  { field: 'owner', label: 'Nova / Juju', spoken: 'Nova server and floating address, or Juju machine', sortKey: 'owner', share: 1.85, presentationShare: 2.05, detail: true },
];

/** The Terminal button and the ⋯ menu, in em so that it grows with the text in presentation mode. */
export const ACTIONS_WIDTH = '9.8em';

export function containerColumns(rows: Pick<ContainerRow, 'ipv6List' | 'server'>[], presentation: boolean): ContainerColumn[] {
  const anyIpv6 = rows.some((row) => row.ipv6List.length > 0);
  // On a projector, an OpenStack lab's instances are named by their Nova servers ("lxc-test-1"):
  // the owner column (server and floating address) takes the profiles' place; nova-lxd names an
  // instance's own profile after the container anyway, and the ⋯ menu still opens it.
  const servers = presentation && rows.some((row) => row.server !== '');
  const shown = (column: ContainerColumn) => (servers && column.field === 'owner') || (!(presentation && column.detail) && !(servers && column.field === 'profiles'));
  return COLUMNS.filter((column) => (column.field !== 'ipv6' || anyIpv6) && shown(column));
}

/** The CSS grid columns shared by the heading and every row. */
export const columnTemplate = (columns: ContainerColumn[], presentation: boolean): string =>
  [...columns.map((column) => `${(presentation ? column.presentationShare : undefined) ?? column.share}fr`), ACTIONS_WIDTH].join(' ');
