// Shared by the benchmarks: bundle the TypeScript modules a benchmark drives into one ESM file
// inside dist/bench (so its bare imports resolve from node_modules), and summarise samples.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';

/** `exportLines`: lines like `export { X } from 'electron/…'`, paths relative to the project root. */
export async function bundleHarness(name, exportLines) {
  const root = process.cwd();
  const folder = join(root, 'dist', 'bench');
  await mkdir(folder, { recursive: true });
  const entry = join(folder, `${name}-entry.ts`);
  await writeFile(entry, exportLines.map((line) => line.replace(/from '(?!\/)([^']+)'/, `from '${root}/$1'`)).join('\n'));
  const outfile = join(folder, `${name}.mjs`);
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile, logLevel: 'error' });
  return import(outfile);
}

export function summarise(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { median: at(0.5), p99: at(0.99), min: sorted[0], max: sorted.at(-1) };
}

export async function timeEach(count, once) {
  const samples = [];
  for (let index = 0; index < count; index += 1) {
    const start = performance.now();
    await once();
    samples.push(performance.now() - start);
  }
  return samples;
}
