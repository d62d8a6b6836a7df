// Where the core process's entry is: dist/node/core-process.js beside the bundled main.js (what
// ships; electron/build/bundle-node.mjs builds it), or, when main runs from its sources (the shell's
// unit tests, against the Electron stand-in), the TypeScript entry itself.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CORE_PROCESS_BUNDLE = 'core-process.js';

export function coreProcessFile(): string {
  const besideBundle = fileURLToPath(new URL(`./${CORE_PROCESS_BUNDLE}`, import.meta.url));
  return existsSync(besideBundle) ? besideBundle : fileURLToPath(new URL('./core-process-entry.ts', import.meta.url));
}
