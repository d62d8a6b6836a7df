// Faults put on one lab machine for the fault drills, each undone by the function it returns.
// A machine is its own sshd in its own mount namespace (test/lab/lib/endpoints.sh): a bind mount
// made inside that namespace changes what that machine's commands see and nothing else. The link
// fault drops the machine's SSH packets on loopback with an nftables table of its own; the slow
// link sends them through a delaying relay; loss is a random drop inside one of the lab's network
// namespaces. Only lab addresses are touched.
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LabEndpoint } from '../lab/lab-manifest';
import { startDelayingRelay, type DelayingRelay } from './delaying-relay';

const run = promisify(execFile);
/** Commands of these drills end at once; a stuck one fails the drill instead of hanging it. */
const COMMAND_MS = 20_000;

export type UndoFault = () => Promise<void>;

async function sshdPid(machine: LabEndpoint): Promise<string> {
  return (await readFile(machine.sshdPidFile, 'utf8')).trim();
}

/** Runs `mount` arguments inside the machine's mount namespace. */
async function inMachineMounts(machine: LabEndpoint, args: string[]): Promise<void> {
  await run('nsenter', ['-t', await sshdPid(machine), '-m', '--', ...args], { timeout: COMMAND_MS });
}

/** Binds `source` over `target` on that machine only; undo unmounts it. */
async function bindOnMachine(machine: LabEndpoint, source: string, target: string, cleanup: () => Promise<void>): Promise<UndoFault> {
  await inMachineMounts(machine, ['mount', '--bind', source, target]);
  return async () => {
    try {
      // Lazy: a command still running the replaced file (a runaway output) must not keep the fault.
      await inMachineMounts(machine, ['umount', '--lazy', target]);
    } finally {
      await cleanup();
    }
  };
}

/**
 * Replaces the machine's `lxc` with a program: `script` is a POSIX shell body that receives the
 * arguments lxc was given. The file is world-readable and executable (the lab user runs it).
 */
export async function replaceLxcOn(machine: LabEndpoint, script: string): Promise<UndoFault> {
  const dir = await mkdtemp(join(tmpdir(), 'obx-drill-lxc-'));
  await chmod(dir, 0o755);
  const program = join(dir, 'lxc');
  await writeFile(program, `#!/bin/sh\n${script}\n`, { mode: 0o755 });
  return bindOnMachine(machine, program, '/usr/bin/lxc', () => rm(dir, { recursive: true, force: true }));
}

/**
 * `lxc` is not installed: the machine's shell looks for it and finds nothing. (The real bash, with
 * a PATH that has no lxc, says what it says on a machine without the package, and exits 127.)
 */
export const removeLxcFrom = (machine: LabEndpoint) => replaceLxcOn(machine, `exec env PATH=/nonexistent /bin/bash -c 'lxc "$@"' bash "$@"`);

/** The lab user may not reach LXD: its folder (and socket) hidden behind a root-only one. */
export async function denyLxdOn(machine: LabEndpoint): Promise<UndoFault> {
  const dir = await mkdtemp(join(tmpdir(), 'obx-drill-lxd-'));
  await chmod(dir, 0o700);
  return bindOnMachine(machine, dir, '/var/lib/lxd', () => rm(dir, { recursive: true, force: true }));
}

const NFT_TABLE = 'obx_fault_drill';

/** The machine's network link goes away: every SSH packet to or from its address is dropped. */
export async function cutLinkTo(machine: LabEndpoint): Promise<UndoFault> {
  const rules = [
    `add table inet ${NFT_TABLE}`,
    `add chain inet ${NFT_TABLE} output { type filter hook output priority -10 ; }`,
    `add rule inet ${NFT_TABLE} output ip daddr ${machine.address} tcp dport ${machine.port} drop`,
    `add rule inet ${NFT_TABLE} output ip saddr ${machine.address} tcp sport ${machine.port} drop`,
  ].join('\n');
  await runWithInput('nft', ['-f', '-'], rules);
  return restoreLinks;
}

const NFT_DELAY_TABLE = 'obx_fault_delay';

/**
 * The machine's link gets slow: new connections to its sshd from the lab's users (the controller's
 * jumps run as the lab user) are redirected through a relay that holds each direction back by
 * `delayMs`. The relay runs as root and is left out of the redirect. Connections made before stay
 * as they were: drop them (dropEndpointSessions) for the console to come back through the relay.
 */
export async function slowLinkTo(machine: LabEndpoint, delayMs: number): Promise<{ relay: DelayingRelay; undo: UndoFault }> {
  const relay = await startDelayingRelay(machine, delayMs);
  const undo = async () => {
    await run('nft', ['delete', 'table', 'ip', NFT_DELAY_TABLE], { timeout: COMMAND_MS }).catch(() => undefined);
    await relay.close();
  };
  try {
    await runWithInput('nft', ['-f', '-'], [
      `add table ip ${NFT_DELAY_TABLE}`,
      `add chain ip ${NFT_DELAY_TABLE} output { type nat hook output priority -100 ; }`,
      `add rule ip ${NFT_DELAY_TABLE} output ip daddr ${machine.address} tcp dport ${machine.port} meta skuid != 0 redirect to :${relay.port}`,
    ].join('\n'));
  } catch (error) {
    await undo();
    throw error;
  }
  return { relay, undo };
}

/** Removes the drill's nftables table if it is there (also after a failed test). */
export async function restoreLinks(): Promise<void> {
  await run('nft', ['delete', 'table', 'inet', NFT_TABLE], { timeout: COMMAND_MS }).catch(() => undefined);
  await run('nft', ['delete', 'table', 'ip', NFT_DELAY_TABLE], { timeout: COMMAND_MS }).catch(() => undefined);
}

function runWithInput(command: string, args: string[], input: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { timeout: COMMAND_MS }, (error, _stdout, stderr) => (error ? reject(new Error(`${command} ${args.join(' ')}: ${stderr || error.message}`)) : resolve()));
    child.stdin?.end(input);
  });
}

/**
 * Packet loss inside one of the lab's network namespaces: a share of what leaves it is dropped at
 * random (nftables numgen, in a table of the namespace's own). This machine's kernel has no netem
 * (sch_netem), so delay cannot be added here; loss can. Undo removes the table.
 */
export async function loseInNamespace(namespace: string, lossPercent: number): Promise<UndoFault> {
  const table = NFT_TABLE;
  const undo = async () => {
    await run('ip', ['netns', 'exec', namespace, 'nft', 'delete', 'table', 'inet', table], { timeout: COMMAND_MS }).catch(() => undefined);
  };
  await undo();
  await runWithInput('ip', ['netns', 'exec', namespace, 'nft', '-f', '-'], [
    `add table inet ${table}`,
    `add chain inet ${table} output { type filter hook output priority 0 ; }`,
    `add rule inet ${table} output meta l4proto icmp numgen random mod 100 < ${lossPercent} drop`,
  ].join('\n'));
  return undo;
}
