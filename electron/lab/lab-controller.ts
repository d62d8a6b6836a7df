// A lab's controller as the rest of the core uses it: how commands reach it, and whether its SSH
// connection can carry jumps to the lab's machines. A controller on this computer runs commands
// locally and reaches the machines by SSH directly.
import type { SshConnection } from '../ssh/ssh-connection';
import type { CommandTransport } from '../transports/command-transport';
import { SshTransport } from '../transports/ssh-transport';
import { LocalTransport } from '../transports/local-transport';

export interface LabController {
  transport: CommandTransport;
  /** The connection machines are jumped through; null when the controller is this computer. */
  jumpHost: SshConnection | null;
  /** The controller's address, for the UI ("127.0.1.1", or "this computer"). */
  address: string;
}

export const sshController = (connection: SshConnection): LabController => ({
  transport: new SshTransport(connection, null, false),
  jumpHost: connection,
  address: connection.target.host,
});

export const localController = (): LabController => ({ transport: new LocalTransport(), jumpHost: null, address: 'this computer' });
