// What several probes share: which roles a machine has, running as root without a password
// prompt, and the failures (a missing program, sudo asking for a password) said the same way.
import type { InventoryMachine, MachineRole } from '../../contract/inventory';

export const hasRole = (machine: InventoryMachine, ...roles: MachineRole[]): boolean => roles.some((role) => machine.roles.includes(role));

/** sudo -n never waits for a password: a probe must fail with a reason, not hang. */
export const SUDO = ['sudo', '-n'];

/** The machine as a message names it: its host name, else "machine 26". */
const machineName = (machine: InventoryMachine) => machine.hostname ?? `machine ${machine.id}`;

export function explainSudo(stderr: string, machine: InventoryMachine, what: string): string | null {
  if (/password is required|a terminal is required|not allowed to execute|may not run sudo/i.test(stderr)) {
    return `${what} needs root on ${machineName(machine)}, and sudo there asks for a password or refuses (${stderr.split('\n')[0]}). Give the lab user passwordless sudo for it.`;
  }
  return null;
}

export const explainNotFound = (program: string) => (stderr: string, machine: InventoryMachine): string | null =>
  /not found|No such file/i.test(stderr) ? `${program} is not installed on ${machineName(machine)} (${stderr.split('\n')[0]})` : null;
