// The parsing worker as it ships: dist/node/probe-parse-worker.js, under the name the core's
// bundle looks for beside itself, runs in plain Node (no TypeScript hooks) and parses a big output
// to the model the sources make inline. A worker entry left out of bundle-node.mjs, or named
// differently from the lookup, fails here. `npm run test:e2e` builds first.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProbeParsePool } from '../../electron/inventory/probe-parse-pool';
import { PROBE_PARSE_WORKER_BUNDLE } from '../../electron/inventory/probe-parse-worker-file';
import { LXC_LIST_PROBE } from '../../electron/probes/definitions/lxc-list';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DIST_NODE = join(ROOT, 'dist', 'node');
const BUILT_WORKER = join(DIST_NODE, PROBE_PARSE_WORKER_BUNDLE);
const LXC_LIST_FIXTURE = join(ROOT, 'test', 'fixtures', 'outputs', 'lxc-list', 'lab-lxd-5.0.2.json.txt');
/** The bundled worker starts in well under a second; a minute on this loaded machine means it hangs. */
const PARSE_LIMIT_MS = 60_000;

const pool = new ProbeParsePool(() => ({ file: BUILT_WORKER, execArgv: [] }));
afterAll(() => pool.close());

describe('the built parsing worker', () => {
  it('sits in dist/node under the name the bundled core looks for beside itself', () => {
    if (!existsSync(join(DIST_NODE, 'core-process.js'))) throw new Error('dist/node is not built: run `npm run build` (npm run test:e2e does) first');
    expect(existsSync(BUILT_WORKER)).toBe(true);
    // Each entry that runs the core (its own process, the browser host, the CLI) finds the worker beside itself.
    for (const entry of ['core-process.js', 'web-host.js', 'cli.js']) {
      expect(readFileSync(join(DIST_NODE, entry), 'utf8')).toContain(`new URL(\`./\${PROBE_PARSE_WORKER_BUNDLE}\`, import.meta.url)`);
      expect(readFileSync(join(DIST_NODE, entry), 'utf8')).toContain(`PROBE_PARSE_WORKER_BUNDLE = "${PROBE_PARSE_WORKER_BUNDLE}"`);
    }
  });

  it('parses a big output in plain Node to the model the sources make inline', async () => {
    const instances = JSON.parse(readFileSync(LXC_LIST_FIXTURE, 'utf8')) as { name: string }[];
    const text = JSON.stringify(Array.from({ length: 300 }, (_, copy) => instances.map((instance) => ({ ...instance, name: `${instance.name}-${copy}` }))).flat());
    const parsed = await pool.parse({ probeId: LXC_LIST_PROBE.id, command: 'lxc list --format json', text });
    expect(parsed).toStrictEqual(LXC_LIST_PROBE.parse(text));
  }, PARSE_LIMIT_MS);
});
