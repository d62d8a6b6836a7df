// Writes assets/demo-lab.obxsnap, the demo lab the console ships, from the walkthrough's outputs
// (electron/snapshots/demo/). Reproducible: run it twice, get the same bytes (a unit test checks
// the shipped file is what this makes). Run: node electron/build/build-demo-lab.mjs
import { build } from 'esbuild';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// Inside the repository, so the bundle's packages resolve from its node_modules.
const folder = await mkdtemp(join('node_modules', '.demo-lab-build-'));
try {
  const bundle = join(folder, 'demo-lab-file.mjs');
  await build({ entryPoints: ['electron/snapshots/demo/demo-lab-file.ts'], bundle: true, platform: 'node', target: 'node20', format: 'esm', packages: 'external', outfile: bundle, logLevel: 'warning' });
  const { demoLabBytes, DEMO_LAB_ASSET } = await import(pathToFileURL(join(process.cwd(), bundle)).href);
  const bytes = await demoLabBytes(process.cwd());
  await writeFile(DEMO_LAB_ASSET, bytes);
  console.log(`${DEMO_LAB_ASSET}: ${bytes.length} bytes`);
} finally {
  await rm(folder, { recursive: true, force: true });
}
