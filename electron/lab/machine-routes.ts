// How each lab machine is reached, chosen automatically and explained: (a) an SSH connection
// jumping through the controller (or straight from this computer, when the controller is this
// computer) to the machine's address with the engineer's credentials, or,
// when the machine refuses that, (b) `juju ssh <id>` run on the controller. An override forces
// one of them. A host-key problem never falls back silently: it is the engineer's to decide.
import { ConsoleError } from '../contract/console-errors';
import { SshConnection, type HostKeyPolicy } from '../ssh/ssh-connection';
import type { LabController } from './lab-controller';
import type { AuthOptions } from '../ssh/ssh-auth';
import type { CommandTransport } from '../transports/command-transport';
import { SshTransport } from '../transports/ssh-transport';
import { JujuSshTransport } from '../transports/juju-ssh-transport';

export type RouteChoice = 'auto' | 'jump' | 'juju-ssh';

/** Failures of the jump route after which `juju ssh` is worth trying. */
const FALLBACK_ON: ReadonlySet<string> = new Set(['ssh-auth-refused', 'ssh-unreachable', 'ssh-timeout', 'ssh-disconnected']);
/** `juju ssh` opens a fresh OpenSSH session each time (~0.3 s here, seconds on a busy controller). */
const JUJU_SSH_CHECK_TIMEOUT_MS = 20_000;
const SSH_PORT = 22;

export interface MachineToReach {
  id: string;
  /** The address Juju reports (dns-name); null when Juju has none. */
  address: string | null;
}

export interface MachineRoute {
  machineId: string;
  kind: 'jump' | 'juju-ssh';
  transport: CommandTransport;
  /** Whether the route was found automatically or forced by the engineer. */
  chosenBy: 'auto' | 'override';
  /** When auto fell back to juju ssh: why the direct route was not used. */
  note: string | null;
}

export interface RouteContext {
  controller: LabController;
  user: string;
  auth: AuthOptions;
  hostKeys: HostKeyPolicy;
}

export async function openMachineRoute(machine: MachineToReach, choice: RouteChoice, context: RouteContext): Promise<MachineRoute> {
  const chosenBy = choice === 'auto' ? 'auto' : 'override';
  if (choice === 'juju-ssh') return { ...(await viaJujuSsh(machine, context)), chosenBy, note: null };
  try {
    return { ...(await viaJump(machine, context)), chosenBy, note: null };
  } catch (error) {
    const failure = error instanceof ConsoleError ? error : new ConsoleError('ssh-disconnected', String(error));
    if (choice === 'jump' || !FALLBACK_ON.has(failure.code)) throw failure;
    try {
      return { ...(await viaJujuSsh(machine, context)), chosenBy, note: `direct SSH was not possible (${failure.message}); using juju ssh` };
    } catch (jujuError) {
      const jujuMessage = jujuError instanceof Error ? jujuError.message : String(jujuError);
      throw new ConsoleError(failure.code, `machine ${machine.id} cannot be reached: ${failure.message}; and juju ssh ${machine.id} failed too: ${jujuMessage}`);
    }
  }
}

async function viaJump(machine: MachineToReach, context: RouteContext): Promise<Pick<MachineRoute, 'machineId' | 'kind' | 'transport'>> {
  if (!machine.address) throw new ConsoleError('ssh-unreachable', `Juju reports no address for machine ${machine.id}`);
  const connection = await SshConnection.open(
    { host: machine.address, port: SSH_PORT, user: context.user },
    { auth: context.auth, hostKeys: context.hostKeys, ...(context.controller.jumpHost ? { via: context.controller.jumpHost } : {}) },
  );
  return { machineId: machine.id, kind: 'jump', transport: new SshTransport(connection, context.controller.jumpHost, true) };
}

async function viaJujuSsh(machine: MachineToReach, context: RouteContext): Promise<Pick<MachineRoute, 'machineId' | 'kind' | 'transport'>> {
  const transport = new JujuSshTransport(context.controller.transport, machine.id);
  const check = await transport.run(['true'], { timeoutMs: JUJU_SSH_CHECK_TIMEOUT_MS });
  if (check.exitCode !== 0) {
    const why = check.stderr.trim().split('\n').slice(-1)[0] || `exit code ${check.exitCode}`;
    throw new ConsoleError('ssh-unreachable', `juju ssh ${machine.id} on ${context.controller.transport.label} failed: ${why}`);
  }
  return { machineId: machine.id, kind: 'juju-ssh', transport };
}
