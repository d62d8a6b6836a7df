// The lab's OpenStack, as Nova/Neutron/Glance/Keystone would report it: built from lab.json (the
// topology up.sh made), live state (sshd PID files, `lxc list --all-projects`, host-side links in
// /sys/class/net) and what the stand-in created (its state file). Plain data; the commands format it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const LXC_TIMEOUT_MS = 15_000; // one `lxc list` over the unix socket takes ~30 ms here
/** Nova's default flavors (as `nova-manage` / devstack create them); the lab's instances use m1.tiny and m1.small. */
export const FLAVORS = [
  { id: '1', name: 'm1.tiny', ram: 512, disk: 1, vcpus: 1 },
  { id: '2', name: 'm1.small', ram: 2048, disk: 20, vcpus: 1 },
  { id: '3', name: 'm1.medium', ram: 4096, disk: 40, vcpus: 2 },
  { id: '4', name: 'm1.large', ram: 8192, disk: 80, vcpus: 4 },
  { id: '5', name: 'm1.xlarge', ram: 16384, disk: 160, vcpus: 8 },
];
/** nova-lxd boots Glance images of disk format root-tar (a root file system tarball). */
export const IMAGE_NAME = 'xenial-lxd';
const IMAGE_SIZE = 187_170_816; // bytes of the walkthrough era's xenial root tarball
export const REGION = 'RegionOne';
export const ZONE = 'nova';

/** Stable ids for things the lab does not name: a uuid4-shaped hash of what they are. */
export function stableUuid(what) {
  const h = createHash('sha1').update(`orangebox-lab:${what}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
/** Keystone ids are uuid4 hex without dashes. */
export const keystoneId = (what) => stableUuid(what).replace(/-/g, '');

export function openstackDir(lab) {
  return path.join(lab.labDir, 'openstack');
}
export const statePath = (lab) => path.join(openstackDir(lab), 'state', 'openstack.json');
export const hypervisorTypePath = (lab, hostname) => path.join(openstackDir(lab), 'hypervisor-type', hostname);

export function emptyState() {
  return { servers: [], networks: [], subnets: [], routers: [], ports: [], floatingIps: [] };
}
export function loadState(lab) {
  try {
    return { ...emptyState(), ...JSON.parse(fs.readFileSync(statePath(lab), 'utf8')) };
  } catch {
    return emptyState();
  }
}

/** A machine's agents run while its sshd runs (as the Juju stand-in decides machine agents). */
export function sshdUp(pidFile) {
  try {
    const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'sshd' && state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

export function lxdContainers() {
  const out = execFileSync('lxc', ['list', '--all-projects', '--format', 'json'], {
    encoding: 'utf8',
    timeout: LXC_TIMEOUT_MS,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Map(JSON.parse(out).map((c) => [c.name, c]));
}

/** A host-side link (veth end, tap) exists and is up: the port is wired. */
function linkUp(dev) {
  try {
    const flags = Number(fs.readFileSync(`/sys/class/net/${dev}/flags`, 'utf8'));
    return (flags & 1) === 1; // IFF_UP
  } catch {
    return false;
  }
}

function hostHardware() {
  const mem = /MemTotal:\s+(\d+) kB/.exec(fs.readFileSync('/proc/meminfo', 'utf8'));
  const cores = fs.readFileSync('/proc/cpuinfo', 'utf8').split('\n').filter((l) => l.startsWith('processor')).length;
  return { vcpus: cores, memoryMb: mem ? Math.round(Number(mem[1]) / 1024) : 0 };
}

const isoSeconds = (d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const novaTime = (d) => d.toISOString().replace(/\.(\d{3})Z$/, '.$1000');

function cidrHosts(cidr) {
  const [base, bits] = cidr.split('/');
  const n = base.split('.').reduce((a, o) => a * 256 + Number(o), 0);
  const size = 2 ** (32 - Number(bits));
  const ip = (x) => [24, 16, 8, 0].map((s) => Math.floor(x / 2 ** s) % 256).join('.');
  return { first: ip(n + 1), last: ip(n + size - 2), all: Array.from({ length: size - 2 }, (_, k) => ip(n + 1 + k)) };
}
export { cidrHosts };

/** The whole cloud, now. */
export function buildCloud(lab) {
  const state = loadState(lab);
  let containers;
  try {
    containers = lxdContainers();
  } catch {
    containers = new Map();
  }
  const created = new Date(lab.createdAt);
  const now = new Date();
  const projectId = keystoneId('project admin');
  const userId = keystoneId('user admin');
  const imageId = stableUuid(`image ${IMAGE_NAME}`);
  const machineById = new Map(lab.machines.map((m) => [m.id, m]));
  const gw = lab.gateway;
  const ext = gw.externalNetwork;
  const subnetId = (netId) => stableUuid(`subnet ${netId}`);

  // ---- networks and subnets: the lab's, then the stand-in's
  const networks = [];
  const subnets = [];
  const extPools = [{ start: cidrHosts(ext.cidr).all[2], end: cidrHosts(ext.cidr).last }];
  networks.push({ id: ext.id, name: ext.name, external: true, type: 'flat', physnet: 'physnet1', mtu: 1500, subnets: [subnetId(ext.id)], createdAt: created, lab: true });
  subnets.push({ id: subnetId(ext.id), name: `${ext.name}_subnet`, networkId: ext.id, cidr: ext.cidr, gateway: cidrHosts(ext.cidr).first, dhcp: false, pools: extPools, createdAt: created });
  for (const n of lab.networks) {
    const hosts = cidrHosts(n.cidr);
    networks.push({ id: n.id, name: n.name, external: false, type: 'vxlan', segment: 1000 + n.vlanTag, mtu: 1450, subnets: [subnetId(n.id)], createdAt: created, lab: true, dhcpNamespace: n.dhcpNamespace });
    subnets.push({ id: subnetId(n.id), name: `${n.name}_subnet`, networkId: n.id, cidr: n.cidr, gateway: n.gateway, dhcp: true, pools: [{ start: hosts.all[1], end: hosts.last }], createdAt: created });
  }
  for (const n of state.networks) networks.push({ ...n, createdAt: new Date(n.createdAt), subnets: state.subnets.filter((s) => s.networkId === n.id).map((s) => s.id) });
  for (const s of state.subnets) subnets.push({ ...s, createdAt: new Date(s.createdAt) });

  // ---- routers
  const qrouterUp = fs.existsSync(`/run/netns/${gw.router.namespace}`);
  const routers = [{
    id: gw.router.id, name: 'router1', status: qrouterUp ? 'ACTIVE' : 'ERROR', lab: true, createdAt: created,
    gateway: { networkId: ext.id, ip: ext.gatewayPortAddress, subnetId: subnetId(ext.id), portId: ext.portId ?? stableUuid('qg port') },
    interfaces: lab.networks.map((n) => ({ subnetId: subnetId(n.id), portId: n.routerPortId, ip: n.gateway })),
  }];
  for (const r of state.routers) routers.push({ ...r, status: 'ACTIVE', createdAt: new Date(r.createdAt) });

  // ---- servers: the lab's Nova instances, then the ones the stand-in created
  const servers = [];
  const seen = new Set();
  const flavorOfMemory = (mem) => FLAVORS.find((f) => `${f.ram}MB` === mem) ?? FLAVORS[0];
  for (const m of lab.machines) {
    for (const i of m.instances) {
      const mine = state.servers.find((s) => s.instanceName === i.name);
      if (mine) continue; // created by the stand-in (and since written into lab.json by a later up)
      seen.add(i.name);
      servers.push({
        id: i.uuid, name: i.displayName, instanceName: i.name, machineId: m.id, portId: i.portId, mac: i.mac,
        networkId: i.network, fixedAddress: i.fixedAddress, flavor: flavorOfMemory(i.limits.memory), imageId,
        createdAt: created, devices: i.devices, lab: true,
      });
    }
  }
  for (const s of state.servers) {
    const p = s.portId.slice(0, 11);
    servers.push({
      ...s, flavor: FLAVORS.find((f) => f.id === s.flavorId) ?? FLAVORS[0], imageId, createdAt: new Date(s.createdAt),
      devices: { bridge: `qbr${p}`, tap: `tap${p}`, qvb: `qvb${p}`, qvo: `qvo${p}` },
    });
  }
  const netName = (id) => networks.find((n) => n.id === id)?.name ?? id;
  const floatingByFixed = new Map();
  const floatingIps = [];
  for (const f of gw.floatingIps) {
    // a later `up` writes the stand-in's own associations into lab.json too: the state file owns those
    if (state.servers.some((s) => s.instanceName === f.instance)) continue;
    const srv = servers.find((s) => s.instanceName === f.instance);
    floatingIps.push({ id: stableUuid(`floating ${f.address}`), address: f.address, fixed: f.fixedAddress, portId: srv?.portId ?? null, routerId: gw.router.id, lab: true });
  }
  // the dead address: still associated with a port whose instance is gone
  floatingIps.push({ id: stableUuid(`floating ${gw.deadAddress}`), address: gw.deadAddress, fixed: gw.deadFixedAddress ?? /(\d+\.\d+\.\d+\.\d+)/.exec(gw.deadAddressNote)?.[1] ?? null, portId: stableUuid('dead port'), routerId: gw.router.id, lab: true });
  for (const f of state.floatingIps) if (!floatingIps.some((x) => x.address === f.address)) floatingIps.push(f);
  for (const f of floatingIps) if (f.fixed && f.portId) floatingByFixed.set(f.fixed, f.address);

  for (const s of servers) {
    const live = containers.get(s.instanceName);
    s.container = live ?? null;
    const running = live?.status === 'Running';
    if (s.error) {
      s.status = 'ERROR'; s.vmState = 'error'; s.taskState = null; s.power = 0;
    } else if (s.building && !(running && hasAddress(live, s.fixedAddress))) {
      s.status = 'BUILD'; s.vmState = 'building'; s.taskState = 'spawning'; s.power = 0;
    } else if (running) {
      s.status = 'ACTIVE'; s.vmState = 'active'; s.taskState = null; s.power = 1;
    } else {
      s.status = 'SHUTOFF'; s.vmState = 'stopped'; s.taskState = null; s.power = live ? 4 : 0;
    }
    const machine = machineById.get(s.machineId);
    s.host = machine?.hostname ?? null;
    const addrs = [s.fixedAddress];
    const fip = floatingByFixed.get(s.fixedAddress);
    if (fip) addrs.push(fip);
    s.addresses = { [netName(s.networkId)]: addrs };
    s.floatingAddress = fip ?? null;
  }

  // ---- ports
  const ports = [];
  const port = (p) => ports.push({ name: '', securityGroups: [], bindingHost: null, ...p });
  const sgId = stableUuid('security group default');
  for (const s of servers) {
    port({
      id: s.portId, mac: s.mac, networkId: s.networkId, fixedIps: [{ subnet_id: subnetId(s.networkId), ip_address: s.fixedAddress }],
      status: linkUp(s.devices.tap) && linkUp(s.devices.qvo) ? 'ACTIVE' : 'DOWN', deviceOwner: `compute:${ZONE}`, deviceId: s.id,
      securityGroups: [sgId], bindingHost: s.host,
    });
  }
  const gatewayHost = machineById.get(gw.machineId)?.hostname ?? null;
  for (const n of lab.networks) {
    port({ id: n.dhcpPortId, mac: n.dhcpMac ?? '', networkId: n.id, fixedIps: [{ subnet_id: subnetId(n.id), ip_address: n.dhcpAddress }],
      status: linkUp(n.dhcpDevice) ? 'ACTIVE' : 'DOWN', deviceOwner: 'network:dhcp', deviceId: `dhcp${stableUuid(`dhcp ${gatewayHost}`)}-${n.id}`, bindingHost: gatewayHost });
    port({ id: n.routerPortId, mac: n.routerMac ?? '', networkId: n.id, fixedIps: [{ subnet_id: subnetId(n.id), ip_address: n.gateway }],
      status: linkUp(n.routerDevice) ? 'ACTIVE' : 'DOWN', deviceOwner: 'network:router_interface', deviceId: gw.router.id, bindingHost: gatewayHost });
  }
  port({ id: routers[0].gateway.portId, mac: ext.mac ?? '', networkId: ext.id, fixedIps: [{ subnet_id: subnetId(ext.id), ip_address: ext.gatewayPortAddress }],
    status: linkUp(ext.device) ? 'ACTIVE' : 'DOWN', deviceOwner: 'network:router_gateway', deviceId: gw.router.id, bindingHost: gatewayHost });
  const dead = floatingIps.find((f) => f.address === gw.deadAddress);
  if (dead) {
    const deadNet = lab.networks.find((n) => cidrHosts(n.cidr).all.includes(dead.fixed)) ?? lab.networks[0];
    port({ id: dead.portId, mac: 'fa:16:3e:00:00:1d', networkId: deadNet.id, fixedIps: [{ subnet_id: subnetId(deadNet.id), ip_address: dead.fixed }],
      status: 'DOWN', deviceOwner: `compute:${ZONE}`, deviceId: '', securityGroups: [sgId] });
  }
  for (const f of floatingIps) {
    port({ id: stableUuid(`floating port ${f.address}`), mac: '', networkId: ext.id, fixedIps: [{ subnet_id: subnetId(ext.id), ip_address: f.address }],
      status: 'N/A', deviceOwner: 'network:floatingip', deviceId: f.id });
  }
  for (const p of state.ports) port(p);

  // ---- hypervisors, services, agents
  const hw = hostHardware();
  const hypervisors = [];
  const computeServices = [];
  let hid = 0;
  let sid = 0;
  const ncc = lab.juju.containers.find((c) => c.unit.startsWith('nova-cloud-controller/'));
  const nccMachine = ncc ? machineById.get(ncc.hostMachineId) : null;
  const nccUp = Boolean(ncc && nccMachine && sshdUp(nccMachine.sshdPidFile) && containers.get(ncc.name)?.status === 'Running');
  for (const bin of ['nova-scheduler', 'nova-conductor', 'nova-consoleauth']) {
    computeServices.push({ id: ++sid, binary: bin, host: ncc?.name ?? 'nova-cloud-controller', zone: 'internal', status: 'enabled', state: nccUp ? 'up' : 'down', updatedAt: now });
  }
  for (const m of lab.machines.filter((x) => x.role === 'compute')) {
    const up = sshdUp(m.sshdPidFile);
    const mine = servers.filter((s) => s.machineId === m.id && s.container?.status === 'Running');
    let type = 'lxd';
    try {
      type = fs.readFileSync(hypervisorTypePath(lab, m.hostname), 'utf8').trim() || 'lxd';
    } catch {
      /* no override: nova-lxd reports lxd */
    }
    hypervisors.push({
      id: ++hid, hostname: m.hostname, type, hostIp: m.address, state: up ? 'up' : 'down', status: 'enabled',
      vcpus: hw.vcpus, vcpusUsed: mine.reduce((a, s) => a + s.flavor.vcpus, 0),
      memoryMb: hw.memoryMb, memoryMbUsed: 512 + mine.reduce((a, s) => a + s.flavor.ram, 0), runningVms: mine.length,
    });
    computeServices.push({ id: ++sid, binary: 'nova-compute', host: m.hostname, zone: ZONE, status: 'enabled', state: up ? 'up' : 'down', updatedAt: now });
  }
  const agents = [];
  for (const m of lab.machines.filter((x) => x.role !== 'control')) {
    const up = sshdUp(m.sshdPidFile);
    const kinds = [['Open vSwitch agent', 'neutron-openvswitch-agent', null]];
    if (m.role === 'gateway') kinds.push(['L3 agent', 'neutron-l3-agent', ZONE], ['DHCP agent', 'neutron-dhcp-agent', ZONE], ['Metadata agent', 'neutron-metadata-agent', null]);
    for (const [type, binary, az] of kinds) agents.push({ id: stableUuid(`agent ${binary} ${m.hostname}`), type, host: m.hostname, zone: az, alive: up, adminUp: true, binary });
  }

  return {
    lab, state, now, created, projectId, userId, sgId, servers, networks, subnets, routers, ports, floatingIps, hypervisors, computeServices, agents,
    images: [{ id: imageId, name: IMAGE_NAME, status: 'active', diskFormat: 'root-tar', containerFormat: 'bare', size: IMAGE_SIZE,
      checksum: createHash('md5').update(IMAGE_NAME).digest('hex'), visibility: 'public', createdAt: created }],
    flavors: FLAVORS, subnetId, novaTime, isoSeconds,
    /** Nova's hostId: sha224 of project id + host, so a project sees which servers share a host. */
    stableHostId: (host) => createHash('sha224').update(projectId + host).digest('hex'),
  };
}

function hasAddress(container, address) {
  const nets = container?.state?.network ?? {};
  return Object.values(nets).some((n) => (n.addresses ?? []).some((a) => a.address === address));
}
