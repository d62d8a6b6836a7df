// The inventory the console builds of the real lab equals the lab's real state: Juju's machines,
// routes, containers per node, profiles with their nics, namespaces with addresses, packages,
// nova.conf with every secret masked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InventoryKeeper } from '../../electron/inventory/inventory-keeper';
import type { LabInventory, ProbeOutcome } from '../../electron/contract/inventory';
import type { IniFile, JujuStatus, LxcList, LxcProfile, StackPackageList } from '../../electron/contract/lab-model';
import type { SshConnection } from '../../electron/ssh/ssh-connection';
import { installedStackPackages } from '../support/lab-machine-facts';
import { labCredentials } from '../support/lab-credentials';
import { sshController } from '../../electron/lab/lab-controller';
import { loadLabManifest, machineById, machinesByRole, type LabManifest } from './lab-manifest';

let lab: LabManifest;
let controller: SshConnection;
let keeper: InventoryKeeper;
let inventory: LabInventory;
const streamed: ProbeOutcome[] = [];
const publishedInventories: LabInventory[] = [];

const probe = (machineId: string, probeId: string) => inventory.probes.find((outcome) => outcome.machineId === machineId && outcome.probeId === probeId);

beforeAll(async () => {
  lab = loadLabManifest();
  const credentials = labCredentials(lab);
  controller = await credentials.openController();
  keeper = new InventoryKeeper({
    labId: 'lab-000000000042',
    controller: () => sshController(controller),
    routeContext: credentials.routeContext,
    routeChoice: () => 'auto',
    onInventory: (published) => publishedInventories.push(published),
    onProbe: (outcome) => streamed.push(outcome),
  });
  inventory = await keeper.refresh();
});

afterAll(() => {
  keeper?.stop();
  controller?.close();
});

describe('the live inventory of the real lab', () => {
  it('lists exactly the machines Juju reports, with roles from their charms', () => {
    const ids = inventory.machines.map((machine) => machine.id);
    expect(ids).toEqual(['controller', ...lab.machines.map((machine) => machine.id).sort((a, b) => Number(a) - Number(b))]);
    for (const machine of lab.machines) {
      const seen = inventory.machines.find((candidate) => candidate.id === machine.id)!;
      expect(seen.address).toBe(machine.address);
      expect(seen.hostname).toBe(machine.hostname);
      const expectedRole = machine.role === 'control' ? 'control' : machine.role;
      expect(seen.roles).toContain(expectedRole);
    }
  });

  it('reaches each machine by the right route, explaining the juju ssh fallback', () => {
    for (const machine of lab.machines) {
      const seen = inventory.machines.find((candidate) => candidate.id === machine.id)!;
      expect(seen.routeError, machine.id).toBeNull();
      expect(seen.route?.kind, machine.id).toBe(machine.userKeyAccepted ? 'jump' : 'juju-ssh');
    }
    expect(inventory.machines.find((machine) => machine.id === '23')!.route!.note).toMatch(/refused every credential/);
  });

  it('shows each node’s own containers, exactly', () => {
    for (const machine of lab.machines.filter((candidate) => candidate.containers.length > 0)) {
      const list = probe(machine.id, 'lxc-list');
      expect(list?.status, machine.id).toBe('ok');
      expect((list!.value as LxcList).instances.map((instance) => instance.name).sort()).toEqual([...machine.containers].sort());
    }
    const instance = machineById(lab, '22').instances[0]!;
    const seen = (probe('22', 'lxc-list')!.value as LxcList).instances.find((candidate) => candidate.name === instance.name)!;
    expect(seen.state).toMatch(/running/i);
    expect(seen.ipv4.map((address) => address.address)).toContain(instance.fixedAddress);
  });

  it('reads each Nova instance’s profile: the qbr nic with its tap and MAC, and the limits', () => {
    for (const machine of machinesByRole(lab, 'compute')) {
      const profiles = probe(machine.id, 'lxc-profiles');
      expect(profiles?.status, machine.id).toBe('ok');
      for (const instance of machine.instances) {
        const value = (profiles!.value as { profiles: LxcProfile[] }).profiles.find((profile) => profile.name === instance.profile)!;
        expect(value, instance.profile).toBeDefined();
        const nic = Object.values(value.devices).find((device) => device.type === 'nic')!;
        expect(nic).toMatchObject({ parent: instance.devices.bridge, host_name: instance.devices.tap, hwaddr: instance.mac });
        expect(value.config['limits.memory']).toBe(instance.limits.memory);
      }
    }
  });

  it('finds the gateway’s namespaces and their addresses, floating ones included', () => {
    const gateway = lab.gateway;
    const netns = probe(gateway.machineId, 'ip-netns');
    expect(netns?.status).toBe('ok');
    const names = (netns!.value as { namespaces: { name: string; kind: string }[] }).namespaces.map((namespace) => namespace.name).sort();
    expect(names).toEqual(gateway.namespaces.map((namespace) => namespace.name).sort());
    const router = probe(gateway.machineId, `netns-addr:${gateway.router.namespace}`);
    expect(router?.status).toBe('ok');
    const addresses = (router!.value as { interfaces: { addresses: { address: string; prefixLength: number | null }[] }[] }).interfaces.flatMap((iface) =>
      iface.addresses.map((address) => `${address.address}/${address.prefixLength}`),
    );
    for (const expected of gateway.namespaces.find((namespace) => namespace.kind === 'qrouter')!.addresses) expect(addresses).toContain(expected);
  });

  it('masks every nova.conf secret and reads the hypervisor driver', () => {
    for (const machine of machinesByRole(lab, 'compute')) {
      const novaConf = probe(machine.id, 'nova-conf');
      expect(novaConf?.status, machine.id).toBe('ok');
      const text = JSON.stringify(novaConf);
      for (const secret of Object.values(lab.nova.secrets)) expect(text).not.toContain(secret);
      // The file as shown keeps every line, the password lines with the key and the mask.
      expect((novaConf!.value as IniFile).text).toMatch(/^password = ••••••$/m);
      expect((novaConf!.value as IniFile).masked.length).toBeGreaterThanOrEqual(Object.keys(lab.nova.secrets).length);
      const computeConf = probe(machine.id, 'nova-compute-conf')!.value as IniFile;
      expect(JSON.stringify(computeConf)).toContain('lxd.LXDDriver');
    }
  });

  it('lists, on every compute node, exactly the stack packages dpkg has there, with their versions', async () => {
    for (const machine of machinesByRole(lab, 'compute')) {
      const installed = (await installedStackPackages(lab, machine)).map((entry) => `${entry.name} ${entry.version} ${entry.arch}`);
      const packages = probe(machine.id, 'packages')!.value as StackPackageList;
      expect(packages.packages.filter((entry) => entry.status === 'ii').map((entry) => `${entry.name} ${entry.version} ${entry.arch}`).sort(), machine.id).toEqual(installed.sort());
      expect(packages.packages.slice(0, 2).map((entry) => entry.name), machine.id).toEqual(['lxd', 'lxd-client']);
    }
  });

  it('works out each compute node’s hypervisor from its own nova-compute.conf, with the line', () => {
    for (const machine of machinesByRole(lab, 'compute')) {
      const seen = inventory.machines.find((candidate) => candidate.id === machine.id)!;
      const computeConf = probe(machine.id, 'nova-compute-conf')!.value as IniFile;
      expect(seen.hypervisor, machine.id).toMatchObject({ kind: 'lxd', computeDriver: machine.nova!.computeDriver, source: { file: machine.nova!.novaComputeConf, line: computeConf.lines['DEFAULT.compute_driver'] }, warning: null });
      expect(computeConf.text.split('\n')[computeConf.lines['DEFAULT.compute_driver']! - 1]).toMatch(new RegExp(`^compute_driver *= *${machine.nova!.computeDriver.replace('.', '\\.')}$`));
    }
    for (const machine of inventory.machines.filter((candidate) => !candidate.roles.includes('compute'))) expect(machine.hypervisor, machine.id).toBeNull();
  });

  it('gets the Juju model from the controller', () => {
    const status = probe('controller', 'juju-status')!.value as JujuStatus;
    expect(status.model).toMatchObject({ name: lab.juju.model, controller: lab.juju.controller, version: lab.juju.version });
    expect(Object.keys(lab.juju.units).every((unit) => status.units.some((seen) => seen.name === unit))).toBe(true);
  });

  it('links each Nova container to its node, profile, nic, OVS port and Neutron port', () => {
    for (const machine of machinesByRole(lab, 'compute')) {
      for (const instance of machine.instances) {
        const link = inventory.links.containers.find((candidate) => candidate.container === instance.name)!;
        expect(link, instance.name).toBeDefined();
        expect(link.machineId).toBe(machine.id);
        expect(link.profiles).toContain(instance.profile);
        expect(link.nics).toContainEqual({
          device: instance.devices.bridge,
          bridge: instance.devices.bridge,
          tap: instance.devices.tap,
          mac: instance.mac,
          ovsPort: instance.devices.qvo,
          neutronPortId: instance.portId,
          vmUuid: instance.ovsVmUuid,
        });
      }
    }
  });

  it('links each Juju container machine to its LXD container and the units in it', () => {
    for (const container of lab.juju.containers) {
      const link = inventory.links.containers.find((candidate) => candidate.container === container.name)!;
      expect(link, container.name).toBeDefined();
      expect(link.machineId).toBe(container.hostMachineId);
      expect(link.jujuMachineId).toBe(container.machineId);
      expect(link.units).toContain(container.unit);
    }
  });

  it('streamed every outcome as it came, each with its time and duration', () => {
    expect(streamed.length).toBe(inventory.probes.length);
    expect(streamed.every((outcome) => Number.isFinite(outcome.durationMs) && !Number.isNaN(Date.parse(outcome.startedAt)))).toBe(true);
    expect(inventory.probes.filter((outcome) => outcome.status === 'failed').map((outcome) => `${outcome.machineId} ${outcome.probeId}: ${outcome.error?.message}`)).toEqual([]);
  });
});

// Last: it refreshes again, and the tests above read the first refresh.
describe('the next refresh of the real lab', () => {
  it('keeps each machine’s name and hypervisor through the next refresh (a terminal opened meanwhile is titled by its host)', async () => {
    publishedInventories.length = 0;
    await keeper.refresh();
    const during = publishedInventories.filter((published) => published.machines.length > 1);
    expect(during.length).toBeGreaterThan(1);
    for (const published of during) {
      for (const machine of lab.machines) {
        const seen = published.machines.find((candidate) => candidate.id === machine.id)!;
        expect(seen.hostname, `machine ${machine.id} while refreshing`).toBe(machine.hostname);
        if (machine.role === 'compute') expect(seen.hypervisor?.kind, `machine ${machine.id} while refreshing`).toBe('lxd');
      }
    }
    expect(keeper.session.nameOf('22')).toBe(machineById(lab, '22').hostname);
  });
});
