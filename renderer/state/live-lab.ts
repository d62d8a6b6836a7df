// Whether the lab shown is a live one that commands can run on, and if not, why: the one place the
// page decides that Refresh, terminals and pings are unavailable, so every button says the same.
import type { ConnectionState } from '../../electron/contract/payloads';
import type { OpenSnapshot } from '../../electron/contract/open-snapshot';

/** The snapshot shown instead of a live lab, or null. */
export function openSnapshotOf(connection: ConnectionState | null): OpenSnapshot | null {
  return connection?.snapshot ?? null;
}

/**
 * Why an action that runs something on the lab (refresh, a terminal, a ping) cannot happen now, in
 * words for a button's title; null when a live lab is connected.
 */
export function whyNotLive(connection: ConnectionState | null): string | null {
  const snapshot = openSnapshotOf(connection);
  if (snapshot) return `A snapshot is read-only: this needs a live lab. ${snapshot.kind === 'demo' ? 'This is the demo lab' : `This is a snapshot of ${snapshot.labName}`}; disconnect and connect a lab to use it.`;
  if (connection?.phase === 'connected') return null;
  if (connection?.phase === 'connecting') return `Connecting to ${connection.labName ?? 'the lab'}: this needs the connection first.`;
  return 'Connect to the lab first: this runs on its machines.';
}

/** "Snapshot of OrangeBox64 taken 7 Dec 2026, 10:00" in the engineer's own time zone. */
export function snapshotBannerText(snapshot: OpenSnapshot, locale?: string): string {
  const taken = new Date(snapshot.takenAt);
  const when = Number.isNaN(taken.getTime()) ? snapshot.takenAt : taken.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return `Snapshot of ${snapshot.labName} taken ${when}`;
}
