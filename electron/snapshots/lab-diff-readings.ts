// One inventory as comparable objects, for the lab diff: every machine, container, LXD profile,
// gateway namespace, application, unit and relation with the fields worth comparing, grouped in
// scopes (the Juju model; one machine's containers, profiles or namespaces). A scope one reading
// could not read (machine unreachable, probe failed) says why, so that its objects are never
// reported as removed: they were not seen, which is not the same.
import { CONTROLLER_MACHINE_ID, type InventoryMachine, type LabInventory, type ProbeOutcome } from '../contract/inventory';
import type { FirewallRules, IpAddr, IpRoutes, JujuStatus, LxcList, LxcProfile, LxcProfileList, NetworkNamespace, IpNetns } from '../contract/lab-model';
import type { LabObjectRef, LabObjectType } from '../contract/lab-diff';
import { MACHINE_PROBES } from '../inventory/probe-catalog';

/** One field's value as text; `undefined` when this reading could not see it (it is then not compared). */
export interface FieldValue {
  field: string;
  label: string;
  value: string | null | undefined;
  /** Shown for an object added or removed (what it was), besides being compared. */
  summary: boolean;
}

export interface Comparable {
  /** Unique among the objects of its type. */
  key: string;
  type: LabObjectType;
  ref: LabObjectRef;
  title: string;
  /** Orders objects of one type: host machine, then name, compared naturally ("2" before "10"). */
  sortKey: string;
  fields: FieldValue[];
  /** Parts of the object this reading could not see (a namespace's addresses when sudo was refused). */
  unread?: UnreadPart[];
}

/** A part not read: a scope, or part of an object ("routes of namespace qrouter-…"), where, and why. */
export interface UnreadPart {
  part: string;
  /** "node02ob64 (machine 26)"; null for the Juju model. */
  place: string | null;
  machineId: string | null;
  reason: string;
}

export type ScopeReading = { state: 'read'; objects: Comparable[] } | { state: 'unread'; reason: string };

export interface Scope {
  /** "juju", "containers:22", "profiles:22", "namespaces:26", "netns:26/qrouter-…". */
  id: string;
  /** What it holds, for "not compared": "containers", "LXD profiles", "the Juju model …". */
  part: string;
  /** Where: "node03ob64 (machine 22)"; null for the Juju model. */
  place: string | null;
  machineId: string | null;
  reading: ScopeReading;
}

/** The probe that lists a machine's containers, profiles or namespaces, and what that scope is called. */
const MACHINE_SCOPES = [
  { probeId: 'lxc-list', scope: 'containers', what: 'containers', command: 'lxc list' },
  { probeId: 'lxc-profiles', scope: 'profiles', what: 'LXD profiles', command: 'lxc profile list' },
  { probeId: 'ip-netns', scope: 'namespaces', what: 'network namespaces', command: 'ip netns list' },
] as const;

const field = (name: string, label: string, value: string | null | undefined, summary = false): FieldValue => ({ field: name, label, value, summary });
/** A list as one value: sorted, so that the order a tool printed it in is not a change; empty is none. */
const listValue = (items: readonly string[]): string | null => (items.length > 0 ? [...items].sort(naturalCompare).join(', ') : null);
const text = (value: string | number | boolean | null | undefined): string | null => (value === null || value === undefined || value === '' ? null : String(value));

export const naturalCompare = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

export function readInventory(inventory: LabInventory): Scope[] {
  const hostOf = (machineId: string) => inventory.machines.find((machine) => machine.id === machineId)?.hostname ?? null;
  return [jujuScope(inventory), ...inventory.machines.flatMap((machine) => machineScopes(inventory, machine, hostOf))];
}

/** Where a machine is, as the engineer says it: "node03ob64 (machine 22)", else "machine 22". */
export function placeOf(machineId: string, host: string | null): string {
  if (machineId === CONTROLLER_MACHINE_ID) return host ? `the controller (${host})` : 'the controller';
  return host ? `${host} (machine ${machineId})` : `machine ${machineId}`;
}

const outcomeOf = (inventory: LabInventory, machineId: string, probeId: string): ProbeOutcome | null =>
  inventory.probes.find((outcome) => outcome.machineId === machineId && outcome.probeId === probeId) ?? null;

/** Why a probe's value is not there in this reading, or null when it was read. */
function unreadReason(outcome: ProbeOutcome | null, machine: InventoryMachine | null, command: string, where: string): string | null {
  if (outcome && outcome.status !== 'failed' && outcome.value !== null) return null;
  if (outcome) return `${command} on ${where} failed: ${outcome.error?.message ?? outcome.problems[0]?.message ?? 'it printed nothing readable'}`;
  // Its message names the machine: "machine 21 cannot be reached: connect ECONNREFUSED …".
  if (machine?.routeError) return machine.routeError.message;
  return `${command} on ${where} had not been read`;
}

function jujuScope(inventory: LabInventory): Scope {
  const outcome = outcomeOf(inventory, CONTROLLER_MACHINE_ID, 'juju-status');
  const value = outcome?.value as Partial<JujuStatus> | null | undefined;
  const shaped = Array.isArray(value?.applications) && Array.isArray(value?.units) && Array.isArray(value?.machines) && Array.isArray(value?.relations);
  const reason = unreadReason(outcome, inventory.machines.find((machine) => machine.id === CONTROLLER_MACHINE_ID) ?? null, 'juju status', 'the controller');
  const base = { id: 'juju', part: 'the Juju model (machines, applications, units, relations)', place: null, machineId: null };
  if (reason || !shaped) return { ...base, reading: { state: 'unread', reason: reason ?? `juju status on the controller gave something the console cannot read` } };
  const status = value as JujuStatus;
  return { ...base, reading: { state: 'read', objects: [...machineObjects(inventory, status), ...applicationObjects(status), ...unitObjects(status), ...relationObjects(status)] } };
}

function machineObjects(inventory: LabInventory, status: JujuStatus): Comparable[] {
  const ids = new Set([...inventory.machines.map((machine) => machine.id), ...status.machines.map((machine) => machine.id)]);
  return [...ids].map((id): Comparable => {
    const known = inventory.machines.find((machine) => machine.id === id) ?? null;
    const juju = status.machines.find((machine) => machine.id === id) ?? null;
    const hostname = known?.hostname ?? null;
    return {
      key: id,
      type: 'machine',
      ref: { type: 'machine', machineId: id, hostname },
      title: id === CONTROLLER_MACHINE_ID ? placeOf(id, hostname) : `machine ${id}${hostname ? ` (${hostname})` : ''}`,
      sortKey: id === CONTROLLER_MACHINE_ID ? '' : id,
      fields: [
        field('state', 'state', text(juju?.state ?? known?.jujuState), true),
        field('address', 'address', text(juju?.address ?? known?.address), true),
        field('message', 'message', text(juju?.message)),
        // Read by the hostname probe: unknown (not "none") when that machine was not reached.
        field('hostname', 'hostname', hostname ?? undefined),
        field('roles', 'roles', known ? listValue(known.roles) : undefined),
        field('route', 'route', known ? (known.routeError ? 'unreachable' : 'reached') : undefined),
        field('hypervisor', 'hypervisor', known?.hypervisor ? known.hypervisor.label : undefined),
      ],
    };
  });
}

function applicationObjects(status: JujuStatus): Comparable[] {
  return status.applications.map((application) => ({
    key: application.name,
    type: 'application',
    ref: { type: 'application', application: application.name },
    title: `application ${application.name}`,
    sortKey: application.name,
    fields: [
      field('status', 'status', text(application.status), true),
      field('message', 'message', text(application.message)),
      field('scale', 'scale', text(application.scale), true),
      field('charm', 'charm', application.charm ? `${application.charm}${application.charmRev === null ? '' : ` rev ${application.charmRev}`}` : null, true),
      field('version', 'version', text(application.version)),
      field('exposed', 'exposed', text(application.exposed)),
    ],
  }));
}

function unitObjects(status: JujuStatus): Comparable[] {
  return status.units.map((unit) => ({
    key: unit.name,
    type: 'unit',
    ref: { type: 'unit', unit: unit.name, application: unit.application },
    title: `unit ${unit.name}`,
    sortKey: unit.name,
    fields: [
      field('workloadStatus', 'workload', text(unit.workloadStatus), true),
      field('agentStatus', 'agent', text(unit.agentStatus), true),
      field('message', 'message', text(unit.message)),
      field('machine', 'machine', text(unit.machine), true),
      field('address', 'address', text(unit.address)),
      field('leader', 'leader', unit.leader ? 'yes' : 'no'),
      field('ports', 'ports', listValue(unit.ports)),
    ],
  }));
}

function relationObjects(status: JujuStatus): Comparable[] {
  const seen = new Map<string, number>();
  return status.relations.map((relation): Comparable => {
    const ends: [string, string] = [endOf(relation.application, relation.endpoint), endOf(relation.relatedApplication, relation.relatedEndpoint)];
    const base = ends.join(' ');
    // Where juju status leaves the endpoints out, two relations can read the same: number them.
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    const key = count === 1 ? base : `${base} #${count}`;
    return {
      key,
      type: 'relation',
      ref: { type: 'relation', ends },
      title: `relation ${ends.join(' ↔ ')}`,
      sortKey: key,
      fields: [field('interface', 'interface', text(relation.interface), true), field('relationType', 'type', text(relation.type), true), field('message', 'message', text(relation.message))],
    };
  });
}

/** "glance:identity-service", or the application alone when juju status gives no endpoint (as the Overview names it). */
const endOf = (application: string, endpoint: string | null) => (endpoint ? `${application}:${endpoint}` : application);

function machineScopes(inventory: LabInventory, machine: InventoryMachine, hostOf: (id: string) => string | null): Scope[] {
  const host = machine.hostname;
  const where = placeOf(machine.id, host);
  const scopes: Scope[] = [];
  for (const definition of MACHINE_SCOPES) {
    const probe = MACHINE_PROBES.find((candidate) => candidate.id === definition.probeId);
    if (!probe?.appliesTo(machine)) continue;
    const outcome = outcomeOf(inventory, machine.id, definition.probeId);
    const reason = unreadReason(outcome, machine, definition.command, where);
    const base = { id: `${definition.scope}:${machine.id}`, part: definition.what, place: where, machineId: machine.id };
    if (reason) {
      scopes.push({ ...base, reading: { state: 'unread', reason } });
      continue;
    }
    const value = outcome!.value;
    if (definition.scope === 'containers') scopes.push({ ...base, reading: readList(value, 'instances', (list: LxcList) => containerObjects(list, machine.id, host), where, definition.command) });
    else if (definition.scope === 'profiles') scopes.push({ ...base, reading: readList(value, 'profiles', (list: LxcProfileList) => profileObjects(list, machine.id, host), where, definition.command) });
    else scopes.push({ ...base, reading: readList(value, 'namespaces', (list: IpNetns) => namespaceObjects(inventory, list, machine.id, hostOf(machine.id)), where, definition.command) });
  }
  return scopes;
}

function readList<T>(value: unknown, key: string, objects: (value: T) => Comparable[], where: string, command: string): ScopeReading {
  const shaped = typeof value === 'object' && value !== null && Array.isArray((value as Record<string, unknown>)[key]);
  return shaped ? { state: 'read', objects: objects(value as T) } : { state: 'unread', reason: `${command} on ${where} gave something the console cannot read` };
}

const addressList = (addresses: { address: string; iface: string | null }[]) => listValue(addresses.map((entry) => (entry.iface ? `${entry.address} (${entry.iface})` : entry.address)));

function containerObjects(list: LxcList, machineId: string, host: string | null): Comparable[] {
  const instances = list.instances.filter((instance) => typeof instance.name === 'string');
  const names = instances.map((instance) => instance.name);
  return instances
    .map((instance) => ({
      // Two LXD projects can each hold a container of one name: only then is the project part of its identity.
      key: `${machineId}/${instance.project && names.indexOf(instance.name) !== names.lastIndexOf(instance.name) ? `${instance.project}/` : ''}${instance.name}`,
      type: 'container',
      ref: { type: 'container', machineId, host, container: instance.name },
      title: `container ${instance.name} on ${host ?? `machine ${machineId}`}`,
      sortKey: `${machineId} ${instance.name}`,
      fields: [
        field('state', 'state', text(instance.state), true),
        field('ipv4', 'address', addressList(instance.ipv4), true),
        field('ipv6', 'IPv6 address', addressList(instance.ipv6)),
        field('type', 'type', text(instance.type)),
        field('profiles', 'profiles', instance.profiles ? instance.profiles.join(', ') || null : undefined),
        field('ephemeral', 'ephemeral', text(instance.ephemeral)),
      ],
    }));
}

/** "/1.0/instances/instance-0000000c?project=node03ob64" → "instance-0000000c". */
const usedByName = (path: string) => decodeURIComponent(path.split('?')[0]!.split('/').pop() ?? path);

function profileObjects(list: LxcProfileList, machineId: string, host: string | null): Comparable[] {
  return list.profiles
    .filter((profile): profile is LxcProfile & { name: string } => typeof profile.name === 'string')
    .map((profile) => ({
      key: `${machineId}/${profile.name}`,
      type: 'profile',
      ref: { type: 'profile', machineId, host, profile: profile.name },
      title: `profile ${profile.name} on ${host ?? `machine ${machineId}`}`,
      sortKey: `${machineId} ${profile.name}`,
      fields: [
        field('description', 'description', text(profile.description)),
        field('usedBy', 'used by', profile.usedBy ? listValue(profile.usedBy.map(usedByName)) : undefined, true),
        ...Object.entries(profile.config ?? {}).map(([key, value]) => field(`config ${key}`, `config ${key}`, text(value))),
        ...Object.entries(profile.devices ?? {}).map(([name, device]) => field(`device ${name}`, `device ${name}`, deviceValue(device))),
      ],
    }));
}

/** A device as one line: "nictype=bridged parent=qbr1896322c-d4 type=nic", keys sorted. */
const deviceValue = (device: Record<string, string>) =>
  Object.keys(device)
    .sort()
    .map((key) => `${key}=${device[key]}`)
    .join(' ') || null;

function namespaceObjects(inventory: LabInventory, list: IpNetns, machineId: string, host: string | null): Comparable[] {
  const machine = inventory.machines.find((candidate) => candidate.id === machineId) ?? null;
  const where = placeOf(machineId, host);
  return list.namespaces
    .filter((namespace): namespace is NetworkNamespace => typeof namespace?.name === 'string')
    .map((namespace) => {
      const addr = readableValue<IpAddr>(inventory, machine, `netns-addr:${namespace.name}`, 'interfaces', `ip addr in ${namespace.name}`, where);
      const routes = readableValue<IpRoutes>(inventory, machine, `netns-route:${namespace.name}`, 'routes', `ip route in ${namespace.name}`, where);
      const nat = natReading(inventory, machine, namespace.name, where);
      const unread = [
        ...(addr.value ? [] : [{ part: `addresses and interfaces of namespace ${namespace.name}`, place: where, machineId, reason: addr.reason }]),
        ...(routes.value ? [] : [{ part: `routes of namespace ${namespace.name}`, place: where, machineId, reason: routes.reason }]),
        ...(nat.unread ? [{ part: `NAT rules of namespace ${namespace.name}`, place: where, machineId, reason: nat.unread }] : []),
      ];
      return {
        key: `${machineId}/${namespace.name}`,
        type: 'namespace',
        ref: { type: 'namespace', machineId, host, namespace: namespace.name },
        title: `namespace ${namespace.name} on ${host ?? `machine ${machineId}`}`,
        sortKey: `${machineId} ${namespace.name}`,
        fields: [
          field('kind', 'kind', namespace.kind, true),
          field('addresses', 'addresses', addr.value && listValue(addr.value.interfaces.flatMap((iface) => iface.addresses.filter((entry) => entry.family === 'inet' || entry.family === 'inet6').map((entry) => `${entry.address}${entry.prefixLength === null ? '' : `/${entry.prefixLength}`} (${iface.name})`)))),
          field('interfaces', 'interfaces', addr.value && listValue(addr.value.interfaces.filter((iface) => iface.name !== 'lo').map((iface) => `${iface.name} ${iface.state ?? '?'}`))),
          field('routes', 'routes', routes.value && listValue(routes.value.routes.map((route) => [route.destination, route.gateway && `via ${route.gateway}`, route.device && `dev ${route.device}`].filter(Boolean).join(' ')))),
          field('natPairs', 'floating ↔ fixed (NAT)', nat.value),
        ],
        unread,
      };
    });
}

/**
 * A namespace's floating ↔ fixed pairs as one value ("198.51.100.133 ↔ 198.51.100.2 (DNAT only)"),
 * so that a NAT rule added or gone shows in what changed. A reading from before the console read
 * NAT rules has no such probe: the field is then not compared, and not called unread either.
 */
function natReading(inventory: LabInventory, machine: InventoryMachine | null, namespace: string, where: string): { value: string | null | undefined; unread: string | null } {
  const probeId = `netns-firewall:${namespace}`;
  if (!outcomeOf(inventory, machine?.id ?? '', probeId)) return { value: undefined, unread: null };
  const rules = readableValue<FirewallRules>(inventory, machine, probeId, 'natPairs', `NAT rules (nft or iptables-save) in ${namespace}`, where);
  if (!rules.value) return { value: undefined, unread: rules.reason };
  const pairText = ({ floating, fixed, dnat, snat }: FirewallRules['natPairs'][number]) => `${floating} ↔ ${fixed}${dnat && snat ? '' : dnat ? ' (DNAT only)' : ' (SNAT only)'}`;
  return { value: listValue(rules.value.natPairs.map(pairText)), unread: null };
}

/** A probe's value when it was read and has its list; otherwise why not (its fields are then not compared). */
function readableValue<T>(inventory: LabInventory, machine: InventoryMachine | null, probeId: string, key: string, command: string, where: string): { value: T; reason: null } | { value: undefined; reason: string } {
  const outcome = outcomeOf(inventory, machine?.id ?? '', probeId);
  const reason = unreadReason(outcome, machine, command, where);
  if (reason) return { value: undefined, reason };
  const value = outcome!.value as Record<string, unknown>;
  return typeof value === 'object' && Array.isArray(value[key]) ? { value: value as T, reason: null } : { value: undefined, reason: `${command} on ${where} gave something the console cannot read` };
}
