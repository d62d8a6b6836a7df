// How far a refresh of the lab has got, for the status bar: the probes read since it began, out
// of as many as the last complete refresh read (unknown on the very first refresh).
import type { LabInventory } from '../../electron/contract/inventory';

export interface RefreshProgress {
  read: number;
  /** Probes the last complete refresh read; null before any refresh completed. */
  expected: number | null;
}

export class RefreshTracker {
  private progress: RefreshProgress | null = null;
  private lastTotal: number | null = null;

  get current(): RefreshProgress | null {
    return this.progress;
  }

  /** The inventory's shape changed: a refresh began, goes on, or ended. */
  inventoryChanged(inventory: LabInventory | null): void {
    if (!inventory || !inventory.refreshing) {
      if (inventory && inventory.refreshedAt !== null && inventory.probes.length > 0) this.lastTotal = inventory.probes.length;
      this.progress = null;
      return;
    }
    this.progress ??= { read: 0, expected: this.lastTotal };
  }

  /** One probe's outcome arrived. */
  probeRead(): void {
    if (this.progress) this.progress = { ...this.progress, read: this.progress.read + 1 };
  }
}
