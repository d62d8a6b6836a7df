// A transport that keeps what every command printed, for a snapshot: each command runs through the
// real transport, and what it printed is handed on with its secrets already masked, so the clear
// text never reaches the snapshot. The caller (a probe) still gets the real result: parsers mask
// what they model themselves, and the live inventory must not differ because it was captured.
import { ConsoleError } from '../contract/console-errors';
import type { SnapshotCommand } from '../contract/snapshot';
import type { PtyChannel, PtySize } from '../terminals/pty-channel';
import type { CommandOptions, CommandResult, CommandTransport } from '../transports/command-transport';
import { maskRawOutput } from './raw-output-masking';

export interface RecordedCommand {
  /** Where it stands among every command of the capture, counted when it started. */
  sequence: number;
  command: SnapshotCommand;
  /** How many secrets were masked in its stdout and stderr. */
  maskedValues: number;
}

/** Where the recording transports of one capture keep their commands. */
export interface CommandRecorder {
  /** Called as a command starts: its place in the capture's order. */
  nextSequence(): number;
  keep(recorded: RecordedCommand): void;
}

/** One capture's recorder: numbers commands in the order they start, hands each on once it ends. */
export function commandRecorder(onCommand: (recorded: RecordedCommand) => void): CommandRecorder {
  let started = 0;
  return { nextSequence: () => started++, keep: onCommand };
}

export class RecordingTransport implements CommandTransport {
  constructor(
    private readonly inner: CommandTransport,
    readonly machineId: string,
    private readonly recorder: CommandRecorder,
  ) {}

  get kind() {
    return this.inner.kind;
  }

  get label(): string {
    return this.inner.label;
  }

  get isOpen(): boolean {
    return this.inner.isOpen;
  }

  /** A capture reads the lab; it never opens a terminal. */
  get roomForTerminal(): boolean {
    return false;
  }

  /**
   * A command that throws (its connection dropped, its channel refused) printed nothing to keep:
   * the probe's outcome in the inventory carries the error instead.
   */
  async run(argv: readonly string[], options?: CommandOptions): Promise<CommandResult> {
    const sequence = this.recorder.nextSequence();
    const startedAt = new Date().toISOString();
    const result = await this.inner.run(argv, options);
    const stdout = maskRawOutput(result.stdout);
    const stderr = maskRawOutput(result.stderr);
    this.recorder.keep({
      sequence,
      maskedValues: stdout.masked + stderr.masked,
      command: {
        machineId: this.machineId,
        argv: [...argv],
        exitCode: result.exitCode,
        signal: result.signal,
        stdout: stdout.text,
        stderr: stderr.text,
        truncated: result.truncated,
        invalidUtf8: result.invalidUtf8,
        startedAt,
        durationMs: result.durationMs,
      },
    });
    return result;
  }

  openPty(_argv: readonly string[] | null, _size: PtySize): Promise<PtyChannel> {
    return Promise.reject(new ConsoleError('internal', `a lab capture reads ${this.inner.label} and opens no terminal there; open terminals on the live lab`));
  }

  close(): void {
    this.inner.close();
  }
}
