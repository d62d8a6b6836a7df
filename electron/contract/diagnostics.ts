// Ping diagnostics across the UI/core boundary: where a ping runs from (a machine, a gateway
// namespace, a container), what it may be aimed at (an address or a host name, never anything a
// shell or ping could read as an option), how long it may run, and the live updates of a run.
import * as v from 'valibot';
import type { PingReply, RoundTrip } from './lab-model';

export const MachineId = v.pipe(v.string(), v.regex(/^(\d+|controller)$/, 'a machine is a Juju machine id ("26") or "controller"'));
/** LXD names: letters, digits and "-", at most 63 characters (LXD's own rule). */
export const ContainerName = v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/, 'that is not an LXD container name'));
/** `ip netns` names: no "/" and no NUL; it is only ever an argument, but it must not read as an option. */
const NamespaceName = v.pipe(v.string(), v.minLength(1), v.maxLength(255), v.regex(/^[^/\0\s-][^/\0\s]*$/, 'that is not a network namespace name'));

export const PingSource = v.variant('kind', [
  /** `ping` on the machine itself. */
  v.object({ kind: v.literal('machine'), machineId: MachineId }),
  /** `sudo -n ip netns exec <namespace> ping` on the gateway. */
  v.object({ kind: v.literal('namespace'), machineId: MachineId, namespace: NamespaceName }),
  /** `lxc exec <container> -- ping` on the container's compute node. */
  v.object({ kind: v.literal('container'), machineId: MachineId, container: ContainerName }),
]);
export type PingSource = v.InferOutput<typeof PingSource>;

/** IPv4 dotted quad, each part 0–255. */
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;
/** IPv6 in any of its written forms (hex groups and colons, an optional embedded IPv4 tail). */
const IPV6 = /^(?=.*:)[0-9A-Fa-f:.]{2,45}$/;
/** A DNS name (RFC 1123 labels): letters, digits, "-" inside labels, dots between them. */
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

/** True for what a ping may be aimed at: an address or a host name, nothing else. */
export function isPingTarget(text: string): boolean {
  return IPV4.test(text) || IPV6.test(text) || HOST_NAME.test(text);
}

export const PingTarget = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'give an address or a host name to ping'),
  v.check((text) => !text.startsWith('-'), 'a target cannot start with "-" (ping would read it as an option)'),
  v.check(isPingTarget, 'a target is an IPv4/IPv6 address or a host name (letters, digits, "-" and "."), without spaces or shell characters'),
);

/** More than this many echo requests per target is a soak test, not a diagnostic. */
export const MAX_PING_COUNT = 100;
/** iputils refuses intervals under 0.2 s to a user who is not root. */
export const MIN_PING_INTERVAL_S = 0.2;
export const MAX_PING_INTERVAL_S = 10;
/** How long ping waits for each reply (iputils -W); a lab answers in milliseconds. */
export const MAX_REPLY_WAIT_S = 10;
/** One run's targets: more than this is a matrix's job, and the chart stops being readable. */
export const MAX_PING_TARGETS = 32;
/** A matrix's sources: the gateway's namespaces plus a handful of containers and machines. */
export const MAX_MATRIX_SOURCES = 16;

export const DEFAULT_PING_COUNT = 5;
export const DEFAULT_PING_INTERVAL_S = 1;
export const DEFAULT_REPLY_WAIT_S = 1;

const PingTiming = {
  count: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_PING_COUNT, `at most ${MAX_PING_COUNT} pings per target`)), DEFAULT_PING_COUNT),
  intervalSeconds: v.optional(
    v.pipe(v.number(), v.minValue(MIN_PING_INTERVAL_S, `the interval is at least ${MIN_PING_INTERVAL_S} s (ping refuses faster)`), v.maxValue(MAX_PING_INTERVAL_S)),
    DEFAULT_PING_INTERVAL_S,
  ),
  replyWaitSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_REPLY_WAIT_S)), DEFAULT_REPLY_WAIT_S),
};

const Targets = v.pipe(v.array(PingTarget), v.minLength(1, 'choose at least one target'), v.maxLength(MAX_PING_TARGETS, `at most ${MAX_PING_TARGETS} targets at once`));

export const PingRequest = v.object({ source: PingSource, targets: Targets, ...PingTiming });
export const MatrixRequest = v.object({
  sources: v.pipe(v.array(PingSource), v.minLength(1, 'choose at least one source'), v.maxLength(MAX_MATRIX_SOURCES, `at most ${MAX_MATRIX_SOURCES} sources at once`)),
  targets: Targets,
  ...PingTiming,
});
export const PingRunRef = v.object({ runId: v.pipe(v.string(), v.regex(/^ping-[0-9a-f]{12}$/, 'that is not a ping run this console started')) });

/** Why a ping gave no (or not every) answer, in a kind the UI can branch on. */
export type PingFailureKind =
  | 'unknown-host' // the name does not resolve on the source
  | 'unreachable' // no reply: Destination Host Unreachable, or 100% loss
  | 'partial-loss' // some replies lost
  | 'permission-denied' // sudo wants a password, LXD refuses the user, ping lacks privileges
  | 'ping-missing' // no ping on the source
  | 'source-unreachable' // the source machine (or container) cannot be reached or is not running
  | 'timeout' // the ping ran past its time limit and was stopped
  | 'stopped' // the engineer stopped it
  | 'failed'; // anything else: the message says what

export interface PingFailure {
  kind: PingFailureKind;
  /** What happened and what to do, for the engineer. */
  message: string;
}

export type PingCellState = 'queued' | 'running' | 'done';

/** The end of one source→target ping. */
export interface PingCellResult {
  transmitted: number | null;
  received: number;
  lossPercent: number | null;
  rtt: RoundTrip | null;
  /** Null when every echo came back. */
  failure: PingFailure | null;
  /** The command as run on the source's machine, for "what did it type?" */
  command: string;
}

export interface PingCell {
  source: PingSource;
  /** "qrouter-35fe… on node02ob64", "instance-0000000c on node03ob64" */
  sourceLabel: string;
  target: string;
}

export interface PingRunStarted {
  runId: string;
  kind: 'ping' | 'matrix';
  cells: PingCell[];
  count: number;
  intervalSeconds: number;
}

/** One cell's news: new replies and errors as ping printed them, and its result once it ends. */
export interface PingRunUpdate {
  runId: string;
  cell: number;
  state: PingCellState;
  replies: PingReply[];
  errors: string[];
  result: PingCellResult | null;
}

/** One cell as far as it got: its replies and errors so far, and its result once it ended. */
export interface PingCellProgress {
  state: PingCellState;
  replies: PingReply[];
  errors: string[];
  result: PingCellResult | null;
}

/** Applies one update to its cell's progress (in place); a cell that is done stays done. */
export function mergePingUpdate(cell: PingCellProgress, update: PingRunUpdate): void {
  if (cell.state !== 'done') cell.state = update.state;
  if (update.replies.length > 0) cell.replies.push(...update.replies);
  if (update.errors.length > 0) cell.errors.push(...update.errors);
  if (update.result) cell.result = update.result;
}

/** The latest run of a kind as the core keeps it: what a page that (re)loads shows again. */
export interface PingRunRecord {
  started: PingRunStarted;
  /** ISO time the run started. */
  startedAt: string;
  /** Each cell's progress, in the order of `started.cells`. */
  cells: PingCellProgress[];
}

export interface LatestPingRuns {
  ping: PingRunRecord | null;
  matrix: PingRunRecord | null;
}
