import type { SshConnection } from '../ssh/ssh-connection';
import type { CommandOptions, CommandResult, CommandTransport } from './command-transport';
import type { PtyChannel, PtySize } from '../terminals/pty-channel';

/** A machine reached by its own SSH connection (directly, or jumping through the controller). */
export class SshTransport implements CommandTransport {
  readonly kind = 'ssh' as const;

  constructor(
    private readonly connection: SshConnection,
    private readonly via: SshConnection | null,
    private readonly ownsConnection: boolean,
  ) {}

  get label(): string {
    return this.via ? `${this.connection.label} via ${this.via.label}` : this.connection.label;
  }

  get isOpen(): boolean {
    return this.connection.isOpen;
  }

  run(argv: readonly string[], options?: CommandOptions): Promise<CommandResult> {
    return this.connection.exec(argv, options);
  }

  openPty(argv: readonly string[] | null, size: PtySize): Promise<PtyChannel> {
    return this.connection.openPty(argv, size);
  }

  get roomForTerminal(): boolean {
    return this.connection.roomForTerminal;
  }

  close(): void {
    if (this.ownsConnection) this.connection.close();
  }
}
