// Support bundles of the real lab. Every byte of a bundle, as written (compressed) and each entry
// inflated, is searched for the lab's real secrets, read from the lab itself (its nova.conf
// passwords, the passwords in its secrets file, every private key under its folder): none is there,
// with or without obfuscation. An obfuscated bundle, exported straight from the live lab by
// `orangebox-console snapshot export`, holds none of the lab's IPv4 addresses, hostnames or MACs
// either; and an obfuscated bundle still opens (readSnapshotFile and the core's snapshots.open) and
// agrees with itself: every instance's address is inside its router port's network, the plumbing
// chain (tap, qbr, qvb/qvo, MAC, Neutron port) links as it did, and the mapping maps back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InventoryKeeper } from '../../electron/inventory/inventory-keeper';
import { sshController } from '../../electron/lab/lab-controller';
import type { ContainerLink, LabInventory } from '../../electron/contract/inventory';
import type { IpAddr, LxcList } from '../../electron/contract/lab-model';
import type { ConnectionState } from '../../electron/contract/payloads';
import type { RequestOutcome } from '../../electron/contract/console-contract';
import type { SnapshotContent } from '../../electron/contract/snapshot';
import type { SshConnection } from '../../electron/ssh/ssh-connection';
import { runSnapshotCommand } from '../../electron/cli/snapshot-command';
import { captureSnapshot } from '../../electron/snapshots/capture';
import { readSnapshotFile } from '../../electron/snapshots/snapshot-file';
import { snapshotLab } from '../../electron/snapshots/snapshot-lab';
import { writeSupportBundle, type MappingFile } from '../../electron/snapshots/support-bundle/support-bundle';
import { ipv4ToNumber } from '../../electron/snapshots/support-bundle/ipv4-obfuscation';
import { OBFUSCATED_MAC_PREFIX } from '../../electron/snapshots/support-bundle/mac-obfuscation';
import { everyByteOf, findValues, replaceableIpv4, unicastMacs, type ArchiveText } from '../support/bundle-scan';
import { makeCoreFixture } from '../support/core-fixture';
import { labCredentials } from '../support/lab-credentials';
import { labSecrets, type LabSecret } from '../support/lab-secrets';
import { allInstances, loadLabManifest, type LabManifest } from './lab-manifest';

const LAB_NAME = 'OrangeBox lab';

let lab: LabManifest;
let credentials: ReturnType<typeof labCredentials>;
let connection: SshConnection;
let content: SnapshotContent;
let dir: string;
let secrets: LabSecret[];

/** The lab's real addresses, hostnames and MACs: from what it printed (package listings aside) and from its manifest. */
function labIdentifiers(source: SnapshotContent): { label: string; value: string }[] {
  const printed = JSON.stringify([
    source.commands.filter((command) => command.argv[0] !== 'dpkg'),
    source.inventory.machines,
    source.inventory.probes.filter((outcome) => outcome.probeId !== 'packages'),
    source.inventory.links,
    source.lab,
    source.routes,
  ]);
  const addresses = replaceableIpv4(printed);
  for (const instance of allInstances(lab)) for (const address of [instance.fixedAddress, instance.floatingAddress]) if (address) addresses.add(address);
  for (const namespace of lab.gateway.namespaces) for (const cidr of namespace.addresses) addresses.add(cidr.split('/')[0]!);
  for (const container of lab.juju.containers) addresses.add(container.address);
  const macs = unicastMacs(printed);
  for (const instance of allInstances(lab)) macs.add(instance.mac.toLowerCase());
  const hostnames = new Set([lab.controller.hostname, ...lab.machines.map((machine) => machine.hostname)]);
  for (const machine of source.inventory.machines) if (machine.hostname) hostnames.add(machine.hostname);
  // Sanity: the lab really has these to hide.
  expect(addresses.size).toBeGreaterThan(20);
  expect(macs.size).toBeGreaterThan(10);
  expect(hostnames.size).toBe(lab.machines.length + 1);
  return [
    ...[...addresses].map((value) => ({ label: `address ${value}`, value })),
    ...[...macs].map((value) => ({ label: `MAC ${value}`, value })),
    ...[...hostnames].map((value) => ({ label: `hostname ${value}`, value })),
    { label: 'the lab name', value: LAB_NAME },
  ];
}

async function inventoryOf(snapshot: SnapshotContent): Promise<LabInventory> {
  const keeper = new InventoryKeeper({ ...snapshotLab(snapshot).keeperOptions('lab-bundle-reread'), onInventory: () => {}, onProbe: () => {} });
  try {
    return await keeper.refresh();
  } finally {
    keeper.stop();
  }
}

beforeAll(async () => {
  lab = loadLabManifest();
  credentials = labCredentials(lab);
  connection = await credentials.openController();
  const controller = sshController(connection);
  content = await captureSnapshot({
    lab: { id: 'lab-000000000081', name: LAB_NAME, controller: { kind: 'ssh', host: lab.controller.address, port: 22, user: lab.user, identityFile: lab.userKey, sshConfigHost: null }, routes: {} },
    controller: () => controller,
    routeContext: credentials.routeContext,
    routeChoice: () => 'auto',
  });
  dir = await mkdtemp(join(tmpdir(), 'obx-bundle-lab-'));
  secrets = await labSecrets(lab);
  expect(secrets.filter((secret) => secret.label.startsWith('nova secret')).length).toBeGreaterThan(0);
  expect(secrets.some((secret) => secret.label.includes('juju_id_rsa'))).toBe(true);
});

afterAll(async () => {
  connection?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a support bundle of the real lab, not obfuscated', () => {
  it('holds none of the lab\'s secrets in any byte, compressed or inflated, and says what it masked', async () => {
    const path = join(dir, 'plain.obxsnap');
    const written = await writeSupportBundle(path, content, { obfuscate: false });
    expect(written.masked).toBeGreaterThan(0);
    const texts = await everyByteOf(await readFile(path));
    expect(findValues(texts, secrets, { wholeToken: false })).toEqual([]);
    const readme = texts.find((text) => text.where === 'entry README.txt (inflated)')!.text;
    expect(readme).toMatch(/`cat \/etc\/nova\/nova\.conf` on machine \d+: [1-9]/);
    expect((await readSnapshotFile(path)).inventory.machines.map((machine) => machine.hostname)).toEqual(content.inventory.machines.map((machine) => machine.hostname));
    // The scan the obfuscated bundles pass below does find the lab in a bundle that is not obfuscated.
    const identifiers = labIdentifiers(content);
    const found = findValues(texts, identifiers, { wholeToken: true });
    for (const kind of ['address 198.51.100.', 'MAC fa:16:3e:', `hostname ${lab.machines[0]!.hostname}`, 'the lab name']) expect(found.some((finding) => finding.startsWith(kind)), kind).toBe(true);
  });
});

describe('orangebox-console snapshot export --obfuscate, straight from the live lab', () => {
  let bundle: string;
  let texts: ArchiveText[];
  let mapping: MappingFile;

  beforeAll(async () => {
    bundle = join(dir, 'live-support.obxsnap');
    const out: string[] = [];
    const err: string[] = [];
    const code = await runSnapshotCommand(
      ['export', `${lab.user}@${lab.controller.address}`, '-i', lab.userKey, '--known-hosts', lab.knownHosts, '--name', LAB_NAME, '-o', bundle, '--obfuscate'],
      { out: (text) => out.push(text), err: (text) => err.push(text) },
    );
    expect(err.join('\n')).toBe('');
    // 4 would be a machine or probe that failed while another test stopped it: the bundle is written all the same.
    expect([0, 4]).toContain(code);
    expect(out.join('\n')).toContain(`Mapping back to the real values: ${join(dir, 'live-support.private-mapping.json')}`);
    texts = await everyByteOf(await readFile(bundle));
    mapping = JSON.parse(await readFile(join(dir, 'live-support.private-mapping.json'), 'utf8')) as MappingFile;
  });

  it('holds none of the lab\'s secrets in any byte, compressed or inflated', () => {
    expect(findValues(texts, secrets, { wholeToken: false })).toEqual([]);
  });

  it('holds none of the lab\'s IPv4 addresses, hostnames, MACs or its name, file names included', () => {
    expect(findValues(texts, labIdentifiers(content), { wholeToken: true })).toEqual([]);
  });

  it('keeps the mapping out of the bundle, and it maps every machine\'s hostname back', async () => {
    expect(texts.some((text) => /mapping/i.test(text.where))).toBe(false);
    const opened = await readSnapshotFile(bundle);
    for (const machine of opened.inventory.machines) {
      const real = mapping.mapping.hostnames.find((pair) => pair.obfuscated === machine.hostname)?.real;
      expect(real, `machine ${machine.id}`).toBe(content.inventory.machines.find((other) => other.id === machine.id)?.hostname?.toLowerCase());
    }
  });
});

describe('an obfuscated bundle of the real lab', () => {
  let bundle: string;
  let mapping: MappingFile;
  let opened: SnapshotContent;
  let real: LabInventory;
  let obfuscated: LabInventory;

  beforeAll(async () => {
    bundle = join(dir, 'support.obxsnap');
    const written = await writeSupportBundle(bundle, content, { obfuscate: true });
    mapping = JSON.parse(await readFile(written.mappingPath!, 'utf8')) as MappingFile;
    opened = await readSnapshotFile(bundle);
    real = await inventoryOf(content);
    obfuscated = await inventoryOf(opened);
  });

  it('opens in the console core as a snapshot named lab1, its machines host1…', async () => {
    const fixture = await makeCoreFixture();
    try {
      const outcome = (await fixture.core.dispatch('snapshots.open', { path: bundle })) as RequestOutcome<ConnectionState>;
      if (!outcome.ok) throw new Error(outcome.error.message);
      expect(outcome.result.labName).toBe('lab1');
      const inventory = (await fixture.core.dispatch('inventory.get', null)) as RequestOutcome<LabInventory>;
      if (!inventory.ok) throw new Error(inventory.error.message);
      expect(inventory.result.machines.map((machine) => machine.hostname).sort()).toEqual(mapping.mapping.hostnames.map((pair) => pair.obfuscated).sort());
    } finally {
      await fixture.dispose();
    }
  });

  it('reads the same probes with the same outcomes as the capture it came from', () => {
    const statuses = (inventory: LabInventory) => inventory.probes.map((outcome) => `${outcome.machineId} ${outcome.probeId} ${outcome.status}`).sort();
    expect(statuses(obfuscated)).toEqual(statuses(real));
  });

  it('puts every instance\'s address inside the network of its router port, as in the lab, with the same host number', () => {
    const router = lab.gateway.router.namespace;
    const routerAddresses = (inventory: LabInventory) =>
      (inventory.probes.find((outcome) => outcome.probeId === `netns-addr:${router}`)!.value as IpAddr).interfaces.flatMap((face) => face.addresses.filter((entry) => entry.family === 'inet').map((entry) => ({ device: face.name, ...entry })));
    const addressOf = (inventory: LabInventory, container: string) =>
      inventory.probes.filter((outcome) => outcome.probeId === 'lxc-list').flatMap((outcome) => (outcome.value as LxcList).instances).find((instance) => instance.name === container)?.ipv4[0]?.address;
    let checked = 0;
    for (const instance of allInstances(lab)) {
      const realAddress = addressOf(real, instance.name);
      if (!realAddress) continue; // stopped by another test at capture time
      const moved = addressOf(obfuscated, instance.name)!;
      expect(moved.startsWith('240.'), instance.name).toBe(true);
      const network = lab.networks.find((candidate) => candidate.name === instance.networkName)!;
      const port = routerAddresses(obfuscated).find((entry) => entry.device === network.routerDevice)!;
      expect(within(moved, port.address, port.prefixLength!), `${instance.name} ${moved} in ${port.device} ${port.address}/${port.prefixLength}`).toBe(true);
      expect(hostNumber(moved, port.prefixLength!)).toBe(hostNumber(realAddress, port.prefixLength!));
      expect(mapping.mapping.ipv4Addresses.find((pair) => pair.real === realAddress)?.obfuscated).toBe(moved);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(1);
  });

  it('links every instance\'s plumbing as before: tap, qbr, qvo, Neutron port, and the MAC mapped through the mapping', () => {
    const macBack = new Map(mapping.mapping.macs.map((pair) => [pair.obfuscated, pair.real]));
    const instances = new Set(allInstances(lab).map((instance) => instance.name));
    const nova = (links: ContainerLink[]) => links.filter((link) => instances.has(link.container)).sort((a, b) => a.container.localeCompare(b.container));
    const moved = nova(obfuscated.links.containers);
    expect(moved.length).toBeGreaterThan(1);
    for (const link of moved) {
      expect(link.nics.length, link.container).toBeGreaterThan(0);
      for (const nic of link.nics) expect(nic.mac?.startsWith(OBFUSCATED_MAC_PREFIX), `${link.container} ${nic.device}`).toBe(true);
    }
    // A Nova server's floating addresses are the lab's addresses too: obfuscated, and mapped back.
    const addressBack = new Map(mapping.mapping.ipv4Addresses.map((pair) => [pair.obfuscated, pair.real]));
    const realAddresses = new Set(mapping.mapping.ipv4Addresses.map((pair) => pair.real));
    const floating = moved.flatMap((link) => link.server?.floatingIps ?? []);
    expect(floating.length).toBeGreaterThan(0);
    for (const address of floating) expect(realAddresses.has(address), address).toBe(false);
    const serverBack = (server: ContainerLink['server']) => (server ? { ...server, floatingIps: server.floatingIps.map((address) => addressBack.get(address) ?? address) } : server);
    const readBack = moved.map((link) => ({ ...link, server: serverBack(link.server), nics: link.nics.map((nic) => ({ ...nic, mac: nic.mac ? (macBack.get(nic.mac) ?? nic.mac) : null })) }));
    expect(readBack).toEqual(nova(real.links.containers));
    for (const link of readBack) expect(link.nics.every((nic) => nic.tap && nic.bridge && nic.ovsPort && nic.neutronPortId), link.container).toBe(true);
  });
});

function within(address: string, networkAddress: string, prefix: number): boolean {
  const mask = (0xffffffff << (32 - prefix)) >>> 0;
  return ((ipv4ToNumber(address) & mask) >>> 0) === ((ipv4ToNumber(networkAddress) & mask) >>> 0);
}

function hostNumber(address: string, prefix: number): number {
  return ipv4ToNumber(address) & ((1 << (32 - prefix)) - 1);
}
