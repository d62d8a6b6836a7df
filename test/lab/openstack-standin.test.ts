// The lab's `openstack` stand-in (test/lab/openstack), over real SSH to the controller as an
// engineer would use it after sourcing ~/novarc: its answers agree with the lab's real state
// (LXD containers and profiles, OVS, the gateway's namespaces and NAT), it refuses missing or
// wrong credentials with the real client's words, a compute node can be made to report another
// hypervisor type, and `server create` makes a real container that `server delete` removes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { reportHypervisorType } from '../support/hypervisor-type';
import { labSecrets } from '../support/lab-secrets';
import { loadLabManifest, machineById, type LabManifest } from './lab-manifest';
import { LabSsh } from './lab-ssh';

/** A create goes through container init, start and DHCP: ~3-10 s here, more on a loaded machine. */
const CREATE_LIMIT_MS = 180_000;
const POLL_MS = 1_000;
/** One `openstack` call: node start-up plus one `lxc list` (~0.3 s here). */
const CALL_MS = 60_000;
const TEST_SERVER = 'obx-standin-test';

type Row = Record<string, unknown>;
let lab: LabManifest;
let controller: LabSsh;
let gateway: LabSsh;

async function openstack(command: string, timeoutMs = CALL_MS) {
  return controller.exec(`. ~/novarc && openstack ${command}`, timeoutMs);
}
async function json<T = Row[]>(command: string): Promise<T> {
  const r = await openstack(`${command} -f json`);
  if (r.code !== 0) throw new Error(`openstack ${command} exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}
interface LxdContainer {
  name: string;
  project: string;
  status: string;
  expanded_devices: Record<string, { type?: string; hwaddr?: string; host_name?: string }>;
  state: { network: Record<string, { addresses: { family: string; address: string }[] }> } | null;
}
async function containers(): Promise<LxdContainer[]> {
  return JSON.parse(await controller.run('lxc list --all-projects --format json')) as LxdContainer[];
}
const nicOf = (c: LxdContainer) => Object.entries(c.expanded_devices).find(([, d]) => d.type === 'nic')!;

beforeAll(async () => {
  lab = loadLabManifest();
  controller = await LabSsh.connect(lab.controller, lab.user, lab.userKey);
  gateway = await LabSsh.connect(machineById(lab, lab.gateway.machineId), lab.user, lab.userKey);
  // a run that died half-way may have left its server: remove it first
  await openstack(`server delete ${TEST_SERVER}`, CREATE_LIMIT_MS);
}, CREATE_LIMIT_MS);

afterAll(async () => {
  await openstack(`server delete ${TEST_SERVER}`, CREATE_LIMIT_MS).catch(() => undefined);
  controller?.end();
  gateway?.end();
}, CREATE_LIMIT_MS);

describe('credentials', () => {
  it('refuses without an rc file sourced, with keystoneauth’s message and exit 1', async () => {
    const r = await controller.exec('openstack server list');
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('Missing value auth-url required for auth plugin password');
    expect(r.stdout).toBe('');
  });

  it('refuses a wrong password with Keystone’s 401 and never prints the password', async () => {
    const r = await controller.exec('. ~/novarc && OS_PASSWORD=not-the-password openstack server list');
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toMatch(/^The request you have made requires authentication\. \(HTTP 401\) \(Request-ID: req-[0-9a-f-]{36}\)$/);
    const secrets = (await labSecrets(lab)).filter((secret) => secret.label.includes('OS_PASSWORD'));
    expect(secrets).toHaveLength(1);
    const ok = await openstack('server list');
    for (const out of [r.stdout, r.stderr, ok.stdout, ok.stderr]) expect(out).not.toContain(secrets[0]!.value);
  });

  it('keeps the rc file private to the lab user, with the lab’s Keystone URL and the secret from the state dir', () => {
    const rc = readFileSync(lab.openstack.rcFile, 'utf8');
    expect(statSync(lab.openstack.rcFile).mode & 0o077).toBe(0);
    expect(rc).toContain(`export OS_AUTH_URL=${lab.openstack.authUrl}`);
    expect(lab.openstack.authUrl).toMatch(/^http:\/\/198\.51\.100\.\d+:5000\/v3$/);
    const password = /^export OS_PASSWORD=(\S+)$/m.exec(rc)![1];
    expect(readFileSync(join(lab.labDir, 'state', 'secrets.env'), 'utf8')).toContain(`OPENSTACK_ADMIN_PASSWORD=${password}`);
  });
});

describe('what the stand-in reports agrees with the lab', () => {
  it('lists a server for every instance container, on the same host, ACTIVE while it runs', async () => {
    const live = (await containers()).filter((c) => c.name.startsWith('instance-'));
    const servers = await json('server list --all-projects --long');
    expect(servers.length).toBe(live.length);
    const details = [];
    for (const s of servers) details.push({ s, detail: await json<Row>(`server show ${String(s.ID)}`) });
    for (const c of live) {
      const matches = details.filter(({ detail }) => detail['OS-EXT-SRV-ATTR:instance_name'] === c.name);
      expect(matches, c.name).toHaveLength(1);
      const { s, detail } = matches[0]!;
      const machine = lab.machines.find((m) => m.lxdProject === c.project)!;
      expect(detail['OS-EXT-SRV-ATTR:host']).toBe(machine.hostname);
      expect(s.Host).toBe(machine.hostname);
      expect(s.Status).toBe(c.status === 'Running' ? 'ACTIVE' : 'SHUTOFF');
      expect(s['Power State']).toBe(c.status === 'Running' ? 1 : 4);
      const inet = Object.values(c.state?.network ?? {}).flatMap((n) => n.addresses.filter((a) => a.family === 'inet').map((a) => a.address));
      expect(Object.values(s.Networks as Record<string, string[]>).flat()[0]).toBe(inet[0]);
    }
  }, CREATE_LIMIT_MS);

  it('gives each server a port whose MAC is the profile’s hwaddr, whose id names its devices, and that OVS carries', async () => {
    const live = (await containers()).filter((c) => c.name.startsWith('instance-'));
    const ports = await json('port list --long --device-owner compute:nova');
    for (const c of live) {
      const [device, nic] = nicOf(c);
      const port = ports.find((p) => p['MAC Address'] === nic.hwaddr);
      expect(port, `${c.name} ${nic.hwaddr}`).toBeDefined();
      const short = String(port!.ID).slice(0, 11);
      expect(device).toBe(`qbr${short}`);
      expect(nic.host_name).toBe(`tap${short}`);
      expect(port!.Status).toBe(c.status === 'Running' ? 'ACTIVE' : 'DOWN');
      const ids = await controller.run(`sudo -n ovs-vsctl get Interface qvo${short} external_ids`);
      expect(ids).toContain(`iface-id="${String(port!.ID)}"`);
      expect(ids).toContain(`attached-mac="${nic.hwaddr}"`);
    }
  }, CREATE_LIMIT_MS);

  it('lists the floating IPs that the qrouter namespace really DNATs, and the router and qdhcp namespaces by id', async () => {
    const nat = await gateway.run(`sudo -n ip netns exec ${lab.gateway.router.namespace} nft list chain ip ${lab.gateway.natTable.split(' ')[1]} PREROUTING`);
    const dnat = new Map([...nat.matchAll(/ip daddr (\S+) dnat to (\S+)/g)].map((m) => [m[1]!, m[2]!]));
    const floating = await json('floating ip list --long');
    const associated = new Map(floating.filter((f) => f.Port !== null).map((f) => [String(f['Floating IP Address']), String(f['Fixed IP Address'])]));
    expect(associated).toEqual(dnat);
    for (const address of associated.keys()) expect(address).toMatch(/^198\.51\.100\./);

    const namespaces = (await gateway.run('sudo -n ip netns list')).split('\n').map((line) => line.split(' ')[0] ?? '').filter(Boolean);
    const routers = await json('router list');
    expect(routers.map((r) => `qrouter-${String(r.ID)}`).every((ns) => namespaces.includes(ns))).toBe(true);
    const internal = await json('network list --internal');
    expect(internal.map((n) => `qdhcp-${String(n.ID)}`).sort()).toEqual(namespaces.filter((ns) => ns.startsWith('qdhcp-')).sort());
    const external = await json('network list --external');
    expect(external.map((n) => n.ID)).toEqual([lab.gateway.externalNetwork.id]);
    const subnets = await json('subnet list');
    for (const n of lab.networks) expect(subnets.find((s) => s.Network === n.id)?.Subnet).toBe(n.cidr);
  }, CREATE_LIMIT_MS);

  it('reports the compute nodes as lxd hypervisors with their running instances, and agents up while their machines run', async () => {
    const hypervisors = await json('hypervisor list --long');
    const computes = lab.machines.filter((m) => m.role === 'compute');
    expect(hypervisors.map((h) => h['Hypervisor Hostname'])).toEqual(computes.map((m) => m.hostname));
    const live = await containers();
    for (const m of computes) {
      const h = hypervisors.find((x) => x['Hypervisor Hostname'] === m.hostname)!;
      expect(h).toMatchObject({ 'Hypervisor Type': 'lxd', 'Host IP': m.address, State: 'up' });
      const shown = await json<Row>(`hypervisor show ${m.hostname}`);
      expect(shown.running_vms).toBe(live.filter((c) => c.project === m.lxdProject && c.name.startsWith('instance-') && c.status === 'Running').length);
    }
    const services = await json('compute service list');
    expect(services.filter((s) => s.Binary === 'nova-compute').map((s) => [s.Host, s.State])).toEqual(computes.map((m) => [m.hostname, 'up']));
    const agents = await json('network agent list');
    expect(agents.find((a) => a['Agent Type'] === 'L3 agent')).toMatchObject({ Host: machineById(lab, lab.gateway.machineId).hostname, Alive: true, State: true });
  }, CREATE_LIMIT_MS);

  it('prints the real client’s table, value and column forms', async () => {
    const table = (await openstack('server list')).stdout.split('\n');
    expect(table[0]).toMatch(/^\+-+\+-+\+/);
    expect(table[1]).toMatch(/^\| ID +\| Name +\| Status +\| Networks +\| Image +\| Flavor +\|$/);
    const names = (await openstack('server list -f value -c Name')).stdout.trim().split('\n').sort();
    expect(names).toEqual(lab.machines.flatMap((m) => m.instances.map((i) => i.displayName)).sort());
    const unknown = await openstack('server list -c Nope');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No recognized column names in ['Nope']");
    expect((await controller.run('openstack --version')).trim()).toBe(`openstack ${lab.openstack.clientVersion}`);
  }, CREATE_LIMIT_MS);
});

describe('a compute node reporting another hypervisor type', () => {
  it('shows that type for that node only, and lxd again once undone', async () => {
    const node = lab.machines.filter((m) => m.role === 'compute')[1]!;
    const undo = await reportHypervisorType(lab, node.hostname, 'QEMU');
    try {
      const hypervisors = await json('hypervisor list');
      expect(hypervisors.map((h) => [h['Hypervisor Hostname'], h['Hypervisor Type']])).toEqual(
        lab.machines.filter((m) => m.role === 'compute').map((m) => [m.hostname, m === node ? 'QEMU' : 'lxd']),
      );
    } finally {
      await undo();
    }
    expect((await json('hypervisor list')).every((h) => h['Hypervisor Type'] === 'lxd')).toBe(true);
    await expect(reportHypervisorType(lab, lab.machines.find((m) => m.role === 'gateway')!.hostname, 'QEMU')).rejects.toThrow(/not one of the lab's compute nodes/);
  }, CREATE_LIMIT_MS);
});

describe('server create and delete', () => {
  it('creates a server in BUILD whose container appears with the nova-lxd plumbing, goes ACTIVE, gets a floating IP the qrouter NATs, and is removed on delete', async () => {
    const created = await json<Row>(`server create --image xenial-lxd --flavor m1.tiny --network private ${TEST_SERVER}`);
    expect(created.status).toBe('BUILD');
    const instance = String(created['OS-EXT-SRV-ATTR:instance_name']);
    expect(instance).toMatch(/^instance-[0-9a-f]{8}$/);

    let shown: Row = created;
    const deadline = Date.now() + CREATE_LIMIT_MS;
    while (shown.status !== 'ACTIVE') {
      if (shown.status === 'ERROR' || Date.now() > deadline) throw new Error(`${TEST_SERVER} did not become ACTIVE: ${JSON.stringify(shown)}`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      shown = await json<Row>(`server show ${TEST_SERVER}`);
    }
    const host = lab.machines.find((m) => m.hostname === shown['OS-EXT-SRV-ATTR:host'])!;
    expect(host.role).toBe('compute');
    // seen from the compute node itself, as `lxc list` there shows it
    const onNode = await LabSsh.connect(host, lab.user, lab.userKey);
    try {
      expect(await onNode.run(`lxc list --format csv -c ns ${instance}`)).toBe(`${instance},RUNNING\n`);
    } finally {
      onNode.end();
    }
    const container = (await containers()).find((c) => c.name === instance)!;
    const [, nic] = nicOf(container);
    const ports = await json(`port list --server ${TEST_SERVER}`);
    expect(ports.map((p) => p['MAC Address'])).toEqual([nic.hwaddr]);
    expect(ports[0]!.Status).toBe('ACTIVE');
    const address = (shown.addresses as Record<string, string[]>).private![0]!;
    expect(await gateway.run(`sudo -n ip netns exec ${lab.gateway.router.namespace} ping -c 1 -W 2 ${address}`)).toContain('1 received');

    // a floating IP on it is real NAT in the qrouter namespace, until the server goes
    const floating = await json<Row>(`floating ip create ext_net --port ${String(ports[0]!.ID)}`);
    const floatingAddress = String(floating.floating_ip_address);
    expect(floating).toMatchObject({ fixed_ip_address: address, status: 'ACTIVE' });
    expect(floatingAddress).toMatch(/^198\.51\.100\./);
    const preRouting = () => gateway.run(`sudo -n ip netns exec ${lab.gateway.router.namespace} nft list chain ip ${lab.gateway.natTable.split(' ')[1]} PREROUTING`);
    expect(await preRouting()).toContain(`ip daddr ${floatingAddress} dnat to ${address}`);
    expect(await gateway.run(`sudo -n ip netns exec ${lab.gateway.router.namespace} ping -c 1 -W 2 ${floatingAddress}`)).toContain('1 received');

    const deleted = await openstack(`server delete ${TEST_SERVER}`, CREATE_LIMIT_MS);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect((await containers()).some((c) => c.name === instance)).toBe(false);
    const gone = await openstack(`server show ${TEST_SERVER}`);
    expect(gone.code).toBe(1);
    expect(gone.stderr.trim()).toBe(`No Server found for ${TEST_SERVER}`);
    const qvo = await controller.exec(`ip link show qvo${String(ports[0]!.ID).slice(0, 11)}`);
    expect(qvo.code).not.toBe(0);
    expect(await preRouting()).not.toContain(floatingAddress);
    // Neutron keeps the floating IP, unassociated, until it is deleted
    const kept = (await json('floating ip list')).find((f) => f['Floating IP Address'] === floatingAddress);
    expect(kept).toMatchObject({ 'Fixed IP Address': null, Port: null });
    expect((await openstack(`floating ip delete ${floatingAddress}`)).code).toBe(0);
    expect((await json('floating ip list')).some((f) => f['Floating IP Address'] === floatingAddress)).toBe(false);
  }, CREATE_LIMIT_MS * 2);

  it('refuses to delete the lab’s own instances, saying why', async () => {
    const r = await openstack('server delete lxc-test-1');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("is one of the lab's own instances");
    expect((await containers()).some((c) => c.name === 'instance-0000000c')).toBe(true);
  });
});
