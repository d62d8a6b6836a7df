// `npm run bench`: side-by-side measurements in one run, figures printed, never asserted.
// Each benchmark is a file in this folder exporting `run()` that prints its own table.
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const folder = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv[2];
const benches = (await readdir(folder)).filter((name) => name.endsWith('.bench.mjs') && (!only || name.includes(only))).sort();

for (const name of benches) {
  console.log(`\n### ${name.replace('.bench.mjs', '')}`);
  const bench = await import(new URL(name, import.meta.url).href);
  await bench.run();
}
