// Writing a small file so that, whatever moment the machine stops at, the file holds either its
// old contents or its new ones, never a mix or nothing: write a temporary file beside it, fsync it,
// rename it over the old one, then fsync the folder so the rename itself is on disk.
import * as nodeFs from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';

/** The part of node:fs/promises this module uses (tests hand in a recording wrapper). */
export interface DurableFileSystem {
  open: typeof nodeFs.open;
  rename: typeof nodeFs.rename;
  rm: typeof nodeFs.rm;
  mkdir: typeof nodeFs.mkdir;
}

/** Owner-only folders for the console's files. */
const FOLDER_MODE = 0o700;

export async function writeFileDurably(location: string, text: string, mode: number, fs: DurableFileSystem = nodeFs): Promise<void> {
  const temporary = `${location}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.mkdir(dirname(location), { recursive: true, mode: FOLDER_MODE });
    const handle = await fs.open(temporary, 'w', mode);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, location);
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => {}); // the original error is what matters
    throw error;
  }
  await syncFolder(dirname(location), fs);
}

/** Makes a rename in the folder durable. Some file systems refuse to open or fsync a folder
 *  (EISDIR, EINVAL, EPERM on network and Windows file systems): the file itself is already safe. */
async function syncFolder(folder: string, fs: DurableFileSystem): Promise<void> {
  let handle: nodeFs.FileHandle | undefined;
  try {
    handle = await fs.open(folder, 'r');
    await handle.sync();
  } catch {
    // best effort, see above
  } finally {
    await handle?.close().catch(() => {});
  }
}
