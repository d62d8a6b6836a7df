// How a command reaches one machine of a lab. Probes and terminals ask a transport to run an
// argv; they never know whether it went over SSH, through `juju ssh`, or ran on this machine.
import type { CommandOptions, CommandResult } from '../ssh/ssh-connection';
import type { PtyChannel, PtySize } from '../terminals/pty-channel';

export type TransportKind = 'ssh' | 'juju-ssh' | 'local' | 'snapshot';

export interface CommandTransport {
  readonly kind: TransportKind;
  /** For the UI: "ubuntu@127.0.1.22:22 via ubuntu@127.0.1.1:22", "juju ssh 23 on OrangeBox64". */
  readonly label: string;
  /** False once the connection under it is gone: the route must be found again. */
  readonly isOpen: boolean;
  run(argv: readonly string[], options?: CommandOptions): Promise<CommandResult>;
  /** An interactive program under a pty: a login shell when argv is null. */
  openPty(argv: readonly string[] | null, size: PtySize): Promise<PtyChannel>;
  /** False when one more terminal would not open here (its connection has all it takes). */
  readonly roomForTerminal: boolean;
  close(): void;
}

export type { CommandOptions, CommandResult };
