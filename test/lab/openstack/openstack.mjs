#!/usr/bin/env node
// OrangeBox lab: a stand-in for python-openstackclient's `openstack` on the lab's controller.
// OpenStack's services cannot run here; this answers from the lab's real state (lab.json, live
// containers, links, sshd agents) in the client's own formats, checks credentials like Keystone
// (the rc file ~/novarc that up.sh writes), and `server create`/`delete` really make and remove
// a container with the nova-lxd plumbing (cloud-actions.mjs). No npm dependencies; Node >= 18.
import { randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cell, emitList, emitOne, listColumn, takeOutputOptions, UsageError } from './cliff-output.mjs';
import { buildCloud, openstackDir } from './lab-cloud.mjs';
import * as read from './list-commands.mjs';
import * as act from './cloud-actions.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
// installed in $LAB/openstack/client (lib/openstack.sh); OBX_LAB_DIR comes from the controller sshd's SetEnv
const LAB_DIR = process.env.OBX_LAB_DIR || path.resolve(HERE, '../..');
/** The python-openstackclient release whose formats this follows (see list-commands.mjs). */
const CLIENT_VERSION = '7.4.0';

function loadLab() {
  const file = path.join(LAB_DIR, 'lab.json');
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read the lab manifest ${file}: ${e.message}`, 1);
  }
}

/** Global options (--os-auth-url …) override the OS_* environment, as in osc_lib. */
function takeGlobalOptions(argv) {
  const env = { ...process.env };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--os-([a-z-]+)(?:=(.*))?$/.exec(a);
    if (m) {
      const value = m[2] ?? argv[++i];
      env[`OS_${m[1].toUpperCase().replace(/-/g, '_')}`] = value;
    } else if (a === '--debug') DEBUG = true;
    else if (a === '--insecure' || a === '-v' || a === '-q' || a === '--quiet' || a === '--verbose') continue;
    else rest.push(a);
  }
  return { env, rest };
}

/** --debug: the real client prints its traceback; this prints the stand-in's stack. */
let DEBUG = false;
const requestId = () => `req-${randomUUID()}`;

/** keystoneauth's checks, then Keystone's: the same words and exit code as the real client. */
function authenticate(lab, env) {
  const keystone = JSON.parse(fs.readFileSync(path.join(openstackDir(lab), 'keystone.json'), 'utf8'));
  if (!env.OS_AUTH_URL) throw new UsageError('Missing value auth-url required for auth plugin password', 1);
  const url = env.OS_AUTH_URL.replace(/\/+$/, '');
  if (url !== keystone.authUrl && url !== keystone.authUrl.replace(/\/v3$/, '')) {
    const host = /^https?:\/\/([^:/]+)/.exec(url)?.[1] ?? url;
    throw new UsageError(
      `Failed to discover available identity versions when contacting ${url}. Attempting to parse version from URL.\n` +
        `Unable to establish connection to ${url}/auth/tokens: HTTPConnectionPool(host='${host}', port=5000): Max retries exceeded with url: ` +
        `/v3/auth/tokens (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object>: Failed to establish a new connection: [Errno 111] Connection refused'))`,
      1,
    );
  }
  const denied = new UsageError(`The request you have made requires authentication. (HTTP 401) (Request-ID: ${requestId()})`, 1);
  if (env.OS_USERNAME !== keystone.username || !env.OS_PASSWORD) throw denied;
  const hash = scryptSync(env.OS_PASSWORD, Buffer.from(keystone.salt, 'hex'), 32);
  if (!timingSafeEqual(hash, Buffer.from(keystone.scrypt, 'hex'))) throw denied;
  const project = env.OS_PROJECT_NAME ?? env.OS_TENANT_NAME;
  if (project && project !== keystone.projectName) throw denied;
}

function subnetShow(cloud, id) {
  const s = cloud.subnets.find((x) => x.id === id);
  return {
    allocation_pools: cell(s.pools, s.pools.map((p) => `${p.start}-${p.end}`).join(',')), cidr: s.cidr, created_at: cloud.isoSeconds(s.createdAt),
    description: '', dns_nameservers: listColumn([]), enable_dhcp: s.dhcp, gateway_ip: s.gateway, host_routes: cell([], ''), id: s.id,
    ip_version: 4, name: s.name, network_id: s.networkId, project_id: cloud.projectId, tags: listColumn([]),
  };
}

function floatingIpShow(cloud, id) {
  const f = cloud.floatingIps.find((x) => x.id === id);
  return {
    created_at: cloud.isoSeconds(cloud.now), description: '', fixed_ip_address: f.fixed ?? null, floating_ip_address: f.address,
    floating_network_id: f.networkId ?? cloud.lab.gateway.externalNetwork.id, id: f.id, port_id: f.portId ?? null,
    project_id: cloud.projectId, router_id: f.routerId ?? null, status: f.portId ? 'ACTIVE' : 'DOWN', tags: listColumn([]),
  };
}

/** What a create command prints: the new resource, read back from the cloud as it is now. */
function showAfter(id, show) {
  return show(buildCloud(loadLab()), id);
}

/** [words, kind, handler]: the longest matching command words win, like cliff's command manager. */
const COMMANDS = [
  [['hypervisor', 'list'], 'list', read.hypervisorList],
  [['hypervisor', 'show'], 'one', read.hypervisorShow],
  [['server', 'list'], 'list', read.serverList],
  [['server', 'show'], 'one', read.serverShow],
  [['network', 'list'], 'list', read.networkList],
  [['network', 'show'], 'one', read.networkShow],
  [['subnet', 'list'], 'list', read.subnetList],
  [['router', 'list'], 'list', read.routerList],
  [['router', 'show'], 'one', read.routerShow],
  [['port', 'list'], 'list', read.portList],
  [['floating', 'ip', 'list'], 'list', read.floatingIpList],
  [['security', 'group', 'list'], 'list', read.securityGroupList],
  [['image', 'list'], 'list', read.imageList],
  [['flavor', 'list'], 'list', read.flavorList],
  [['compute', 'service', 'list'], 'list', read.computeServiceList],
  [['network', 'agent', 'list'], 'list', read.networkAgentList],
  [['server', 'create'], 'create', async (cloud, args) => {
    const s = act.serverCreate(cloud, args);
    if (args.includes('--wait')) await act.waitActive(buildCloud, cloud.lab, s.id);
    const now = buildCloud(cloud.lab);
    return read.serverDetail(now, now.servers.find((x) => x.id === s.id));
  }],
  [['server', 'delete'], 'none', act.serverDelete],
  [['server', 'add', 'floating', 'ip'], 'none', (cloud, args) => {
    const { positional } = read.options(args, { '--fixed-ip-address': 'value' }, 'server add floating ip');
    const s = read.find(cloud.servers, positional[0] ?? '', 'server');
    act.associate(cloud, positional[1] ?? '', s.portId);
  }],
  [['server', 'remove', 'floating', 'ip'], 'none', (cloud, args) => {
    const { positional } = read.options(args, {}, 'server remove floating ip');
    read.find(cloud.servers, positional[0] ?? '', 'server');
    act.disassociate(cloud, positional[1] ?? '');
  }],
  [['network', 'create'], 'create', (cloud, args) => showAfter(act.networkCreate(cloud, args), (now, id) => read.networkShow(now, [id]))],
  [['network', 'delete'], 'none', (cloud, args) => act.deleteOwn(cloud, 'network', args)],
  [['subnet', 'create'], 'create', (cloud, args) => showAfter(act.subnetCreate(cloud, args), subnetShow)],
  [['subnet', 'delete'], 'none', (cloud, args) => act.deleteOwn(cloud, 'subnet', args)],
  [['router', 'create'], 'create', (cloud, args) => showAfter(act.routerCreate(cloud, args), (now, id) => read.routerShow(now, [id]))],
  [['router', 'delete'], 'none', (cloud, args) => act.deleteOwn(cloud, 'router', args)],
  [['router', 'add', 'subnet'], 'none', act.routerAddSubnet],
  [['router', 'remove', 'subnet'], 'none', act.routerRemoveSubnet],
  [['router', 'set'], 'none', act.routerSet],
  [['router', 'unset'], 'none', act.routerUnset],
  [['floating', 'ip', 'create'], 'create', (cloud, args) => showAfter(act.floatingIpCreate(cloud, args), floatingIpShow)],
  [['floating', 'ip', 'delete'], 'none', act.floatingIpDelete],
  [['floating', 'ip', 'set'], 'none', (cloud, args) => {
    const { flags, positional } = read.options(args, { '--port': 'value', '--fixed-ip-address': 'value' }, 'floating ip set');
    const port = read.find(cloud.ports, flags['--port'] ?? '', 'port');
    act.associate(cloud, positional[0] ?? '', port.id);
  }],
  [['floating', 'ip', 'unset'], 'none', (cloud, args) => {
    const { positional } = read.options(args, { '--port': 'flag' }, 'floating ip unset');
    act.disassociate(cloud, positional[0] ?? '');
  }],
];

async function main() {
  const { env, rest } = takeGlobalOptions(process.argv.slice(2));
  if (rest[0] === '--version') return void process.stdout.write(`openstack ${CLIENT_VERSION}\n`);
  if (rest[0] === '__spawn') return act.spawnServer(loadLab(), rest[1]); // the background half of `server create`
  const match = COMMANDS.filter(([words]) => words.every((w, i) => rest[i] === w)).sort((a, b) => b[0].length - a[0].length)[0];
  if (!rest.length || rest[0] === 'help' || rest[0] === '--help') {
    return void process.stdout.write(`usage: openstack [--version] [--os-auth-url <url>] … <command>\nCommands (OrangeBox lab stand-in):\n${COMMANDS.map(([w]) => `  ${w.join(' ')}`).join('\n')}\n`);
  }
  if (!match) throw new UsageError(`openstack: '${rest.slice(0, 2).join(' ')}' is not an openstack command. See 'openstack --help'.`, 2);
  const [words, kind, handler] = match;
  const { out, rest: args } = takeOutputOptions(rest.slice(words.length));
  const lab = loadLab();
  authenticate(lab, env);
  const cloud = buildCloud(lab);
  const result = await handler(cloud, args);
  if (kind === 'list') process.stdout.write(emitList(result.headers, result.rows, out));
  else if (kind === 'one' || kind === 'create') {
    process.stdout.write(emitOne(result, out));
  }
}

main().catch((e) => {
  process.stderr.write(`${DEBUG && !(e instanceof UsageError) ? e.stack : e.message}\n`);
  process.exit(e instanceof UsageError ? e.code : 1);
});
