// A core process for the test that a blocking parse in the core does not block main's relay: the
// real core entry's serving code and port adapter, around a real core (a file store in the folder
// main names) with one extra request, `test.busy`, that blocks this process's event loop as a
// 25–40 ms parse does (here until the test lets it go, so the test asserts order, not time).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createConsoleCore } from '../../electron/core/console-core';
import { FileStore } from '../../electron/store/file-store';
import { portOfThisProcess } from '../../electron/core-host/core-port';
import { serveCoreOverPort } from '../../electron/core-host/serve-core-over-port';

/** A busy core that is never let go still ends: a test bound, not a figure of the core. */
const BUSY_CAP_MS = 30_000;

serveCoreOverPort(
  portOfThisProcess(),
  async (options) => {
    const core = await createConsoleCore({ host: 'electron', store: new FileStore(join(options.userDataFolder, 'state.json')) });
    return {
      ...core,
      dispatch: async (name, params) => {
        if (name !== 'test.busy') return core.dispatch(name, params);
        const { releaseFile } = params as { releaseFile: string };
        const started = Date.now();
        // Synchronous on purpose: nothing else in this process runs until the file appears.
        while (!existsSync(releaseFile) && Date.now() - started < BUSY_CAP_MS);
        return { ok: true, result: existsSync(releaseFile) ? 'released' : 'gave up waiting' };
      },
    };
  },
  () => process.exit(0),
);
