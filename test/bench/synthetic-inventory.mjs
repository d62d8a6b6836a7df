// A synthetic lab inventory at the scale the views must stay fast for: many compute nodes full of
// containers, and a Juju model of many applications, units and relations. Shaped exactly like the
// core's LabInventory (electron/contract/inventory.ts) so the real page renders it. Deterministic:
// the same arguments give the same inventory. Addresses stay inside 198.51.100.0/24 (repeated).

const STARTED_AT = '2026-11-22T00:00:00.000Z';
/** One container in this many is stopped (no address), as on a lab with some instances shut off. */
const STOPPED_EVERY = 17;
/** One container in this many is Juju's own rather than a Nova instance. */
const JUJU_EVERY = 10;
/** One unit in this many is a subordinate (nested under the principal unit before it). */
const SUBORDINATE_EVERY = 10;

const address = (index) => `198.51.100.${1 + (index % 250)}`;
const hex8 = (index) => index.toString(16).padStart(8, '0');

function outcome(machineId, probeId, value, command) {
  return { machineId, probeId, command, startedAt: STARTED_AT, durationMs: 12, status: 'ok', value, format: 'json', problems: [], error: null };
}

/** A Juju model: `applications` apps with `units` units between them, `relations` relations
 * (a tenth peer, a tenth subordinate, the rest regular between distinct applications). */
export function syntheticJujuStatus({ applications, units, relations, machines }) {
  const names = Array.from({ length: applications }, (_, index) => `app-${String(index).padStart(3, '0')}`);
  const subordinates = new Set(names.filter((_, index) => index % 10 === 9));
  const principals = names.filter((name) => !subordinates.has(name));
  const unitList = [];
  const subordinateList = [...subordinates];
  const counts = new Map();
  let principal = null;
  for (let index = 0; index < units; index += 1) {
    // Every SUBORDINATE_EVERY-th unit is a subordinate of the principal unit before it, as ntp or
    // neutron-openvswitch ride on nova-compute: the Overview nests them.
    const subordinate = principal !== null && index % SUBORDINATE_EVERY === SUBORDINATE_EVERY - 1;
    const application = subordinate ? subordinateList[Math.floor(index / SUBORDINATE_EVERY) % subordinateList.length] : principals[index % principals.length];
    const number = counts.get(application) ?? 0;
    counts.set(application, number + 1);
    const machine = subordinate ? principal.machine : String(1 + (index % machines));
    const unit = { name: `${application}/${number}`, application, machine, address: subordinate ? principal.address : address(index), workloadStatus: index % 97 === 0 ? 'blocked' : 'active', agentStatus: 'idle', message: 'Unit is ready', leader: number === 0, principal: subordinate ? principal.name : null, ports: [] };
    unitList.push(unit);
    if (!subordinate) principal = unit;
  }
  const relationList = [];
  for (let index = 0; relationList.length < relations; index += 1) {
    const kind = index % 10 === 0 ? 'peer' : index % 10 === 5 ? 'subordinate' : 'regular';
    const from = kind === 'subordinate' ? principals[index % principals.length] : names[index % names.length];
    const to = kind === 'peer' ? from : kind === 'subordinate' ? [...subordinates][index % subordinates.size] : names[(index * 7 + 3) % names.length];
    if (kind !== 'peer' && from === to) continue;
    relationList.push({ application: from, endpoint: `ep-${index}`, relatedApplication: to, relatedEndpoint: `ep-${index}`, interface: `if-${index % 13}`, type: kind, message: null });
  }
  return {
    model: { name: 'bench', controller: 'maas', cloud: 'maas', region: null, version: '2.9.42', type: 'iaas', sla: null, timestamp: null, notes: null },
    applications: names.map((name) => ({
      name,
      charm: name,
      charmRev: 1,
      version: '1.0.0',
      status: 'active',
      message: null,
      scale: unitList.filter((unit) => unit.application === name).length,
      exposed: false,
      subordinateTo: subordinates.has(name) ? [principals[0]] : [],
      channel: 'stable',
      store: 'charmhub',
      series: 'jammy',
      base: null,
    })),
    units: unitList,
    machines: Array.from({ length: machines }, (_, index) => ({ id: String(1 + index), parent: null, containerType: null, state: 'started', address: address(index), instanceId: `node-${index}`, series: 'jammy', base: null, availabilityZone: null, message: 'Deployed' })),
    relations: relationList,
    saas: [],
    otherSections: [],
  };
}

/** `containers` containers spread over `nodes` compute nodes, with the Juju model above. */
export function syntheticInventory({ nodes = 50, containers = 5000, applications = 50, units = 1000, relations = 150 } = {}) {
  const machines = Array.from({ length: nodes }, (_, index) => ({
    id: String(1 + index),
    hostname: `node${String(index).padStart(2, '0')}ob64`,
    address: `127.0.1.${1 + index}`,
    roles: ['compute'],
    applications: [],
    jujuState: 'started',
    route: { kind: 'jump', label: 'through the controller', chosenBy: 'auto', note: null },
    routeError: null,
    hypervisor: { kind: 'lxd', label: 'LXD (nova-lxd, lxd.LXDDriver)', computeDriver: 'lxd.LXDDriver', virtType: null, source: { file: '/etc/nova/nova-compute.conf', line: 2 }, warning: null },
  }));
  const probes = [outcome('controller', 'juju-status', syntheticJujuStatus({ applications, units, relations, machines: nodes }), 'juju status --format=json')];
  const links = [];
  for (const [nodeIndex, machine] of machines.entries()) {
    const instances = [];
    for (let index = nodeIndex; index < containers; index += nodes) {
      const stopped = index % STOPPED_EVERY === 0;
      const juju = index % JUJU_EVERY === 0;
      const name = juju ? `juju-bench-${machine.id}-lxd-${index}` : `instance-${hex8(index)}`;
      instances.push({ name, state: stopped ? 'STOPPED' : 'RUNNING', type: 'container', ephemeral: false, ipv4: stopped ? [] : [{ address: address(index), iface: 'eth0' }], ipv6: [], snapshots: index % 3, location: null, profiles: juju ? ['default', 'juju-bench'] : [name], project: null });
      const port = hex8(index * 2654435761 % 4294967296);
      links.push({
        container: name,
        machineId: machine.id,
        state: stopped ? 'STOPPED' : 'RUNNING',
        profiles: juju ? ['default', 'juju-bench'] : [name],
        nics: juju ? [] : [{ device: `qbr${port}-00`, bridge: `qbr${port}-00`, tap: `tap${port}-00`, mac: `fa:16:3e:${port.slice(0, 2)}:${port.slice(2, 4)}:${port.slice(4, 6)}`, ovsPort: `qvo${port}-00`, neutronPortId: `${port}-0000-4000-8000-000000000000`, vmUuid: name }],
        jujuMachineId: juju ? `${machine.id}/lxd/${index}` : null,
        units: [],
      });
    }
    probes.push(outcome(machine.id, 'lxc-list', { instances }, 'lxc list --format json'));
  }
  return {
    labId: 'lab-bench-synthetic',
    refreshing: false,
    refreshedAt: STARTED_AT,
    lastRefreshMs: 900,
    machines: [{ id: 'controller', hostname: 'OrangeBox64', address: '127.0.1.1', roles: ['controller'], applications: [], jujuState: null, route: { kind: 'controller', label: 'SSH', chosenBy: 'auto', note: null }, routeError: null, hypervisor: null }, ...machines],
    probes,
    links: { containers: links },
  };
}
