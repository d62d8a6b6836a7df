// Runs a confirmed plan step by step on the lab, saying after each change how far it got: each
// step's command, its status, what it made or found, and its error in words. A create records what
// it made the moment OpenStack returns its id (so a later failure never leaves an object the
// console forgot it made); a delete forgets its entry once done, or once OpenStack says it is
// already gone. The first failed step stops the run: the rest are marked skipped. Every wait is
// bounded by a named limit.
import type { OpenStackActionProgress, OpenStackCreated } from '../contract/openstack-actions';
import type { CommandResult } from '../transports/command-transport';
import { parseOpenStackServerList } from '../probes/parsers/openstack-server-list';
import {
  CONTAINER_APPEAR_TIMEOUT_MS,
  describeStep,
  FOLLOW_POLL_MS,
  SERVER_ACTIVE_TIMEOUT_MS,
  showCommand,
  type ActionStep,
  type FollowServersStep,
  type OpenStackCommandStep,
  type StepArg,
} from './openstack-action-plans';

/** What a run needs from the lab and the console; the handlers give the real ones, tests their own. */
export interface ActionRunDeps {
  labId: string;
  /** `openstack <args>` on the controller with the lab's credentials sourced. */
  openstack(args: readonly string[], timeoutMs: number): Promise<CommandResult>;
  /** An argv on the machine Nova calls `host` (OS-EXT-SRV-ATTR:host); throws when no machine has that name. */
  onHost(host: string, argv: readonly string[], timeoutMs: number): Promise<CommandResult>;
  /** What to do about a failed `openstack` command, from its stderr; null when nothing better than its own words. */
  explain(stderr: string): string | null;
  remember(entry: OpenStackCreated): Promise<void>;
  forget(entry: OpenStackCreated): Promise<void>;
  onProgress(progress: OpenStackActionProgress): void;
  sleep(ms: number): Promise<void>;
  now(): number;
}

/** `lxc list` answers in well under a second; its time limit only guards a stuck daemon. */
const LXC_LIST_TIMEOUT_MS = 30_000;
/** The last lines of a failed command's stderr said in the progress: the client's message is there. */
const ERROR_LINES_SHOWN = 3;

class StepFailed extends Error {}

export async function runActionPlan(deps: ActionRunDeps, progress: OpenStackActionProgress, steps: readonly ActionStep[]): Promise<OpenStackActionProgress> {
  const outputs = new Map<string, Record<string, unknown>>();
  const publish = () => deps.onProgress(structuredClone(progress));
  for (const [index, step] of steps.entries()) {
    const shown = progress.steps[index]!;
    shown.status = 'running';
    publish();
    try {
      if (step.kind === 'openstack') {
        const filled = fill(step.args, outputs);
        shown.command = showCommand(filled);
        shown.detail = await runCommandStep(deps, step, filled, outputs);
      } else {
        await followServers(deps, step, outputs, (detail) => {
          shown.detail = detail;
          publish();
        });
      }
      shown.status = 'done';
    } catch (error) {
      shown.status = 'failed';
      shown.error = error instanceof Error ? error.message : String(error);
      for (const later of progress.steps.slice(index + 1)) later.status = 'skipped';
      progress.state = 'failed';
      publish();
      return progress;
    }
    publish();
  }
  progress.state = 'succeeded';
  publish();
  return progress;
}

/** The progress of a plan about to run: every step pending, as the confirmation showed it. */
export function startingProgress(runId: string, planId: string, action: OpenStackActionProgress['action'], title: string, steps: readonly ActionStep[]): OpenStackActionProgress {
  return { runId, planId, action, title, state: 'running', steps: steps.map((step) => ({ ...describeStep(step), status: 'pending', detail: null, error: null })) };
}

function fill(args: readonly StepArg[], outputs: Map<string, Record<string, unknown>>): string[] {
  return args.map((arg) => (typeof arg === 'string' ? arg : valueOf(arg, outputs)));
}

function valueOf(arg: StepArg, outputs: Map<string, Record<string, unknown>>): string {
  if (typeof arg === 'string') return arg;
  const value = outputs.get(arg.from)?.[arg.field];
  if (typeof value !== 'string' || value === '') throw new StepFailed(`an earlier step did not print ${arg.shown} (its ${arg.field}); nothing more was run`);
  return value;
}

/** "HTTP 409 Conflict…" → the client's own words, with what to do when the failure is a known one. */
function failureWords(deps: ActionRunDeps, result: CommandResult, timeoutMs: number): string {
  if (result.exitCode === null) return `it did not finish within ${Math.round(timeoutMs / 1000)} s and was stopped; OpenStack may still be doing it: refresh to see`;
  const said = result.stderr.trim().split('\n').filter((line) => line.trim() !== '').slice(-ERROR_LINES_SHOWN).join(' ');
  const advice = deps.explain(result.stderr);
  return advice ?? (said ? `openstack said: ${said}` : `it ended with status ${result.exitCode} and printed no reason`);
}

/** "No Network found for …", "Unable to find router with name or ID": already gone, so nothing to delete. */
const ALREADY_GONE = /No \S+ found for|Unable to find \S+ with name or ID|No (?:server|Network|Router|Subnet|FloatingIP) with a name or ID|could not be found|404/i;

async function runCommandStep(deps: ActionRunDeps, step: OpenStackCommandStep, args: string[], outputs: Map<string, Record<string, unknown>>): Promise<string | null> {
  const result = await deps.openstack(args, step.timeoutMs);
  if (result.exitCode !== 0) {
    if (step.forgets && result.exitCode !== null && ALREADY_GONE.test(result.stderr)) {
      await deps.forget(step.forgets);
      return 'it was already gone; no longer listed as the console’s';
    }
    throw new StepFailed(failureWords(deps, result, step.timeoutMs));
  }
  if (step.key) {
    const printed = parseJsonObject(result.stdout);
    if (!printed) throw new StepFailed(`it succeeded but did not print the JSON object \`-f json\` asks for, so its id is unknown; check with \`openstack ${args.slice(0, 2).join(' ')} list\` and delete it by hand if need be`);
    outputs.set(step.key, printed);
  }
  if (step.record) {
    const entry: OpenStackCreated = {
      labId: deps.labId,
      kind: step.record.kind,
      id: valueOf(step.record.id, outputs),
      name: valueOf(step.record.name, outputs),
      routerId: step.record.routerId === null ? null : valueOf(step.record.routerId, outputs),
      createdAt: new Date(deps.now()).toISOString(),
    };
    await deps.remember(entry);
    return `${entry.kind === 'floating-ip' ? `address ${entry.name}` : entry.name}${entry.kind === 'router-interface' || entry.kind === 'router-gateway' ? '' : ` (id ${entry.id})`}`;
  }
  if (step.forgets) await deps.forget(step.forgets);
  return null;
}

function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

interface FollowedServer {
  name: string;
  id: string;
  status: string | null;
  host: string | null;
  instanceName: string | null;
  containerSeen: boolean;
}

/** Each server until ACTIVE (ERROR stops with Nova's fault), then its container in `lxc list` on its host. */
async function followServers(deps: ActionRunDeps, step: FollowServersStep, outputs: Map<string, Record<string, unknown>>, say: (detail: string) => void): Promise<void> {
  const servers: FollowedServer[] = step.servers.map((server) => ({ name: server.name, id: valueOf(server.id, outputs), status: null, host: null, instanceName: null, containerSeen: false }));
  const summary = () => servers.map((server) => `${server.name}: ${server.containerSeen ? `ACTIVE, container ${server.instanceName} on ${server.host}` : (server.status ?? 'asking Nova')}`).join('; ');

  const activeBy = deps.now() + SERVER_ACTIVE_TIMEOUT_MS;
  for (;;) {
    for (const server of servers.filter((candidate) => candidate.status !== 'ACTIVE')) await lookAtServer(deps, server);
    say(summary());
    if (servers.every((server) => server.status === 'ACTIVE')) break;
    if (deps.now() >= activeBy) {
      const late = servers.filter((server) => server.status !== 'ACTIVE').map((server) => `${server.name} (${server.status ?? 'unknown'})`);
      throw new StepFailed(`not ACTIVE after ${SERVER_ACTIVE_TIMEOUT_MS / 60_000} minutes: ${late.join(', ')}. See \`openstack server show ${servers[0]!.id}\` and nova-compute's log on the host`);
    }
    await deps.sleep(FOLLOW_POLL_MS);
  }

  const seenBy = deps.now() + CONTAINER_APPEAR_TIMEOUT_MS;
  for (;;) {
    for (const server of servers.filter((candidate) => !candidate.containerSeen)) await lookForContainer(deps, server);
    say(summary());
    if (servers.every((server) => server.containerSeen)) return;
    if (deps.now() >= seenBy) {
      const missing = servers.filter((server) => !server.containerSeen).map((server) => `${server.instanceName} on ${server.host}`);
      throw new StepFailed(`Nova says ACTIVE, but \`lxc list\` does not show ${missing.join(', ')} after ${CONTAINER_APPEAR_TIMEOUT_MS / 1000} s: nova-lxd and LXD disagree; look at \`lxc list\` and nova-compute's log there`);
    }
    await deps.sleep(FOLLOW_POLL_MS);
  }
}

async function lookAtServer(deps: ActionRunDeps, server: FollowedServer): Promise<void> {
  const args = ['server', 'show', '-f', 'json', server.id];
  const result = await deps.openstack(args, LXC_LIST_TIMEOUT_MS * 2);
  if (result.exitCode !== 0) throw new StepFailed(`\`openstack server show ${server.id}\` (${server.name}) failed: ${failureWords(deps, result, LXC_LIST_TIMEOUT_MS * 2)}`);
  const shown = parseOpenStackServerList(result.stdout).value.servers[0];
  if (!shown) throw new StepFailed(`\`openstack server show ${server.id}\` printed nothing readable for ${server.name}`);
  server.status = shown.status;
  server.host = shown.host;
  server.instanceName = shown.instanceName;
  if (shown.status === 'ERROR') {
    const fault = parseJsonObject(result.stdout)?.['fault'];
    const message = typeof fault === 'object' && fault !== null && typeof (fault as Record<string, unknown>)['message'] === 'string' ? String((fault as Record<string, unknown>)['message']) : null;
    throw new StepFailed(`${server.name} went to ERROR${message ? `: Nova says “${message}”` : ''}. It stays listed as the console’s: delete it with “Delete what the console created…”`);
  }
  if (shown.status === 'ACTIVE' && (!shown.host || !shown.instanceName)) {
    throw new StepFailed(`${server.name} is ACTIVE but \`server show\` gives no host or instance name (OS-EXT-SRV-ATTR:*: the credentials are not an admin's), so its container cannot be looked for`);
  }
}

async function lookForContainer(deps: ActionRunDeps, server: FollowedServer): Promise<void> {
  const argv = ['lxc', 'list', '--format', 'csv', '-c', 'ns', server.instanceName!];
  const result = await deps.onHost(server.host!, argv, LXC_LIST_TIMEOUT_MS);
  if (result.exitCode !== 0) throw new StepFailed(`\`lxc list\` on ${server.host} failed: ${result.stderr.trim() || `status ${result.exitCode}`}`);
  server.containerSeen = result.stdout.split('\n').some((line) => line.split(',')[0] === server.instanceName);
}
