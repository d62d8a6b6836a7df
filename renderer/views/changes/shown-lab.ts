// The lab shown now, as the Changes view names it in "compare with …": the snapshot open (and when
// it was taken), or the live lab by name; null while nothing has been read that could be compared.
import type { LabInventory } from '../../../electron/contract/inventory';
import type { ConnectionState } from '../../../electron/contract/payloads';

export function shownLabFor(connection: ConnectionState | null, inventory: LabInventory | null): string | null {
  if (!inventory || !connection || inventory.labId !== connection.labId) return null;
  const snapshot = connection.snapshot;
  if (snapshot) return snapshot.kind === 'demo' ? 'the demo lab' : `snapshot of ${snapshot.labName} taken ${new Date(snapshot.takenAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}`;
  return `${connection.labName ?? 'the lab'} (live)`;
}
