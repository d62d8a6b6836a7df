// A snapshot file chosen with the file picker or dropped on the window. In the desktop app the
// file's path is known (the preload says it), and the core opens the file where it lies. In a
// browser the page has only the bytes: they go to the core in pieces (electron/contract/
// snapshot-transfer.ts), which checks them as it checks any file and keeps a copy in the snapshots
// folder.
import type { ConsoleApi } from '../../electron/contract/console-contract';
import type { ConnectionState } from '../../electron/contract/payloads';
import { SNAPSHOT_PIECE_BYTES } from '../../electron/contract/snapshot-transfer';
import { FILE_PATH_GLOBAL, type FilePathBridge } from '../../electron/ipc/ipc-channels';

/** The part of a DOM File this uses (a File satisfies it). */
export interface SnapshotFileSource {
  name: string;
  size: number;
  slice(start: number, end: number): Blob;
}

export interface SendProgress {
  sent: number;
  bytes: number;
}

/** Where the file lies on this computer, when the host can say (the desktop app); otherwise null. */
export function pathOfFile(file: SnapshotFileSource): string | null {
  const bridge = (globalThis as Record<string, unknown>)[FILE_PATH_GLOBAL] as FilePathBridge | undefined;
  if (!bridge || !(file instanceof File)) return null;
  return bridge.pathOf(file) || null;
}

/** Opens the file as the lab shown; the core's reason for refusing it is thrown, in its words. */
export async function sendSnapshotFile(api: ConsoleApi, file: SnapshotFileSource, onProgress: (progress: SendProgress) => void = () => {}): Promise<ConnectionState> {
  const path = pathOfFile(file);
  if (path) return api.request('snapshots.open', { path });
  const { transferId } = await api.request('snapshots.sendStart', { name: file.name, bytes: file.size });
  try {
    for (let offset = 0; offset < file.size; offset += SNAPSHOT_PIECE_BYTES) {
      const base64 = await base64Of(file.slice(offset, Math.min(offset + SNAPSHOT_PIECE_BYTES, file.size)));
      await api.request('snapshots.sendPiece', { transferId, offset, base64 });
      onProgress({ sent: Math.min(offset + SNAPSHOT_PIECE_BYTES, file.size), bytes: file.size });
    }
  } catch (error) {
    // The core drops a transfer it refused; one the page gave up on is let go at once.
    void api.request('snapshots.sendCancel', { transferId }).catch(() => {});
    throw error;
  }
  return api.request('snapshots.sendFinish', { transferId });
}

/** The browser's own encoder (a data: URL) is native and fast; a loop over bytes in script is not. */
function base64Of(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(new Error(`the browser could not read the file (${reader.error?.message ?? 'unknown error'})`));
    reader.readAsDataURL(blob);
  });
}
