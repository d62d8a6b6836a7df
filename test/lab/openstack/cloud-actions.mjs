// The write commands. Servers are real: `server create` allocates an instance name, port id, MAC
// and fixed address as Nova/Neutron would and runs the lab's root helper (nova-lxd-plumbing, via
// sudo) that makes the nova-lxd plumbing, the profile and the container; `server delete` removes
// them. Floating IPs on the lab's router are real NAT in the qrouter namespace. Networks, subnets
// and routers the stand-in creates exist only in its state file (no namespace is made for them).
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { buildCloud, cidrHosts, FLAVORS, loadState, openstackDir, statePath } from './lab-cloud.mjs';
import { find, options, serverDetail } from './list-commands.mjs';
import { UsageError } from './cliff-output.mjs';

const HELPER_TIMEOUT_MS = 120_000; // a spawn takes ~3 s here (container init, start, DHCP); loaded CI machines are slower
const WAIT_POLL_MS = 500;
const WAIT_LIMIT_MS = 180_000; // `--wait` gives up like OSC would on a server that never leaves BUILD
const LOCK_TRIES = 100; // x 50 ms: state writes take ~1 ms; a lock older than that is a crashed writer
/** Subnets are listed host by host (cidrHosts): a /16 is 65,534 addresses, enough for any demo. */
const MIN_PREFIX = 16;

const helperPath = (lab) => path.join(openstackDir(lab), 'sbin', 'nova-lxd-plumbing');

/** Read-modify-write of the state file under a lock directory. */
export function withState(lab, change) {
  const lock = statePath(lab) + '.lock';
  for (let i = 0; ; i++) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      if (i >= LOCK_TRIES) fs.rmSync(lock, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
  try {
    const state = loadState(lab);
    const result = change(state);
    const tmp = `${statePath(lab)}.${process.pid}`;
    fs.writeFileSync(tmp, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
    fs.renameSync(tmp, statePath(lab));
    return result;
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

function runHelper(lab, args) {
  try {
    execFileSync('sudo', ['-n', helperPath(lab), ...args], { encoding: 'utf8', timeout: HELPER_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const msg = String(e.stderr || e.message).trim().split('\n').filter(Boolean).pop() ?? 'failed';
    throw new UsageError(msg.replace(/^ERROR: /, ''), 1);
  }
}

const mac = () => 'fa:16:3e:' + [...randomBytes(3)].map((b) => b.toString(16).padStart(2, '0')).join(':');

function nextInstanceName(cloud) {
  let max = 0;
  for (const s of cloud.servers) max = Math.max(max, parseInt(s.instanceName.slice('instance-'.length), 16) || 0);
  for (const s of cloud.state.servers) max = Math.max(max, parseInt(s.instanceName.slice('instance-'.length), 16) || 0);
  return `instance-${(max + 1).toString(16).padStart(8, '0')}`;
}

function freeAddress(cloud, subnet) {
  const used = new Set([subnet.gateway, ...cloud.ports.flatMap((p) => p.fixedIps.map((f) => f.ip_address)), ...cloud.floatingIps.map((f) => f.address)]);
  for (const pool of subnet.pools) {
    const all = cidrHosts(subnet.cidr).all;
    for (const a of all.slice(all.indexOf(pool.start), all.indexOf(pool.end) + 1)) if (!used.has(a)) return a;
  }
  throw new UsageError(`No more IP addresses available on network ${subnet.networkId}.`, 1);
}

export function serverCreate(cloud, args) {
  const { flags, positional } = options(args, { '--image': 'value', '--flavor': 'value', '--network': 'multi', '--nic': 'multi', '--wait': 'flag', '--key-name': 'value', '--security-group': 'multi', '--availability-zone': 'value', '--property': 'multi', '--user-data': 'value', '--min': 'value', '--max': 'value' }, 'server create');
  const name = positional[0];
  if (!name) throw new UsageError('openstack server create: error: the following arguments are required: <server-name>');
  if (!flags['--image']) throw new UsageError('openstack server create: error: one of the arguments --image --image-property --volume --snapshot is required');
  if (!flags['--flavor']) throw new UsageError('openstack server create: error: the following arguments are required: --flavor');
  find(cloud.images, flags['--image'], 'image');
  const flavor = find(FLAVORS, flags['--flavor'], 'flavor');
  const nets = [...(flags['--network'] ?? []), ...(flags['--nic'] ?? []).map((n) => /net-id=([^,]+)/.exec(n)?.[1] ?? n)];
  if (nets.length !== 1) throw new UsageError('This lab plugs a server into exactly one network: give one --network', 1);
  const network = find(cloud.networks, nets[0], 'network');
  const labNet = cloud.lab.networks.find((n) => n.id === network.id);
  if (!labNet) {
    throw new UsageError(`Network ${network.name} has no DHCP namespace on this lab's gateway; servers can be plugged into ${cloud.lab.networks.map((n) => n.name).join(', ')}`, 1);
  }
  const subnet = cloud.subnets.find((s) => s.networkId === network.id);
  const computes = cloud.lab.machines.filter((m) => m.role === 'compute');
  // the scheduler's choice: the compute node running fewest servers
  const machine = computes.map((m) => [m, cloud.servers.filter((s) => s.machineId === m.id).length]).sort((a, b) => a[1] - b[1])[0][0];
  const server = withState(cloud.lab, (state) => {
    const s = {
      id: randomUUID(), name, instanceName: nextInstanceName({ ...cloud, state }), machineId: machine.id, portId: randomUUID(), mac: mac(),
      networkId: network.id, fixedAddress: freeAddress(cloud, subnet), flavorId: flavor.id, createdAt: new Date().toISOString(), building: true,
    };
    state.servers.push(s);
    return s;
  });
  const finish = [process.argv[1], '__spawn', server.id];
  if (flags['--wait']) {
    spawnServer(cloud.lab, server.id);
  } else {
    // Nova answers at once with BUILD; the compute node does the rest in the background.
    const log = fs.openSync(path.join(openstackDir(cloud.lab), 'state', `spawn-${server.instanceName}.log`), 'a');
    spawn(process.execPath, finish, { detached: true, stdio: ['ignore', log, log], env: process.env }).unref();
  }
  return server;
}

/** The compute node's part of a create: plumbing, container, start; then BUILD ends (ACTIVE or ERROR). */
export function spawnServer(lab, id) {
  const s = loadState(lab).servers.find((x) => x.id === id);
  if (!s) return;
  const flavor = FLAVORS.find((f) => f.id === s.flavorId) ?? FLAVORS[0];
  let error = null;
  try {
    runHelper(lab, ['spawn', s.instanceName, s.machineId, s.id, s.portId, s.mac, s.networkId, s.fixedAddress, hostnameOf(s.name), String(flavor.vcpus), `${flavor.ram}MB`]);
  } catch (e) {
    error = e.message;
  }
  withState(lab, (state) => {
    const x = state.servers.find((y) => y.id === id);
    if (!x) return;
    delete x.building;
    if (error) x.error = error;
  });
}

/** Nova turns the display name into the guest's hostname. */
const hostnameOf = (name) => name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63) || 'server';

export async function waitActive(buildCloud, lab, id) {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  for (;;) {
    const s = buildCloud(lab).servers.find((x) => x.id === id);
    if (!s) throw new UsageError(`Server ${id} disappeared while waiting`, 1);
    if (s.status === 'ACTIVE') return s;
    if (s.status === 'ERROR') throw new UsageError(`Error creating server: ${s.name}\nError: ${s.error ?? 'unknown'}`, 1);
    if (Date.now() > deadline) throw new UsageError(`Server ${s.name} still ${s.status} after ${WAIT_LIMIT_MS / 1000} s`, 1);
    await new Promise((r) => setTimeout(r, WAIT_POLL_MS));
  }
}

export function serverDelete(cloud, args) {
  const { positional } = options(args, { '--wait': 'flag', '--force': 'flag', '--all-projects': 'flag' }, 'server delete');
  if (!positional.length) throw new UsageError('openstack server delete: error: the following arguments are required: <server>');
  let failed = 0;
  for (const ref of positional) {
    try {
      const s = find(cloud.servers, ref, 'server');
      if (s.lab) throw new UsageError(`${s.name} (${s.instanceName}) is one of the lab's own instances (test/lab/up.sh made it; other tests rely on it): not deleted`, 1);
      if (!s.building) runHelper(cloud.lab, ['destroy', s.instanceName]);
      withState(cloud.lab, (state) => {
        state.servers = state.servers.filter((x) => x.id !== s.id);
        for (const f of state.floatingIps) if (f.portId === s.portId) Object.assign(f, { portId: null, fixed: null, routerId: null });
      });
    } catch (e) {
      failed++;
      process.stderr.write(`Failed to delete server with name or ID '${ref}': ${e.message}\n`);
    }
  }
  if (failed) throw new UsageError(`${failed} of ${positional.length} servers failed to delete.`, 1);
}

export function networkCreate(cloud, args) {
  const { flags, positional } = options(args, { '--external': 'flag', '--internal': 'flag', '--share': 'flag', '--no-share': 'flag', '--provider-network-type': 'value', '--provider-physical-network': 'value', '--provider-segment': 'value', '--mtu': 'value', '--enable': 'flag', '--disable': 'flag', '--description': 'value' }, 'network create');
  if (!positional[0]) throw new UsageError('openstack network create: error: the following arguments are required: <name>');
  const n = withState(cloud.lab, (state) => {
    const x = { id: randomUUID(), name: positional[0], external: Boolean(flags['--external']), type: flags['--provider-network-type'] ?? (flags['--external'] ? 'flat' : 'vxlan'), physnet: flags['--provider-physical-network'] ?? null, mtu: Number(flags['--mtu'] ?? 1450), createdAt: new Date().toISOString() };
    state.networks.push(x);
    return x;
  });
  return n.id;
}

export function subnetCreate(cloud, args) {
  const { flags, positional } = options(args, { '--network': 'value', '--subnet-range': 'value', '--gateway': 'value', '--dhcp': 'flag', '--no-dhcp': 'flag', '--allocation-pool': 'multi', '--dns-nameserver': 'multi', '--ip-version': 'value', '--description': 'value' }, 'subnet create');
  if (!positional[0]) throw new UsageError('openstack subnet create: error: the following arguments are required: name');
  if (!flags['--network']) throw new UsageError('openstack subnet create: error: the following arguments are required: --network');
  const network = find(cloud.networks, flags['--network'], 'network');
  const cidr = flags['--subnet-range'];
  if (!cidr || !/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(cidr)) throw new UsageError('You must specify --subnet-range or --subnet-pool', 1);
  // Any range: a subnet the stand-in creates is a record only (no namespace, no address is ever set).
  if (Number(cidr.split('/')[1]) < MIN_PREFIX || Number(cidr.split('/')[1]) > 30) throw new UsageError(`Invalid input for cidr. Reason: '${cidr}' is not a subnet the lab can list (prefix ${MIN_PREFIX}-30).`, 1);
  const hosts = cidrHosts(cidr);
  const gateway = flags['--gateway'] && flags['--gateway'] !== 'auto' ? flags['--gateway'] : hosts.first;
  const pools = (flags['--allocation-pool'] ?? []).map((p) => ({ start: /start=([^,]+)/.exec(p)?.[1], end: /end=([^,]+)/.exec(p)?.[1] }));
  return withState(cloud.lab, (state) => {
    const x = { id: randomUUID(), name: positional[0], networkId: network.id, cidr, gateway, dhcp: !flags['--no-dhcp'], pools: pools.length ? pools : [{ start: hosts.all[1], end: hosts.last }], createdAt: new Date().toISOString() };
    state.subnets.push(x);
    return x.id;
  });
}

export function routerCreate(cloud, args) {
  const { positional } = options(args, { '--enable': 'flag', '--disable': 'flag', '--distributed': 'flag', '--centralized': 'flag', '--ha': 'flag', '--no-ha': 'flag', '--description': 'value', '--external-gateway': 'value' }, 'router create');
  if (!positional[0]) throw new UsageError('openstack router create: error: the following arguments are required: <name>');
  return withState(cloud.lab, (state) => {
    const x = { id: randomUUID(), name: positional[0], gateway: null, interfaces: [], createdAt: new Date().toISOString() };
    state.routers.push(x);
    return x.id;
  });
}

/** The stand-in's own routers only: the lab's router1 is the real qrouter namespace and stays as up made it. */
function ownRouter(cloud, ref) {
  const r = find(cloud.routers, ref, 'router');
  if (r.lab) throw new UsageError(`Router ${r.name} is the lab's qrouter namespace; the stand-in does not change it`, 1);
  return r;
}

export function routerAddSubnet(cloud, args) {
  const { positional } = options(args, {}, 'router add subnet');
  const r = ownRouter(cloud, positional[0] ?? '');
  const s = find(cloud.subnets, positional[1] ?? '', 'subnet');
  withState(cloud.lab, (state) => {
    const x = state.routers.find((y) => y.id === r.id);
    if (x.interfaces.some((i) => i.subnetId === s.id)) throw new UsageError(`Router already has a port on subnet ${s.id}.`, 1);
    const portId = randomUUID();
    x.interfaces.push({ subnetId: s.id, portId, ip: s.gateway });
    state.ports.push({ id: portId, mac: mac(), networkId: s.networkId, fixedIps: [{ subnet_id: s.id, ip_address: s.gateway }], status: 'DOWN', deviceOwner: 'network:router_interface', deviceId: r.id });
  });
}

export function routerRemoveSubnet(cloud, args) {
  const { positional } = options(args, {}, 'router remove subnet');
  const r = ownRouter(cloud, positional[0] ?? '');
  const s = find(cloud.subnets, positional[1] ?? '', 'subnet');
  withState(cloud.lab, (state) => {
    const x = state.routers.find((y) => y.id === r.id);
    const i = x.interfaces.find((y) => y.subnetId === s.id);
    if (!i) throw new UsageError(`Router ${r.id} has no interface on subnet ${s.id}`, 1);
    x.interfaces = x.interfaces.filter((y) => y !== i);
    state.ports = state.ports.filter((p) => p.id !== i.portId);
  });
}

export function routerSet(cloud, args) {
  const { flags, positional } = options(args, { '--external-gateway': 'value', '--enable-snat': 'flag', '--disable-snat': 'flag', '--fixed-ip': 'value', '--name': 'value' }, 'router set');
  const r = ownRouter(cloud, positional[0] ?? '');
  withState(cloud.lab, (state) => {
    const x = state.routers.find((y) => y.id === r.id);
    if (flags['--name']) x.name = flags['--name'];
    if (flags['--external-gateway']) {
      const net = find(cloud.networks, flags['--external-gateway'], 'network');
      if (!net.external) throw new UsageError(`Bad router request: Network ${net.id} is not an external network.`, 1);
      const sub = cloud.subnets.find((s) => s.networkId === net.id);
      if (!sub) throw new UsageError(`Bad router request: No subnets defined on network ${net.id}.`, 1);
      const ip = freeAddress(cloud, sub);
      const portId = randomUUID();
      x.gateway = { networkId: net.id, subnetId: sub.id, ip, portId };
      state.ports.push({ id: portId, mac: mac(), networkId: net.id, fixedIps: [{ subnet_id: sub.id, ip_address: ip }], status: 'DOWN', deviceOwner: 'network:router_gateway', deviceId: r.id });
    }
  });
}

export function routerUnset(cloud, args) {
  const { flags, positional } = options(args, { '--external-gateway': 'flag' }, 'router unset');
  const r = ownRouter(cloud, positional[0] ?? '');
  if (!flags['--external-gateway']) return;
  withState(cloud.lab, (state) => {
    const x = state.routers.find((y) => y.id === r.id);
    if (x.gateway) state.ports = state.ports.filter((p) => p.id !== x.gateway.portId);
    x.gateway = null;
  });
}

export function floatingIpCreate(cloud, args) {
  const { flags, positional } = options(args, { '--floating-ip-address': 'value', '--port': 'value', '--description': 'value', '--subnet': 'value' }, 'floating ip create');
  const net = find(cloud.networks, positional[0] ?? '', 'network');
  if (!net.external) throw new UsageError(`Bad floatingip request: Network ${net.id} is not a valid external network.`, 1);
  const sub = cloud.subnets.find((s) => s.networkId === net.id);
  if (!sub) throw new UsageError(`Bad floatingip request: Network ${net.id} has no subnet.`, 1);
  const address = flags['--floating-ip-address'] ?? freeAddress(cloud, sub);
  if (cloud.floatingIps.some((f) => f.address === address)) throw new UsageError(`IP address ${address} already allocated in subnet ${sub.id}`, 1);
  // Neutron's rule; on the lab's ext_net (198.51.100.128/26) this also keeps every NAT'd address in the lab's range
  if (!cidrHosts(sub.cidr).all.includes(address)) throw new UsageError(`Invalid input for floating_ip_address. Reason: ${address} is not in subnet ${sub.cidr}.`, 1);
  const id = withState(cloud.lab, (state) => {
    const x = { id: randomUUID(), address, fixed: null, portId: null, routerId: null, networkId: net.id };
    state.floatingIps.push(x);
    return x.id;
  });
  // read back: the association needs the new floating IP in the cloud
  if (flags['--port']) associate(buildCloud(cloud.lab), id, flags['--port']);
  return id;
}

/** Floating IP -> port: on the lab's router this is real DNAT/SNAT in the qrouter namespace. */
export function associate(cloud, fipRef, portRef) {
  const fip = cloud.floatingIps.find((f) => f.id === fipRef || f.address === fipRef);
  if (!fip) throw new UsageError(`No FloatingIP found for ${fipRef}`, 1);
  if (fip.lab) throw new UsageError(`Floating IP ${fip.address} is one of the lab's own; the stand-in does not move it`, 1);
  if (fip.portId) throw new UsageError(`Cannot associate floating IP ${fip.address} (${fip.id}) with port ${portRef}: it is already associated with port ${fip.portId}.`, 1);
  const port = cloud.ports.find((p) => p.id === portRef);
  if (!port) throw new UsageError(`No Port found for ${portRef}`, 1);
  const server = cloud.servers.find((s) => s.portId === port.id);
  const labRouted = cloud.lab.networks.some((n) => n.id === port.networkId) && (fip.networkId ?? cloud.lab.gateway.externalNetwork.id) === cloud.lab.gateway.externalNetwork.id;
  if (server && labRouted) runHelper(cloud.lab, ['floating', server.instanceName, fip.address]);
  withState(cloud.lab, (state) => {
    const x = state.floatingIps.find((f) => f.id === fip.id);
    Object.assign(x, { portId: port.id, fixed: port.fixedIps[0].ip_address, routerId: labRouted ? cloud.lab.gateway.router.id : null });
  });
}

export function disassociate(cloud, fipRef) {
  const fip = cloud.floatingIps.find((f) => f.id === fipRef || f.address === fipRef);
  if (!fip) throw new UsageError(`No FloatingIP found for ${fipRef}`, 1);
  if (fip.lab) throw new UsageError(`Floating IP ${fip.address} is one of the lab's own; the stand-in does not move it`, 1);
  if (!fip.portId) return;
  const server = cloud.servers.find((s) => s.portId === fip.portId);
  if (server && fip.routerId) runHelper(cloud.lab, ['floating', server.instanceName, 'none']);
  withState(cloud.lab, (state) => {
    Object.assign(state.floatingIps.find((f) => f.id === fip.id), { portId: null, fixed: null, routerId: null });
  });
}

export function floatingIpDelete(cloud, args) {
  const { positional } = options(args, {}, 'floating ip delete');
  for (const ref of positional) {
    disassociate(cloud, ref);
    const fip = cloud.floatingIps.find((f) => f.id === ref || f.address === ref);
    withState(cloud.lab, (state) => {
      state.floatingIps = state.floatingIps.filter((f) => f.id !== fip.id);
    });
  }
}

/** Deletes stand-in-made networks, subnets, routers; the lab's own are refused with the reason. */
export function deleteOwn(cloud, kind, args) {
  const { positional } = options(args, {}, `${kind} delete`);
  const list = { network: cloud.networks, subnet: cloud.subnets, router: cloud.routers }[kind];
  for (const ref of positional) {
    const x = find(list, ref, kind);
    if (x.lab || !cloud.state[`${kind}s`].some((y) => y.id === x.id)) throw new UsageError(`${kind} ${x.name} is the lab's own (test/lab/up.sh made it): not deleted`, 1);
    withState(cloud.lab, (state) => {
      if (kind === 'network') {
        if (state.servers.some((s) => s.networkId === x.id) || state.ports.some((p) => p.networkId === x.id && p.deviceOwner !== 'network:dhcp')) {
          throw new UsageError(`Unable to complete operation on network ${x.id}. There are one or more ports still in use on the network.`, 1);
        }
        state.subnets = state.subnets.filter((s) => s.networkId !== x.id);
      }
      if (kind === 'subnet' && state.ports.some((p) => p.fixedIps.some((f) => f.subnet_id === x.id))) {
        throw new UsageError(`Unable to complete operation on subnet ${x.id}: One or more ports have an IP allocation from this subnet.`, 1);
      }
      if (kind === 'router' && (x.interfaces.length || x.gateway)) {
        if (x.interfaces.length) throw new UsageError(`Router ${x.id} still has ports`, 1);
        state.ports = state.ports.filter((p) => p.id !== x.gateway.portId);
      }
      state[`${kind}s`] = state[`${kind}s`].filter((y) => y.id !== x.id);
    });
  }
}

export { serverDetail };
