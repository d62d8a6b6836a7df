// What another view (or the command palette) asks a view to show when it opens: "this profile",
// "this container's plumbing", "ping these addresses". A view reads the focus it is given and
// keeps showing it until the engineer picks something else.
import type { ViewId } from '../views/view-catalog';

export type ViewFocus =
  /** One LXD profile on one machine (a compute node's LXD). */
  | { view: 'profiles'; machineId: string; profile: string }
  /** One container's plumbing chain (tap → qbr → qvb ↔ qvo → br-int) on its compute node. */
  | { view: 'network'; machineId: string; container: string }
  /** One gateway namespace; with a table, that table of its card opened. */
  | { view: 'network'; machineId: string; namespace: string; table?: NetTable }
  /** Ping these addresses; from this source when given. With mtuCheck: check the path MTU from that source to that target at once. */
  /** With path: analyse the path from that source to that target at once ("why can't X reach Y"). */
  | { view: 'diagnostics'; targets: string[]; source?: PingSourceFocus; mtuCheck?: { source: PingSourceFocus; target: string }; path?: { source: PingSourceFocus; target: PathTargetFocus } }
  /** One machine's card; with a part, that part of it (its packages, or one nova file opened). */
  | { view: 'nodes'; machineId: string; part?: NodePart }
  /** The compute nodes side by side. */
  | { view: 'nodes'; compare: true }
  | { view: 'containers'; filter: string }
  /** One Nova server's row in the OpenStack view, scrolled to and focused. */
  | { view: 'openstack'; serverId: string }
  /** One row of the Juju model, scrolled to, focused and marked. */
  | { view: 'overview'; target: OverviewTarget };

/** What can be picked in the Overview: an application (with its detail), a unit, a Juju machine
 * or container ("23", "23/lxd/0"), or a relation (by `relationKey`). */
export type OverviewTarget =
  | { kind: 'application'; name: string }
  | { kind: 'unit'; name: string }
  | { kind: 'machine'; id: string }
  | { kind: 'relation'; key: string };

/** A namespace's or a machine's own tables (routes, ARP, NAT/filter rules), as a card shows them. */
export type NetTable = 'routes' | 'neighbours' | 'rules';

/** A part of a machine card that the palette can open directly. */
export type NodePart = 'packages' | 'nova-conf' | 'nova-compute-conf' | NetTable;

/** What a path analysis goes to: an address, or a container (its fixed address). */
export type PathTargetFocus = { kind: 'address'; address: string } | { kind: 'container'; machineId: string; container: string };

/** Where a ping runs from, as a view can name it. */
export type PingSourceFocus =
  | { kind: 'machine'; machineId: string }
  | { kind: 'namespace'; machineId: string; namespace: string }
  | { kind: 'container'; machineId: string; container: string };

export const focusFor = <V extends ViewId>(focus: ViewFocus | null, view: V): Extract<ViewFocus, { view: V }> | null =>
  focus && focus.view === view ? (focus as Extract<ViewFocus, { view: V }>) : null;
