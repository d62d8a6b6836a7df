// A machine reached with `juju ssh <id>` run on the controller: Juju's own key and route, for
// machines that refuse the engineer's key (a common MAAS deployment).
import { quoteShellCommand } from '../ssh/shell-quote';
import type { CommandOptions, CommandResult, CommandTransport } from './command-transport';
import type { PtyChannel, PtySize } from '../terminals/pty-channel';

export class JujuSshTransport implements CommandTransport {
  readonly kind = 'juju-ssh' as const;

  constructor(
    private readonly controller: CommandTransport,
    readonly machineId: string,
  ) {}

  get label(): string {
    return `juju ssh ${this.machineId} on ${this.controller.label}`;
  }

  get isOpen(): boolean {
    return this.controller.isOpen;
  }

  /**
   * `juju ssh ID -- ARGS…` joins ARGS with spaces for the machine's shell, so the command goes as
   * ONE argument already quoted for that shell; the controller's shell (over SSH) gets its own
   * layer of quoting from SshConnection.exec. Both layers come from shell-quote.ts.
   */
  run(argv: readonly string[], options?: CommandOptions): Promise<CommandResult> {
    return this.controller.run(['juju', 'ssh', this.machineId, '--', quoteShellCommand(argv)], options);
  }

  /** `juju ssh --pty=true ID [-- command]` under a pty on the controller. */
  openPty(argv: readonly string[] | null, size: PtySize): Promise<PtyChannel> {
    return this.controller.openPty(['juju', 'ssh', '--pty=true', this.machineId, ...(argv ? ['--', quoteShellCommand(argv)] : [])], size);
  }

  /** Its terminals run on the controller's connection. */
  get roomForTerminal(): boolean {
    return this.controller.roomForTerminal;
  }

  close(): void {
    // The controller connection belongs to the lab link.
  }
}
