// A snapshot open in the core in place of a live lab: a LabSession whose transports answer from the
// file, read once by the ordinary InventoryKeeper; what the page is told carries the capture's
// times. It never refreshes; the session refuses, with the reason, whatever would run on a lab.
import { randomBytes } from 'node:crypto';
import type { LabInventory, ProbeOutcome } from '../contract/inventory';
import type { OpenSnapshot } from '../contract/open-snapshot';
import type { ConnectionState } from '../contract/payloads';
import type { SnapshotContent } from '../contract/snapshot';
import { InventoryKeeper } from '../inventory/inventory-keeper';
import type { LabSession } from '../lab/lab-session';
import { snapshotLab, type SnapshotLab } from './snapshot-lab';
import { SnapshotRecordings } from './snapshot-recordings';

export interface OpenedSnapshotEvents {
  onInventory(inventory: LabInventory): void;
  onProbe(outcome: ProbeOutcome): void;
}

export class OpenedSnapshot {
  /** Names this opening in the connection state and the inventory (never a saved lab's id). */
  readonly id = `snapshot-${randomBytes(6).toString('hex')}`;
  readonly lab: SnapshotLab;
  readonly session: LabSession;
  readonly keeper: InventoryKeeper;
  readonly info: OpenSnapshot;
  /** The terminal recordings it carries, listed and played with the others. */
  readonly recordings: SnapshotRecordings;
  /** The inventory as read from the snapshot, with the capture's times. */
  inventory: LabInventory | null = null;
  private readonly openedAt = new Date().toISOString();

  constructor(
    readonly content: SnapshotContent,
    file: string | null,
    events: OpenedSnapshotEvents,
  ) {
    this.lab = snapshotLab(content);
    this.info = { labName: content.meta.labName, takenAt: content.meta.captureEndedAt, kind: content.meta.kind, file };
    this.recordings = new SnapshotRecordings(content.recordings, file, content.meta.captureEndedAt);
    this.session = this.lab.session(this.id);
    this.keeper = new InventoryKeeper({
      labId: this.id,
      session: this.session,
      onInventory: (inventory) => {
        this.inventory = this.lab.stampInventory(inventory);
        events.onInventory(this.inventory);
      },
      onProbe: (outcome) => events.onProbe(this.lab.stampProbe(outcome)),
    });
  }

  /** Reads every probe from the snapshot, once (a snapshot does not change). */
  async read(): Promise<LabInventory> {
    await this.keeper.refresh();
    return this.inventory!;
  }

  connectionState(): ConnectionState {
    const { labName, kind, file } = this.info;
    const detail = kind === 'demo' ? `demo lab, ${this.lab.description}` : `${this.lab.description}${file ? ` (${file})` : ''}`;
    return { labId: this.id, labName, phase: 'connected', detail, since: this.openedAt, snapshot: this.info };
  }

  close(): void {
    this.keeper.stop();
  }
}
