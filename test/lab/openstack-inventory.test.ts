// The console reads OpenStack on the real lab as it reads the machines: the `openstack` stand-in on
// the controller through ~/novarc found automatically, and every Nova instance container linked to
// its server, its Neutron port (MAC, device), its floating address, the router's qrouter namespace
// and br-int's VLAN tag, both ways. The rc file's password is in nothing the console keeps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InventoryKeeper } from '../../electron/inventory/inventory-keeper';
import { CONTROLLER_MACHINE_ID, type LabInventory } from '../../electron/contract/inventory';
import type { OpenStackLinks } from '../../electron/contract/openstack-model';
import { OPENSTACK_LIST_PROBE_KINDS } from '../../electron/contract/probe-models';
import type { SshConnection } from '../../electron/ssh/ssh-connection';
import { sshController } from '../../electron/lab/lab-controller';
import { labCredentials } from '../support/lab-credentials';
import { labSecrets } from '../support/lab-secrets';
import { allInstances, loadLabManifest, machinesByRole, type LabManifest } from './lab-manifest';

/** A refresh runs ~30 probes plus 12 `openstack` calls (a node start-up each) and the server shows: minutes on a loaded 2-core machine. */
const REFRESH_LIMIT_MS = 600_000;

let lab: LabManifest;
let controller: SshConnection;
let keeper: InventoryKeeper;
let inventory: LabInventory;
let openstack: OpenStackLinks;

beforeAll(async () => {
  lab = loadLabManifest();
  const credentials = labCredentials(lab);
  controller = await credentials.openController();
  keeper = new InventoryKeeper({
    labId: 'lab-000000000014',
    controller: () => sshController(controller),
    routeContext: credentials.routeContext,
    routeChoice: () => 'auto',
    onInventory: () => {},
    onProbe: () => {},
  });
  inventory = await keeper.refresh();
  if (!inventory.links.openstack) throw new Error('the inventory has no OpenStack part: the openstack-credentials probe did not run');
  openstack = inventory.links.openstack;
}, REFRESH_LIMIT_MS);

afterAll(() => {
  keeper?.stop();
  controller?.close();
});

describe('OpenStack read from the real lab', () => {
  it('finds ~/novarc on the controller and reads every list', () => {
    expect(openstack.unavailable).toBeNull();
    expect(openstack.credentials).toEqual({ path: '~/novarc', kind: 'rc-file', cloud: null, chosenBy: 'found' });
    for (const kind of OPENSTACK_LIST_PROBE_KINDS) {
      const outcome = inventory.probes.find((candidate) => candidate.machineId === CONTROLLER_MACHINE_ID && candidate.probeId === kind);
      expect(outcome?.status, `${kind}: ${outcome?.error?.message ?? outcome?.problems[0]?.message ?? 'no outcome'}`).toBe('ok');
    }
  });

  it('links every instance container to its server, port, floating address, qrouter and VLAN tag', () => {
    const instances = allInstances(lab);
    expect(instances.length).toBeGreaterThan(0);
    for (const instance of instances) {
      const server = openstack.servers.find((candidate) => candidate.serverId === instance.uuid);
      expect(server, `server ${instance.uuid} (${instance.displayName})`).toBeDefined();
      expect(server).toMatchObject({ name: instance.displayName, container: instance.name, machineId: instance.machineId, instanceName: instance.name });
      const port = server!.ports.find((candidate) => candidate.portId === instance.portId);
      expect(port, `port ${instance.portId} of ${instance.displayName}`).toBeDefined();
      expect(port!.macAddress?.toLowerCase()).toBe(instance.mac.toLowerCase());
      expect(port!.fixedIps).toContain(instance.fixedAddress);
      expect(port!.containerDevice).toBe(instance.devices.bridge);
      expect(port!.vlanTag).toBe(instance.vlanTag);
      if (instance.floatingAddress) {
        expect(server!.floatingIps).toContain(instance.floatingAddress);
        expect(port!.qrouterNamespace).toBe(lab.gateway.router.namespace);
      }
      const container = inventory.links.containers.find((candidate) => candidate.machineId === instance.machineId && candidate.container === instance.name);
      expect(container?.server, `container ${instance.name}`).toMatchObject({ serverId: instance.uuid, name: instance.displayName, floatingIps: instance.floatingAddress ? [instance.floatingAddress] : [] });
    }
  });

  it('joins each compute node to its lxd hypervisor, and finds no instance missing or unknown', () => {
    for (const machine of machinesByRole(lab, 'compute')) {
      const hypervisor = openstack.hypervisors.find((candidate) => candidate.machineId === machine.id);
      expect(hypervisor, `hypervisor of machine ${machine.id} (${machine.hostname})`).toBeDefined();
    }
    const labContainers = new Set(allInstances(lab).map((instance) => instance.name));
    const aboutLabInstances = openstack.findings.filter((finding) => ['server-container-missing', 'container-unknown-to-nova'].includes(finding.kind) && finding.container !== null && labContainers.has(finding.container));
    expect(aboutLabInstances).toEqual([]);
  });

  it('keeps the rc file’s password out of every command and outcome', async () => {
    const text = JSON.stringify(inventory);
    for (const secret of await labSecrets(lab)) {
      if (secret.label.startsWith('OS_PASSWORD')) expect(text.includes(secret.value), secret.label).toBe(false);
    }
  });
});
