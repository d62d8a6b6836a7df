// Module hooks that let plain Node run the built Electron bundle: `electron` resolves to the
// stand-in (electron-stub.ts, the same one the unit tests use), and the test's own TypeScript
// files are compiled by esbuild as they load (Node 20 cannot run TypeScript). Registered by
// electron-stand-in-register.mjs; the built files themselves load untouched.
import { transform } from 'esbuild';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const STAND_IN_URL = new URL('./electron-stub.ts', import.meta.url).href;
const RELATIVE = /^\.\.?\//;
const HAS_EXTENSION = /\.[cm]?[jt]s$/;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: STAND_IN_URL, shortCircuit: true };
  // TypeScript sources import each other without an extension, as the bundler allows.
  if (context.parentURL?.endsWith('.ts') && RELATIVE.test(specifier) && !HAS_EXTENSION.test(specifier)) {
    if (existsSync(new URL(`${specifier}.ts`, context.parentURL))) return nextResolve(`${specifier}.ts`, context);
    // A folder's index.ts (electron/probes/parsers), as the bundler resolves it.
    if (existsSync(new URL(`${specifier}/index.ts`, context.parentURL))) return nextResolve(`${specifier}/index.ts`, context);
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  // esbuild drops `with { type: 'json' }` for a node20 target (app-identity.ts reads package.json).
  if (url.endsWith('.json')) return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
  if (!url.endsWith('.ts')) return nextLoad(url, context);
  const file = fileURLToPath(url);
  const { code } = await transform(await readFile(file, 'utf8'), { loader: 'ts', format: 'esm', target: 'node20', sourcefile: file });
  return { format: 'module', source: code, shortCircuit: true };
}
