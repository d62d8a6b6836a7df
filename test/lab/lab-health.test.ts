// The OrangeBox lab, checked from the outside the way a console reaches it: ssh2 into each
// endpoint as the lab user. Every expectation comes from lab.json (what up.sh built) and every
// observation from the live lab, so a broken lab fails here. Needs `npm run lab:up` first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  allEndpoints,
  allInstances,
  gatewayMachine,
  keyFor,
  LabNotUpError,
  loadLabManifest,
  machineById,
  machinesByRole,
  type LabEndpoint,
  type LabManifest,
} from './lab-manifest';
import { LabSsh } from './lab-ssh';

let lab: LabManifest;
const sessions = new Map<string, LabSsh>();

/** One cached connection per endpoint (sequential execs stay well under sshd's MaxSessions 10). */
async function on(endpoint: LabEndpoint & { name?: string }): Promise<LabSsh> {
  const id = endpoint.address;
  let s = sessions.get(id);
  if (!s) {
    s = await LabSsh.connect(endpoint, lab.user, keyFor(lab, endpoint));
    sessions.set(id, s);
  }
  return s;
}

beforeAll(() => {
  lab = loadLabManifest();
});

afterAll(() => {
  for (const s of sessions.values()) s.end();
  sessions.clear();
});

describe('manifest loader', () => {
  it('says how to bring the lab up when there is no manifest', () => {
    expect(() => loadLabManifest('/nonexistent/orangebox-lab')).toThrow(LabNotUpError);
    expect(() => loadLabManifest('/nonexistent/orangebox-lab')).toThrow(/the lab is not up: run `npm run lab:up`/);
  });
});

describe('SSH endpoints', () => {
  it('every endpoint answers with its manifest host key and reports its own hostname', async () => {
    for (const ep of allEndpoints(lab)) {
      const s = await on(ep);
      expect(s.seenFingerprint, `${ep.name} host key`).toBe(ep.hostKeyFingerprint);
      expect((await s.run('hostname')).trim(), `${ep.name} hostname`).toBe(ep.hostname);
    }
  });

  it('machine 23 refuses the user key (only the Juju key gets in)', async () => {
    const m23 = machineById(lab, '23');
    expect(m23.userKeyAccepted).toBe(false);
    await expect(LabSsh.connect(m23, lab.user, lab.userKey)).rejects.toThrow(/authentication/i);
    const viaJuju = await LabSsh.connect(m23, lab.user, lab.jujuKey);
    try {
      expect((await viaJuju.run('hostname')).trim()).toBe(m23.hostname);
    } finally {
      viaJuju.end();
    }
  });

  it('the controller forwards TCP to a machine endpoint (ProxyJump)', async () => {
    const controller = await on(lab.controller);
    const target = machinesByRole(lab, 'compute')[0]!;
    const tunnel = await controller.forward(target.address, target.port);
    const jumped = await LabSsh.connect(target, lab.user, lab.userKey, tunnel);
    try {
      expect((await jumped.run('hostname')).trim()).toBe(target.hostname);
    } finally {
      jumped.end();
    }
  });
});

describe('LXD per compute node', () => {
  it("each machine's `lxc list --format json` shows exactly its own containers, with their addresses", async () => {
    for (const m of lab.machines) {
      const list = JSON.parse(await (await on(m)).run('lxc list --format json')) as {
        name: string;
        status: string;
        state: { network?: Record<string, { addresses: { family: string; address: string }[] }> } | null;
      }[];
      expect(list.map((c) => c.name).sort(), `machine ${m.id}`).toEqual([...m.containers].sort());
      for (const inst of m.instances) {
        const c = list.find((x) => x.name === inst.name)!;
        expect(c.status).toBe('Running');
        const v4 = (c.state?.network?.eth0?.addresses ?? []).filter((a) => a.family === 'inet').map((a) => a.address);
        expect(v4, `${inst.name} eth0`).toEqual([inst.fixedAddress]);
      }
    }
    expect(machinesByRole(lab, 'compute').length).toBeGreaterThanOrEqual(2);
  });

  it('a Nova profile has the qbr nic (parent qbr…, host_name tap…, fa:16:3e MAC) and the limits', async () => {
    for (const inst of allInstances(lab)) {
      const m = machineById(lab, inst.machineId);
      const profile = parseYaml(await (await on(m)).run(`lxc profile show ${inst.profile}`)) as {
        config: Record<string, string>;
        devices: Record<string, Record<string, string>>;
      };
      const nic = profile.devices[inst.devices.bridge];
      expect(nic, `${inst.name} nic device ${inst.devices.bridge}`).toBeDefined();
      expect(nic).toMatchObject({ type: 'nic', nictype: 'bridged', parent: inst.devices.bridge, host_name: inst.devices.tap, hwaddr: inst.mac });
      expect(nic!.parent).toMatch(/^qbr[0-9a-f]{8}-[0-9a-f]{2}$/);
      expect(nic!.host_name).toMatch(/^tap[0-9a-f]{8}-[0-9a-f]{2}$/);
      expect(nic!.hwaddr).toMatch(/^fa:16:3e(:[0-9a-f]{2}){3}$/);
      expect(profile.config['limits.cpu']).toBe(inst.limits.cpu);
      expect(profile.config['limits.memory']).toBe(inst.limits.memory);
      expect(profile.config['raw.lxc']).toContain(`lxc.console.logfile=/var/log/lxd/${inst.name}/console.log`);
      expect(profile.devices.root).toMatchObject({ type: 'disk', path: '/' });
    }
  });
});

describe('Neutron gateway', () => {
  const ping = (ns: string, addr: string) => `sudo -n ip netns exec ${ns} ping -c 1 -W 2 ${addr}`;

  it('from the qrouter namespace, fixed and floating addresses answer and the dead address does not', async () => {
    const gw = await on(gatewayMachine(lab));
    const ns = lab.gateway.router.namespace;
    const netns = await gw.run('sudo -n ip netns');
    for (const n of lab.gateway.namespaces) expect(netns).toContain(n.name);
    for (const inst of allInstances(lab)) {
      const r = await gw.exec(ping(ns, inst.fixedAddress));
      expect(r.code, `${inst.name} fixed ${inst.fixedAddress}: ${r.stdout}`).toBe(0);
    }
    expect(lab.gateway.floatingAddresses.length).toBeGreaterThanOrEqual(2);
    for (const f of lab.gateway.floatingAddresses) {
      const r = await gw.exec(ping(ns, f));
      expect(r.code, `floating ${f}: ${r.stdout}`).toBe(0);
    }
    const dead = await gw.exec(`sudo -n ip netns exec ${ns} ping -c 1 -W 1 ${lab.gateway.deadAddress}`);
    expect(dead.code, `dead ${lab.gateway.deadAddress} answered: ${dead.stdout}`).not.toBe(0);
  });

  it('a floating address is DNAT to its instance (the instance counts the echo requests)', async () => {
    const fip = lab.gateway.floatingIps[0]!;
    const inst = allInstances(lab).find((i) => i.name === fip.instance)!;
    const compute = await on(machineById(lab, inst.machineId));
    const inEchos = async () => {
      const snmp = (await compute.run(`lxc exec ${inst.name} -- cat /proc/net/snmp`)).split('\n').filter((l) => l.startsWith('Icmp:'));
      const head = snmp[0]!.split(/\s+/);
      return Number(snmp[1]!.split(/\s+/)[head.indexOf('InEchos')]);
    };
    const before = await inEchos();
    await (await on(gatewayMachine(lab))).run(`sudo -n ip netns exec ${lab.gateway.router.namespace} ping -c 2 -i 0.2 -W 2 ${fip.address}`);
    expect((await inEchos()) - before).toBeGreaterThanOrEqual(2);
  });

  it('OVS: qvo ports on br-int carry the nova-lxd external-ids and the network VLAN tag', async () => {
    for (const inst of allInstances(lab)) {
      const s = await on(machineById(lab, inst.machineId));
      const out = JSON.parse(
        await s.run(`sudo -n ovs-vsctl --format=json --columns=name,external_ids list Interface ${inst.devices.qvo}`),
      ) as { data: [string, ['map', [string, string][]]][] };
      const ids = Object.fromEntries(out.data[0]![1][1]);
      expect(ids).toMatchObject({ 'iface-id': inst.portId, 'iface-status': 'active', 'attached-mac': inst.mac, 'vm-uuid': inst.ovsVmUuid });
      expect(Number((await s.run(`sudo -n ovs-vsctl get Port ${inst.devices.qvo} tag`)).trim())).toBe(inst.vlanTag);
      const bridgeMembers = await s.run(`ip -o link show master ${inst.devices.bridge}`);
      expect(bridgeMembers).toContain(inst.devices.tap);
      expect(bridgeMembers).toContain(inst.devices.qvb);
    }
  });
});

describe('compute node configuration', () => {
  it('nova.conf is readable by the lab user (0640 root:group) and holds the lab secrets', async () => {
    const secrets = Object.values(lab.nova.secrets);
    expect(secrets.length).toBeGreaterThanOrEqual(3);
    for (const m of machinesByRole(lab, 'compute')) {
      const s = await on(m);
      expect((await s.run(`stat -c '%a %U' ${m.nova!.novaConf}`)).trim()).toBe('640 root');
      const conf = await s.run(`cat ${m.nova!.novaConf}`);
      expect(conf).not.toContain('REDACTED');
      expect(conf).toContain(`my_ip = ${m.address}`);
      for (const secret of secrets) {
        expect(secret.length).toBeGreaterThanOrEqual(16);
        expect(conf).toContain(secret);
      }
      expect(await s.run(`cat ${m.nova!.novaComputeConf}`)).toMatch(/^compute_driver = lxd\.LXDDriver$/m);
    }
  });
});

describe('juju on the controller', () => {
  it('`juju status --format=json` parses and names the real machines with the manifest addresses', async () => {
    const status = JSON.parse(await (await on(lab.controller)).run('juju status --format=json')) as {
      model: { name: string; controller: string };
      machines: Record<string, { 'dns-name': string; 'juju-status': { current: string }; containers?: Record<string, { 'dns-name': string }> }>;
      applications: Record<string, { units?: Record<string, { machine: string }> }>;
    };
    expect(status.model.name).toBe(lab.juju.model);
    expect(Object.keys(status.machines).sort()).toEqual(lab.machines.map((m) => m.id).sort());
    for (const m of lab.machines) {
      expect(status.machines[m.id]!['dns-name']).toBe(m.address);
      expect(status.machines[m.id]!['juju-status'].current).toBe('started');
    }
    for (const c of lab.juju.containers) expect(status.machines[c.hostMachineId]!.containers?.[c.machineId]?.['dns-name']).toBe(c.address);
    for (const [unit, machine] of Object.entries(lab.juju.units)) {
      expect(status.applications[unit.split('/')[0]!]?.units?.[unit]?.machine, unit).toBe(machine);
    }
  });

  it('`juju ssh 23 -- hostname` works although machine 23 refuses the user key', async () => {
    const m23 = machineById(lab, '23');
    expect((await (await on(lab.controller)).run('juju ssh 23 -- hostname')).trim()).toBe(m23.hostname);
  });
});
