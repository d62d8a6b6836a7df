// How the Changes view names the lab shown now: the live lab by name, a snapshot by when it was
// taken, the demo as such; nothing while what is shown has not been read (or belongs to another lab).
import { describe, expect, it } from 'vitest';
import type { LabInventory } from '../../../electron/contract/inventory';
import type { ConnectionState } from '../../../electron/contract/payloads';
import { shownLabFor } from './shown-lab';

const inventory = (labId: string): LabInventory => ({ labId, refreshing: false, refreshedAt: null, lastRefreshMs: null, machines: [], probes: [], links: { containers: [] } });
const connection = (extra: Partial<ConnectionState> = {}): ConnectionState => ({ labId: 'lab-1', labName: 'OrangeBox64', phase: 'connected', detail: '', since: '2026-12-07T16:00:00.000Z', ...extra });

describe('shownLabFor', () => {
  it('names the live lab, the demo, or a snapshot with when it was taken', () => {
    expect(shownLabFor(connection(), inventory('lab-1'))).toBe('OrangeBox64 (live)');
    expect(shownLabFor(connection({ labId: 'snapshot-1', snapshot: { labName: 'demo', takenAt: '2016-12-07T10:00:10.000Z', kind: 'demo', file: null } }), inventory('snapshot-1'))).toBe('the demo lab');
    expect(shownLabFor(connection({ labId: 'snapshot-2', snapshot: { labName: 'OrangeBox64', takenAt: '2026-12-07T16:13:05.000Z', kind: 'capture', file: '/srv/a.obxsnap' } }), inventory('snapshot-2'))).toMatch(/^snapshot of OrangeBox64 taken .*2026/);
  });

  it('is null until what is shown has been read, and for another lab’s inventory', () => {
    expect(shownLabFor(connection(), null)).toBeNull();
    expect(shownLabFor(null, inventory('lab-1'))).toBeNull();
    expect(shownLabFor(connection(), inventory('lab-2'))).toBeNull();
  });
});
