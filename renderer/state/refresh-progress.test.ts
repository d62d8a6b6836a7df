import { describe, expect, it } from 'vitest';
import type { LabInventory } from '../../electron/contract/inventory';
import { RefreshTracker } from './refresh-progress';

const inventory = (refreshing: boolean, probes: number, refreshedAt: string | null = '2026-11-22T07:00:00Z'): LabInventory => ({
  labId: 'lab-1',
  refreshing,
  refreshedAt,
  lastRefreshMs: null,
  machines: [],
  probes: Array.from({ length: probes }, (_, index) => ({ machineId: String(index), probeId: 'hostname', command: 'hostname', startedAt: '', durationMs: 1, status: 'ok' as const, value: null, format: null, problems: [], error: null })),
  links: { containers: [] },
});

describe('refresh progress', () => {
  it('counts probes from the start of a refresh, against the last complete one', () => {
    const tracker = new RefreshTracker();
    tracker.inventoryChanged(inventory(true, 0, null));
    expect(tracker.current).toEqual({ read: 0, expected: null });
    tracker.probeRead();
    tracker.probeRead();
    expect(tracker.current).toEqual({ read: 2, expected: null });
    tracker.inventoryChanged(inventory(false, 12));
    expect(tracker.current).toBeNull();

    tracker.inventoryChanged(inventory(true, 12));
    tracker.inventoryChanged(inventory(true, 12)); // a change during the refresh keeps the count
    tracker.probeRead();
    expect(tracker.current).toEqual({ read: 1, expected: 12 });
  });

  it('ignores probes that arrive outside a refresh, and forgets a refresh when the lab goes away', () => {
    const tracker = new RefreshTracker();
    tracker.probeRead();
    expect(tracker.current).toBeNull();
    tracker.inventoryChanged(inventory(true, 0));
    tracker.inventoryChanged(null);
    expect(tracker.current).toBeNull();
  });
});
