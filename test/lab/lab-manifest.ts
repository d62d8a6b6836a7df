// The OrangeBox lab's manifest ($OBX_LAB_DIR/lab.json, written by test/lab/up.sh): types and a
// loader for tests. The lab itself is real (LXD, OVS, namespaces, sshd); this file only describes
// where its parts are. Shape changes bump `version` in lib/config.sh and LAB_MANIFEST_VERSION here.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const DEFAULT_LAB_DIR = '/tmp/orangebox-lab';
export const LAB_MANIFEST_VERSION = 1;
export const LAB_NOT_UP_MESSAGE = 'the lab is not up: run `npm run lab:up`';

export type MachineRole = 'compute' | 'control' | 'gateway';

/** One SSH endpoint: its own sshd on a loopback address, key-only, for `user`. */
export interface LabEndpoint {
  hostname: string;
  address: string;
  port: number;
  /** OpenSSH form, `SHA256:<base64 without padding>` of the host key blob. */
  hostKeyFingerprint: string;
  /** `ssh-ed25519 AAAA…` (type and base64 blob) */
  hostKey: string;
  /** PID file of this endpoint's sshd (the Juju stand-in reads it for machine state). */
  sshdPidFile: string;
  userKeyAccepted: boolean;
  jujuKeyAccepted: boolean;
}

export interface LabController extends LabEndpoint {
  name: 'controller';
  role: 'controller';
  /** AllowTcpForwarding local, PermitOpen limited to the lab's machine endpoints (ProxyJump). */
  allowsTcpForwarding: boolean;
  /** Absolute path of the `juju` stand-in (also on the controller sessions' PATH). */
  jujuCommand: string;
}

export interface LabInstance {
  /** LXD container name = nova-lxd instance name, e.g. instance-0000000c */
  name: string;
  /** Nova instance uuid */
  uuid: string;
  /** Nova display name; the container's hostname (lxc-test-1) */
  displayName: string;
  /** Neutron port id; its first 11 characters name qbr/tap/qvb/qvo */
  portId: string;
  /** fa:16:3e:… */
  mac: string;
  fixedAddress: string;
  floatingAddress: string | null;
  /** Neutron network id */
  network: string;
  networkName: string;
  /** OVS local VLAN of the network on br-int */
  vlanTag: number;
  /** external-ids:vm-uuid on the qvo port: nova-lxd passes the instance name (see the walkthrough log) */
  ovsVmUuid: string;
  /** LXD profile nova-lxd made for the instance (named like it) */
  profile: string;
  devices: { bridge: string; tap: string; qvb: string; qvo: string };
  limits: { cpu: string; memory: string };
  mtu: number;
}

export interface LabNovaPaths {
  confDir: string;
  novaConf: string;
  novaComputeConf: string;
  computeDriver: string;
}

export interface LabMachine extends LabEndpoint {
  /** Juju machine id: "22" */
  id: string;
  role: MachineRole;
  /** LXD project holding this machine's containers (its endpoint's `lxc` is pinned to it) */
  lxdProject: string;
  maasInstanceId: string;
  zone: string;
  /** every container `lxc list` shows on this machine: Nova instances, then Juju's */
  containers: string[];
  instances: LabInstance[];
  /** compute machines only: where nova's config is (as seen over this machine's SSH) */
  nova: LabNovaPaths | null;
}

export interface LabNetwork {
  id: string;
  name: string;
  cidr: string;
  gateway: string;
  dhcpAddress: string;
  vlanTag: number;
  dhcpNamespace: string;
  dhcpDevice: string;
  dhcpPortId: string;
  /** fa:16:3e:… of the DHCP port (inside the qdhcp namespace) */
  dhcpMac: string;
  routerDevice: string;
  routerPortId: string;
  /** fa:16:3e:… of the router's qr- port (inside the qrouter namespace) */
  routerMac: string;
}

export interface LabNamespace {
  name: string;
  kind: 'qrouter' | 'qdhcp';
  network?: string;
  /** CIDR notation, as `ip -o addr` prints them */
  addresses: string[];
}

export interface LabGateway {
  machineId: string;
  router: { id: string; namespace: string };
  namespaces: LabNamespace[];
  /** floating addresses that answer (DNAT to an instance) */
  floatingAddresses: string[];
  floatingIps: { address: string; fixedAddress: string; instance: string }[];
  /** a floating address with no instance behind it: must NOT answer */
  deadAddress: string;
  /** the fixed address the dead floating IP is DNAT'd to (no instance has it) */
  deadFixedAddress: string;
  deadAddressNote: string;
  externalNetwork: { id: string; name: string; cidr: string; gatewayPortAddress: string; device: string; bridge: string; portId: string; mac: string };
  natTable: string;
}

export interface LabJujuContainer {
  name: string;
  /** Juju machine id, e.g. 23/lxd/0 */
  machineId: string;
  hostMachineId: string;
  address: string;
  unit: string;
  lxdProject: string;
}

export interface LabJuju {
  model: string;
  controller: string;
  cloud: string;
  version: string;
  series: string;
  command: 'juju';
  commandEndpoint: 'controller';
  /** JUJU_DATA on the controller (holds ssh/juju_id_rsa) */
  dataDir: string;
  containersByMachine: Record<string, string[]>;
  containers: LabJujuContainer[];
  /** principal unit -> Juju machine id ("22", "23/lxd/0") */
  units: Record<string, string>;
  /** principal unit -> its subordinate units */
  subordinates: Record<string, string[]>;
}

/** The `openstack` stand-in on the controller (test/lab/openstack, installed by lib/openstack.sh). */
export interface LabOpenstack {
  /** absolute path of the stand-in (also on the controller sessions' PATH) */
  command: string;
  commandEndpoint: 'controller';
  /** the admin rc file an engineer sources (~ubuntu/novarc); its OS_PASSWORD is a lab secret */
  rcFile: string;
  authUrl: string;
  username: string;
  projectName: string;
  region: string;
  /**
   * the stand-in's own state (openstack.json: what it created), owned by the lab user. lab.json
   * describes only what up made: servers and floating IPs the stand-in added are not in it.
   */
  stateDir: string;
  /** a file named after a compute node's hostname here makes its hypervisor report that type */
  hypervisorTypeDir: string;
  clientVersion: string;
}

export interface LabManifest {
  version: number;
  createdAt: string;
  labDir: string;
  /** the lab user (ubuntu) every endpoint accepts */
  user: string;
  /** private key of the engineer's laptop (accepted by the controller, 22, 24, 26; refused by 23) */
  userKey: string;
  userPublicKey: string;
  /** Juju's private key (accepted by every machine, not by the controller) */
  jujuKey: string;
  jujuPublicKey: string;
  knownHosts: string;
  /** OpenSSH client config with Host aliases (obx-controller, obx-22, obx-24-via-controller, …) */
  sshConfig: string;
  sshPort: number;
  controller: LabController;
  machines: LabMachine[];
  networks: LabNetwork[];
  gateway: LabGateway;
  ovs: { integrationBridge: string; externalBridge: string; datapathType: string };
  mgmtNetwork: { bridge: string; cidr: string };
  /** the lab's random nova.conf service passwords (tests may see them; a console must mask them) */
  nova: { secrets: Record<string, string> };
  openstack: LabOpenstack;
  juju: LabJuju;
}

export class LabNotUpError extends Error {
  constructor(detail: string) {
    super(`${LAB_NOT_UP_MESSAGE} (${detail})`);
    this.name = 'LabNotUpError';
  }
}

/** The lab dir: $OBX_LAB_DIR or /tmp/orangebox-lab. */
export function labDir(): string {
  return process.env.OBX_LAB_DIR || DEFAULT_LAB_DIR;
}

/** Path of lab.json for a manifest file or lab dir (default: the lab dir's lab.json). */
export function manifestPath(path?: string): string {
  const p = path ?? labDir();
  return existsSync(p) && statSync(p).isDirectory() ? join(p, 'lab.json') : p.endsWith('.json') ? p : join(p, 'lab.json');
}

function need(cond: unknown, what: string, file: string): asserts cond {
  if (!cond) throw new Error(`lab manifest ${file} is malformed: ${what}`);
}

/** Read and check lab.json. Throws LabNotUpError ("the lab is not up: run `npm run lab:up`") when missing. */
export function loadLabManifest(path?: string): LabManifest {
  const file = manifestPath(path);
  if (!existsSync(file)) throw new LabNotUpError(`no manifest at ${file}`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`lab manifest ${file} is not valid JSON: ${(e as Error).message}`);
  }
  const lab = data as LabManifest;
  need(typeof lab === 'object' && lab !== null, 'not an object', file);
  need(lab.version === LAB_MANIFEST_VERSION, `version ${String(lab.version)}, expected ${LAB_MANIFEST_VERSION} (re-run \`npm run lab:up\`)`, file);
  need(typeof lab.user === 'string' && lab.user.length > 0, 'user', file);
  need(typeof lab.userKey === 'string' && typeof lab.jujuKey === 'string', 'userKey/jujuKey', file);
  need(typeof lab.controller?.address === 'string', 'controller.address', file);
  need(Array.isArray(lab.machines) && lab.machines.length > 0, 'machines', file);
  for (const m of lab.machines) {
    need(typeof m.id === 'string' && typeof m.address === 'string' && typeof m.hostKeyFingerprint === 'string', `machine ${String(m.id)}`, file);
    need(Array.isArray(m.containers) && Array.isArray(m.instances), `machine ${m.id} containers/instances`, file);
  }
  need(typeof lab.gateway?.router?.namespace === 'string', 'gateway.router.namespace', file);
  need(typeof lab.juju?.model === 'string', 'juju.model', file);
  need(typeof lab.openstack?.command === 'string', 'openstack.command (re-run `npm run lab:up`)', file);
  for (const k of [lab.userKey, lab.jujuKey, lab.knownHosts]) {
    if (!existsSync(k)) throw new LabNotUpError(`${k} is missing`);
  }
  return lab;
}

// ------------------------------------------------------------------ small lookups
export function machineById(lab: LabManifest, id: string): LabMachine {
  const m = lab.machines.find((x) => x.id === id);
  if (!m) throw new Error(`lab has no machine ${id}`);
  return m;
}

export function machinesByRole(lab: LabManifest, role: MachineRole): LabMachine[] {
  return lab.machines.filter((m) => m.role === role);
}

export function gatewayMachine(lab: LabManifest): LabMachine {
  return machineById(lab, lab.gateway.machineId);
}

export function allInstances(lab: LabManifest): (LabInstance & { machineId: string })[] {
  return lab.machines.flatMap((m) => m.instances.map((i) => ({ ...i, machineId: m.id })));
}

/** Every SSH endpoint, controller first, with a name like the manifest's (controller, 22, …). */
export function allEndpoints(lab: LabManifest): (LabEndpoint & { name: string })[] {
  return [{ ...lab.controller }, ...lab.machines.map((m) => ({ ...m, name: m.id }))];
}

/** The private key an endpoint accepts for the lab user: the user key where accepted, else Juju's. */
export function keyFor(lab: LabManifest, endpoint: LabEndpoint): string {
  return endpoint.userKeyAccepted ? lab.userKey : lab.jujuKey;
}
