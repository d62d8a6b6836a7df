// The built `orangebox-console` with its output going into a pipe, as in `inventory --json | jq`:
// everything it prints arrives (it exited before a pipe had taken more than 64 KB), and a reader
// that stops early (`| head`) ends it quietly. `npm run test:e2e` builds first: these are the files that ship.
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist', 'node', 'cli.js');
const DEMO = join(ROOT, 'assets', 'demo-lab.obxsnap');
/** Reading the demo snapshot takes well under a second; this much means it hangs. */
const RUN_LIMIT_MS = 30_000;

/**
 * Runs the CLI as a shell runs `orangebox-console … | reader`: its stdout a real pipe (Node writes
 * to one asynchronously), read by `cat`, or by `head -c N` that stops early.
 */
function runPiped(args: string[], reader = 'cat'): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const quoted = [process.execPath, CLI, ...args].map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
    // The CLI's own status, not the reader's (pipefail is not in every sh).
    const child = spawn('sh', ['-c', `{ ${quoted}; echo "exit=$?" >&2; } | ${reader}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`orangebox-console ${args.join(' ')} did not end within ${RUN_LIMIT_MS} ms`));
    }, RUN_LIMIT_MS);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      const status = /exit=(\d+)\s*$/.exec(stderr);
      resolve({ code: status ? Number(status[1]) : null, stdout, stderr: stderr.replace(/exit=\d+\s*$/, '') });
    });
  });
}

describe('orangebox-console writing into a pipe', () => {
  it('delivers the whole JSON inventory of the demo snapshot (well over 64 KB)', async () => {
    const { code, stdout, stderr } = await runPiped(['inventory', '--snapshot', DEMO, '--json']);
    expect(stderr).toBe('');
    expect(stdout.length).toBeGreaterThan(64 * 1024);
    const inventory = JSON.parse(stdout) as { machines: { id: string }[] };
    expect(inventory.machines.map((machine) => machine.id)).toEqual(['controller', '21', '22', '23', '24', '25', '26']);
    expect(code).toBe(0);
  });

  it('ends without an error when the reader stops early, as `| head` does', async () => {
    const { stdout, stderr } = await runPiped(['inventory', '--snapshot', DEMO, '--json'], 'head -c 1024');
    expect(stdout.startsWith('{')).toBe(true);
    expect(stderr).not.toMatch(/Error|EPIPE|at /);
  });
});
