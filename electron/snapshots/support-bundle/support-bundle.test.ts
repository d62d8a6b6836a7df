import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SnapshotContent } from '../../contract/snapshot';
import type { LabInventory } from '../../contract/inventory';
import type { LxcList } from '../../contract/lab-model';
import { InventoryKeeper } from '../../inventory/inventory-keeper';
import { SECRET_MASK } from '../../probes/parsers/secret-masking';
import { readSnapshotFile } from '../snapshot-file';
import { snapshotLab } from '../snapshot-lab';
import { handMadeSnapshot, HAND_MADE_LAB } from '../../../test/support/hand-made-snapshot';
import { everyByteOf, findValues, replaceableIpv4, unicastMacs } from '../../../test/support/bundle-scan';
import { mappingPathFor, writeSupportBundle, type MappingFile } from './support-bundle';
import { ipv4ToNumber } from './ipv4-obfuscation';
import { maskBundleContent } from './bundle-masking';

/** A secret an older console (or a recorded terminal) left in clear: the export must mask it. */
const CLEAR_SECRET = 'Zq8-clear-secret-77';
const FIXED_NOW = () => new Date('2026-12-07T12:00:00.000Z');

let dir: string;

/** The hand-made lab, with a clear secret in an output and in a recording split over two events. */
function sourceSnapshot(): SnapshotContent {
  const content = handMadeSnapshot();
  content.commands.push({ ...content.commands[0]!, argv: ['cat', '/etc/neutron/neutron.conf'], stdout: `[DEFAULT]\nadmin_password = ${CLEAR_SECRET}\n` });
  const header = JSON.stringify({ version: 2, width: 80, height: 24, title: 'lxc exec instance-0000000c' });
  const events = [
    [0.1, 'o', 'root@node03ob64:~# cat /etc/nova/nova.conf\r\n[database]\r\npassword = Zq8-clear-'],
    [0.2, 'o', 'secret-77\r\nmy_ip = 172.27.64.4\r\nlink/ether fa:16:3e:73:c1:de\r\n'],
  ].map((event) => JSON.stringify(event));
  content.recordings.push({ name: 'instance-0000000c on node03ob64.cast', title: 'lxc exec instance-0000000c', cast: `${[header, ...events].join('\n')}\n` });
  return content;
}

async function inventoryOf(content: SnapshotContent): Promise<LabInventory> {
  const keeper = new InventoryKeeper({ ...snapshotLab(content).keeperOptions('lab-bundle-test'), onInventory: () => {}, onProbe: () => {} });
  try {
    return await keeper.refresh();
  } finally {
    keeper.stop();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'obx-bundle-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a support bundle without obfuscation', () => {
  it('is a snapshot the console opens, with a README listed in its manifest, every secret masked, and no mapping', async () => {
    const path = join(dir, 'plain.obxsnap');
    const written = await writeSupportBundle(path, sourceSnapshot(), { obfuscate: false, now: FIXED_NOW });
    expect(written.mappingPath).toBeNull();
    // The hand-made lab's nova.conf comes from fixtures, in clear: masked too, and the two clear secrets added here.
    expect(written.maskedByExport).toBe(maskBundleContent(handMadeSnapshot()).maskedNow + 2);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    await expect(stat(mappingPathFor(path))).rejects.toThrow();

    const reopened = await readSnapshotFile(path);
    expect(reopened.meta.labName).toBe(HAND_MADE_LAB);
    const texts = await everyByteOf(await readFile(path));
    expect(findValues(texts, [{ label: 'the clear secret', value: CLEAR_SECRET }, { label: 'half the split secret', value: 'Zq8-clear-' }], { wholeToken: false })).toEqual([]);
    const readme = texts.find((text) => text.where === 'entry README.txt (inflated)')!.text;
    const manifest = JSON.parse(texts.find((text) => text.where === 'entry manifest.json (inflated)')!.text) as { entries: { name: string }[] };
    expect(manifest.entries[0]!.name).toBe('README.txt');
    expect(readme).toContain(`${written.masked} values are masked in this bundle:`);
    expect(readme).toContain('`cat /etc/neutron/neutron.conf` on machine controller: 1');
    expect(readme).toContain('Nothing: addresses, hostnames and MACs are as the lab had them.');
    // The recording still plays: each event is still JSON, the secret masked where it was split.
    const cast = reopened.recordings[0]!.cast.trim().split('\n').slice(1).map((line) => JSON.parse(line) as [number, string, string]);
    expect(cast.map((event) => event[0])).toEqual([0.1, 0.2]);
    expect(cast.map((event) => event[2]).join('')).toContain(`password = ${SECRET_MASK}`);
    expect(cast[1]![2]).toContain('my_ip = 172.27.64.4');
  });

  it('refuses to overwrite a bundle, or a mapping that is there already, and a folder that does not exist', async () => {
    const taken = join(dir, 'taken.obxsnap');
    await writeFile(taken, 'x');
    await expect(writeSupportBundle(taken, sourceSnapshot(), { obfuscate: false })).rejects.toThrow(`${taken} already exists: the console does not overwrite a file. Choose another name.`);
    const fresh = join(dir, 'fresh.obxsnap');
    await writeFile(mappingPathFor(fresh), '{}');
    await expect(writeSupportBundle(fresh, sourceSnapshot(), { obfuscate: true })).rejects.toThrow(/fresh\.private-mapping\.json already exists \(the mapping of another bundle\?\)/);
    await expect(stat(fresh)).rejects.toThrow();
    await expect(writeSupportBundle(join(dir, 'nowhere', 'x.obxsnap'), sourceSnapshot(), { obfuscate: false })).rejects.toThrow(/the folder .*nowhere does not exist/);
  });
});

describe('an obfuscated support bundle', () => {
  let path: string;
  let source: SnapshotContent;
  let mapping: MappingFile;
  let bundle: SnapshotContent;

  beforeAll(async () => {
    path = join(dir, 'obfuscated.obxsnap');
    source = sourceSnapshot();
    const written = await writeSupportBundle(path, source, { obfuscate: true, now: FIXED_NOW });
    expect(written.mappingPath).toBe(join(dir, 'obfuscated.private-mapping.json'));
    mapping = JSON.parse(await readFile(written.mappingPath!, 'utf8')) as MappingFile;
    bundle = await readSnapshotFile(path);
  });

  it('holds none of the lab\'s addresses, hostnames, MACs or name, compressed or inflated, file names included', async () => {
    const clear = JSON.stringify(source);
    const addresses = [...replaceableIpv4(clear)];
    const macs = [...unicastMacs(clear)];
    expect(addresses).toContain('172.27.64.4');
    expect(macs.length).toBeGreaterThan(3);
    const texts = await everyByteOf(await readFile(path));
    const hostnames = ['OrangeBox64', 'node03ob64', 'node02ob64'];
    expect(
      findValues(
        texts,
        [
          ...addresses.map((value) => ({ label: `address ${value}`, value })),
          ...macs.map((value) => ({ label: `MAC ${value}`, value })),
          ...hostnames.map((value) => ({ label: `hostname ${value}`, value })),
          { label: 'the lab name', value: HAND_MADE_LAB },
        ],
        { wholeToken: true },
      ),
    ).toEqual([]);
    expect(texts.some((text) => text.where === 'the name of entry recordings/001-instance-0000000c-on-host2.cast')).toBe(true);
  });

  it('keeps the mapping out of the bundle, owner-only beside it, naming the bundle and its SHA-256, and mapping back', async () => {
    expect((await stat(join(dir, 'obfuscated.private-mapping.json'))).mode & 0o777).toBe(0o600);
    expect(mapping).toMatchObject({ format: 'orangebox-console-support-mapping', bundle: path, exportedAt: FIXED_NOW().toISOString() });
    const texts = await everyByteOf(await readFile(path));
    expect(texts.map((text) => text.where).filter((where) => /mapping/i.test(where))).toEqual([]);
    expect(findValues(texts, [{ label: 'the mapping format', value: 'orangebox-console-support-mapping' }], { wholeToken: false })).toEqual([]);

    const realHostOf = (obfuscated: string | null) => mapping.mapping.hostnames.find((pair) => pair.obfuscated === obfuscated)?.real;
    expect(bundle.inventory.machines.map((machine) => realHostOf(machine.hostname) ?? machine.hostname)).toEqual(source.inventory.machines.map((machine) => machine.hostname?.toLowerCase() ?? null));
    expect(mapping.mapping.labNames).toEqual([{ real: HAND_MADE_LAB, obfuscated: 'lab1' }]);
    expect(bundle.meta.labName).toBe('lab1');
  });

  it('still reads as a lab whose views agree: containers, their addresses inside the obfuscated networks, the nova.conf settings', async () => {
    const real = await inventoryOf(source);
    const obfuscated = await inventoryOf(bundle);
    const lxc = (inventory: LabInventory) => inventory.probes.find((outcome) => outcome.machineId === '22' && outcome.probeId === 'lxc-list')!.value as LxcList;
    expect(lxc(obfuscated).instances.map((instance) => instance.name)).toEqual(lxc(real).instances.map((instance) => instance.name));
    const networks = mapping.mapping.ipv4Networks;
    const realToObfuscated = new Map(mapping.mapping.ipv4Addresses.map((pair) => [pair.real, pair.obfuscated]));
    lxc(real).instances.forEach((instance, index) => {
      instance.ipv4.forEach((entry, at) => {
        const moved = lxc(obfuscated).instances[index]!.ipv4[at]!.address;
        expect(moved).toBe(realToObfuscated.get(entry.address));
        // In the network its real address was in, moved, with the same host number.
        const network = networks.find((pair) => contains(pair.real, entry.address))!;
        expect(contains(network.obfuscated, moved)).toBe(true);
        expect(ipv4ToNumber(moved) - ipv4ToNumber(network.obfuscated.split('/')[0]!)).toBe(ipv4ToNumber(entry.address) - ipv4ToNumber(network.real.split('/')[0]!));
      });
    });
    const status = (inventory: LabInventory) => inventory.probes.map((outcome) => `${outcome.machineId} ${outcome.probeId} ${outcome.status}`).sort();
    expect(status(obfuscated)).toEqual(status(real));
  });

  it('gives a lab named after its controller the controller\'s one replacement, in its name and in the text', async () => {
    const named = sourceSnapshot();
    named.meta.labName = 'orangebox64';
    named.lab.name = 'orangebox64';
    const written = await writeSupportBundle(join(dir, 'named.obxsnap'), named, { obfuscate: true, now: FIXED_NOW });
    const controller = written.content.inventory.machines.find((machine) => machine.id === 'controller')!.hostname;
    expect(controller).toMatch(/^host\d$/);
    expect(written.content.meta.labName).toBe(controller);
    expect(written.content.lab.name).toBe(controller);
    expect(written.content.commands[0]!.stdout).toBe(`${controller}\n`);
  });

  it('is the same file, byte for byte, when the same snapshot is exported again', async () => {
    const again = join(dir, 'again.obxsnap');
    await writeSupportBundle(again, sourceSnapshot(), { obfuscate: true, now: FIXED_NOW });
    expect((await readFile(again)).equals(await readFile(path))).toBe(true);
  });
});

function contains(cidr: string, address: string): boolean {
  const [base, prefix] = cidr.split('/');
  const mask = (0xffffffff << (32 - Number(prefix))) >>> 0;
  return ((ipv4ToNumber(address) & mask) >>> 0) === ipv4ToNumber(base!);
}
