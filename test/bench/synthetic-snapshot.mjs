// A snapshot of a synthetic lab at the scale the views must stay fast for: 50 compute nodes with
// 5,000 containers between them (every tenth Juju's, the rest Nova instances with their profiles and
// qbr/qvb/qvo/tap plumbing), and a Juju model of 50 applications, 1,000 units and about 150
// relations. It holds what a capture holds: every command's raw output in the tools' real formats
// (built with the demo lab's writers), so opening it runs the ordinary keeper and parsers over
// them, as opening a real capture does. Deterministic. Addresses stay inside 198.51.100.0/24.
import { readFileSync } from 'node:fs';

const STARTED_AT = '2026-11-22T00:00:00.000Z';
const ENDED_AT = '2026-11-22T00:00:02.000Z';
/** One container in this many is Juju's own rather than a Nova instance (as synthetic-inventory.mjs). */
const JUJU_EVERY = 10;
/** A subordinate (ntp) rides on every nova-compute unit, as on the walkthrough's compute nodes. */
const SUBORDINATE = 'ntp';

const hex8 = (index) => index.toString(16).padStart(8, '0');
const address = (index) => `198.51.100.${1 + (index % 250)}`;
const mac = (index) => `fa:16:3e:${hex8(index).slice(2, 4)}:${hex8(index).slice(4, 6)}:${hex8(index).slice(6, 8)}`;
const status = (current, message) => ({ current, ...(message ? { message } : {}), since: '22 Nov 2026 00:00:00Z' });

/** `juju status --format=json` (Juju 2.9): nova-compute and its ntp on every node, the other units spread over them. */
function jujuStatusJson({ nodes, applications, units, relations }) {
  const machines = {};
  for (let index = 0; index < nodes; index += 1) {
    machines[String(index + 1)] = { 'juju-status': status('started'), hostname: `node${String(index).padStart(2, '0')}ob64`, 'dns-name': `198.51.100.${200 + (index % 50)}`, 'instance-id': `node-${index}`, 'machine-status': status('running', 'Deployed'), series: 'jammy' };
  }
  const apps = {};
  const app = (name, charm, extra = {}) => (apps[name] = { charm, 'charm-name': charm, 'charm-rev': 1, series: 'jammy', exposed: false, 'application-status': status('active'), units: {}, relations: {}, ...extra });
  app('nova-compute', 'nova-compute');
  app(SUBORDINATE, SUBORDINATE, { 'subordinate-to': ['nova-compute'] });
  delete apps[SUBORDINATE].units;
  const others = Array.from({ length: applications - 2 }, (_, index) => app(`app-${String(index + 2).padStart(3, '0')}`, `app-${String(index + 2).padStart(3, '0')}`));
  const unit = (machine, leader, extra = {}) => ({ 'workload-status': status('active', 'Unit is ready'), 'juju-status': status('idle'), leader, machine, 'public-address': machines[machine]['dns-name'], ...extra });
  for (let index = 0; index < nodes; index += 1) {
    apps['nova-compute'].units[`nova-compute/${index}`] = unit(String(index + 1), index === 0, {
      subordinates: { [`${SUBORDINATE}/${index}`]: { 'workload-status': status('active', 'Ready'), 'juju-status': status('idle'), leader: index === 0, 'public-address': machines[String(index + 1)]['dns-name'] } },
    });
  }
  const remaining = units - 2 * nodes;
  for (let index = 0; index < remaining; index += 1) {
    const owner = others[index % others.length];
    const number = Object.keys(owner.units).length;
    owner.units[`${owner.charm}/${number}`] = unit(String(1 + (index % nodes)), number === 0);
  }
  apps['nova-compute'].relations['juju-info'] = [SUBORDINATE];
  apps[SUBORDINATE].relations['juju-info'] = ['nova-compute'];
  const names = Object.keys(apps).filter((name) => name !== SUBORDINATE);
  for (let index = 0; index < relations - 1; index += 1) {
    const from = names[index % names.length];
    const to = names[(index * 7 + 3) % names.length];
    if (from === to) continue;
    apps[from].relations[`ep-${index}`] = [to];
    apps[to].relations[`ep-${index}`] = [from];
  }
  return `${JSON.stringify({ model: { name: 'bench', type: 'iaas', controller: 'maas', cloud: 'maas', version: '2.9.42', 'model-status': status('available') }, machines, applications: apps })}\n`;
}

/**
 * The snapshot's content. `h` is the bundled demo writers (demo-lab-outputs.ts) and
 * readSnapshotInventory; `fixtures` the folder of the walkthrough's outputs (nova.conf, dpkg).
 */
export async function syntheticSnapshot(h, fixtures, { nodes = 50, containers = 5000, applications = 50, units = 1000, relations = 150 } = {}) {
  const novaConf = readFileSync(`${fixtures}/ini/walkthrough-nova.conf.txt`, 'utf8');
  const novaComputeConf = readFileSync(`${fixtures}/ini/walkthrough-nova-compute.conf.txt`, 'utf8');
  const dpkg = readFileSync(`${fixtures}/dpkg/walkthrough-dpkg-l-grep-lxd.txt`, 'utf8').split('\n').slice(1).join('\n');
  const commands = [];
  let clock = Date.parse(STARTED_AT);
  const ran = (machineId, argv, stdout) => commands.push({ machineId, argv, exitCode: 0, signal: null, stdout, stderr: '', truncated: false, invalidUtf8: false, startedAt: new Date((clock += 1)).toISOString(), durationMs: 12 });
  ran('controller', ['hostname'], 'OrangeBox64\n');
  ran('controller', ['juju', 'status', '--format=json'], jujuStatusJson({ nodes, applications, units, relations }));
  const routes = [{ machineId: 'controller', kind: 'controller', label: 'ubuntu@bench.invalid:22', chosenBy: 'auto', note: null }];
  for (let node = 0; node < nodes; node += 1) {
    const id = String(node + 1);
    routes.push({ machineId: id, kind: 'jump', label: `ubuntu@198.51.100.${200 + (node % 50)}:22 via ubuntu@bench.invalid:22`, chosenBy: 'auto', note: null });
    const instances = [];
    const jujuContainers = [];
    for (let index = node, local = 0; index < containers; index += nodes, local += 1) {
      if (local % JUJU_EVERY === 0) jujuContainers.push({ name: `juju-bench-${id}-lxd-${index}`, address: address(index), mac: `00:16:3e:${hex8(index).slice(2, 4)}:${hex8(index).slice(4, 6)}:${hex8(index).slice(6, 8)}` });
      else instances.push({ name: `instance-${hex8(index)}`, portId: `${hex8(index * 2654435761 % 4294967296)}-0000-4000-8000-000000000000`, mac: mac(index), address: address(index) });
    }
    ran(id, ['hostname'], `node${String(node).padStart(2, '0')}ob64\n`);
    ran(id, ['dpkg', '-l'], dpkg);
    ran(id, ['lxc', 'list', '--format', 'json'], h.lxcListJson(instances, jujuContainers));
    ran(id, ['lxc', 'profile', 'list', '--format', 'json'], h.profileListJson(instances, jujuContainers));
    ran(id, ['cat', '/etc/nova/nova.conf'], novaConf);
    ran(id, ['cat', '/etc/nova/nova-compute.conf'], novaComputeConf);
    ran(id, ['sudo', '-n', 'ovs-vsctl', 'show'], h.ovsShow(`3f0c${hex8(node)}-7d2e-4b6f-9a10-2c3d4e5f6a7b`, { 'br-int': [...instances.map((instance) => ({ port: h.portName('qvo', instance.portId), tag: 1 })), { port: 'br-int', type: 'internal' }] }));
    ran(id, ['sudo', '-n', 'ovs-vsctl', '--format=json', '--columns=name,external_ids,ofport,mac_in_use', 'list', 'Interface'], h.ovsInterfacesJson(instances.map((instance, n) => h.instanceOvsRow(instance, n + 1))));
    ran(id, ['ip', '-d', '-j', 'link'], h.ipLinkJson(h.hostLinks(`198.51.100.${200 + (node % 50)}`, jujuContainers, instances.flatMap(h.instancePlumbingLinks), node % 10)));
  }
  const content = {
    meta: { formatVersion: 1, consoleVersion: 'bench', labName: `Synthetic lab (${containers} containers)`, kind: 'capture', captureStartedAt: STARTED_AT, captureEndedAt: ENDED_AT },
    lab: { name: 'Synthetic lab', controller: { kind: 'ssh', host: 'bench.invalid', port: 22, user: 'ubuntu', identityFile: null, sshConfigHost: null }, routes: {} },
    routes,
    commands,
    inventory: { labId: 'lab-bench-synthetic', refreshing: false, refreshedAt: ENDED_AT, lastRefreshMs: null, machines: [], probes: [], links: { containers: [] } },
    diagnostics: { ping: null, matrix: null },
    recordings: [],
  };
  // What the capturing console would have written: the inventory its keeper built from these outputs.
  const { inventory } = await h.readSnapshotInventory(content);
  return { ...content, inventory };
}
