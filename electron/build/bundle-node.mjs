// Bundles the Node side (Electron main + preload + the core's process, the browser host, the CLI) into dist/node.
// esbuild, not tsc: the sandboxed preload must be ONE CommonJS file (a sandboxed preload cannot
// require local modules), and bundling keeps startup to one file read per entry.
import { build } from 'esbuild';
import { chmod, copyFile, rm } from 'node:fs/promises';

const outdir = 'dist/node';
await rm(outdir, { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // node_modules stay external: ssh2 and node-pty carry native parts, electron is the runtime.
  packages: 'external',
};

await build({
  ...common,
  entryPoints: {
    main: 'electron/main.ts',
    // The console core's own process, which main.js starts as a utilityProcess (core-host/).
    'core-process': 'electron/core-host/core-process-entry.ts',
    // The thread that parses big probe outputs, which the core starts beside its own bundle
    // (inventory/probe-parse-worker-file.ts).
    'probe-parse-worker': 'electron/inventory/probe-parse-worker.ts',
    'web-host': 'electron/web/bin-web-host.ts',
    cli: 'electron/cli/bin.ts',
  },
  outdir,
  format: 'esm',
  // No code splitting: each entry resolves ../renderer/ from its own import.meta.url.
  banner: { js: '#!/usr/bin/env node' },
});

await build({
  ...common,
  entryPoints: { preload: 'electron/preload.ts' },
  outdir,
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
});

await chmod(`${outdir}/cli.js`, 0o755);

// The tray icon of a console kept running in the background: main.js opens it from its own folder,
// so it ships with the bundle. Electron takes the @2x file on HiDPI screens by its name.
for (const icon of ['tray-icon.png', 'tray-icon@2x.png']) await copyFile(`assets/${icon}`, `${outdir}/${icon}`);

// The demo lab, opened when no lab is saved: the entries find it beside themselves
// (electron/snapshots/demo/bundled-demo.ts), in the repository and in an installed package alike.
await copyFile('assets/demo-lab.obxsnap', `${outdir}/demo-lab.obxsnap`);
