import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DnsmasqProcesses, FirewallRules, IpNeighbours, IpNetns, IpRoutes, JujuStatus, LxcList } from '../../contract/lab-model';
import type { OpenStackFloatingIpList } from '../../contract/openstack-model';
import { checkAsciicast } from '../../contract/asciicast';
import { decodeSnapshot } from '../snapshot-file';
import { readSnapshotInventory } from '../snapshot-inventory';
import { DEMO_CONTROLLER_HOST, DEMO_LAB_NAME, DEMO_ROUTER_NAMESPACE } from './demo-lab';
import { DEMO_LAB_ASSET, demoLabBytes } from './demo-lab-file';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('the demo lab', () => {
  it('is the same bytes every time the generator runs, and the shipped file is what it makes now', async () => {
    const first = await demoLabBytes(ROOT);
    const second = await demoLabBytes(ROOT);
    expect(second.equals(first)).toBe(true);
    // If this fails, the demo's sources changed: run `node electron/build/build-demo-lab.mjs`.
    expect(readFileSync(`${ROOT}${DEMO_LAB_ASSET}`).equals(first)).toBe(true);
  });

  it('opens as a demo of the walkthrough lab whose controller is no real host', async () => {
    const content = await decodeSnapshot(readFileSync(`${ROOT}${DEMO_LAB_ASSET}`));
    expect(content.meta).toMatchObject({ kind: 'demo', labName: DEMO_LAB_NAME, captureEndedAt: '2016-12-07T10:00:10.000Z' });
    expect(content.lab.controller).toMatchObject({ kind: 'ssh', host: DEMO_CONTROLLER_HOST });
    expect(DEMO_CONTROLLER_HOST.endsWith('.invalid')).toBe(true);
    expect(content.recordings.map((recording) => recording.name)).toEqual(['instance-0000000c-2016-12-07T10-05-00.cast', `${DEMO_ROUTER_NAMESPACE}-2016-12-07T10-06-00.cast`]);
  });

  it('keeps a ping from the qrouter namespace to both floating addresses, with the walkthrough replies and nothing lost', async () => {
    const { diagnostics } = await decodeSnapshot(readFileSync(`${ROOT}${DEMO_LAB_ASSET}`));
    const ping = diagnostics.ping!;
    expect(ping.started.cells.map((cell) => [cell.source, cell.sourceLabel, cell.target])).toEqual([
      [{ kind: 'namespace', machineId: '26', namespace: DEMO_ROUTER_NAMESPACE }, `${DEMO_ROUTER_NAMESPACE} on node02ob64`, '119.115.26.136'],
      [{ kind: 'namespace', machineId: '26', namespace: DEMO_ROUTER_NAMESPACE }, `${DEMO_ROUTER_NAMESPACE} on node02ob64`, '119.115.26.133'],
    ]);
    // The write-up's reply times, as printed (walkthrough step 12).
    expect(ping.cells.map((cell) => cell.replies.map((reply) => reply.timeMs))).toEqual([
      [0.816, 0.462, 0.383],
      [0.827, 0.369, 0.497],
    ]);
    expect(ping.cells.every((cell) => cell.state === 'done' && cell.result?.failure === null)).toBe(true);
    // 136: the statistics ping printed; 133: the quote stops before them, so they are its replies'.
    expect(ping.cells[0]!.result).toMatchObject({ transmitted: 3, received: 3, lossPercent: 0, rtt: { min: 0.383, avg: 0.553, max: 0.816, mdev: 0.19 } });
    expect(ping.cells[1]!.result).toMatchObject({ transmitted: 3, received: 3, lossPercent: 0, rtt: { min: 0.369, avg: 0.564, max: 0.827 } });
    expect(ping.cells[0]!.result?.command).toBe(`sudo -n ip netns exec ${DEMO_ROUTER_NAMESPACE} ping -c 3 -i 1 -W 1 119.115.26.136   (on node02ob64)`);
  });

  it('keeps a matrix whose DHCP namespace, with no route out, cannot reach the floating addresses', async () => {
    const { diagnostics } = await decodeSnapshot(readFileSync(`${ROOT}${DEMO_LAB_ASSET}`));
    const matrix = diagnostics.matrix!;
    expect(matrix.started.kind).toBe('matrix');
    const rows = matrix.started.cells.map((cell, index) => `${cell.sourceLabel.split(' ')[0]} → ${cell.target}: ${matrix.cells[index]!.result?.failure?.kind ?? `${matrix.cells[index]!.replies.length} replies`}`);
    expect(rows).toEqual([
      `${DEMO_ROUTER_NAMESPACE} → 119.115.26.136: 3 replies`,
      `${DEMO_ROUTER_NAMESPACE} → 119.115.26.133: 3 replies`,
      'qdhcp-ac7bafe8-3c37-48ba-8c24-98be14f4d9f7 → 119.115.26.136: unreachable',
      'qdhcp-ac7bafe8-3c37-48ba-8c24-98be14f4d9f7 → 119.115.26.133: unreachable',
    ]);
    expect(matrix.cells[2]!.result?.failure?.message).toContain('connect: Network is unreachable');
    // That namespace's recorded routes indeed reach only its own network.
    const content = await decodeSnapshot(readFileSync(`${ROOT}${DEMO_LAB_ASSET}`));
    const routes = content.inventory.probes.find((outcome) => outcome.probeId === 'netns-route:qdhcp-ac7bafe8-3c37-48ba-8c24-98be14f4d9f7')?.value as { routes: { destination: string }[] };
    expect(routes.routes.map((route) => route.destination)).toEqual(['192.168.20.0/24']);
  });

  it('has the router’s NAT pairs for the floating IPs its OpenStack lists, a dnsmasq for each DHCP namespace, and routes with a default', async () => {
    const content = await decodeSnapshot(readFileSync(`${ROOT}${DEMO_LAB_ASSET}`));
    const value = <T>(probeId: string) => content.inventory.probes.find((outcome) => outcome.machineId === '26' && outcome.probeId === probeId)?.value as T;
    const floating = (content.inventory.probes.find((outcome) => outcome.probeId === 'openstack-floating-ips')?.value as OpenStackFloatingIpList).floatingIps;
    const nat = value<FirewallRules>(`netns-firewall:${DEMO_ROUTER_NAMESPACE}`);
    expect(nat.source).toBe('iptables');
    expect(nat.natPairs.map((pair) => `${pair.floating} ${pair.fixed} ${pair.dnat} ${pair.snat}`).sort()).toEqual(
      floating.filter((ip) => ip.fixedIpAddress).map((ip) => `${ip.floatingIpAddress} ${ip.fixedIpAddress} true true`).sort(),
    );
    const namespaces = value<IpNetns>('ip-netns').namespaces.filter((namespace) => namespace.kind === 'qdhcp');
    expect(value<DnsmasqProcesses>('dnsmasq-processes').processes.map((process) => process.networkId).sort()).toEqual(namespaces.map((namespace) => namespace.name.slice('qdhcp-'.length)).sort());
    expect(value<IpRoutes>('routes').routes[0]).toMatchObject({ destination: 'default', gateway: '172.27.64.1' });
    expect(value<IpNeighbours>(`netns-neigh:${DEMO_ROUTER_NAMESPACE}`).entries.map((entry) => entry.address)).toContain('192.168.20.12');
  });

  it('carries a recording of the qrouter namespace shell pinging the floating addresses, playable as asciicast v2', async () => {
    const { recordings } = await decodeSnapshot(readFileSync(`${ROOT}${DEMO_LAB_ASSET}`));
    const recording = recordings.find((candidate) => candidate.name.startsWith(DEMO_ROUTER_NAMESPACE))!;
    const checked = checkAsciicast(recording.cast);
    if (!checked.ok) throw new Error(checked.problem);
    expect(checked.summary.title).toBe(`ip netns exec ${DEMO_ROUTER_NAMESPACE} on node02ob64`);
    const [, ...events] = recording.cast.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown);
    const shown = (events as [number, string, string][]).map(([, , text]) => text).join('');
    expect(shown).toContain('64 bytes from 119.115.26.136: icmp_seq=3 ttl=64 time=0.383 ms\r\n^C\r\n--- 119.115.26.136 ping statistics ---');
    expect(shown).toContain('rtt min/avg/max/mdev = 0.383/0.553/0.816/0.190 ms');
    expect(shown.trimEnd().endsWith('64 bytes from 119.115.26.133: icmp_seq=3 ttl=64 time=0.497 ms')).toBe(true);
    const times = (events as [number][]).map(([time]) => time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('reads through the ordinary keeper as the walkthrough lab: machines, hypervisors, containers, namespaces, no failed probe', async () => {
    const content = await decodeSnapshot(readFileSync(`${ROOT}${DEMO_LAB_ASSET}`));
    const { inventory } = await readSnapshotInventory(content);
    expect(inventory).toEqual(content.inventory);
    expect(inventory.machines.map((machine) => machine.id).sort()).toEqual(['21', '22', '23', '24', '25', '26', 'controller']);
    const byId = new Map(inventory.machines.map((machine) => [machine.id, machine]));
    for (const compute of ['22', '24', '25']) {
      expect(byId.get(compute)?.roles).toContain('compute');
      expect(byId.get(compute)?.hypervisor).toMatchObject({ kind: 'lxd', computeDriver: 'lxd.LXDDriver' });
    }
    expect(byId.get('26')?.roles).toContain('gateway');
    expect(byId.get('25')?.hostname).toBe('node07ob64');

    const failed = inventory.probes.filter((outcome) => outcome.status === 'failed');
    expect(failed.map((outcome) => `${outcome.machineId} ${outcome.probeId}: ${outcome.error?.message}`)).toEqual([]);
    const problems = inventory.probes.filter((outcome) => outcome.problems.length > 0);
    expect(problems.map((outcome) => `${outcome.machineId} ${outcome.probeId}: ${outcome.problems.map((p) => p.message).join('; ')}`)).toEqual([]);

    // Machine 21 (the database) has no containers: `lxc list --format json` prints [] there, read as an empty list.
    expect(inventory.probes.find((outcome) => outcome.machineId === '21' && outcome.probeId === 'lxc-list')).toMatchObject({ status: 'ok', value: { instances: [] } });

    const juju = inventory.probes.find((outcome) => outcome.probeId === 'juju-status')?.value as JujuStatus;
    expect(juju.applications).toHaveLength(12);
    expect(juju.relations).toHaveLength(38);

    const onNode07 = inventory.probes.find((outcome) => outcome.machineId === '25' && outcome.probeId === 'lxc-list')?.value as LxcList;
    expect(onNode07.instances.map((instance) => instance.name)).toEqual(['instance-00000002', 'instance-0000000c', 'instance-00000012', 'juju-79fcc7-25-lxd-0', 'juju-79fcc7-25-lxd-1']);
    const instance0c = inventory.links.containers.find((link) => link.container === 'instance-0000000c');
    expect(instance0c?.nics[0]).toMatchObject({ bridge: 'qbr1896322c-d4', tap: 'tap1896322c-d4', mac: 'fa:16:3e:54:f9:9d', ovsPort: 'qvo1896322c-d4', vmUuid: 'instance-0000000c' });

    const namespaces = inventory.probes.filter((outcome) => outcome.machineId === '26' && outcome.probeId.startsWith('netns-addr:')).map((outcome) => outcome.probeId);
    expect(namespaces).toHaveLength(4);
    expect(namespaces).toContain(`netns-addr:${DEMO_ROUTER_NAMESPACE}`);
  });

  it('carries OpenStack’s view of the walkthrough: lxd hypervisors, lxc-test-1 as instance-0000000c with its port, floating address and qrouter, no disagreement', async () => {
    const content = await decodeSnapshot(readFileSync(`${ROOT}${DEMO_LAB_ASSET}`));
    const { inventory } = await readSnapshotInventory(content);
    const openstack = inventory.links.openstack!;
    expect(openstack.unavailable).toBeNull();
    expect(openstack.credentials).toEqual({ path: '~/novarc', kind: 'rc-file', cloud: null, chosenBy: 'found' });
    expect(openstack.hypervisors.map((hypervisor) => [hypervisor.hostname, hypervisor.machineId, hypervisor.type])).toEqual([
      ['node03ob64', '22', 'lxd'],
      ['node06ob64', '24', 'lxd'],
      ['node07ob64', '25', 'lxd'],
    ]);
    const server = openstack.servers.find((entry) => entry.name === 'lxc-test-1')!;
    expect(server).toMatchObject({ container: 'instance-0000000c', machineId: '25', containerState: 'RUNNING', floatingIps: ['119.115.26.133'] });
    expect(server.ports).toEqual([expect.objectContaining({ portId: '1896322c-d426-41bf-9973-bbc8d8d22745', containerDevice: 'qbr1896322c-d4', qrouterNamespace: DEMO_ROUTER_NAMESPACE, vlanTag: 1 })]);
    expect(inventory.links.containers.find((link) => link.container === 'instance-0000000c')?.server).toMatchObject({ name: 'lxc-test-1', floatingIps: ['119.115.26.133'] });
    expect(openstack.findings).toEqual([]);
    expect(inventory.probes.filter((outcome) => outcome.probeId.startsWith('openstack-') && outcome.status !== 'ok')).toEqual([]);
  });

  it('keeps the walkthrough profile instance-00000014 with its qbr9e0c6af1-30 nic, and nova.conf passwords never in clear', async () => {
    const content = await decodeSnapshot(readFileSync(`${ROOT}${DEMO_LAB_ASSET}`));
    const profiles = content.inventory.probes.find((outcome) => outcome.machineId === '25' && outcome.probeId === 'lxc-profiles')?.value as { profiles: { name: string; usedBy: string[] | null; devices: Record<string, { parent?: string }> }[] };
    expect(profiles.profiles.find((profile) => profile.name === 'instance-00000014')?.devices['qbr9e0c6af1-30']).toMatchObject({ parent: 'qbr9e0c6af1-30' });
    // Each instance uses its own profile, Juju's containers the default one; 14's instance is still being created.
    const usedBy = Object.fromEntries(profiles.profiles.map((profile) => [profile.name, profile.usedBy]));
    expect(usedBy).toEqual({
      default: ['/1.0/containers/juju-79fcc7-25-lxd-0', '/1.0/containers/juju-79fcc7-25-lxd-1'],
      'instance-00000002': ['/1.0/containers/instance-00000002'],
      'instance-0000000c': ['/1.0/containers/instance-0000000c'],
      'instance-00000012': ['/1.0/containers/instance-00000012'],
      'instance-00000014': [],
    });
    const novaConf = content.commands.find((command) => command.machineId === '25' && command.argv.join(' ') === 'cat /etc/nova/nova.conf');
    expect(novaConf?.stdout).toMatch(/^password = REDACTED$/m);
  });
});
