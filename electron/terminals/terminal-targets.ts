// What each kind of terminal runs, and what it is called. Names from the lab (containers,
// namespaces) are only ever arguments of an argv; quoting happens in shell-quote.ts.
import type { TerminalTarget } from '../contract/terminals';

/** bash when the target has it, else sh: busybox images and minimal containers have no bash. */
export const PICK_SHELL = 'if command -v bash >/dev/null 2>&1; then exec bash -l; else exec sh -l; fi';

/** The program to run under the pty on the target's host; null = that host's login shell. */
export function terminalCommand(target: TerminalTarget, user: string): string[] | null {
  switch (target.kind) {
    case 'machine':
    case 'local':
    case 'juju-ssh':
      return null;
    case 'container':
      return ['lxc', 'exec', target.container, '--', 'sh', '-c', PICK_SHELL];
    case 'namespace': {
      // Entering a namespace needs root; sudo's password prompt, if any, appears in the terminal.
      const enter = ['ip', 'netns', 'exec', target.namespace, 'sh', '-c', PICK_SHELL];
      return user === 'root' ? enter : ['sudo', ...enter];
    }
  }
}

export function terminalTitle(target: TerminalTarget, hostName: string): string {
  switch (target.kind) {
    case 'machine':
      return `shell on ${hostName}`;
    case 'container':
      return `lxc exec ${target.container} on ${hostName}`;
    case 'namespace':
      return `ip netns exec ${target.namespace} on ${hostName}`;
    case 'juju-ssh':
      return `juju ssh ${target.machineId} on ${hostName}`;
    case 'local':
      return `local shell on ${hostName}`;
  }
}
