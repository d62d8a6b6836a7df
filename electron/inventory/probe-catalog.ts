// Every probe the console runs to know a lab: the command, the parser, and which machines it
// applies to (by the roles Juju gives them). Commands are argv arrays; names that come from the
// lab (namespaces, profiles) are only ever arguments.
import type { InventoryMachine, MachineRole } from '../contract/inventory';
import type { StackPackageList } from '../contract/lab-model';
import { parsers } from '../probes/parsers/index';
import { parseDpkgList } from '../probes/parsers/dpkg';
import { selectStackPackages } from '../probes/parsers/compute-stack';
import type { ParseResult } from '../probes/parsers/parse-result';
import { parseLxcProfileList } from '../probes/parsers/lxc-profile-list';
import type { ProbeDefinition } from './probe-runner';

/** Where Ubuntu's nova packages keep nova's configuration (nova-compute reads both, the second last). */
export const NOVA_CONF_PATH = '/etc/nova/nova.conf';
export const NOVA_COMPUTE_CONF_PATH = '/etc/nova/nova-compute.conf';

const has = (machine: InventoryMachine, ...roles: MachineRole[]) => roles.some((role) => machine.roles.includes(role));

/** sudo -n never waits for a password: a probe must fail with a reason, not hang. */
const SUDO = ['sudo', '-n'];

function explainSudo(stderr: string, machine: InventoryMachine, what: string): string | null {
  if (/password is required|a terminal is required|not allowed to execute|may not run sudo/i.test(stderr)) {
    return `${what} needs root on ${machine.hostname ?? `machine ${machine.id}`}, and sudo there asks for a password or refuses (${stderr.split('\n')[0]}). Give the lab user passwordless sudo for it.`;
  }
  return null;
}

const notFound = (program: string) => (stderr: string, machine: InventoryMachine) =>
  /not found|No such file/i.test(stderr) ? `${program} is not installed on ${machine.hostname ?? `machine ${machine.id}`} (${stderr.split('\n')[0]})` : null;

/** `hostname` prints one line; anything else is not a hostname. */
function parseHostname(text: string): ParseResult<{ hostname: string | null }> {
  const name = text.trim();
  return /^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(name)
    ? { value: { hostname: name }, format: 'text', problems: [] }
    : { value: { hostname: null }, format: 'unreadable', problems: [{ line: 1, message: 'hostname printed something that is not a host name' }] };
}

/** dpkg -l lists everything; the console keeps the packages of the LXD/Nova/Neutron/OVS stack. */
function parseStackPackages(text: string): ParseResult<StackPackageList> {
  const parsed = parseDpkgList(text);
  return { ...parsed, value: { packages: selectStackPackages(parsed.value) } };
}

const HOSTNAME_PROBE: ProbeDefinition = { id: 'hostname', appliesTo: () => true, command: () => ['hostname'], parse: parseHostname };

export const CONTROLLER_PROBES: ProbeDefinition[] = [
  HOSTNAME_PROBE,
  {
    id: 'juju-status',
    appliesTo: () => true,
    command: () => ['juju', 'status', '--format=json'],
    parse: parsers['juju-status'],
    explainFailure: notFound('juju'),
  },
];

export const MACHINE_PROBES: ProbeDefinition[] = [
  HOSTNAME_PROBE,
  { id: 'packages', appliesTo: () => true, command: () => ['dpkg', '-l'], parse: parseStackPackages, explainFailure: notFound('dpkg') },
  {
    id: 'lxc-list',
    appliesTo: (machine) => has(machine, 'compute', 'control'),
    command: () => ['lxc', 'list', '--format', 'json'],
    parse: parsers['lxc-list'],
    explainFailure: (stderr, machine) =>
      notFound('lxc')(stderr, machine) ??
      (/permission denied/i.test(stderr) ? `the lab user on ${machine.hostname ?? machine.id} may not use LXD (add it to the lxd group): ${stderr.split('\n')[0]}` : null),
  },
  {
    id: 'lxc-profiles',
    appliesTo: (machine) => has(machine, 'compute', 'control'),
    command: () => ['lxc', 'profile', 'list', '--format', 'json'],
    parse: parseLxcProfileList,
  },
  { id: 'nova-conf', appliesTo: (machine) => has(machine, 'compute'), command: () => ['cat', NOVA_CONF_PATH], parse: parsers.ini },
  { id: 'nova-compute-conf', appliesTo: (machine) => has(machine, 'compute'), command: () => ['cat', NOVA_COMPUTE_CONF_PATH], parse: parsers.ini },
  { id: 'ip-netns', appliesTo: (machine) => has(machine, 'gateway'), command: () => ['ip', 'netns', 'list'], parse: parsers['ip-netns'] },
  {
    id: 'ovs-vsctl',
    appliesTo: (machine) => has(machine, 'compute', 'gateway'),
    command: () => [...SUDO, 'ovs-vsctl', 'show'],
    parse: parsers['ovs-vsctl'],
    explainFailure: (stderr, machine) => explainSudo(stderr, machine, 'ovs-vsctl'),
  },
  {
    id: 'ovs-interfaces',
    appliesTo: (machine) => has(machine, 'compute'),
    command: () => [...SUDO, 'ovs-vsctl', '--format=json', '--columns=name,external_ids,ofport,mac_in_use', 'list', 'Interface'],
    parse: parsers['ovs-list'],
    explainFailure: (stderr, machine) => explainSudo(stderr, machine, 'ovs-vsctl'),
  },
  { id: 'links', appliesTo: (machine) => has(machine, 'compute', 'gateway'), command: () => ['ip', '-d', '-j', 'link'], parse: parsers['ip-link'] },
];

/** Probes that exist only once another probe has named something (a namespace, a profile). */
export function namespaceProbes(namespace: string): ProbeDefinition[] {
  return [
    {
      id: `netns-addr:${namespace}`,
      appliesTo: () => true,
      command: () => [...SUDO, 'ip', 'netns', 'exec', namespace, 'ip', '-j', 'addr'],
      parse: parsers['ip-addr'],
      explainFailure: (stderr, machine) => explainSudo(stderr, machine, 'ip netns exec'),
    },
    {
      id: `netns-route:${namespace}`,
      appliesTo: () => true,
      command: () => [...SUDO, 'ip', 'netns', 'exec', namespace, 'ip', '-j', 'route'],
      parse: parsers['ip-route'],
      explainFailure: (stderr, machine) => explainSudo(stderr, machine, 'ip netns exec'),
    },
  ];
}
