// A snapshot open in the core in place of a live lab: a LabSession whose transports answer from the
// file, and the inventory the capture stored (docs/snapshot-format.md, "Opening a snapshot"): shown
// at once, without reading every recorded output through the parsers again. A file that stores no
// inventory has it rebuilt from its commands by the ordinary InventoryKeeper. What the page is told
// carries the capture's times. It never refreshes; the session refuses, with the reason, whatever
// would run on a lab.
import { randomBytes } from 'node:crypto';
import type { LabInventory, ProbeOutcome } from '../contract/inventory';
import type { OpenSnapshot } from '../contract/open-snapshot';
import type { ConnectionState } from '../contract/payloads';
import type { SnapshotContent } from '../contract/snapshot';
import { InventoryKeeper } from '../inventory/inventory-keeper';
import type { LabSession } from '../lab/lab-session';
import { rememberJson } from '../contract/known-json';
import { withHealth } from '../health/inventory-health';
import { canonicalJson } from './canonical-json';
import { storedInventoryText } from './snapshot-decoding';
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
    private readonly events: OpenedSnapshotEvents,
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
        this.events.onInventory(this.inventory);
      },
      onProbe: (outcome) => this.events.onProbe(this.lab.stampProbe(outcome)),
      openstackCredentials: () => content.lab.openstackCredentials ?? null,
    });
  }

  /** The inventory, once (a snapshot does not change): the stored one, else read from the commands. */
  async read(): Promise<LabInventory> {
    if (!this.lab.storesInventory) {
      await this.keeper.refresh();
      return this.inventory!;
    }
    // A snapshot taken before the console had health checks gets them run over what it recorded.
    this.inventory = withHealth(this.lab.recordedInventory(this.id));
    const text = shownInventoryText(this.content.inventory, this.inventory);
    if (text !== undefined) rememberJson(this.inventory, text);
    // What the keeper's refresh would have told the session: the machines, their names and routes.
    this.session.knowMachines(this.inventory.machines);
    this.events.onInventory(this.inventory);
    return this.inventory;
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

/**
 * The shown inventory as JSON, from the text of the inventory.json it was decoded from, when it
 * differs from the stored one by its id (and its health report) alone and the stored text begins
 * with them (as the canonical JSON a console writes does: keys sorted, so "health", when stored,
 * then "labId"). The health report shown, stored or computed at opening, is written in its place.
 * Anything else (a capture older than stamped inventories, a file written by another tool) is
 * serialised as usual.
 */
function shownInventoryText(stored: LabInventory, shown: LabInventory): string | undefined {
  const text = storedInventoryText(stored);
  const storedHealth = stored.health ? `"health":${canonicalJson(stored.health)},` : '';
  const prefix = `{${storedHealth}"labId":${JSON.stringify(stored.labId)},`;
  const sameButId = stored.refreshing === shown.refreshing && stored.refreshedAt === shown.refreshedAt && stored.lastRefreshMs === shown.lastRefreshMs;
  if (text === undefined || !sameButId || !text.startsWith(prefix)) return undefined;
  const shownHealth = shown.health ? `"health":${JSON.stringify(shown.health)},` : '';
  return `{${shownHealth}"labId":${JSON.stringify(shown.labId)},${text.slice(prefix.length).trimEnd()}`;
}
