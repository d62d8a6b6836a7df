// ssh2 and socket failures turned into messages a field engineer can act on.
import { ConsoleError } from '../contract/console-errors';

export function describeConnectFailure(error: unknown, where: string, credentials: string): ConsoleError {
  if (error instanceof ConsoleError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const level = (error as { level?: string }).level;
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ECONNREFUSED':
      return new ConsoleError('ssh-unreachable', `nothing accepts SSH at ${where}: connection refused (is sshd running there, and is the port right?)`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ConsoleError('ssh-unreachable', `cannot resolve the host name in ${where} (check the address, or the Host entry in ~/.ssh/config)`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new ConsoleError('ssh-unreachable', `no route to ${where} (is this laptop on the lab's network?)`);
    case 'ETIMEDOUT':
      return new ConsoleError('ssh-timeout', `${where} did not answer (timed out): is the machine powered on and reachable?`);
    case 'ECONNRESET':
      return new ConsoleError('ssh-disconnected', `${where} closed the connection during the handshake (sshd refused us, or MaxStartups was reached)`);
  }
  if (level === 'client-authentication') {
    return new ConsoleError('ssh-auth-refused', `${where} refused every credential offered (${credentials}). Is the public key in that user's ~/.ssh/authorized_keys?`);
  }
  if (level === 'client-timeout') {
    return new ConsoleError('ssh-timeout', `${where} did not complete the SSH handshake in time`);
  }
  if (/open failed|administratively prohibited|Connection refused/i.test(message)) {
    return new ConsoleError('ssh-unreachable', `the jump host could not open a connection to ${where} (${message}); is TCP forwarding allowed on the jump host?`);
  }
  return new ConsoleError('ssh-disconnected', `SSH to ${where} failed: ${message}`);
}
