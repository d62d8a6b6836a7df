// Issue 13 §2 on the real lab: the console's probes read the gateway's qrouter NAT rules (a
// floating ↔ fixed pair for each floating address the lab made, DNAT and SNAT), its neighbour
// table (the instances the router has just pinged, with their MACs), its routes (a default one),
// a dnsmasq for each qdhcp network, and the machines' own routes, neighbours and rules.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InventoryKeeper } from '../../electron/inventory/inventory-keeper';
import type { LabInventory } from '../../electron/contract/inventory';
import { probeValue } from '../../electron/contract/probe-models';
import type { SshConnection } from '../../electron/ssh/ssh-connection';
import { labCredentials } from '../support/lab-credentials';
import { sshController } from '../../electron/lab/lab-controller';
import { loadLabManifest, type LabManifest } from './lab-manifest';

const run = promisify(execFile);
/** One echo each, so the router's ARP table holds the instances: bounded, never a flood. */
const PING_TIMEOUT_MS = 10_000;

let lab: LabManifest;
let controller: SshConnection;
let keeper: InventoryKeeper;
let inventory: LabInventory;
/** The instances that answered the router's ping (another test's fault can leave one unreachable). */
const answered = new Set<string>();

const outcome = (machineId: string, probeId: string) => inventory.probes.find((candidate) => candidate.machineId === machineId && candidate.probeId === probeId);
const instances = () => lab.machines.flatMap((machine) => machine.instances);

beforeAll(async () => {
  lab = loadLabManifest();
  // The router talks to each instance once, as traffic through it would make it.
  for (const instance of instances()) {
    const ping = run('ip', ['netns', 'exec', lab.gateway.router.namespace, 'ping', '-c', '1', '-W', '2', instance.fixedAddress], { timeout: PING_TIMEOUT_MS });
    if (await ping.then(() => true, () => false)) answered.add(instance.name);
  }
  const credentials = labCredentials(lab);
  controller = await credentials.openController();
  keeper = new InventoryKeeper({
    labId: 'lab-000000000013',
    controller: () => sshController(controller),
    routeContext: credentials.routeContext,
    routeChoice: () => 'auto',
    onInventory: () => {},
    onProbe: () => {},
  });
  inventory = await keeper.refresh();
}, 180_000);

afterAll(() => {
  keeper?.stop();
  controller?.close();
});

describe('the namespace and machine tables of the real lab', () => {
  it('reads the qrouter’s nft rules with a DNAT and SNAT pair for every floating address the lab made', () => {
    const read = outcome(lab.gateway.machineId, `netns-firewall:${lab.gateway.router.namespace}`);
    expect(read?.status, read?.error?.message).toBe('ok');
    const rules = probeValue(read, 'netns-firewall')!;
    expect(rules.source).toBe('nft');
    expect(rules.rules.some((rule) => `${rule.family} ${rule.table}` === lab.gateway.natTable)).toBe(true);
    const expected = [
      ...instances().filter((instance) => instance.floatingAddress).map((instance) => ({ floating: instance.floatingAddress!, fixed: instance.fixedAddress })),
      ...lab.gateway.floatingIps.map((ip) => ({ floating: ip.address, fixed: ip.fixedAddress })),
      { floating: lab.gateway.deadAddress, fixed: lab.gateway.deadFixedAddress },
    ];
    expect(expected.length).toBeGreaterThan(1);
    for (const pair of expected) expect(rules.natPairs, `${pair.floating} ↔ ${pair.fixed}`).toContainEqual({ ...pair, dnat: true, snat: true });
    // The router's own SNAT of its networks is no floating pair.
    expect(rules.natPairs.some((pair) => pair.floating === lab.gateway.externalNetwork.gatewayPortAddress)).toBe(false);
  });

  it('reads the qrouter’s neighbours: each instance it pinged on its network’s qr- port, with its MAC when it answered', () => {
    const read = outcome(lab.gateway.machineId, `netns-neigh:${lab.gateway.router.namespace}`);
    expect(read?.status, read?.error?.message).toBe('ok');
    const entries = probeValue(read, 'netns-neigh')!.entries;
    expect(answered.size, 'no instance answered the router: is the lab up?').toBeGreaterThan(0);
    for (const instance of instances()) {
      const network = lab.networks.find((candidate) => candidate.id === instance.network)!;
      const expected = answered.has(instance.name) ? { mac: instance.mac } : {};
      expect(entries, instance.name).toContainEqual(expect.objectContaining({ address: instance.fixedAddress, device: network.routerDevice, ...expected }));
    }
  });

  it('reads the qrouter’s routes with a default route out of its qg- port', () => {
    const routes = probeValue(outcome(lab.gateway.machineId, `netns-route:${lab.gateway.router.namespace}`), 'netns-route')!.routes;
    expect(routes.find((route) => route.destination === 'default')).toMatchObject({ device: lab.gateway.externalNetwork.device });
  });

  it('finds a dnsmasq for each qdhcp network, by the network id in its files’ paths, on its tap', () => {
    const read = outcome(lab.gateway.machineId, 'dnsmasq-processes');
    expect(read?.status, read?.error?.message).toBe('ok');
    const processes = probeValue(read, 'dnsmasq-processes')!.processes;
    for (const network of lab.networks) expect(processes, network.name).toContainEqual(expect.objectContaining({ networkId: network.id, interface: network.dhcpDevice }));
    const qdhcp = lab.gateway.namespaces.filter((namespace) => namespace.kind === 'qdhcp');
    expect(qdhcp.length).toBe(lab.networks.length);
  });

  it('reads no rule in a qdhcp namespace, and every machine’s own routes, neighbours and rules through sudo -n', () => {
    for (const namespace of lab.gateway.namespaces.filter((candidate) => candidate.kind === 'qdhcp')) {
      const read = outcome(lab.gateway.machineId, `netns-firewall:${namespace.name}`);
      expect(read?.status, read?.error?.message).toBe('ok');
      expect(probeValue(read, 'netns-firewall')!.natPairs).toEqual([]);
    }
    const machines = lab.machines.filter((machine) => machine.role === 'compute' || machine.role === 'gateway');
    for (const machine of machines) {
      for (const probeId of ['routes', 'neigh', 'firewall']) {
        const read = outcome(machine.id, probeId);
        expect(read?.status, `${probeId} on ${machine.id}: ${read?.error?.message}`).toBe('ok');
      }
      expect(probeValue(outcome(machine.id, 'routes'), 'routes')!.routes.length, machine.id).toBeGreaterThan(0);
    }
  });
});
