// `orangebox-console inventory <controller> [--json]`: every probe on a live lab, headless.
// Host keys: only keys already in known_hosts are trusted, unless --accept-new (OpenSSH's
// StrictHostKeyChecking=accept-new: a NEW key is recorded and its fingerprint printed; a
// CHANGED key is always refused). A new key certified by a @cert-authority CA is trusted, as
// OpenSSH trusts it (its certificate fetched with ssh-keyscan -c and verified).
import { homedir } from 'node:os';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { ConsoleError } from '../contract/console-errors';
import type { LabInventory } from '../contract/inventory';
import { findProbe, probeValue } from '../contract/probe-models';
import { LEADING_PACKAGES } from '../probes/parsers/compute-stack';
import { KnownHosts, fingerprintOf, knownHostsName } from '../ssh/known-hosts';
import { certifiedNotice, certifyPresentedKey, revokedCaRefusal } from '../ssh/host-key-certification';
import type { HostKeyPolicy, SshTarget } from '../ssh/ssh-connection';
import { defaultAgentSocket } from '../ssh/ssh-auth';
import { resolveSshHost } from '../ssh-config/ssh-config-hosts';
import { LabLink } from '../lab/lab-link';
import { parseJumpSpec } from '../lab/controller-route';
import { InventoryKeeper } from '../inventory/inventory-keeper';
import type { RouteChoice, RouteContext } from '../lab/machine-routes';
import type { LabController } from '../lab/lab-controller';
import type { OpenStackCredentialSetting, SavedLab } from '../contract/payloads';
import { summarizeOpenStack } from './openstack-summary';
import { readSnapshotFile } from '../snapshots/snapshot-file';
import { readSnapshotInventory } from '../snapshots/snapshot-inventory';

/** How a command reaches a live lab (inventory, snapshot capture): said once, here. */
export const CONNECTION_OPTIONS = `  -i, --identity FILE  private key to use (default: ssh-agent and ~/.ssh/config)
  --known-hosts FILE   known_hosts to check host keys against (default: ~/.ssh/known_hosts)
  --accept-new         record host keys never seen before (a changed key is still refused)
  --route ID=ROUTE     reach machine ID by "jump" or "juju-ssh" instead of choosing automatically
  --openstack-credentials FILE
                       the rc file or clouds.yaml on the controller to read OpenStack with
                       (default: the only one found there: ~/novarc, ~/admin-openrc, …)
  --openstack-cloud NAME  the cloud in that clouds.yaml (when it has several)`;

/** The options and exit status, said once: here and in `orangebox-console --help`. */
export const INVENTORY_OPTIONS = `  --json               print the whole inventory as JSON (secrets already masked)
  --snapshot FILE      read a lab snapshot (.obxsnap) instead of a live lab (no <controller>)
${CONNECTION_OPTIONS}`;
export const INVENTORY_EXIT_STATUS = `0 all probes read, 1 the lab could not be reached, 2 bad arguments,
             4 the inventory is incomplete (a machine unreachable or a probe failed).`;

export const INVENTORY_USAGE = `Usage: orangebox-console inventory <controller> [options]
       orangebox-console inventory --snapshot FILE [--json]

Connects to a lab's controller ([user@]host[:port], or a ~/.ssh/config Host), finds the machines
from Juju, runs every probe on every machine, and prints the inventory.

Options:
${INVENTORY_OPTIONS}

Exit status: ${INVENTORY_EXIT_STATUS}`;

/** What connecting to a live lab takes from the command line (inventory and snapshot capture alike). */
export type ConnectionArguments = Pick<InventoryArguments, 'controller' | 'identity' | 'knownHosts' | 'acceptNew' | 'routes' | 'openstackCredentials'>;

interface InventoryArguments {
  controller: string;
  json: boolean;
  identity: string | null;
  knownHosts: string;
  acceptNew: boolean;
  routes: Record<string, 'jump' | 'juju-ssh'>;
  /** Read this snapshot file instead of a live lab. */
  snapshot: string | null;
  /** Named with --openstack-credentials (and --openstack-cloud); null: found on the controller. */
  openstackCredentials: OpenStackCredentialSetting | null;
}

export interface CliOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

const consoleOutput: CliOutput = { out: (text) => console.log(text), err: (text) => console.error(text) };

export function parseInventoryArguments(argv: string[]): InventoryArguments | string {
  const parsed: InventoryArguments = { controller: '', json: false, identity: null, knownHosts: join(homedir(), '.ssh', 'known_hosts'), acceptNew: false, routes: {}, snapshot: null, openstackCredentials: null };
  let cloud: string | null = null;
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    const value = () => argv[++index] ?? '';
    if (argument === '--json') parsed.json = true;
    else if (argument === '--accept-new') parsed.acceptNew = true;
    else if (argument === '-i' || argument === '--identity') parsed.identity = value() || null;
    else if (argument === '--known-hosts') parsed.knownHosts = value();
    else if (argument === '--snapshot') {
      parsed.snapshot = value();
      if (!parsed.snapshot) return '--snapshot needs a snapshot file (.obxsnap)';
    }
    else if (argument === '--openstack-credentials') {
      const path = value();
      if (!path) return '--openstack-credentials needs the rc file or clouds.yaml on the controller (e.g. ~/novarc)';
      parsed.openstackCredentials = { path, cloud: null };
    } else if (argument === '--openstack-cloud') {
      cloud = value();
      if (!/^[A-Za-z0-9_.-]{1,64}$/.test(cloud)) return '--openstack-cloud needs a cloud name from clouds.yaml (letters, digits, "_", "." and "-")';
    }
    else if (argument === '--route') {
      const match = /^(\d+)=(jump|juju-ssh)$/.exec(value());
      if (!match) return `--route needs MACHINE=jump or MACHINE=juju-ssh (e.g. --route 23=juju-ssh)`;
      parsed.routes[match[1]!] = match[2] as 'jump' | 'juju-ssh';
    } else if (argument.startsWith('-')) return `unknown option "${argument}"`;
    else if (!parsed.controller) parsed.controller = argument;
    else return `unexpected argument "${argument}"`;
  }
  if (cloud !== null) {
    if (!parsed.openstackCredentials) return '--openstack-cloud goes with --openstack-credentials FILE (the clouds.yaml it is in)';
    parsed.openstackCredentials.cloud = cloud;
  }
  if (parsed.snapshot && parsed.controller) return `give either a controller or --snapshot, not both ("${parsed.controller}" and ${parsed.snapshot})`;
  if (!parsed.controller && !parsed.snapshot) return 'name the lab controller to connect to (or a snapshot file with --snapshot)';
  if (parsed.identity === null && argv.some((argument) => argument === '-i' || argument === '--identity')) return '--identity needs a file';
  return parsed;
}

/** Non-interactive host-key checks for the command line. */
class CommandLineHostKeys implements HostKeyPolicy {
  constructor(
    private readonly knownHosts: KnownHosts,
    private readonly acceptNew: boolean,
    private readonly output: CliOutput,
  ) {}

  preferredTypes(target: SshTarget): Promise<string[]> {
    return this.knownHosts.knownTypesFor(target.host, target.port);
  }

  async decide(target: SshTarget, key: { type: string; blob: Buffer }, reach: (() => Promise<Duplex>) | null = null) {
    const verdict = await this.knownHosts.verify(target.host, target.port, key);
    const where = knownHostsName(target.host, target.port);
    const fingerprint = fingerprintOf(key.blob);
    if (verdict.status === 'known') return { accept: true as const };
    if (verdict.status === 'changed' || verdict.status === 'revoked') {
      return { accept: false as const, error: new ConsoleError('ssh-host-key-changed', `the host key of ${where} has CHANGED (now ${key.type} ${fingerprint}); refused. The old key is in ${verdict.file} line ${verdict.line}.`) };
    }
    let certificateProblem = '';
    if (verdict.certAuthorities.length > 0) {
      const certification = await certifyPresentedKey(this.knownHosts, target, key, verdict.certAuthorities, reach);
      if (certification.status === 'certified') {
        this.output.err(certifiedNotice(target, key, certification));
        return { accept: true as const };
      }
      if (certification.status === 'revoked') return { accept: false as const, error: new ConsoleError('ssh-host-key-changed', revokedCaRefusal(target, key, certification)) };
      certificateProblem = `; a @cert-authority line covers it, but its certificate did not certify this key: ${certification.problem}`;
    }
    if (!this.acceptNew) {
      return {
        accept: false as const,
        error: new ConsoleError('ssh-host-key-unknown', `the host key of ${where} is not in ${this.knownHosts.files[0]} (${key.type} ${fingerprint})${certificateProblem}; check it and run again with --accept-new, or connect once with ssh`),
      };
    }
    await this.knownHosts.accept(target.host, target.port, key);
    this.output.err(`recorded the new host key of ${where}: ${key.type} ${fingerprint}`);
    return { accept: true as const };
  }
}

/** A live lab reached from the command line: the link to its controller, and how its machines' routes open. */
export interface CommandLineLab {
  lab: SavedLab;
  link: LabLink;
  routeContext: (controller: LabController) => RouteContext;
  routeChoice: (machineId: string) => RouteChoice;
}

/**
 * Connects to the controller the arguments name, with the command line's host-key policy (known
 * keys only, or --accept-new) and no passphrase prompts; rejects with the reason when it cannot.
 */
export async function connectCommandLineLab(args: ConnectionArguments, output: CliOutput): Promise<CommandLineLab> {
  const spec = parseJumpSpec(args.controller);
  const resolved = await resolveSshHost(spec.host);
  const hostKeys = new CommandLineHostKeys(new KnownHosts([args.knownHosts]), args.acceptNew, output);
  const noPassphrases = { passphraseFor: async () => null };
  const agentSocket = defaultAgentSocket();
  const lab: SavedLab = {
    id: 'lab-commandline',
    name: args.controller,
    createdAt: new Date().toISOString(),
    routes: args.routes,
    openstackCredentials: args.openstackCredentials,
    controller: { kind: 'ssh' as const, host: resolved.hostName, port: spec.port ?? resolved.port, user: spec.user ?? resolved.user ?? 'ubuntu', identityFile: args.identity, sshConfigHost: spec.host },
  };
  const link = new LabLink(lab, { hostKeys, passphrases: noPassphrases, resolveHost: (name) => resolveSshHost(name), agentSocket, onState: () => {} });
  await link.connect();
  return {
    lab,
    link,
    routeContext: (controller) => ({ controller, user: lab.controller.user, auth: { identityFiles: link.identityFiles ?? [], identitiesOnly: link.identitiesOnly, agentSocket, passphrases: noPassphrases }, hostKeys }),
    routeChoice: (machineId): RouteChoice => args.routes[machineId] ?? 'auto',
  };
}

export async function runInventoryCommand(argv: string[], output: CliOutput = consoleOutput): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    output.out(INVENTORY_USAGE);
    return 0;
  }
  const args = parseInventoryArguments(argv);
  if (typeof args === 'string') {
    output.err(`orangebox-console inventory: ${args}\n\n${INVENTORY_USAGE}`);
    return 2;
  }
  if (args.snapshot) return printSnapshotInventory(args.snapshot, args.json, output);

  let inventory: LabInventory;
  try {
    inventory = await readLiveInventory(args, output);
  } catch (error) {
    output.err(`orangebox-console inventory: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  output.out(args.json ? JSON.stringify(inventory, null, 2) : summarize(inventory));
  return isIncomplete(inventory) ? 4 : 0;
}

/** One refresh of a live lab, as the console reads it (inventory, check); rejects with the reason when the lab cannot be read. */
export async function readLiveInventory(args: ConnectionArguments, output: CliOutput): Promise<LabInventory> {
  const connected = await connectCommandLineLab(args, output);
  const { lab, link } = connected;
  const keeper = new InventoryKeeper({
    labId: lab.id,
    controller: () => link.controller,
    routeContext: connected.routeContext,
    routeChoice: connected.routeChoice,
    openstackCredentials: () => lab.openstackCredentials ?? null,
    onInventory: () => {},
    onProbe: () => {},
  });
  try {
    return await keeper.refresh();
  } finally {
    keeper.stop();
    link.disconnect();
  }
}

/** A snapshot file's inventory as the keeper reads it from its commands, and how to title it ("Snapshot of … taken … (FILE)"). */
export async function readSnapshotFileInventory(file: string): Promise<{ inventory: LabInventory; title: string }> {
  const { inventory, description } = await readSnapshotInventory(await readSnapshotFile(file));
  return { inventory, title: `${description[0]!.toUpperCase()}${description.slice(1)} (${file})` };
}

/** The same page (or JSON) from a snapshot file; exit 1 when the file cannot be read, 4 when what it recorded is incomplete. */
async function printSnapshotInventory(file: string, json: boolean, output: CliOutput): Promise<number> {
  let read;
  try {
    read = await readSnapshotFileInventory(file);
  } catch (error) {
    // The reader's message names the file and the problem.
    output.err(`orangebox-console inventory: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  output.out(json ? JSON.stringify(read.inventory, null, 2) : `${read.title}\n\n${summarize(read.inventory)}`);
  return isIncomplete(read.inventory) ? 4 : 0;
}

/** Incomplete: a machine could not be reached or a probe failed (exit status 4, live or captured). */
export const isIncomplete = (inventory: LabInventory) => inventory.machines.some((machine) => machine.routeError) || inventory.probes.some((outcome) => outcome.status === 'failed');

/** A readable page: the model, then each machine with its route, containers and any failure. */
export function summarize(inventory: LabInventory): string {
  const lines: string[] = [];
  const juju = findProbe(inventory.probes, 'controller', 'juju-status');
  const status = probeValue(juju, 'juju-status');
  if (status) {
    const { model } = status;
    lines.push(`Model ${model.name ?? '?'} on controller ${model.controller ?? '?'} (${model.cloud ?? '?'}${model.region ? `/${model.region}` : ''}), Juju ${model.version ?? '?'}`);
    lines.push(`${status.applications.length} applications, ${status.units.length} units, ${status.machines.length} machines (containers included), ${status.relations.length} relations`);
  } else {
    lines.push(`juju status could not be read: ${juju?.error?.message ?? 'no answer'}`);
  }
  lines.push('');
  for (const machine of inventory.machines) {
    const title = machine.id === 'controller' ? 'controller' : `machine ${machine.id}`;
    lines.push(`${title}  ${machine.hostname ?? '?'}  ${machine.address ?? '-'}  [${machine.roles.join(', ')}]`);
    if (machine.route) lines.push(`  route: ${machine.route.kind} (${machine.route.label})${machine.route.note ? ` — ${machine.route.note}` : ''}`);
    if (machine.routeError) lines.push(`  UNREACHABLE: ${machine.routeError.message}`);
    if (machine.hypervisor) {
      const { label, source, warning } = machine.hypervisor;
      lines.push(`  hypervisor: ${label}${source ? ` (${source.file}${source.line ? ` line ${source.line}` : ''})` : ''}`);
      if (warning) lines.push(`  CHECK: ${warning}`);
    }
    const packages = probeValue(findProbe(inventory.probes, machine.id, 'packages'), 'packages');
    if (packages) {
      const leading = packages.packages.filter((pkg) => LEADING_PACKAGES.includes(pkg.name));
      if (leading.length > 0) lines.push(`  packages: ${leading.map((pkg) => `${pkg.name} ${pkg.version ?? '(not installed)'}`).join(', ')}`);
    }
    const list = probeValue(findProbe(inventory.probes, machine.id, 'lxc-list'), 'lxc-list');
    if (list) {
      for (const instance of list.instances) {
        const addresses = instance.ipv4.map((address) => `${address.address}${address.iface ? ` (${address.iface})` : ''}`).join(', ');
        const server = inventory.links.containers.find((link) => link.machineId === machine.id && link.container === instance.name)?.server;
        const nova = server ? `  = server ${server.name}${server.floatingIps.length > 0 ? ` (floating ${server.floatingIps.join(', ')})` : ''}` : '';
        lines.push(`  ${instance.name.padEnd(24)} ${(instance.state ?? '?').padEnd(8)} ${addresses}${nova}`);
      }
    }
    const netns = probeValue(findProbe(inventory.probes, machine.id, 'ip-netns'), 'ip-netns');
    if (netns) {
      for (const namespace of netns.namespaces) lines.push(`  netns ${namespace.name}`);
    }
    const outcomes = inventory.probes.filter((outcome) => outcome.machineId === machine.id);
    const failed = outcomes.filter((outcome) => outcome.status === 'failed');
    lines.push(`  probes: ${outcomes.length - failed.length}/${outcomes.length} read`);
    for (const outcome of failed) lines.push(`  FAILED ${outcome.probeId}: ${outcome.error?.message ?? 'no message'}`);
    lines.push('');
  }
  lines.push(...summarizeOpenStack(inventory), '');
  lines.push(`refreshed in ${((inventory.lastRefreshMs ?? 0) / 1000).toFixed(1)} s`);
  return lines.join('\n');
}
