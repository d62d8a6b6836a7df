// Terminals across the UI/core boundary: what can be opened, what a session looks like, and the
// payloads of input, resize, flow-control acknowledgements, recording and broadcast.
import * as v from 'valibot';

const MachineId = v.pipe(v.string(), v.regex(/^(\d+|controller)$/, 'a machine is a Juju machine id ("26") or "controller"'));
/** LXD names: letters, digits and "-", at most 63 characters (LXD's own rule). */
const ContainerName = v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/, 'that is not an LXD container name'));
/** `ip netns` names: no "/" and no NUL; anything else is legal, so it is only ever an argument. */
const NamespaceName = v.pipe(v.string(), v.minLength(1), v.maxLength(255), v.regex(/^[^/\0]+$/, 'that is not a network namespace name'));

export const TerminalTarget = v.variant('kind', [
  /** A login shell on a lab machine, over its route (SSH or juju ssh). */
  v.object({ kind: v.literal('machine'), machineId: MachineId }),
  /** `lxc exec <container> -- <bash or sh>` on the container's compute node. */
  v.object({ kind: v.literal('container'), machineId: MachineId, container: ContainerName }),
  /** `ip netns exec <namespace> <shell>` on the gateway (through sudo unless root). */
  v.object({ kind: v.literal('namespace'), machineId: MachineId, namespace: NamespaceName }),
  /** `juju ssh <machine>` run on the controller. */
  v.object({ kind: v.literal('juju-ssh'), machineId: MachineId }),
  /** A shell on this computer. */
  v.object({ kind: v.literal('local') }),
]);
export type TerminalTarget = v.InferOutput<typeof TerminalTarget>;

/** Terminal sizes a person can have; beyond these a resize is a bug or an attack. */
export const TERMINAL_MAX_COLS = 1000;
export const TERMINAL_MAX_ROWS = 500;
const Cols = v.pipe(v.number(), v.integer(), v.minValue(2), v.maxValue(TERMINAL_MAX_COLS));
const Rows = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(TERMINAL_MAX_ROWS));

export const TerminalId = v.pipe(v.string(), v.regex(/^term-[0-9a-f]{12}$/, 'that is not a terminal this console opened'));

/** A paste larger than this is refused rather than flooding a remote shell. */
export const MAX_TERMINAL_INPUT_CHARS = 1024 * 1024;

export const TerminalOpen = v.object({ target: TerminalTarget, cols: Cols, rows: Rows });
export const TerminalRef = v.object({ id: TerminalId });
export const TerminalInput = v.object({ id: TerminalId, data: v.pipe(v.string(), v.maxLength(MAX_TERMINAL_INPUT_CHARS, 'that paste is larger than 1 MiB; send it as a file instead')) });
export const TerminalResize = v.object({ id: TerminalId, cols: Cols, rows: Rows });
export const TerminalAck = v.object({ id: TerminalId, chars: v.pipe(v.number(), v.integer(), v.minValue(0)) });
export const TerminalRecord = v.object({
  id: TerminalId,
  /** Where to write the asciicast v2 file; null stops recording. */
  path: v.nullable(v.pipe(v.string(), v.minLength(1), v.maxLength(4096))),
  /** Record what is typed too (passwords at a prompt included): only when the engineer asks, per recording. */
  input: v.optional(v.boolean(), false),
});
export const TerminalBroadcast = v.object({ ids: v.array(TerminalId) });

export type TerminalState = 'starting' | 'running' | 'disconnected' | 'exited' | 'failed';

export interface TerminalInfo {
  id: string;
  target: TerminalTarget;
  /** What it is, in words: "lxc exec instance-0000000c on node03ob64". */
  title: string;
  state: TerminalState;
  /** The shell's exit status once it exited. */
  exitCode: number | null;
  /** Why it disconnected or failed, for the line the terminal shows. */
  detail: string | null;
  cols: number;
  rows: number;
  /** The asciicast file being written, if recording. */
  recordingPath: string | null;
  /** Why the last recording stopped by itself (the disk filled up); null once another starts. */
  recordingProblem?: string | null;
  /** What is typed is recorded too (asked for with this recording). */
  recordingInput?: boolean;
  /** Input typed here goes to every terminal of the broadcast set. */
  inBroadcast: boolean;
  createdAt: string;
}

export interface TerminalAttachment {
  info: TerminalInfo;
  /** The screen and scrollback as escape sequences (xterm serialize), to write into a fresh xterm. */
  screen: string;
}

export interface TerminalData {
  id: string;
  /** Text in the core and over Electron's IPC; its UTF-8 bytes over the browser host's WebSocket. */
  data: string | Uint8Array;
  /** The text's length in UTF-16 code units: what flow control counts and the page acknowledges. */
  chars: number;
}
