// The demo's steps done from the console (issue 14 §4), across the UI/core boundary: what the
// engineer chooses (networks and a router, N instances, a floating IP, deleting what the console
// created), the plan the core works out from it (the exact `openstack` commands, shown for
// confirmation), a confirmed plan's run and its progress, and the record of what the console
// created in a lab (ids and names only: never a credential).
import * as v from 'valibot';

/** Neutron and Nova accept longer names; these are names an engineer types, and they are only ever arguments. */
const NAME_RULE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const NAME_MESSAGE = 'a name is letters, digits, ".", "_" and "-" (at most 63, starting with a letter or digit)';
export const OpenStackName = v.pipe(v.string(), v.trim(), v.regex(NAME_RULE, NAME_MESSAGE));

/** A network, image, flavor or server as the engineer picks it: its name or its id. */
const OpenStackRef = v.pipe(v.string(), v.trim(), v.minLength(1, 'choose one from the list'), v.regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,254}$/, 'that is not a name or id from the lists'));

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;
/** A subnet smaller than /29 leaves no room for a gateway, DHCP and instances; larger than /8 is a mistake. */
export const MIN_SUBNET_PREFIX = 8;
export const MAX_SUBNET_PREFIX = 29;

export function isIpv4Cidr(text: string): boolean {
  const [address, prefix, ...rest] = text.split('/');
  if (rest.length > 0 || !address || !prefix || !IPV4.test(address) || !/^\d{1,2}$/.test(prefix)) return false;
  const bits = Number(prefix);
  return bits >= MIN_SUBNET_PREFIX && bits <= MAX_SUBNET_PREFIX;
}

const Cidr = v.pipe(
  v.string(),
  v.trim(),
  v.check(isIpv4Cidr, `a subnet is an IPv4 range written address/prefix, the prefix ${MIN_SUBNET_PREFIX}–${MAX_SUBNET_PREFIX} (e.g. 198.51.100.0/24)`),
);
const Ipv4 = v.pipe(v.string(), v.trim(), v.regex(IPV4, 'an address is four numbers 0–255 separated by dots'));
/** Neutron's provider:physical_network names: the lab's bridge mapping ("physnet1"). */
const PhysicalNetwork = v.pipe(v.string(), v.trim(), v.regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'a physical network is a name like physnet1 (the bridge mapping of the network nodes)'));

/** A launch of more than this many at once is a load test, not the demo; the lab's compute nodes are small. */
export const MAX_LAUNCH_COUNT = 10;

export const CreateNetworksChoice = v.object({
  action: v.literal('create-networks'),
  external: v.object({
    name: OpenStackName,
    cidr: Cidr,
    gateway: v.nullable(Ipv4),
    /** The floating addresses handed out: a range inside the CIDR, or null for Neutron's default. */
    poolStart: v.nullable(Ipv4),
    poolEnd: v.nullable(Ipv4),
    physicalNetwork: PhysicalNetwork,
  }),
  tenant: v.object({ name: OpenStackName, cidr: Cidr }),
  router: v.object({ name: OpenStackName }),
});
export type CreateNetworksChoice = v.InferOutput<typeof CreateNetworksChoice>;

export const LaunchChoice = v.object({
  action: v.literal('launch-instances'),
  /** Servers are named <prefix>-1 … <prefix>-N (the walkthrough's lxc-test-1). */
  namePrefix: OpenStackName,
  count: v.pipe(v.number(), v.integer('a whole number of instances'), v.minValue(1, 'launch at least one instance'), v.maxValue(MAX_LAUNCH_COUNT, `at most ${MAX_LAUNCH_COUNT} instances at once`)),
  image: OpenStackRef,
  flavor: OpenStackRef,
  network: OpenStackRef,
});
export type LaunchChoice = v.InferOutput<typeof LaunchChoice>;

export const FloatingIpChoice = v.object({
  action: v.literal('attach-floating-ip'),
  externalNetwork: OpenStackRef,
  server: OpenStackRef,
});
export type FloatingIpChoice = v.InferOutput<typeof FloatingIpChoice>;

export const DeleteCreatedChoice = v.object({ action: v.literal('delete-created') });
export type DeleteCreatedChoice = v.InferOutput<typeof DeleteCreatedChoice>;

export const OpenStackActionChoice = v.variant('action', [CreateNetworksChoice, LaunchChoice, FloatingIpChoice, DeleteCreatedChoice]);
export type OpenStackActionChoice = v.InferOutput<typeof OpenStackActionChoice>;
export type OpenStackActionKind = OpenStackActionChoice['action'];

export const OpenStackPlanRef = v.object({ planId: v.pipe(v.string(), v.regex(/^osplan-[0-9a-f]{12}$/, 'that is not a plan this console made; ask for the plan again')) });

/** One step of a plan as the confirmation shows it. */
export interface OpenStackPlannedStep {
  /** "Create the external network ext-net". */
  title: string;
  /** The exact command, as typed on the controller after sourcing the credentials; `<…>` marks a value an earlier step prints. */
  command: string;
}

export interface OpenStackActionPlan {
  planId: string;
  action: OpenStackActionKind;
  /** "Create networks and a router", "Launch 2 instances"… */
  title: string;
  /** The credentials the commands run with (the file's path, never its content): "~/novarc". */
  credentials: string;
  steps: OpenStackPlannedStep[];
  /** What the engineer should know before confirming ("nothing was created by this console in this lab"). */
  notes: string[];
}

export type OpenStackStepStatus = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

/** How far a run has got: the whole run each time (small), so a page that attaches late shows it all. */
export interface OpenStackActionProgress {
  runId: string;
  planId: string;
  action: OpenStackActionKind;
  title: string;
  steps: (OpenStackPlannedStep & {
    status: OpenStackStepStatus;
    /** What the step found or made, in words ("server lxc-test-1 is ACTIVE on node03 as instance-0000000c"). */
    detail: string | null;
    /** Why it failed, in words, with what to do. */
    error: string | null;
  })[];
  state: 'running' | 'succeeded' | 'failed';
}

export interface OpenStackRunStarted {
  runId: string;
}

/** Something the console created in a lab, kept so that it deletes only its own. */
export type OpenStackCreatedKind = 'network' | 'subnet' | 'router' | 'router-interface' | 'router-gateway' | 'server' | 'floating-ip';

export const OpenStackCreated = v.object({
  labId: v.pipe(v.string(), v.minLength(1)),
  kind: v.picklist(['network', 'subnet', 'router', 'router-interface', 'router-gateway', 'server', 'floating-ip']),
  /** The object's id (a router interface: its subnet's id; a gateway: its network's id). */
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(255)),
  /** Its name as created (a floating IP: its address). */
  name: v.pipe(v.string(), v.maxLength(255)),
  /** The router an interface or gateway belongs to; null otherwise. */
  routerId: v.nullable(v.pipe(v.string(), v.maxLength(255))),
  createdAt: v.string(),
});
export type OpenStackCreated = v.InferOutput<typeof OpenStackCreated>;
