// The Containers table's columns and how wide each is. A column nobody needs is left out rather
// than squeezing the others: IPv6 when no container has an IPv6 address (most labs), and in
// presentation mode (text half as large again) the type and the snapshot count, which a room does
// not read from a projector. Pure.
import type { ContainerRow, SortKey } from './container-rows';

export interface ContainerColumn {
  field: keyof ContainerRow;
  label: string;
  /** Said by screen readers (and shown on hover) when the label is shortened. */
  spoken?: string;
  /** Sortable by this key. */
  sortKey: SortKey | null;
  /** Share of the width left after the actions column (CSS fr). */
  share: number;
  /** Left out in presentation mode. */
  detail?: boolean;
}

const COLUMNS: ContainerColumn[] = [
  { field: 'name', label: 'Name', sortKey: 'name', share: 2.2 },
  { field: 'node', label: 'Node', sortKey: 'node', share: 1.3 },
  { field: 'state', label: 'State', sortKey: 'state', share: 1 },
  { field: 'ipv4', label: 'IPv4', sortKey: 'ipv4', share: 1.85 },
  { field: 'ipv6', label: 'IPv6', sortKey: null, share: 1.6 },
  { field: 'type', label: 'Type', sortKey: 'type', share: 0.85, detail: true },
  { field: 'snapshots', label: 'Snaps', spoken: 'Snapshots', sortKey: null, share: 0.75, detail: true },
  { field: 'profiles', label: 'Profiles', sortKey: null, share: 2 },
  { field: 'owner', label: 'Nova / Juju', sortKey: 'owner', share: 1.7 },
];

/** The Terminal button and the ⋯ menu, in em so that it grows with the text in presentation mode. */
export const ACTIONS_WIDTH = '9.8em';

export function containerColumns(rows: Pick<ContainerRow, 'ipv6List'>[], presentation: boolean): ContainerColumn[] {
  const anyIpv6 = rows.some((row) => row.ipv6List.length > 0);
  return COLUMNS.filter((column) => (column.field !== 'ipv6' || anyIpv6) && !(presentation && column.detail));
}

/** The CSS grid columns shared by the heading and every row. */
export const columnTemplate = (columns: ContainerColumn[]): string => [...columns.map((column) => `${column.share}fr`), ACTIONS_WIDTH].join(' ');
