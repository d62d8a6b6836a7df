// The lab's fault injections (test/lab/faults.sh), for tests: what each fault touches, what a
// console should find (the health object and its machine; for the path analysis, a path that
// crosses the fault and the hop where it breaks), and turning faults on and off. The facts come
// from `faults.sh list --json`, so the lab's shell library stays the one place that chooses them.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { HealthObjectKind } from '../../electron/contract/health';
import { labDir } from './lab-manifest';

const run = promisify(execFile);
const FAULTS_SCRIPT = fileURLToPath(new URL('./faults.sh', import.meta.url));
/**
 * Each fault changes one object in well under a second; `off` for nat-rule and dnsmasq re-runs up's
 * step for the router or the DHCP namespace (~1 s), and faults.sh waits up to 60 s for another
 * caller's lock. Two minutes means it is stuck, on a loaded machine too.
 */
const FAULT_COMMAND_MS = 120_000;

export const LAB_FAULT_NAMES = ['vlan-tag', 'qbr-down', 'tap-mtu', 'nat-rule', 'dnsmasq', 'stale-port'] as const;
export type LabFaultName = (typeof LAB_FAULT_NAMES)[number];

/** The health check (electron/health/checks/) that should find each fault. */
export const FAULT_CHECK: Record<LabFaultName, string> = {
  'vlan-tag': 'qvo-vlan-tag',
  'qbr-down': 'chain-link-down',
  'tap-mtu': 'chain-mtu',
  'nat-rule': 'floating-ip-nat',
  dnsmasq: 'dhcp-dnsmasq-not-running',
  'stale-port': 'stale-ovs-port',
};

/** A path from a source to a target that crosses the fault (issue 13 §1, path analysis). */
export interface LabFaultPath {
  fromNamespace: string;
  fromMachineId: string;
  toAddress: string;
  /** The device or namespace on the path where the fault is (qvo…, qbr…, tap…, qrouter-…). */
  hop: string;
  /** A plain ping from the source stops answering (tap-mtu and nat-rule still answer: see note). */
  pingBreaks: boolean;
}

export interface LabFault {
  name: LabFaultName;
  /** What a health finding for this fault is about. */
  object: { kind: HealthObjectKind; name: string };
  /**
   * The machines a finding should name: the one the object is on (for the stale port, any compute
   * node: it was left on br-int, which every machine of this lab shares).
   */
  machineIds: string[];
  /**
   * Other machines that show the object only because this lab's machines share one OVS (a real
   * node's br-int is its own): a finding there is this lab's artefact, not a wrong machine.
   */
  sharedBy: string[];
  /** The Nova instance whose plumbing the fault breaks, if any. */
  instance: string | null;
  /** What the fault is, in the words a finding should carry. */
  note: string;
  path: LabFaultPath | null;
}

/** Every fault with its facts, from the lab's own names (works without root or a running lab). */
export async function labFaults(): Promise<LabFault[]> {
  const { stdout } = await run('bash', [FAULTS_SCRIPT, 'list', '--json'], { timeout: FAULT_COMMAND_MS });
  const faults = JSON.parse(stdout) as LabFault[];
  const names = faults.map((fault) => fault.name);
  if (names.join() !== LAB_FAULT_NAMES.join()) throw new Error(`faults.sh list --json names ${names.join(', ')}; lab-faults.ts expects ${LAB_FAULT_NAMES.join(', ')}`);
  return faults;
}

export async function labFault(name: LabFaultName): Promise<LabFault> {
  return (await labFaults()).find((fault) => fault.name === name)!;
}

/**
 * Turns one fault on or off (idempotent); returns faults.sh's line saying what it touched. Needs
 * root. Holds the lab's faults for this test file first (holdLabFaults).
 */
export async function setLabFault(name: LabFaultName, state: 'on' | 'off'): Promise<string> {
  await holdLabFaults();
  return faultsCommand([name, state]);
}

/** Every fault off (beforeAll, afterAll, finally), holding the lab's faults for this test file first. */
export async function allLabFaultsOff(): Promise<string> {
  await holdLabFaults();
  return faultsCommand(['all', 'off']);
}

// ------------------------------------------------------------------ one test file at a time
// Test files that inject faults (and those that need none on) may run at the same time from two
// vitest runs on the one lab: one file's fault would be another's finding. A file holds the lab's
// faults from its first call here until releaseLabFaults() or its process ends: `flock` on a file
// in the lab dir, held by a child that lives as long as its stdin, so a killed test frees it too.

/** Another file's whole run (refreshes with faults on and off) takes minutes on a loaded machine. */
const HOLD_WAIT_S = 900;
/** For hook timeouts: the first call here may wait this long for another test file. */
export const LAB_FAULTS_HOLD_WAIT_MS = HOLD_WAIT_S * 1000;
/** The holder ends as soon as its stdin closes; seconds mean it is stuck and is killed. */
const RELEASE_WAIT_MS = 10_000;
const holdFile = () => join(labDir(), 'state', 'faults-session.lock');
const holderFile = () => join(labDir(), 'state', 'faults-session.holder');
let holder: ChildProcess | null = null;
let holding: Promise<void> | null = null;

/** Waits (bounded) until no other test process holds the lab's faults, then holds them. */
export function holdLabFaults(): Promise<void> {
  holding ??= new Promise<void>((resolve, reject) => {
    const child = spawn('flock', ['-w', String(HOLD_WAIT_S), holdFile(), 'sh', '-c', 'echo held; exec cat'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let said = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      if (!said.startsWith('held')) return;
      holder = child;
      writeFileSync(holderFile(), `pid ${process.pid}, ${process.argv.slice(1).join(' ').slice(0, 200)}, since ${new Date().toISOString()}\n`);
      resolve();
    });
    child.on('error', (error) => reject(new Error(`flock ${holdFile()}: ${error.message}`)));
    child.on('exit', (code) => {
      if (holder === child) holder = null;
      if (said.startsWith('held')) return;
      holding = null;
      let who = 'unknown';
      try {
        who = readFileSync(holderFile(), 'utf8').trim();
      } catch {
        // no holder recorded
      }
      reject(new Error(`another test has held the lab's faults for ${HOLD_WAIT_S} s (${who}); flock exited ${code}`));
    });
  });
  return holding;
}

/** Every fault off, then lets other test files have the lab's faults (afterAll). */
export async function releaseLabFaults(): Promise<void> {
  if (!holding) return;
  try {
    await faultsCommand(['all', 'off']);
  } finally {
    const child = holder;
    holder = null;
    holding = null;
    if (child && child.exitCode === null) {
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.stdin!.end();
      const stuck = setTimeout(() => child.kill('SIGKILL'), RELEASE_WAIT_MS);
      await gone;
      clearTimeout(stuck);
    }
  }
}

async function faultsCommand(args: string[]): Promise<string> {
  try {
    const { stdout } = await run('bash', [FAULTS_SCRIPT, ...args], { timeout: FAULT_COMMAND_MS });
    return stdout.trim();
  } catch (error) {
    const failed = error as Error & { stderr?: string; killed?: boolean };
    const why = failed.killed ? `did not end within ${FAULT_COMMAND_MS / 1000} s` : (failed.stderr?.trim() || failed.message);
    throw new Error(`faults.sh ${args.join(' ')}: ${why}`);
  }
}
