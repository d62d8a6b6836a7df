// Shared by the benchmarks: bundle the TypeScript modules a benchmark drives into one ESM file
// inside dist/bench (so its bare imports resolve from node_modules), and summarise samples.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
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

/**
 * The machine's load as the figures beside it were taken: the 1, 5 and 15 minute load averages,
 * the number of cores, and a word for the 1-minute figure (quiet under half the cores, busy under
 * all of them, loaded beyond). On a loaded machine the figures shared it: compare the ratios
 * within one run, not the absolute figures across runs.
 */
export function loadAverage() {
  const [one, five, fifteen] = loadavg();
  const cores = cpus().length;
  const state = one < cores / 2 ? 'quiet' : one < cores ? 'busy' : 'loaded';
  return `load average ${one.toFixed(2)} ${five.toFixed(2)} ${fifteen.toFixed(2)} on ${cores} cores: ${state}`;
}
