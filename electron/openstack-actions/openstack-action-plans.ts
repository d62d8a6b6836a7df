// The demo's steps as exact `openstack` commands (issue 14 §4), worked out from the engineer's
// choices and what OpenStack already holds. Pure: the same choice and lab give the same commands,
// which is what the confirmation shows and what then runs. A value an earlier step prints (a new
// id, an allocated address) is a StepValue, shown as `<…>` and filled in when the run gets there.
import type {
  CreateNetworksChoice,
  FloatingIpChoice,
  LaunchChoice,
  OpenStackActionChoice,
  OpenStackCreated,
  OpenStackCreatedKind,
  OpenStackPlannedStep,
} from '../contract/openstack-actions';
import type { OpenStackNetwork, OpenStackRouter, OpenStackServer, OpenStackSubnet } from '../contract/openstack-model';
import { quoteShellCommand } from '../ssh/shell-quote';
import { cidrContains, cidrsOverlap } from './ipv4-ranges';

/** A field of what an earlier step printed (`-f json`), named by that step's key. */
export interface StepValue {
  from: string;
  field: string;
  /** How the confirmation shows it: "<id of lxc-test-1>", "<the address allocated above>". */
  shown: string;
}
export type StepArg = string | StepValue;

/** What a create step adds to the console's record once it succeeds. */
export interface RecordSpec {
  kind: OpenStackCreatedKind;
  id: StepArg;
  name: StepArg;
  routerId: StepArg | null;
}

export interface OpenStackCommandStep {
  kind: 'openstack';
  title: string;
  /** The client's arguments (after `openstack`). */
  args: readonly StepArg[];
  /** Set when the step prints JSON whose fields later steps use (or the record needs). */
  key: string | null;
  record: RecordSpec | null;
  /** A delete: the record entry it removes once done (or once OpenStack says it is already gone). */
  forgets: OpenStackCreated | null;
  timeoutMs: number;
}

/** Follow new servers until ACTIVE (`server show`), then until their containers are in `lxc list` on their hosts. */
export interface FollowServersStep {
  kind: 'follow-servers';
  title: string;
  servers: { name: string; id: StepValue }[];
}

export type ActionStep = OpenStackCommandStep | FollowServersStep;

/** What OpenStack holds now, from the inventory's probes (names must not collide; references must exist). */
export interface OpenStackHoldings {
  networks: readonly OpenStackNetwork[];
  subnets: readonly OpenStackSubnet[];
  routers: readonly OpenStackRouter[];
  servers: readonly OpenStackServer[];
}

export interface WorkedOutPlan {
  title: string;
  steps: ActionStep[];
  notes: string[];
}

/** Neutron answers in a second or two; a loaded controller's Python start adds a few. */
export const OPENSTACK_COMMAND_TIMEOUT_MS = 60_000;
/** `server delete --wait` waits for nova-lxd to stop and remove the container. */
export const SERVER_DELETE_TIMEOUT_MS = 240_000;
/** How long a launched server may take to become ACTIVE (nova-lxd's first launch of an image unpacks it). */
export const SERVER_ACTIVE_TIMEOUT_MS = 300_000;
/** How long after ACTIVE its container may take to show in `lxc list` on its host. */
export const CONTAINER_APPEAR_TIMEOUT_MS = 60_000;
/** Between two `server show` or `lxc list` looks: each is a Python start on the controller. */
export const FOLLOW_POLL_MS = 3_000;

/** The walkthrough's proposals: the lab's provider range, flat on physnet1, a private tenant range. */
export const PROPOSED_NETWORKS: CreateNetworksChoice = {
  action: 'create-networks',
  external: { name: 'ext-net', cidr: '198.51.100.0/24', gateway: '198.51.100.1', poolStart: '198.51.100.100', poolEnd: '198.51.100.200', physicalNetwork: 'physnet1' },
  tenant: { name: 'demo-net', cidr: '10.20.0.0/24' },
  router: { name: 'demo-router' },
};
export const PROPOSED_SERVER_PREFIX = 'lxc-test';

/** Thrown when a choice cannot become a plan: the message says what to change. */
export class PlanRefused extends Error {}

export function subnetNameOf(networkName: string): string {
  return `${networkName}-subnet`;
}

export function workOutPlan(choice: OpenStackActionChoice, holdings: OpenStackHoldings, created: readonly OpenStackCreated[]): WorkedOutPlan {
  switch (choice.action) {
    case 'create-networks':
      return createNetworksPlan(choice, holdings);
    case 'launch-instances':
      return launchPlan(choice, holdings);
    case 'attach-floating-ip':
      return floatingIpPlan(choice, holdings, created);
    case 'delete-created':
      return deleteCreatedPlan(created);
  }
}

const command = (title: string, args: readonly StepArg[], more: Partial<Pick<OpenStackCommandStep, 'key' | 'record' | 'forgets' | 'timeoutMs'>> = {}): OpenStackCommandStep => ({
  kind: 'openstack',
  title,
  args,
  key: more.key ?? null,
  record: more.record ?? null,
  forgets: more.forgets ?? null,
  timeoutMs: more.timeoutMs ?? OPENSTACK_COMMAND_TIMEOUT_MS,
});
const idOf = (key: string, name: string): StepValue => ({ from: key, field: 'id', shown: `<id of ${name}>` });
const nameTaken = (what: string, name: string) => new PlanRefused(`OpenStack already has a ${what} named ${name}: choose another name (names must be unique for the commands to be unambiguous)`);

function createNetworksPlan(choice: CreateNetworksChoice, holdings: OpenStackHoldings): WorkedOutPlan {
  const { external, tenant, router } = choice;
  const externalSubnet = subnetNameOf(external.name);
  const tenantSubnet = subnetNameOf(tenant.name);
  if (external.name === tenant.name) throw new PlanRefused('the external and the tenant network need different names');
  for (const name of [external.name, tenant.name]) if (holdings.networks.some((network) => network.name === name)) throw nameTaken('network', name);
  for (const name of [externalSubnet, tenantSubnet]) if (holdings.subnets.some((subnet) => subnet.name === name)) throw nameTaken('subnet', name);
  if (holdings.routers.some((other) => other.name === router.name)) throw nameTaken('router', router.name);
  if (cidrsOverlap(external.cidr, tenant.cidr)) throw new PlanRefused(`the external range ${external.cidr} and the tenant range ${tenant.cidr} overlap: the router could not route between them`);
  for (const [label, address] of [['gateway', external.gateway], ['first floating address', external.poolStart], ['last floating address', external.poolEnd]] as const) {
    if (address !== null && !cidrContains(external.cidr, address)) throw new PlanRefused(`the ${label} ${address} is not inside the external range ${external.cidr}`);
  }
  if ((external.poolStart === null) !== (external.poolEnd === null)) throw new PlanRefused('give both the first and the last floating address, or neither (Neutron then uses the whole range)');

  const externalSubnetArgs: string[] = ['subnet', 'create', '--network', external.name, '--subnet-range', external.cidr, '--no-dhcp'];
  if (external.gateway) externalSubnetArgs.push('--gateway', external.gateway);
  if (external.poolStart && external.poolEnd) externalSubnetArgs.push('--allocation-pool', `start=${external.poolStart},end=${external.poolEnd}`);
  const steps: ActionStep[] = [
    command(`Create the external network ${external.name} (flat on ${external.physicalNetwork})`, ['network', 'create', '--external', '--provider-network-type', 'flat', '--provider-physical-network', external.physicalNetwork, '-f', 'json', external.name], {
      key: 'external',
      record: { kind: 'network', id: idOf('external', external.name), name: external.name, routerId: null },
    }),
    command(`Create its subnet ${externalSubnet} (${external.cidr}, no DHCP: floating addresses)`, [...externalSubnetArgs, '-f', 'json', externalSubnet], {
      key: 'external-subnet',
      record: { kind: 'subnet', id: idOf('external-subnet', externalSubnet), name: externalSubnet, routerId: null },
    }),
    command(`Create the tenant network ${tenant.name}`, ['network', 'create', '-f', 'json', tenant.name], {
      key: 'tenant',
      record: { kind: 'network', id: idOf('tenant', tenant.name), name: tenant.name, routerId: null },
    }),
    command(`Create its subnet ${tenantSubnet} (${tenant.cidr})`, ['subnet', 'create', '--network', tenant.name, '--subnet-range', tenant.cidr, '-f', 'json', tenantSubnet], {
      key: 'tenant-subnet',
      record: { kind: 'subnet', id: idOf('tenant-subnet', tenantSubnet), name: tenantSubnet, routerId: null },
    }),
    command(`Create the router ${router.name}`, ['router', 'create', '-f', 'json', router.name], {
      key: 'router',
      record: { kind: 'router', id: idOf('router', router.name), name: router.name, routerId: null },
    }),
    command(`Set its gateway on ${external.name}`, ['router', 'set', '--external-gateway', external.name, router.name], {
      record: { kind: 'router-gateway', id: idOf('external', external.name), name: external.name, routerId: idOf('router', router.name) },
    }),
    command(`Plug it into ${tenantSubnet}`, ['router', 'add', 'subnet', router.name, tenantSubnet], {
      record: { kind: 'router-interface', id: idOf('tenant-subnet', tenantSubnet), name: tenantSubnet, routerId: idOf('router', router.name) },
    }),
  ];
  return { title: `Create ${external.name}, ${tenant.name} and the router ${router.name}`, steps, notes: [] };
}

/** A network, image or flavor chosen by name or id must be one OpenStack lists, by exactly one name. */
function requireListed<T extends { id: string; name: string }>(items: readonly T[], ref: string, what: string): T {
  const byId = items.find((item) => item.id === ref);
  if (byId) return byId;
  const byName = items.filter((item) => item.name === ref);
  if (byName.length === 1) return byName[0]!;
  if (byName.length > 1) throw new PlanRefused(`${byName.length} ${what}s are named ${ref}: choose it by id`);
  throw new PlanRefused(`OpenStack lists no ${what} ${ref} (refresh to read OpenStack again)`);
}

function launchPlan(choice: LaunchChoice, holdings: OpenStackHoldings): WorkedOutPlan {
  requireListed(holdings.networks, choice.network, 'network');
  const names = Array.from({ length: choice.count }, (_, index) => `${choice.namePrefix}-${index + 1}`);
  for (const name of names) if (holdings.servers.some((server) => server.name === name)) throw nameTaken('server', name);
  const steps: ActionStep[] = names.map((name, index) =>
    command(`Launch ${name}`, ['server', 'create', '--image', choice.image, '--flavor', choice.flavor, '--network', choice.network, '-f', 'json', name], {
      key: `server-${index + 1}`,
      record: { kind: 'server', id: idOf(`server-${index + 1}`, name), name, routerId: null },
    }),
  );
  steps.push({
    kind: 'follow-servers',
    title: `Follow ${names.length === 1 ? names[0] : `the ${names.length} servers`} until ACTIVE and ${names.length === 1 ? 'its container is' : 'their containers are'} in lxc list`,
    servers: names.map((name, index) => ({ name, id: idOf(`server-${index + 1}`, name) })),
  });
  const notes = [`Each server is followed with \`openstack server show\` every ${FOLLOW_POLL_MS / 1000} s for at most ${SERVER_ACTIVE_TIMEOUT_MS / 60_000} minutes, then its container is looked for with \`lxc list\` on its host for at most ${CONTAINER_APPEAR_TIMEOUT_MS / 1000} s.`];
  return { title: `Launch ${names.length === 1 ? names[0] : `${names.length} instances (${names[0]} … ${names.at(-1)})`}`, steps, notes };
}

function floatingIpPlan(choice: FloatingIpChoice, holdings: OpenStackHoldings, created: readonly OpenStackCreated[]): WorkedOutPlan {
  const network = requireListed(holdings.networks, choice.externalNetwork, 'network');
  if (network.external === false) throw new PlanRefused(`${network.name} is not an external network: floating addresses come from one with router:external`);
  // A server the console has just launched is known before the next read of the lab lists it.
  const launched = created.filter((entry) => entry.kind === 'server' && !holdings.servers.some((server) => server.id === entry.id));
  const server = requireListed([...holdings.servers, ...launched], choice.server, 'server');
  const address: StepValue = { from: 'floating', field: 'floating_ip_address', shown: '<the address allocated above>' };
  const steps: ActionStep[] = [
    command(`Allocate a floating address on ${network.name}`, ['floating', 'ip', 'create', '-f', 'json', choice.externalNetwork], {
      key: 'floating',
      record: { kind: 'floating-ip', id: idOf('floating', 'the floating IP'), name: address, routerId: null },
    }),
    command(`Attach it to ${server.name}`, ['server', 'add', 'floating', 'ip', choice.server, address]),
  ];
  return { title: `Attach a floating IP to ${server.name}`, steps, notes: [] };
}

/** Deleting in this order never meets "in use": addresses before servers, servers before the subnets they sit on, a router's interfaces and gateway before it. */
export const DELETION_ORDER: readonly OpenStackCreatedKind[] = ['floating-ip', 'server', 'router-interface', 'router-gateway', 'router', 'subnet', 'network'];

function deleteStep(entry: OpenStackCreated): OpenStackCommandStep {
  const forgets = { forgets: entry };
  switch (entry.kind) {
    case 'floating-ip':
      return command(`Release the floating IP ${entry.name}`, ['floating', 'ip', 'delete', entry.id], forgets);
    case 'server':
      return command(`Delete the server ${entry.name} (and its container)`, ['server', 'delete', '--wait', entry.id], { ...forgets, timeoutMs: SERVER_DELETE_TIMEOUT_MS });
    case 'router-interface':
      return command(`Unplug the router from ${entry.name}`, ['router', 'remove', 'subnet', entry.routerId ?? '', entry.id], forgets);
    case 'router-gateway':
      return command(`Clear the router's gateway on ${entry.name}`, ['router', 'unset', '--external-gateway', entry.routerId ?? ''], forgets);
    case 'router':
      return command(`Delete the router ${entry.name}`, ['router', 'delete', entry.id], forgets);
    case 'subnet':
      return command(`Delete the subnet ${entry.name}`, ['subnet', 'delete', entry.id], forgets);
    case 'network':
      return command(`Delete the network ${entry.name}`, ['network', 'delete', entry.id], forgets);
  }
}

/** Only what this console created in this lab (its record), newest first within each kind. */
function deleteCreatedPlan(created: readonly OpenStackCreated[]): WorkedOutPlan {
  const ordered = DELETION_ORDER.flatMap((kind) =>
    created.filter((entry) => entry.kind === kind).reverse(),
  );
  const notes =
    ordered.length === 0
      ? ['This console has created nothing in this lab that is still there: there is nothing to delete.']
      : ['Only what this console created in this lab is deleted (listed below); what was there before, or made by hand, is left alone.'];
  return { title: `Delete what the console created (${ordered.length} ${ordered.length === 1 ? 'object' : 'objects'})`, steps: ordered.map(deleteStep), notes };
}

/** The step as the confirmation shows it: the exact command, `<…>` where an earlier step's output goes. */
export function describeStep(step: ActionStep): OpenStackPlannedStep {
  if (step.kind === 'openstack') return { title: step.title, command: showCommand(step.args) };
  const ids = step.servers.map((server) => server.id.shown).join(' ');
  return { title: step.title, command: `openstack server show -f json ${ids} (each, until ACTIVE); lxc list on each server's host` };
}

export function showCommand(args: readonly StepArg[]): string {
  const placeholders = new Map<string, string>();
  const text = quoteShellCommand([
    'openstack',
    ...args.map((arg, index) => {
      if (typeof arg === 'string') return arg;
      const token = `STEPVALUE${index}`;
      placeholders.set(token, arg.shown);
      return token;
    }),
  ]);
  return text.replace(/STEPVALUE\d+/g, (token) => placeholders.get(token) ?? token);
}
