import { configDefaults, defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The renderer is a static bundle served from disk (Electron: file://; browser host: its own
// server), so asset paths are relative.
export default defineConfig({
  root: fromRoot('./renderer'),
  base: './',
  plugins: [svelte({ configFile: false })],
  build: {
    outDir: fromRoot('./dist/renderer'),
    emptyOutDir: true,
    target: 'chrome120',
    chunkSizeWarningLimit: 2048,
  },
  resolve: {
    // Node-side tests must never load the real `electron` package: its binary cannot be fetched on
    // every machine, and the core must not depend on it anyway.
    alias: { electron: fromRoot('./test/support/electron-stub.ts') },
  },
  test: {
    root: fromRoot('.'),
    // Shells the tests start (local terminals, the browser host's) inherit this. Where root's
    // profile runs pyenv (these CI machines), a shell killed while pyenv rehashed leaves its lock
    // behind and every later login shell would wait 60 s for it; this makes them wait at most ~1 s.
    env: { PYENV_REHASH_TIMEOUT: '0' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['test/unit/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.ts'],
          // Component tests need a DOM: they are the `component` project's.
          exclude: [...configDefaults.exclude, 'renderer/**/*.component.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        // Svelte's client build (mount, flushSync), not its server one: the real components in a DOM.
        resolve: { conditions: ['browser'] },
        test: {
          name: 'component',
          sequence: { groupOrder: 0 },
          include: ['renderer/**/*.component.test.ts'],
          environment: 'jsdom',
          setupFiles: ['test/support/dom-stubs.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'lab',
          // The lab and the browser tests share one real lab: never at the same time.
          sequence: { groupOrder: 1 },
          include: ['test/lab/**/*.test.ts'],
          environment: 'node',
          // One real lab on one machine: its tests must not race each other.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
