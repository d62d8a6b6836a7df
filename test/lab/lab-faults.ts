// The lab's fault injections (test/lab/faults.sh), for tests: what each fault touches, what a
// console should find (the health object and its machine; for the path analysis, a path that
// crosses the fault and the hop where it breaks), and turning faults on and off. The facts come
// from `faults.sh list --json`, so the lab's shell library stays the one place that chooses them.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { HealthObjectKind } from '../../electron/contract/health';

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

/** Turns one fault on or off (idempotent); returns faults.sh's line saying what it touched. Needs root. */
export async function setLabFault(name: LabFaultName, state: 'on' | 'off'): Promise<string> {
  return faultsCommand([name, state]);
}

/** Every fault off (for afterAll/finally: other tests share the lab). */
export async function allLabFaultsOff(): Promise<string> {
  return faultsCommand(['all', 'off']);
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
