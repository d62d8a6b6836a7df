// A machine of a recorded lab: commands are answered from what the snapshot kept of that machine,
// so every probe and parser runs unchanged offline. Nothing reaches a real machine, and nothing
// new can run: a command never recorded answers like a missing program, and terminals need a live lab.
import { ConsoleError } from '../contract/console-errors';
import type { SnapshotCommand, SnapshotMeta } from '../contract/snapshot';
import type { CommandOptions, CommandResult, CommandTransport } from './command-transport';
import type { PtyChannel, PtySize } from '../terminals/pty-channel';

/** What a shell answers for a program it cannot run; probes already treat it as "cannot read this". */
export const NOT_RECORDED_EXIT_CODE = 127;

export interface SnapshotTransportOptions {
  machineId: string;
  /** The name of the machine in messages ("machine 22", "the controller"). */
  machineName: string;
  /**
   * Every command of the snapshot, in the order it ran (this machine's are kept), or what gives them
   * when first needed: an opened snapshot's commands are parsed only when something runs one.
   */
  commands: readonly SnapshotCommand[] | (() => readonly SnapshotCommand[]);
  /** For the UI: the route as recorded, or what the snapshot is ("snapshot of OrangeBox64 taken …"). */
  label: string;
}

export class SnapshotTransport implements CommandTransport {
  readonly kind = 'snapshot' as const;
  readonly label: string;
  /** A file does not drop: the route never needs to be found again. */
  readonly isOpen = true;
  readonly roomForTerminal = false;
  /** This machine's commands by argv, indexed on the first run: opening a snapshot runs none. */
  private answers: Map<string, SnapshotCommand> | null = null;

  constructor(private readonly options: SnapshotTransportOptions) {
    this.label = options.label;
  }

  private recorded(argv: readonly string[]): SnapshotCommand | undefined {
    if (!this.answers) {
      this.answers = new Map();
      // A command run twice during the capture (two refreshes) answers with its later output.
      const commands = typeof this.options.commands === 'function' ? this.options.commands() : this.options.commands;
      for (const command of commands) if (command.machineId === this.options.machineId) this.answers.set(commandKey(command.argv), command);
    }
    return this.answers.get(commandKey(argv));
  }

  async run(argv: readonly string[], options: CommandOptions = {}): Promise<CommandResult> {
    const recorded = this.recorded(argv);
    if (!recorded) {
      return {
        exitCode: NOT_RECORDED_EXIT_CODE,
        signal: null,
        stdout: '',
        stderr: `this snapshot holds no output of \`${argv.join(' ')}\` on ${this.options.machineName}: it was not run when the snapshot was taken`,
        truncated: false,
        invalidUtf8: false,
        durationMs: 0,
      };
    }
    if (recorded.stdout) options.onStdout?.(recorded.stdout);
    const { exitCode, signal, stdout, stderr, truncated, invalidUtf8, durationMs } = recorded;
    return { exitCode, signal, stdout, stderr, truncated, invalidUtf8, durationMs };
  }

  openPty(_argv: readonly string[] | null, _size: PtySize): Promise<PtyChannel> {
    return Promise.reject(new ConsoleError('snapshot-read-only', `a snapshot is read-only: a terminal on ${this.options.machineName} needs a live lab; connect one to open it`));
  }

  close(): void {}
}

/** "snapshot of OrangeBox64 taken 2026-12-07 10:00 UTC": the same words wherever a snapshot is named. */
export function describeSnapshot(meta: Pick<SnapshotMeta, 'labName' | 'captureEndedAt'>): string {
  return `snapshot of ${meta.labName} taken ${formatTakenAt(meta.captureEndedAt)}`;
}

/** UTC to the minute: the core does not know the engineer's time zone; the page shows local time. */
export function formatTakenAt(iso: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  return `${time.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** argv as a key: JSON keeps the boundaries between arguments ("a b" ≠ "a", "b"). */
const commandKey = (argv: readonly string[]) => JSON.stringify(argv);
