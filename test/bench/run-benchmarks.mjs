// `npm run bench`: side-by-side measurements in one run, figures printed, never asserted.
// Each benchmark is a file in this folder exporting `run()` that prints its own table.
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { loadAverage } from './bench-harness.mjs';

const folder = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv[2];
const benches = (await readdir(folder)).filter((name) => name.endsWith('.bench.mjs') && (!only || name.includes(only))).sort();

for (const name of benches) {
  // The load as each benchmark starts: on a shared machine, compare the ratios within one run.
  console.log(`\n### ${name.replace('.bench.mjs', '')} — ${loadAverage()}`);
  const bench = await import(new URL(name, import.meta.url).href);
  await bench.run();
}
