#!/usr/bin/env node
// OrangeBox lab: a stand-in for the `juju` client on the lab's MAAS/Juju client host (the
// controller endpoint). Juju is a snap and cannot run here; this prints THIS lab's machines,
// applications, units and relations in Juju 2.x's formats (`juju status` tabular as in the field
// walkthrough, `--format=json`, `--format=yaml`) and `juju ssh` really connects with the Juju key.
//
// Static: the deployed bundle (charms, revisions, relations) of the walkthrough's openstack-lxd
// model. Live: machine agents are "started" while that machine's sshd runs (its PID file), and
// containers/addresses come from `lxc list --all-projects --format json`.
// No npm dependencies; Node >= 18.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const LAB_DIR = process.env.OBX_LAB_DIR || path.resolve(HERE, '../../..');
const LXC_TIMEOUT_MS = 15_000; // one `lxc list` over the unix socket takes ~30 ms here

// ------------------------------------------------------------------ the bundle (walkthrough values)
/** charm name, store revision, workload version, open ports; subordinates have no machine. */
const CHARMS = {
  glance: { charm: 'glance', rev: 253, version: '13.0.0', ports: ['9292/tcp'] },
  keystone: { charm: 'keystone', rev: 258, version: '10.0.0', ports: ['5000/tcp'] },
  lxd: { charm: 'lxd', rev: 4, version: '2.0.5', subordinate: true },
  mysql: { charm: 'percona-cluster', rev: 246, version: '5.6.21-25.8' },
  'neutron-api': { charm: 'neutron-api', rev: 246, version: '9.0.0', ports: ['9696/tcp'] },
  'neutron-gateway': { charm: 'neutron-gateway', rev: 232, version: '9.0.0' },
  'neutron-openvswitch': { charm: 'neutron-openvswitch', rev: 238, version: '9.0.0', subordinate: true },
  'nova-cloud-controller': { charm: 'nova-cloud-controller', rev: 292, version: '14.0.1', ports: ['8774/tcp'] },
  'nova-compute': { charm: 'nova-compute', rev: 259, version: '14.0.1' },
  ntp: { charm: 'ntp', rev: 0, version: '', subordinate: true, idleWorkload: 'unknown' },
  'openstack-dashboard': { charm: 'openstack-dashboard', rev: 243, version: '10.0.0', ports: ['80/tcp', '443/tcp'] },
  'rabbitmq-server': { charm: 'rabbitmq-server', rev: 54, version: '3.5.7', ports: ['5672/tcp'] },
};
/** [relation, provides, consumes, type], in the walkthrough's order. */
const RELATIONS = [
  ['cluster', 'glance', 'glance', 'peer'],
  ['identity-service', 'glance', 'keystone', 'regular'],
  ['shared-db', 'glance', 'mysql', 'regular'],
  ['image-service', 'glance', 'nova-cloud-controller', 'regular'],
  ['image-service', 'glance', 'nova-compute', 'regular'],
  ['amqp', 'glance', 'rabbitmq-server', 'regular'],
  ['cluster', 'keystone', 'keystone', 'peer'],
  ['shared-db', 'keystone', 'mysql', 'regular'],
  ['identity-service', 'keystone', 'neutron-api', 'regular'],
  ['identity-service', 'keystone', 'nova-cloud-controller', 'regular'],
  ['identity-service', 'keystone', 'openstack-dashboard', 'regular'],
  ['lxd-migration', 'lxd', 'lxd', 'peer'],
  ['lxd', 'lxd', 'nova-compute', 'regular'],
  ['cluster', 'mysql', 'mysql', 'peer'],
  ['shared-db', 'mysql', 'neutron-api', 'regular'],
  ['shared-db', 'mysql', 'nova-cloud-controller', 'regular'],
  ['cluster', 'neutron-api', 'neutron-api', 'peer'],
  ['neutron-plugin-api', 'neutron-api', 'neutron-gateway', 'regular'],
  ['neutron-plugin-api', 'neutron-api', 'neutron-openvswitch', 'regular'],
  ['neutron-api', 'neutron-api', 'nova-cloud-controller', 'regular'],
  ['amqp', 'neutron-api', 'rabbitmq-server', 'regular'],
  ['cluster', 'neutron-gateway', 'neutron-gateway', 'peer'],
  ['quantum-network-service', 'neutron-gateway', 'nova-cloud-controller', 'regular'],
  ['juju-info', 'neutron-gateway', 'ntp', 'subordinate'],
  ['amqp', 'neutron-gateway', 'rabbitmq-server', 'regular'],
  ['neutron-plugin', 'neutron-openvswitch', 'nova-compute', 'regular'],
  ['amqp', 'neutron-openvswitch', 'rabbitmq-server', 'regular'],
  ['cluster', 'nova-cloud-controller', 'nova-cloud-controller', 'peer'],
  ['cloud-compute', 'nova-cloud-controller', 'nova-compute', 'regular'],
  ['amqp', 'nova-cloud-controller', 'rabbitmq-server', 'regular'],
  ['lxd', 'nova-compute', 'lxd', 'subordinate'],
  ['neutron-plugin', 'nova-compute', 'neutron-openvswitch', 'subordinate'],
  ['compute-peer', 'nova-compute', 'nova-compute', 'peer'],
  ['juju-info', 'nova-compute', 'ntp', 'subordinate'],
  ['amqp', 'nova-compute', 'rabbitmq-server', 'regular'],
  ['ntp-peers', 'ntp', 'ntp', 'peer'],
  ['cluster', 'openstack-dashboard', 'openstack-dashboard', 'peer'],
  ['cluster', 'rabbitmq-server', 'rabbitmq-server', 'peer'],
];
// Juju's status severities: an application shows its most severe unit workload status.
const SEVERITY = { error: 100, blocked: 90, waiting: 80, maintenance: 70, terminated: 60, active: 50, unknown: 40 };

// ------------------------------------------------------------------ helpers
function fail(message, code = 1) {
  process.stderr.write(`ERROR ${message}\n`);
  process.exit(code);
}

function loadManifest() {
  const file = path.join(LAB_DIR, 'lab.json');
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    fail(`cannot read the lab manifest ${file}: ${e.message}`);
  }
}

/** Juju's "since" format: 02 Jan 2006 15:04:05Z07:00 (UTC here). */
function since(date) {
  const d = date instanceof Date && !Number.isNaN(date.getTime()) ? date : new Date();
  const p = (n) => String(n).padStart(2, '0');
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  return `${p(d.getUTCDate())} ${mon} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}Z`;
}

/** The machine's agent is its sshd: alive = the PID in its PID file runs sshd (not a zombie). */
function sshdState(pidFile) {
  try {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    const comm = fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    return { up: comm === 'sshd' && state !== 'Z' && state !== 'X', since: fs.statSync(pidFile).mtime };
  } catch {
    return { up: false, since: new Date() };
  }
}

function lxdContainers() {
  try {
    const out = execFileSync('lxc', ['list', '--all-projects', '--format', 'json'], {
      encoding: 'utf8',
      timeout: LXC_TIMEOUT_MS,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const byName = new Map();
    for (const c of JSON.parse(out)) byName.set(c.name, c);
    return { ok: true, byName };
  } catch (e) {
    return { ok: false, error: String(e.message || e).split('\n')[0], byName: new Map() };
  }
}

function inet(container) {
  const addrs = [];
  const nets = container?.state?.network ?? {};
  for (const [name, n] of Object.entries(nets)) {
    if (name === 'lo') continue;
    for (const a of n.addresses ?? []) if (a.family === 'inet' && a.scope === 'global') addrs.push(a.address);
  }
  return addrs;
}

function hardware() {
  let memMb = 0;
  try {
    const m = /MemTotal:\s+(\d+) kB/.exec(fs.readFileSync('/proc/meminfo', 'utf8'));
    if (m) memMb = Math.round(Number(m[1]) / 1024);
  } catch {
    /* leave 0 */
  }
  let cores = 0;
  try {
    cores = fs.readFileSync('/proc/cpuinfo', 'utf8').split('\n').filter((l) => l.startsWith('processor')).length;
  } catch {
    /* leave 0 */
  }
  return { cores, memMb };
}

const unitNumber = (u) => Number(u.split('/')[1]);
const appOf = (u) => u.split('/')[0];

// ------------------------------------------------------------------ the model, live
function buildStatus(lab) {
  const juju = lab.juju;
  const lxd = lxdContainers();
  const hw = hardware();
  const now = new Date();
  const machines = {};
  const machineUp = new Map(); // juju machine id (incl. containers) -> { up, address }

  for (const m of lab.machines) {
    const s = sshdState(m.sshdPidFile);
    machineUp.set(m.id, { up: s.up, address: m.address });
    const entry = {
      'juju-status': s.up
        ? { current: 'started', since: since(s.since), version: juju.version }
        : { current: 'down', message: 'agent is not communicating with the server', since: since(s.since), version: juju.version },
      hostname: m.hostname,
      'dns-name': m.address,
      'ip-addresses': [m.address],
      'instance-id': m.maasInstanceId,
      'machine-status': s.up
        ? { current: 'running', message: 'Deployed', since: since(s.since) }
        : { current: 'down', message: 'sshd not running', since: since(s.since) },
      series: juju.series,
    };
    const containers = {};
    for (const c of juju.containers.filter((x) => x.hostMachineId === m.id)) {
      const live = lxd.byName.get(c.name);
      const running = live?.status === 'Running';
      const addrs = live ? inet(live) : [];
      const up = s.up && running;
      const cSince = since(live ? new Date(live.last_used_at) : now);
      machineUp.set(c.machineId, { up, address: addrs[0] ?? c.address });
      containers[c.machineId] = {
        'juju-status': up
          ? { current: 'started', since: cSince, version: juju.version }
          : { current: 'down', message: 'agent is not communicating with the server', since: cSince, version: juju.version },
        hostname: c.name,
        'dns-name': addrs[0] ?? '',
        'ip-addresses': addrs,
        'instance-id': c.name,
        'machine-status': live
          ? { current: running ? 'running' : 'stopped', message: running ? 'Container started' : `Container ${live.status.toLowerCase()}`, since: cSince }
          : { current: 'error', message: lxd.ok ? 'container not found' : `lxd: ${lxd.error}`, since: cSince },
        series: juju.series,
      };
    }
    if (Object.keys(containers).length) entry.containers = containers;
    entry.hardware = `arch=amd64 cores=${hw.cores} mem=${hw.memMb}M tags=virtual availability-zone=${m.zone}`;
    machines[m.id] = entry;
  }

  // units: principal -> machine, subordinate -> principal
  const principalOf = {};
  for (const [principal, subs] of Object.entries(juju.subordinates)) for (const s of subs) principalOf[s] = principal;
  const allUnits = [...Object.keys(juju.units), ...Object.keys(principalOf)];
  const apps = [...new Set(allUnits.map(appOf))].sort();
  const leaders = {};
  for (const u of allUnits) {
    const a = appOf(u);
    if (leaders[a] === undefined || unitNumber(u) < unitNumber(leaders[a])) leaders[a] = u;
  }

  const unitStatus = (unit, machineId) => {
    const host = machineUp.get(machineId) ?? { up: false, address: '' };
    const charm = CHARMS[appOf(unit)] ?? {};
    const st = since(now);
    const out = {
      'workload-status': host.up
        ? charm.idleWorkload === 'unknown'
          ? { current: 'unknown', since: st }
          : { current: 'active', message: 'Unit is ready', since: st }
        : { current: 'unknown', message: `agent lost, see 'juju show-status-log ${unit}'`, since: st },
      'juju-status': host.up
        ? { current: 'idle', since: st, version: juju.version }
        : { current: 'lost', message: 'agent is not communicating with the server', since: st, version: juju.version },
    };
    if (leaders[appOf(unit)] === unit) out.leader = true;
    return { out, host, charm };
  };

  const subordinateTo = {};
  for (const [, provides, consumes, type] of RELATIONS) {
    if (type !== 'subordinate') continue;
    (subordinateTo[consumes] ??= new Set()).add(provides);
  }

  const applications = {};
  for (const app of apps) {
    const charm = CHARMS[app] ?? { charm: app, rev: 0, version: '' };
    const relations = {};
    for (const [rel, provides, consumes] of RELATIONS) {
      if (!apps.includes(provides) || !apps.includes(consumes)) continue;
      if (provides === app) (relations[rel] ??= []).includes(consumes) || relations[rel].push(consumes);
      if (consumes === app && provides !== app) (relations[rel] ??= []).includes(provides) || relations[rel].push(provides);
    }
    const entry = {
      charm: `cs:${juju.series}/${charm.charm}-${charm.rev}`,
      series: juju.series,
      os: 'ubuntu',
      'charm-origin': 'jujucharms',
      'charm-name': charm.charm,
      'charm-rev': charm.rev,
      exposed: false,
      'application-status': { current: 'unknown', since: since(now) },
      relations,
    };
    const workloads = [];
    if (charm.subordinate) {
      entry['subordinate-to'] = [...(subordinateTo[app] ?? [])].sort();
      for (const u of Object.keys(principalOf).filter((x) => appOf(x) === app)) {
        workloads.push(unitStatus(u, juju.units[principalOf[u]]).out['workload-status']);
      }
    } else {
      const units = {};
      for (const u of Object.keys(juju.units).filter((x) => appOf(x) === app).sort((a, b) => unitNumber(a) - unitNumber(b))) {
        const machineId = juju.units[u];
        const { out, host } = unitStatus(u, machineId);
        out.machine = machineId;
        if (charm.ports) out['open-ports'] = charm.ports;
        out['public-address'] = host.address;
        const subs = {};
        for (const s of juju.subordinates[u] ?? []) {
          const { out: so } = unitStatus(s, machineId);
          so['public-address'] = host.address;
          subs[s] = so;
        }
        if (Object.keys(subs).length) out.subordinates = subs;
        units[u] = out;
        workloads.push(out['workload-status']);
      }
      entry.units = units;
    }
    const worst = workloads.reduce((a, w) => ((SEVERITY[w.current] ?? 0) > (SEVERITY[a?.current] ?? -1) ? w : a), null);
    if (worst) entry['application-status'] = { ...worst };
    if (charm.version) entry.version = charm.version;
    applications[app] = entry;
  }

  const p = (n) => String(n).padStart(2, '0');
  return {
    model: {
      name: juju.model,
      type: 'iaas',
      controller: juju.controller,
      cloud: juju.cloud,
      version: juju.version,
      'model-status': { current: 'available', since: since(new Date(lab.createdAt)) },
      sla: 'unsupported',
    },
    machines,
    applications,
    storage: {},
    controller: { timestamp: `${p(now.getUTCHours())}:${p(now.getUTCMinutes())}:${p(now.getUTCSeconds())}Z` },
  };
}

// ------------------------------------------------------------------ output formats
/** Juju's tabular layout: columns separated by two spaces; numeric columns right-aligned. */
function table(rows, rightAligned = new Set()) {
  const widths = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, String(c).length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => {
          const s = String(c);
          if (i === r.length - 1) return s;
          return (rightAligned.has(i) ? s.padStart(widths[i]) : s.padEnd(widths[i])) + '  ';
        })
        .join(''),
    )
    .join('\n');
}

function tabular(status) {
  const out = [];
  const m = status.model;
  out.push(table([
    ['Model', 'Controller', 'Cloud/Region', 'Version'],
    [m.name, m.controller, m.region ? `${m.cloud}/${m.region}` : m.cloud, m.version],
  ]));
  out.push('');
  const appRows = [['App', 'Version', 'Status', 'Scale', 'Charm', 'Store', 'Rev', 'OS', 'Notes']];
  for (const [name, a] of Object.entries(status.applications)) {
    let scale = Object.keys(a.units ?? {}).length;
    if (a['subordinate-to']) {
      scale = 0;
      for (const pa of Object.values(status.applications))
        for (const u of Object.values(pa.units ?? {})) scale += Object.keys(u.subordinates ?? {}).filter((s) => appOf(s) === name).length;
    }
    appRows.push([name, a.version ?? '', a['application-status'].current, scale, a['charm-name'], a['charm-origin'], a['charm-rev'], a.os, '']);
  }
  out.push(table(appRows, new Set([3, 6])));
  out.push('');
  const unitRows = [['Unit', 'Workload', 'Agent', 'Machine', 'Public address', 'Ports', 'Message']];
  const allUnits = [];
  for (const a of Object.values(status.applications)) for (const [u, s] of Object.entries(a.units ?? {})) allUnits.push([u, s]);
  allUnits.sort(([x], [y]) => (appOf(x) === appOf(y) ? unitNumber(x) - unitNumber(y) : appOf(x) < appOf(y) ? -1 : 1));
  for (const [u, s] of allUnits) {
    unitRows.push([u + (s.leader ? '*' : ''), s['workload-status'].current, s['juju-status'].current, s.machine, s['public-address'] ?? '',
      (s['open-ports'] ?? []).join(','), s['workload-status'].message ?? '']);
    for (const [su, ss] of Object.entries(s.subordinates ?? {})) {
      unitRows.push([`  ${su}${ss.leader ? '*' : ''}`, ss['workload-status'].current, ss['juju-status'].current, '', ss['public-address'] ?? '',
        '', ss['workload-status'].message ?? '']);
    }
  }
  out.push(table(unitRows));
  out.push('');
  const machineRows = [['Machine', 'State', 'DNS', 'Inst id', 'Series', 'AZ']];
  for (const [id, mm] of Object.entries(status.machines)) {
    const az = /availability-zone=(\S+)/.exec(mm.hardware ?? '')?.[1] ?? '';
    machineRows.push([id, mm['juju-status'].current, mm['dns-name'], mm['instance-id'], mm.series, az]);
    for (const [cid, c] of Object.entries(mm.containers ?? {})) {
      machineRows.push([cid, c['juju-status'].current, c['dns-name'], c['instance-id'], c.series, '']);
    }
  }
  out.push(table(machineRows));
  out.push('');
  const apps = new Set(Object.keys(status.applications));
  const relRows = [['Relation', 'Provides', 'Consumes', 'Type']];
  for (const [rel, p, c, t] of RELATIONS) if (apps.has(p) && apps.has(c)) relRows.push([rel, p, c, t]);
  out.push(table(relRows));
  return out.join('\n') + '\n';
}

function machinesTable(status) {
  const rows = [['Machine', 'State', 'DNS', 'Inst id', 'Series', 'AZ']];
  for (const [id, mm] of Object.entries(status.machines)) {
    const az = /availability-zone=(\S+)/.exec(mm.hardware ?? '')?.[1] ?? '';
    rows.push([id, mm['juju-status'].current, mm['dns-name'], mm['instance-id'], mm.series, az]);
    for (const [cid, c] of Object.entries(mm.containers ?? {})) rows.push([cid, c['juju-status'].current, c['dns-name'], c['instance-id'], c.series, '']);
  }
  return table(rows) + '\n';
}

/** Minimal YAML emitter for status data (maps, lists, strings, numbers, booleans). */
function yaml(value, indent = 0) {
  const pad = ' '.repeat(indent);
  const scalar = (v) => {
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (v === null || v === undefined) return 'null';
    const s = String(v);
    const needsQuote =
      s === '' ||
      /^[\s]|[\s]$/.test(s) ||
      /^[-?:,[\]{}#&*!|>'"%@`]/.test(s) ||
      /: |\s#/.test(s) ||
      /^(true|false|yes|no|on|off|null|~)$/i.test(s) ||
      /^[-+]?(\d[\d_]*)?(\.\d*)?([eE][-+]?\d+)?$/.test(s) ||
      /^\d+:\d+/.test(s);
    return needsQuote ? JSON.stringify(s) : s;
  };
  if (Array.isArray(value)) {
    if (!value.length) return '[]\n';
    return value.map((v) => (typeof v === 'object' && v !== null ? `${pad}- ${yaml(v, indent + 2).trimStart()}` : `${pad}- ${scalar(v)}\n`)).join('');
  }
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value);
    if (!keys.length) return '{}\n';
    return keys
      .map((k) => {
        const v = value[k];
        if (typeof v === 'object' && v !== null && (Array.isArray(v) ? v.length : Object.keys(v).length)) {
          return `${pad}${scalar(k)}:\n${yaml(v, Array.isArray(v) ? indent : indent + 2)}`;
        }
        if (typeof v === 'object' && v !== null) return `${pad}${scalar(k)}: ${Array.isArray(v) ? '[]' : '{}'}\n`;
        return `${pad}${scalar(k)}: ${scalar(v)}\n`;
      })
      .join('');
  }
  return `${pad}${scalar(value)}\n`;
}

// ------------------------------------------------------------------ commands
function cmdStatus(args, lab) {
  let format = 'tabular';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--format=')) format = a.slice('--format='.length);
    else if (a === '--format') format = args[++i] ?? '';
    else if (a === '-m' || a === '--model') i++;
    else if (a.startsWith('--model=') || a === '--relations' || a === '--color' || a === '--no-color' || a === '--utc') continue;
    else if (a.startsWith('-')) fail(`option provided but not defined: ${a}`, 2);
  }
  const status = buildStatus(lab);
  switch (format) {
    case 'json':
      process.stdout.write(JSON.stringify(status) + '\n');
      break;
    case 'yaml':
      process.stdout.write(yaml(status));
      break;
    case 'tabular':
      process.stdout.write(tabular(status));
      break;
    default:
      fail(`invalid value "${format}" for option --format: unknown format "${format}"`, 2);
  }
}

function shellQuote(s) {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Resolve a machine id (22, 23/lxd/0), a unit (keystone/0) or app/leader to where ssh goes. */
function resolveTarget(target, lab) {
  const juju = lab.juju;
  let machineId = target;
  if (!/^\d+(\/lxd\/\d+)?$/.test(target)) {
    let unit = target;
    const principalOf = {};
    for (const [p, subs] of Object.entries(juju.subordinates)) for (const s of subs) principalOf[s] = p;
    const all = [...Object.keys(juju.units), ...Object.keys(principalOf)];
    if (unit.endsWith('/leader')) {
      const app = appOf(unit);
      unit = all.filter((u) => appOf(u) === app).sort((a, b) => unitNumber(a) - unitNumber(b))[0];
      if (!unit) fail(`application "${app}" not found`);
    }
    if (juju.units[unit] !== undefined) machineId = juju.units[unit];
    else if (principalOf[unit]) machineId = juju.units[principalOf[unit]];
    else fail(`unit "${target}" not found`);
  }
  const [hostId] = machineId.split('/');
  const machine = lab.machines.find((m) => m.id === hostId);
  if (!machine) fail(`machine ${machineId} not found`);
  if (machineId === hostId) return { machine, container: null };
  const container = juju.containers.find((c) => c.machineId === machineId);
  if (!container) fail(`machine ${machineId} not found`);
  return { machine, container };
}

function cmdSsh(args, lab) {
  let pty = null;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') { i++; break; }
    if (a.startsWith('--pty=')) pty = a.slice(6) !== 'false';
    else if (a === '--pty') pty = true;
    else if (a === '-m' || a === '--model') i++;
    else if (a.startsWith('--model=') || a === '--no-host-key-checks' || a === '--proxy') continue;
    else if (a.startsWith('-')) fail(`option provided but not defined: ${a}`, 2);
    else break;
  }
  const target = args[i++];
  if (!target) fail('no target name specified', 2);
  if (args[i] === '--') i++;
  const command = args.slice(i);
  const { machine, container } = resolveTarget(target, lab);
  const jujuData = process.env.JUJU_DATA || lab.juju.dataDir;
  const key = path.join(jujuData, 'ssh', 'juju_id_rsa');
  const knownHosts = path.join(jujuData, 'ssh', 'known_hosts');
  // like juju: a pty when there is no command, else only when stdin is a terminal (--pty overrides)
  const wantPty = pty ?? (command.length === 0 || process.stdin.isTTY === true);
  const sshArgs = [
    '-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${knownHosts}`, '-o', 'IdentitiesOnly=yes',
    '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=10', '-i', key, '-p', String(machine.port),
  ];
  if (wantPty) sshArgs.push(process.stdin.isTTY ? '-t' : '-tt');
  sshArgs.push(`${lab.user}@${machine.address}`);
  if (container) {
    // Juju's containers here have no sshd (busybox image): enter through the host's LXD.
    const inner = command.length ? `lxc exec ${container.name} -- sh -c ${shellQuote(command.join(' '))}` : `lxc exec ${container.name} -- /bin/bash`;
    sshArgs.push(inner);
  } else if (command.length) {
    sshArgs.push(command.join(' '));
  }
  const r = spawnSync('ssh', sshArgs, { stdio: 'inherit' });
  if (r.error) fail(`cannot run ssh: ${r.error.message}`);
  process.exit(r.status ?? 255);
}

function usage() {
  process.stdout.write(`juju (OrangeBox lab stand-in for Juju ${'2.0.1'})
Commands:
    juju status [--format tabular|json|yaml]
    juju machines
    juju ssh [--pty=true|false] <machine-id | unit | application/leader> [--] [command ...]
    juju switch | juju models | juju version
`);
}

function main() {
  const [cmd, ...args] = process.argv.slice(2);
  if (cmd === '--version' || cmd === 'version') {
    const lab = loadManifest();
    process.stdout.write(`${lab.juju.version}-${lab.juju.series}-amd64\n`);
    return;
  }
  if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') return usage();
  const lab = loadManifest();
  switch (cmd) {
    case 'status':
    case 'show-status':
      return cmdStatus(args, lab);
    case 'machines':
    case 'list-machines':
      return void process.stdout.write(machinesTable(buildStatus(lab)));
    case 'ssh':
      return cmdSsh(args, lab);
    case 'switch':
      return void process.stdout.write(`${lab.juju.controller}:admin/${lab.juju.model}\n`);
    case 'models':
    case 'list-models':
      return void process.stdout.write(
        `Controller: ${lab.juju.controller}\n\nModel       Cloud/Region  Status     Machines  Cores  Access  Last connection\n` +
          `${(lab.juju.model + '*').padEnd(10)}  ${lab.juju.cloud.padEnd(12)}  available  ${String(lab.machines.length).padStart(8)}  ` +
          `${'-'.padStart(5)}  admin   just now\n`,
      );
    default:
      fail(`unrecognized command: juju ${cmd}`, 2);
  }
}

main();
