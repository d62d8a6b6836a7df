// A snapshot file sent from the page in pieces (chosen with a file picker or dropped on the
// window: the page has its bytes, not its path). The pieces are held in memory, bounded by the
// largest snapshot the console opens; the whole is checked exactly as a file on disk is; only a
// file that opens is kept, in the snapshots folder under its own name, so the recent list opens it
// again. A transfer the page abandons (closed tab, lost connection) is dropped after a while.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { ConsoleError } from '../contract/console-errors';
import type { SnapshotContent } from '../contract/snapshot';
import { SNAPSHOT_EXTENSION } from '../contract/snapshot';
import type { SnapshotSendStarted } from '../contract/snapshot-transfer';
import { decodeSnapshotBytes } from '../snapshots/snapshot-decoding';
import { MAX_SNAPSHOT_FILE_BYTES, describeBytes } from '../snapshots/snapshot-limits';

/**
 * A transfer with no piece for this long is dropped (its memory freed). Pieces of 512 KiB follow
 * each other within milliseconds on loopback; a minute covers a page busy drawing a big view.
 */
export const ABANDONED_TRANSFER_MS = 60_000;
/** Owner-only, like every snapshot the console writes: it describes a customer's lab. */
const KEPT_FILE_MODE = 0o600;
const FOLDER_MODE = 0o700;
/** "lab (2).obxsnap" … : a different file of the same name is never overwritten. */
const MAX_NAME_VARIANTS = 100;

export interface SnapshotReceiverOptions {
  /** Where a received file is kept (the console's snapshots folder). */
  folder: string;
  /** Shows the checked content as the lab, from the file it was kept in. */
  open(content: SnapshotContent, file: string): Promise<void>;
  now?: () => number;
}

interface Transfer {
  id: string;
  name: string;
  bytes: number;
  pieces: Buffer[];
  received: number;
  lastPieceAt: number;
}

export class SnapshotReceiver {
  /** One at a time: a second file dropped replaces the first one still on its way. */
  private transfer: Transfer | null = null;
  private readonly now: () => number;

  constructor(private readonly options: SnapshotReceiverOptions) {
    this.now = options.now ?? Date.now;
  }

  start(name: string, bytes: number): SnapshotSendStarted {
    const fileName = basename(name.replaceAll('\\', '/'));
    if (bytes > MAX_SNAPSHOT_FILE_BYTES) {
      throw new ConsoleError('snapshot-unreadable', `${fileName} is ${describeBytes(bytes)}, more than the ${describeBytes(MAX_SNAPSHOT_FILE_BYTES)} a snapshot may be; it was not read`);
    }
    const id = `receive-${randomBytes(6).toString('hex')}`;
    this.transfer = { id, name: fileName, bytes, pieces: [], received: 0, lastPieceAt: this.now() };
    return { transferId: id };
  }

  piece(transferId: string, offset: number, base64: string): { received: number } {
    const transfer = this.current(transferId);
    if (offset !== transfer.received) {
      this.transfer = null;
      throw new ConsoleError('snapshot-unreadable', `${transfer.name} arrived out of order (a piece at byte ${offset}, expected ${transfer.received}); send it again`);
    }
    const piece = Buffer.from(base64, 'base64');
    if (transfer.received + piece.length > transfer.bytes) {
      this.transfer = null;
      throw new ConsoleError('snapshot-unreadable', `${transfer.name} sent more than the ${describeBytes(transfer.bytes)} it announced; send it again`);
    }
    transfer.pieces.push(piece);
    transfer.received += piece.length;
    transfer.lastPieceAt = this.now();
    return { received: transfer.received };
  }

  /** Checks the whole file, keeps it and opens it; a file that does not open is not kept. */
  async finish(transferId: string): Promise<string> {
    const transfer = this.current(transferId);
    this.transfer = null;
    if (transfer.received !== transfer.bytes) {
      throw new ConsoleError('snapshot-unreadable', `${transfer.name} arrived incomplete (${describeBytes(transfer.received)} of ${describeBytes(transfer.bytes)}); send it again`);
    }
    const bytes = Buffer.concat(transfer.pieces, transfer.bytes);
    const content = await decodeSnapshotBytes(bytes, transfer.name, { commands: 'when-asked' });
    const file = await this.keep(transfer.name, bytes);
    await this.options.open(content, file);
    return file;
  }

  cancel(transferId: string): void {
    if (this.transfer?.id === transferId) this.transfer = null;
  }

  private current(transferId: string): Transfer {
    const transfer = this.transfer;
    if (transfer && this.now() - transfer.lastPieceAt > ABANDONED_TRANSFER_MS) this.transfer = null;
    if (!this.transfer || this.transfer.id !== transferId) {
      throw new ConsoleError('not-found', 'that snapshot transfer is no longer going on (another file was dropped, or it waited too long); send the file again');
    }
    return this.transfer;
  }

  /** Under its own name in the folder; the same bytes already there are reused, never duplicated. */
  private async keep(name: string, bytes: Buffer): Promise<string> {
    await mkdir(this.options.folder, { recursive: true, mode: FOLDER_MODE });
    const stem = basename(name, extname(name)).replace(/^\.+/, '') || 'snapshot';
    const digest = sha256(bytes);
    for (let variant = 1; variant <= MAX_NAME_VARIANTS; variant += 1) {
      const file = join(this.options.folder, `${stem}${variant === 1 ? '' : ` (${variant})`}${SNAPSHOT_EXTENSION}`);
      const existing = await stat(file).catch(() => null);
      if (existing) {
        if (existing.size === bytes.length && sha256(await readFile(file)) === digest) return file;
        continue;
      }
      try {
        await writeFile(file, bytes, { mode: KEPT_FILE_MODE, flag: 'wx' });
        return file;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw new ConsoleError('snapshot-unwritable', `the snapshot opened, but could not be kept in ${this.options.folder}: ${(error as Error).message}`);
      }
    }
    throw new ConsoleError('snapshot-unwritable', `${this.options.folder} already holds ${MAX_NAME_VARIANTS} different snapshots named like ${name}; rename the file and send it again`);
  }
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
