// What a ping runs, from where: argv arrays only (quoting for a remote shell happens in
// shell-quote.ts). The target has already been checked by the contract (an address or a host
// name, never an option), and names from the lab are only ever arguments.
import type { PingSource } from '../contract/diagnostics';

export interface PingTiming {
  count: number;
  intervalSeconds: number;
  replyWaitSeconds: number;
}

/**
 * Beyond its own pace, a ping needs time to start: SSH channel, sudo or `lxc exec`, and a name
 * lookup that may take a resolver timeout (5 s) before "unknown host".
 */
const START_AND_RESOLVE_ALLOWANCE_MS = 12_000;

/** iputils and BusyBox both read -c (count), -i (interval) and -W (seconds to wait for a reply). */
export function pingArgv(target: string, timing: PingTiming): string[] {
  return ['ping', '-c', String(timing.count), '-i', String(timing.intervalSeconds), '-W', String(timing.replyWaitSeconds), target];
}

/** The ping wrapped for its source: on the machine itself, in a namespace, in a container. */
export function pingCommand(source: PingSource, target: string, timing: PingTiming): string[] {
  return commandInSource(source, pingArgv(target, timing));
}

/** Any command run where a ping source is: on the machine itself, in its namespace, in its container. */
export function commandInSource(source: PingSource, argv: readonly string[]): string[] {
  switch (source.kind) {
    case 'machine':
      return [...argv];
    case 'namespace':
      // sudo -n never waits for a password: a ping fails with a reason instead of hanging.
      return ['sudo', '-n', 'ip', 'netns', 'exec', source.namespace, ...argv];
    case 'container':
      return ['lxc', 'exec', source.container, '--', ...argv];
  }
}

/** The longest a ping may run before it is stopped: its own pace plus the start-up allowance. */
export function pingTimeLimitMs(timing: PingTiming): number {
  return Math.ceil(((timing.count - 1) * timing.intervalSeconds + timing.replyWaitSeconds) * 1000) + START_AND_RESOLVE_ALLOWANCE_MS;
}

/** "qrouter-35fe… on node02ob64", "instance-0000000c on node03ob64", "node03ob64". */
export function pingSourceLabel(source: PingSource, hostName: string): string {
  switch (source.kind) {
    case 'machine':
      return hostName;
    case 'namespace':
      return `${source.namespace} on ${hostName}`;
    case 'container':
      return `${source.container} on ${hostName}`;
  }
}
