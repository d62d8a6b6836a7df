// Where the parsing worker's entry is: dist/node/probe-parse-worker.js beside the running bundle
// (every bundled entry sits in that one folder; electron/build/bundle-node.mjs builds it), or, when
// the core runs from its sources (the unit tests), the TypeScript entry, started with the module
// hooks that let Node load TypeScript (test/support, absent from what ships and never needed there).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const PROBE_PARSE_WORKER_BUNDLE = 'probe-parse-worker.js';

export interface ProbeParseWorkerFile {
  file: string;
  execArgv: string[];
}

export function probeParseWorkerFile(): ProbeParseWorkerFile {
  const besideBundle = fileURLToPath(new URL(`./${PROBE_PARSE_WORKER_BUNDLE}`, import.meta.url));
  if (existsSync(besideBundle)) return { file: besideBundle, execArgv: [] };
  const typescriptHooks = fileURLToPath(new URL('../../test/support/electron-stand-in-register.mjs', import.meta.url));
  return { file: fileURLToPath(new URL('./probe-parse-worker.ts', import.meta.url)), execArgv: ['--import', typescriptHooks] };
}

/**
 * Whether there is a worker to start: a bundle built without it beside (a benchmark's harness, a
 * packaging mistake) parses on the core's thread as before, rather than failing every big probe.
 */
export function probeParseWorkerExists(file: ProbeParseWorkerFile = probeParseWorkerFile()): boolean {
  return existsSync(file.file) && file.execArgv.every((argument) => argument.startsWith('--') || existsSync(argument));
}
