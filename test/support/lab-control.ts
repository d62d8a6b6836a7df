// Breaking and mending the real lab on purpose, by PID: a machine "goes down" when its sshd and
// every session it forked are killed; `up.sh` (idempotent) brings back whatever is missing.
import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { LabEndpoint } from '../lab/lab-manifest';

const UP_SCRIPT = fileURLToPath(new URL('../lab/up.sh', import.meta.url));
/** up.sh with nothing to build takes ~3 s on a quiet machine, but 71 s was seen at a load of 35; three minutes means it is stuck. */
const UP_TIMEOUT_MS = 180_000;

async function childrenOf(pid: number): Promise<number[]> {
  const children: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // pid (comm) state ppid …: comm may hold spaces, so read after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid === pid) children.push(Number(entry));
  }
  return children;
}

/** Kills an endpoint's sshd and the sessions it forked (their shells die with them). */
export async function takeEndpointDown(endpoint: LabEndpoint): Promise<void> {
  const pid = Number((await readFile(endpoint.sshdPidFile, 'utf8')).trim());
  for (const child of await childrenOf(pid)) process.kill(child, 'SIGTERM');
  process.kill(pid, 'SIGTERM');
}

/** Kills only the sessions (connections) of an endpoint: a network blip, the sshd stays up. */
export async function dropEndpointSessions(endpoint: LabEndpoint): Promise<void> {
  const pid = Number((await readFile(endpoint.sshdPidFile, 'utf8')).trim());
  for (const child of await childrenOf(pid)) process.kill(child, 'SIGTERM');
}

export function bringLabUp(): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('bash', [UP_SCRIPT], { env: { ...process.env, OBX_SKIP_HEALTH: '1' }, timeout: UP_TIMEOUT_MS }, (error, _stdout, stderr) =>
      error ? reject(new Error(`lab up failed: ${stderr.slice(-2000)}`)) : resolve(),
    );
  });
}
