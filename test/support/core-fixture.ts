// A real console core on a real file store in a fresh temporary folder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConsoleCore, type ConsoleCore, type ConsoleCoreOptions } from '../../electron/core/console-core';
import { FileStore } from '../../electron/store/file-store';

export interface CoreFixture {
  core: ConsoleCore;
  dir: string;
  stateFile: string;
  dispose(): Promise<void>;
}

export async function makeCoreFixture(overrides: Partial<ConsoleCoreOptions> = {}, existingDir?: string): Promise<CoreFixture> {
  const dir = existingDir ?? (await mkdtemp(join(tmpdir(), 'obx-core-')));
  const stateFile = join(dir, 'console-state.json');
  const core = await createConsoleCore({
    host: 'browser',
    store: new FileStore(stateFile),
    listSshHosts: async () => ({ hosts: [], resolver: 'parser', warnings: [] }),
    ...overrides,
  });
  return {
    core,
    dir,
    stateFile,
    dispose: async () => {
      await core.close();
      if (!existingDir) await rm(dir, { recursive: true, force: true });
    },
  };
}

export const sampleLabDraft = (name = 'OrangeBox 64') => ({
  name,
  controller: { host: '127.0.1.1', port: 22, user: 'ubuntu', identityFile: null, sshConfigHost: null },
});
