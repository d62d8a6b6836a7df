// Everything the command palette can find, built from the live state: the Juju model's
// applications, units, machines and relations, the lab's machines, containers, gateway
// namespaces, LXD profiles, open terminals, the views and the console's own actions. Each entry
// says what it is, where it is, and what Enter does (a command the palette runs). Pure: the same
// state gives the same entries.
import { CONTROLLER_MACHINE_ID, type InventoryMachine, type LabInventory } from '../../electron/contract/inventory';
import type { JujuStatus } from '../../electron/contract/lab-model';
import type { ConnectionState, SavedLab } from '../../electron/contract/payloads';
import type { TerminalInfo, TerminalTarget } from '../../electron/contract/terminals';
import type { NodePart, ViewFocus } from '../state/view-focus';
import { stateLabel } from '../terminals/terminal-labels';
import { viewCatalog, type ViewId } from '../views/view-catalog';
import { containerRows, type ContainerRow } from '../views/containers/container-rows';
import { canExec, namespacesOf } from '../views/nodes/machine-terminal-targets';
import { hostNameOf, jujuStatusOf, readableProbeValues } from '../state/inventory-reading';
import { relationEnds, relationKey } from '../views/overview/overview-marks';
import { whyNoSupportExport } from '../support/support-bundle-availability';
import { pathEntries } from './palette-path';
import { netTableEntries } from './palette-net-tables';
import { healthEntries } from './palette-health';
import { mtuCheckEntries } from './palette-mtu';

export type PaletteKind = 'action' | 'view' | 'finding' | 'terminal' | 'application' | 'unit' | 'relation' | 'machine' | 'container' | 'namespace' | 'profile';

export type ConsoleAction = 'refresh' | 'save-snapshot' | 'export-for-support' | 'presentation' | 'theme' | 'disconnect' | 'manage-labs' | 'settings';

/** What choosing an entry does. */
export type PaletteCommand =
  | { type: 'show'; view: ViewId; focus: ViewFocus | null }
  | { type: 'open-terminal'; target: TerminalTarget }
  | { type: 'switch-terminal'; id: string }
  | { type: 'connect'; labId: string }
  | { type: 'action'; action: ConsoleAction };

export interface PaletteEntry {
  /** Stable across refreshes, so "recently used" finds it again: "container:22/instance-0000000c:terminal". */
  id: string;
  kind: PaletteKind;
  title: string;
  /** Where and in what state: node, state, address. */
  detail: string;
  /** Words matched besides the title (the command it replaces, the node, addresses). */
  keywords: string;
  command: PaletteCommand;
  /** A keyboard shortcut that does the same, shown beside it. */
  shortcut?: string;
}

/** What the entries are read from (the console state, as plain values). */
export interface PaletteSource {
  inventory: LabInventory | null;
  terminals: readonly TerminalInfo[];
  labs: readonly SavedLab[];
  connection: ConnectionState | null;
  presentationMode: boolean;
  theme: 'dark' | 'light';
}

/** Kinds in the order they are listed when nothing is typed (and when scores tie). */
export const KIND_ORDER: readonly PaletteKind[] = ['action', 'view', 'finding', 'terminal', 'application', 'unit', 'relation', 'machine', 'namespace', 'container', 'profile'];

export const KIND_LABELS: Record<PaletteKind, string> = {
  action: 'Action',
  view: 'View',
  finding: 'Health',
  terminal: 'Terminal',
  application: 'Application',
  unit: 'Unit',
  relation: 'Relation',
  machine: 'Machine',
  container: 'Container',
  namespace: 'Namespace',
  profile: 'Profile',
};

export function paletteEntries(source: PaletteSource): PaletteEntry[] {
  const inventory = source.inventory;
  const entries = [
    ...actionEntries(source),
    ...viewEntries(),
    ...terminalEntries(source.terminals),
    ...(inventory ? [...comparisonEntries(inventory), ...pathEntries(inventory), ...healthEntries(inventory), ...jujuEntries(inventory), ...machineEntries(inventory), ...namespaceEntries(inventory), ...mtuCheckEntries(inventory), ...netTableEntries(inventory), ...containerEntries(inventory), ...profileEntries(inventory)] : []),
  ];
  // A snapshot has no machines to open a shell on (the core would refuse); this computer's shell stays.
  return source.connection?.snapshot ? entries.filter((entry) => entry.command.type !== 'open-terminal' || entry.command.target.kind === 'local') : entries;
}

function actionEntries(source: PaletteSource): PaletteEntry[] {
  const action = (id: ConsoleAction, title: string, detail: string, keywords: string): PaletteEntry => ({ id: `action:${id}`, kind: 'action', title, detail, keywords, command: { type: 'action', action: id } });
  const connected = source.connection?.phase === 'connected' || source.connection?.phase === 'connecting';
  const refreshing = source.inventory?.refreshing ?? false;
  const entries: PaletteEntry[] = [];
  // A snapshot never refreshes (its banner says so); the core would refuse it anyway.
  if ((source.inventory || connected) && !source.connection?.snapshot) {
    entries.push(action('refresh', 'Refresh inventory', refreshing ? 'a refresh is running now' : 'run every probe on every machine again', 'reload probes update'));
  }
  // Only a connected live lab can be saved (a snapshot of a snapshot is the file itself).
  if (source.connection?.phase === 'connected' && !source.connection.snapshot && source.connection.labName) {
    entries.push(action('save-snapshot', `Save snapshot of ${source.connection.labName}`, 'every machine read once, to a .obxsnap file, secrets masked', 'capture export offline obxsnap'));
  }
  if (whyNoSupportExport(source.connection ?? null) === null && source.connection?.labName) {
    entries.push(action('export-for-support', `Export ${source.connection.labName} for support`, 'a bundle for support: secrets masked, addresses, hostnames and MACs obfuscated if you like', 'support bundle sos redact obfuscate anonymize export obxsnap'));
  }
  entries.push({ id: 'action:compare-snapshot', kind: 'action', title: 'Compare with a snapshot…', detail: 'what changed since a snapshot (or between two): containers, units, machines, profiles, namespaces', keywords: 'diff changes obxsnap before after', command: { type: 'show', view: 'changes', focus: null } });
  entries.push(
    action('presentation', 'Toggle presentation mode', source.presentationMode ? 'on: large text for projectors' : 'off: normal text size', 'projector large text'),
    action('theme', `Toggle theme (to ${source.theme === 'dark' ? 'light' : 'dark'})`, `now ${source.theme}`, 'dark light colours settings'),
  );
  if (connected && source.connection?.labName) entries.push(action('disconnect', `Disconnect from ${source.connection.labName}`, source.connection.detail, 'lab ssh'));
  else {
    for (const lab of source.labs) {
      entries.push({ id: `connect:${lab.id}`, kind: 'action', title: `Connect to ${lab.name}`, detail: `${lab.controller.user}@${lab.controller.host}`, keywords: 'lab ssh', command: { type: 'connect', labId: lab.id } });
    }
  }
  entries.push(
    action('manage-labs', 'Manage labs', 'add, edit or remove saved labs', 'connect saved lab controller'),
    { id: 'action:local-shell', kind: 'action', title: 'Local shell', detail: 'a shell on this computer', keywords: 'terminal', command: { type: 'open-terminal', target: { kind: 'local' } } },
    action('settings', 'Open settings', 'theme, refresh interval, scrollback, recordings', 'preferences options'),
  );
  return entries;
}

function viewEntries(): PaletteEntry[] {
  return viewCatalog.map((view) => ({
    id: `view:${view.id}`,
    kind: 'view',
    title: `Go to ${view.title}`,
    detail: view.summary,
    keywords: view.replaces.join(' '),
    command: { type: 'show', view: view.id, focus: null },
    shortcut: `Alt+${view.shortcut}`,
  }));
}

function terminalEntries(terminals: readonly TerminalInfo[]): PaletteEntry[] {
  return terminals.map((info) => ({
    id: `terminal:${info.id}`,
    kind: 'terminal',
    title: `Switch to ${info.title}`,
    detail: stateLabel(info),
    keywords: 'tab shell',
    command: { type: 'switch-terminal', id: info.id },
  }));
}


/** Where a unit's shell is: the LXD container Juju put it in, or its machine. */
function unitTerminal(inventory: LabInventory, machine: string): { target: TerminalTarget; where: string } | null {
  const container = inventory.links.containers.find((link) => link.jujuMachineId === machine);
  if (container) return { target: { kind: 'container', machineId: container.machineId, container: container.container }, where: `lxc exec ${container.container} on ${hostNameOf(inventory, container.machineId)}` };
  if (!/^\d+$/.test(machine)) return null;
  return { target: { kind: 'machine', machineId: machine }, where: `shell on ${hostNameOf(inventory, machine)} (machine ${machine})` };
}

function jujuEntries(inventory: LabInventory): PaletteEntry[] {
  const status = jujuStatusOf(inventory);
  if (!status) return [];
  const entries: PaletteEntry[] = [];
  for (const application of status.applications) {
    entries.push({
      id: `application:${application.name}`,
      kind: 'application',
      title: application.name,
      detail: [application.status, application.scale === null ? null : `scale ${application.scale}`, application.charm && `charm ${application.charm}`].filter(Boolean).join(' · '),
      keywords: `juju app ${application.charm ?? ''}`,
      command: { type: 'show', view: 'overview', focus: { view: 'overview', target: { kind: 'application', name: application.name } } },
    });
  }
  for (const unit of status.units) {
    const detail = [unit.workloadStatus, unit.machine && `machine ${unit.machine}`, unit.address].filter(Boolean).join(' · ');
    entries.push({ id: `unit:${unit.name}`, kind: 'unit', title: unit.name, detail, keywords: `juju ${unit.application}`, command: { type: 'show', view: 'overview', focus: { view: 'overview', target: { kind: 'unit', name: unit.name } } } });
    const terminal = unit.machine ? unitTerminal(inventory, unit.machine) : null;
    if (terminal) {
      entries.push({ id: `unit:${unit.name}:terminal`, kind: 'unit', title: `Terminal on ${unit.name}`, detail: terminal.where, keywords: 'juju ssh shell', command: { type: 'open-terminal', target: terminal.target } });
    }
  }
  // Juju's own machines and containers ("23/lxd/0"), as juju status lists them: the row in Overview.
  for (const machine of status.machines) {
    const detail = [machine.state, machine.address, machine.instanceId].filter(Boolean).join(' · ');
    entries.push({ id: `juju-machine:${machine.id}`, kind: 'machine', title: `Juju machine ${machine.id}`, detail, keywords: `juju status ${machine.parent ? 'container lxd' : 'node'}`, command: { type: 'show', view: 'overview', focus: { view: 'overview', target: { kind: 'machine', id: machine.id } } } });
  }
  const relations = new Set<string>();
  for (const relation of status.relations) {
    const key = relationKey(relation);
    // Ids are unique; where juju status leaves out the endpoints, two relations can read the same.
    if (relations.has(key)) continue;
    relations.add(key);
    const detail = [relation.interface, relation.type, relation.message].filter(Boolean).join(' · ');
    entries.push({ id: `relation:${key}`, kind: 'relation', title: relationEnds(relation).join(' ↔ '), detail, keywords: 'juju relate integrate endpoint', command: { type: 'show', view: 'overview', focus: { view: 'overview', target: { kind: 'relation', key } } } });
  }
  return entries;
}

const machineLabel = (machine: InventoryMachine) => machine.hostname ?? (machine.id === CONTROLLER_MACHINE_ID ? 'controller' : `machine ${machine.id}`);

function machineEntries(inventory: LabInventory): PaletteEntry[] {
  return inventory.machines.flatMap((machine): PaletteEntry[] => {
    const host = machineLabel(machine);
    const which = machine.id === CONTROLLER_MACHINE_ID ? 'controller' : `machine ${machine.id}`;
    const detail = [which, machine.roles.join(', '), machine.address, machine.routeError ? 'unreachable' : machine.jujuState].filter(Boolean).join(' · ');
    const entries: PaletteEntry[] = [
      { id: `machine:${machine.id}`, kind: 'machine', title: machine.hostname ? `${host} (${which})` : host, detail, keywords: `node ${machine.applications.join(' ')}`, command: { type: 'show', view: 'nodes', focus: { view: 'nodes', machineId: machine.id } } },
      { id: `machine:${machine.id}:shell`, kind: 'machine', title: `Shell on ${host}`, detail: `${which}, over ${machine.route?.label ?? 'its route'}`, keywords: 'terminal ssh login', command: { type: 'open-terminal', target: { kind: 'machine', machineId: machine.id } } },
    ];
    const show = (part: NodePart): PaletteCommand => ({ type: 'show', view: 'nodes', focus: { view: 'nodes', machineId: machine.id, part } });
    if (machine.id !== CONTROLLER_MACHINE_ID) {
      entries.push({ id: `machine:${machine.id}:juju-ssh`, kind: 'machine', title: `juju ssh ${machine.id}`, detail: `${host}, through the controller`, keywords: `terminal shell ${host}`, command: { type: 'open-terminal', target: { kind: 'juju-ssh', machineId: machine.id } } });
      entries.push({ id: `machine:${machine.id}:packages`, kind: 'machine', title: `Packages on ${host}`, detail: `${which}: the LXD, Nova, Neutron and OVS packages`, keywords: 'dpkg -l grep lxd versions', command: show('packages') });
    }
    if (machine.roles.includes('compute')) {
      const driver = machine.hypervisor?.computeDriver;
      entries.push(
        { id: `machine:${machine.id}:nova-conf`, kind: 'machine', title: `nova.conf on ${host}`, detail: `${which}: /etc/nova/nova.conf, secrets masked`, keywords: 'cat configuration nova config', command: show('nova-conf') },
        { id: `machine:${machine.id}:nova-compute-conf`, kind: 'machine', title: `nova-compute.conf on ${host}`, detail: `${which}: ${driver ? `compute_driver = ${driver}` : '/etc/nova/nova-compute.conf'}`, keywords: 'cat configuration compute_driver hypervisor', command: show('nova-compute-conf') },
      );
    }
    return entries;
  });
}

/** Compute nodes side by side, when there are two to compare. */
function comparisonEntries(inventory: LabInventory): PaletteEntry[] {
  const computeNodes = inventory.machines.filter((machine) => machine.roles.includes('compute'));
  if (computeNodes.length < 2) return [];
  return [
    {
      id: 'nodes:compare',
      kind: 'action',
      title: 'Compare compute nodes',
      detail: `packages and nova settings across ${computeNodes.length} compute nodes, differences marked`,
      keywords: 'diff nova.conf dpkg versions drift',
      command: { type: 'show', view: 'nodes', focus: { view: 'nodes', compare: true } },
    },
  ];
}

function namespaceEntries(inventory: LabInventory): PaletteEntry[] {
  const listings = inventory.probes.filter((probe) => probe.probeId === 'ip-netns' && probe.status !== 'failed');
  return listings.flatMap((probe) =>
    namespacesOf([probe]).flatMap((namespace): PaletteEntry[] => {
      const machineId = probe.machineId;
      const where = `${namespace.kind} on ${hostNameOf(inventory, machineId)}`;
      const key = `namespace:${machineId}/${namespace.name}`;
      return [
        { id: `${key}:shell`, kind: 'namespace', title: `Shell in ${namespace.name}`, detail: where, keywords: 'terminal ip netns exec', command: { type: 'open-terminal', target: { kind: 'namespace', machineId, namespace: namespace.name } } },
        { id: `${key}:ping`, kind: 'namespace', title: `Ping from ${namespace.name}`, detail: where, keywords: 'diagnostics reachability', command: { type: 'show', view: 'diagnostics', focus: { view: 'diagnostics', targets: [], source: { kind: 'namespace', machineId, namespace: namespace.name } } } },
        { id: `${key}:network`, kind: 'namespace', title: `Namespace ${namespace.name}`, detail: where, keywords: 'network addresses routes ports', command: { type: 'show', view: 'network', focus: { view: 'network', machineId, namespace: namespace.name } } },
      ];
    }),
  );
}

/** The profile that says most about a container: the one named like it (nova-lxd), else its last own one. */
function mainProfile(name: string, profiles: readonly string[]): string | null {
  if (profiles.includes(name)) return name;
  return [...profiles].reverse().find((profile) => profile !== 'default') ?? profiles[0] ?? null;
}

/** "198.51.100.12 (eth0), 10.0.3.5 (eth1)" → the bare addresses, for ping. */
const addressesOf = (row: ContainerRow) => row.ipv4.split(', ').map((entry) => entry.split(' ')[0]!).filter((address) => address !== '' && !address.startsWith('127.'));

function containerEntries(inventory: LabInventory): PaletteEntry[] {
  const links = new Map(inventory.links.containers.map((link) => [`${link.machineId}/${link.container}`, link]));
  return containerRows(inventory).flatMap((row): PaletteEntry[] => {
    const { name, machineId } = row;
    // A Nova instance's container is found by its server's name too ("lxc-test-1"), as the walkthrough calls it.
    const detail = [row.server && `server ${row.server}`, row.node, row.state.toLowerCase(), row.ipv4.split(' ')[0], row.floating.split(', ')[0]].filter(Boolean).join(' · ');
    const keywords = `${row.server} ${row.node} ${row.ipv4} ${row.floating} ${row.project} ${row.owner}`;
    const entries: PaletteEntry[] = [
      { id: `container:${row.key}`, kind: 'container', title: row.server ? `${name} (${row.server})` : name, detail, keywords: `lxc list ${keywords}`, command: { type: 'show', view: 'containers', focus: { view: 'containers', filter: name } } },
    ];
    if (row.serverId) {
      entries.push({ id: `container:${row.key}:server`, kind: 'container', title: `Server ${row.server}`, detail: `Nova server in ${name}${row.project ? ` · project ${row.project}` : ''}`, keywords: `openstack server show nova ${keywords}`, command: { type: 'show', view: 'openstack', focus: { view: 'openstack', serverId: row.serverId } } });
    }
    if (canExec({ name, state: row.state === 'unknown' ? null : row.state })) {
      entries.push({ id: `container:${row.key}:terminal`, kind: 'container', title: `Terminal into ${name}`, detail, keywords: `lxc exec shell ${keywords}`, command: { type: 'open-terminal', target: { kind: 'container', machineId, container: name } } });
    }
    const profile = mainProfile(name, links.get(row.key)?.profiles ?? row.profiles.split(', ').filter(Boolean));
    if (profile) {
      entries.push({ id: `container:${row.key}:profile`, kind: 'container', title: `Profile of ${name}`, detail: `${profile} on ${row.node}`, keywords: `lxc profile show ${keywords}`, command: { type: 'show', view: 'profiles', focus: { view: 'profiles', machineId, profile } } });
    }
    entries.push({ id: `container:${row.key}:plumbing`, kind: 'container', title: `Plumbing of ${name}`, detail, keywords: `network tap qbr qvb qvo br-int ${keywords}`, command: { type: 'show', view: 'network', focus: { view: 'network', machineId, container: name } } });
    const addresses = addressesOf(row);
    if (addresses.length > 0) {
      entries.push({ id: `container:${row.key}:ping`, kind: 'container', title: `Ping ${name}`, detail: `${addresses.join(', ')} on ${row.node}`, keywords: `diagnostics ${keywords}`, command: { type: 'show', view: 'diagnostics', focus: { view: 'diagnostics', targets: addresses } } });
    }
    return entries;
  });
}

function profileEntries(inventory: LabInventory): PaletteEntry[] {
  return readableProbeValues(inventory, 'lxc-profiles')
    .filter(({ value }) => Array.isArray(value.profiles))
    .flatMap((probe) =>
      probe.value.profiles
        .filter((profile) => typeof profile.name === 'string')
        .map((profile): PaletteEntry => ({
          id: `profile:${probe.machineId}/${profile.name}`,
          kind: 'profile',
          title: `Profile ${profile.name}`,
          detail: `on ${hostNameOf(inventory, probe.machineId)}${profile.usedBy ? ` · used by ${profile.usedBy.length}` : ''}`,
          keywords: 'lxc profile show limits devices',
          command: { type: 'show', view: 'profiles', focus: { view: 'profiles', machineId: probe.machineId, profile: profile.name! } },
        })),
    );
}
