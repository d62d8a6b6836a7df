// Why a ping did not get every answer, in words a field engineer can act on: a name that does not
// resolve, nothing answering, sudo or LXD refusing the lab user, no ping on the source, a source
// that cannot be reached. Pure: it reads what ping and its wrappers printed.
import type { PingFailure, PingSource } from '../contract/diagnostics';
import type { PingNumbers } from './ping-statistics';

export interface PingEnding {
  source: PingSource;
  /** "qrouter-… on node02ob64" */
  sourceLabel: string;
  /** The source's machine, by name. */
  hostName: string;
  target: string;
  numbers: PingNumbers;
  /** Lines ping printed about failures ("From … Destination Host Unreachable", "ping: bad address"). */
  errors: readonly string[];
  stderr: string;
  exitCode: number | null;
  /** The engineer pressed Stop. */
  stopped: boolean;
  /** The command ran past its time limit. */
  timedOut: boolean;
}

const RESOLUTION = /Name or service not known|Temporary failure in name resolution|No address associated with hostname|Name does not resolve|unknown host|bad address|cannot resolve/i;
const SUDO_REFUSED = /password is required|a terminal is required|not allowed to execute|may not run sudo|is not in the sudoers/i;
const LXD_REFUSED = /permission denied.*(?:lxd|unix\.socket)|(?:lxd|unix\.socket).*permission denied|You don't have the needed permissions/i;
const PING_PRIVILEGE = /Operation not permitted|socket: Permission denied|cannot flood|lacking privilege|permission denied, are you root/i;
const PING_MISSING = /ping: (?:command )?not found|executable file not found|exec: "?ping"?: |No such file or directory.*ping|ping: No such file/i;
const NAMESPACE_GONE = /Cannot open network namespace|netns .* does not exist/i;
const CONTAINER_NOT_RUNNING = /Instance is not running|Container is not running/i;
const CONTAINER_MISSING = /Instance not found|not found.*instance|Failed to get the instance|Container not found/i;
const UNREACHABLE_LINE = /Destination (?:Host|Net|Port|Protocol) Unreachable|Request timeout|Time to live exceeded|Network is unreachable|No route to host/i;

const firstLine = (text: string) => text.split('\n').map((line) => line.trim()).find((line) => line !== '') ?? '';

export function classifyPingEnding(ending: PingEnding): PingFailure | null {
  const { source, sourceLabel, hostName, target, numbers, errors, stderr } = ending;
  const said = [...errors, ...stderr.split('\n')].map((line) => line.trim()).filter((line) => line !== '');
  const find = (pattern: RegExp) => said.find((line) => pattern.test(line));

  if (source.kind === 'namespace' && find(SUDO_REFUSED)) {
    return { kind: 'permission-denied', message: `sudo on ${hostName} asks for a password (or refuses) to run \`ip netns exec\`: "${find(SUDO_REFUSED)}". Give the lab user passwordless sudo for \`ip\`, then ping again.` };
  }
  if (source.kind === 'container' && find(LXD_REFUSED)) {
    return { kind: 'permission-denied', message: `LXD on ${hostName} refuses the lab user: "${find(LXD_REFUSED)}". Add the user to the lxd group (then log in again), or choose another source.` };
  }
  if (find(NAMESPACE_GONE)) {
    return { kind: 'source-unreachable', message: `the namespace of ${sourceLabel} does not exist now: "${find(NAMESPACE_GONE)}". Refresh the inventory and choose a namespace it lists.` };
  }
  if (find(CONTAINER_NOT_RUNNING)) {
    return { kind: 'source-unreachable', message: `${sourceLabel} is not running, so nothing can be pinged from it. Start it (lxc start), or choose another source.` };
  }
  if (source.kind === 'container' && find(CONTAINER_MISSING)) {
    return { kind: 'source-unreachable', message: `${hostName} has no container named like ${sourceLabel}: "${find(CONTAINER_MISSING)}". Refresh the inventory and choose one it lists.` };
  }
  if (find(PING_MISSING) || (ending.exitCode === 127 && /ping/.test(stderr))) {
    return { kind: 'ping-missing', message: `there is no ping on ${sourceLabel} ("${find(PING_MISSING) ?? firstLine(stderr)}"). Install iputils-ping there, or ping from another source.` };
  }
  if (find(RESOLUTION)) {
    return { kind: 'unknown-host', message: `${target} is an unknown host on ${sourceLabel} ("${find(RESOLUTION)}"). Check the spelling, or ping its address instead.` };
  }
  if (find(PING_PRIVILEGE)) {
    return { kind: 'permission-denied', message: `ping may not send ICMP on ${sourceLabel}: "${find(PING_PRIVILEGE)}". It needs the cap_net_raw capability (or root) there.` };
  }

  const sent = numbers.transmitted;
  const unreachableLine = find(UNREACHABLE_LINE);
  if (numbers.received === 0 && (sent ?? 0) > 0) {
    const why = unreachableLine ? ` (${unreachableLine})` : '';
    return { kind: 'unreachable', message: `${target} did not answer from ${sourceLabel}: ${sent} sent, 0 received, 100% loss${why}. Check that something is up at that address and that ICMP is allowed on the way.` };
  }
  if (ending.stopped) {
    return { kind: 'stopped', message: `stopped after ${numbers.received} ${numbers.received === 1 ? 'reply' : 'replies'}` };
  }
  if (ending.timedOut) {
    return { kind: 'timeout', message: `the ping from ${sourceLabel} ran past its time limit and was stopped after ${numbers.received} ${numbers.received === 1 ? 'reply' : 'replies'}; ${hostName} may be overloaded` };
  }
  if (sent !== null && numbers.received < sent) {
    return { kind: 'partial-loss', message: `${target} lost ${sent - numbers.received} of ${sent} echo requests from ${sourceLabel} (${numbers.lossPercent ?? '?'}% loss)` };
  }
  if (sent === null || ending.exitCode !== 0) {
    if (numbers.received === 0 && unreachableLine) {
      return { kind: 'unreachable', message: `${target} is unreachable from ${sourceLabel}: ${unreachableLine}` };
    }
    if (ending.exitCode !== 0 && numbers.received === 0) {
      const line = firstLine(stderr) || errors[0] || `exit status ${ending.exitCode ?? 'unknown'}`;
      return { kind: 'failed', message: `the ping from ${sourceLabel} to ${target} failed: ${line}` };
    }
  }
  return null;
}
