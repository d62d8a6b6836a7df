// A lab whose controller is this computer: no SSH to the controller; `juju` runs locally (with
// the environment the lab gives its controller), machines are reached by SSH straight from here,
// or by `juju ssh` run here when they refuse the engineer's key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LabLink, type LabLinkState } from '../../electron/lab/lab-link';
import { InventoryKeeper } from '../../electron/inventory/inventory-keeper';
import type { LabInventory } from '../../electron/contract/inventory';
import type { LabSession } from '../../electron/lab/lab-session';
import { captureSnapshot } from '../../electron/snapshots/capture';
import { snapshotLab } from '../../electron/snapshots/snapshot-lab';
import { resolveSshHost } from '../../electron/ssh-config/ssh-config-hosts';
import { labCredentials } from '../support/lab-credentials';
import { loadLabManifest, machineById, type LabManifest } from './lab-manifest';

let lab: LabManifest;
let link: LabLink;
const states: LabLinkState[] = [];
const savedEnv = { ...process.env };

/** The controller's environment, exactly as its sshd hands it to every session (SetEnv). */
function controllerEnvironment(): Record<string, string> {
  const config = readFileSync(join(lab.labDir, 'endpoints', 'controller', 'sshd_config'), 'utf8');
  const line = config.split('\n').find((candidate) => candidate.startsWith('SetEnv '))!;
  return Object.fromEntries(line.slice('SetEnv '.length).split(' ').map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
}

beforeAll(async () => {
  lab = loadLabManifest();
  Object.assign(process.env, controllerEnvironment());
  const credentials = labCredentials(lab);
  link = new LabLink(
    {
      id: 'lab-000000local1',
      name: 'this computer',
      createdAt: new Date().toISOString(),
      routes: {},
      controller: { kind: 'local', host: 'localhost', port: 22, user: lab.user, identityFile: lab.userKey, sshConfigHost: null },
    },
    { hostKeys: credentials.hostKeys, passphrases: { passphraseFor: async () => null }, resolveHost: (name) => resolveSshHost(name), agentSocket: null, onState: (state) => states.push(state) },
  );
});

afterAll(() => {
  link?.disconnect();
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
});

describe('a lab whose controller is this computer', () => {
  it('connects without SSH and says so', async () => {
    const controller = await link.connect();
    expect(controller.transport.kind).toBe('local');
    expect(controller.jumpHost).toBeNull();
    expect(states.at(-1)).toMatchObject({ phase: 'connected', detail: expect.stringMatching(/^this computer .*machines as ubuntu$/) });
  });

  it('builds the same inventory: Juju run here, machines by direct SSH or juju ssh', async () => {
    const credentials = labCredentials(lab);
    const keeper = new InventoryKeeper({
      labId: 'lab-000000local1',
      controller: () => link.controller,
      routeContext: credentials.routeContext,
      routeChoice: () => 'auto',
      onInventory: () => {},
      onProbe: () => {},
    });
    const inventory = await keeper.refresh();
    keeper.stop();
    expect(inventory.machines.map((machine) => machine.id)).toEqual(['controller', ...lab.machines.map((machine) => machine.id)]);
    const direct = inventory.machines.find((machine) => machine.id === '22')!;
    expect(direct.route).toMatchObject({ kind: 'jump', label: `${lab.user}@${machineById(lab, '22').address}:22` });
    expect(inventory.machines.find((machine) => machine.id === '23')!.route).toMatchObject({ kind: 'juju-ssh', label: 'juju ssh 23 on this computer' });
    expect(inventory.probes.filter((outcome) => outcome.status === 'failed').map((outcome) => `${outcome.machineId} ${outcome.probeId}: ${outcome.error?.message}`)).toEqual([]);
  });

  // The capture reads the lab through a live session on this computer (its inventory, secrets
  // masked, is kept in the file); a session on the file must read the same from its outputs.
  it('gives the same inventory through a session on this computer and through a session on its capture', async () => {
    const credentials = labCredentials(lab);
    const routing = { controller: () => link.controller, routeContext: credentials.routeContext, routeChoice: () => 'auto' as const };
    const content = await captureSnapshot({ lab: { id: 'lab-000000local2', name: 'this computer', controller: { kind: 'local', host: 'localhost', port: 22, user: lab.user, identityFile: lab.userKey, sshConfigHost: null } }, ...routing });
    const readThrough = async (session: LabSession): Promise<LabInventory> => {
      const keeper = new InventoryKeeper({ labId: session.labId, session, onInventory: () => {}, onProbe: () => {} });
      try {
        return await keeper.refresh();
      } finally {
        keeper.stop();
      }
    };
    const reread = await readThrough(snapshotLab(content).session('lab-000000local2'));
    const machines = (inventory: LabInventory) => inventory.machines.map(({ id, hostname, roles, route, routeError }) => ({ id, hostname, roles, route, routeError }));
    const values = (inventory: LabInventory) => inventory.probes.map((outcome) => ({ key: `${outcome.machineId} ${outcome.probeId}`, status: outcome.status, value: outcome.value })).sort((a, b) => a.key.localeCompare(b.key));
    expect(machines(reread)).toEqual(machines(content.inventory));
    expect(values(reread)).toEqual(values(content.inventory));
    // Links follow the order probes answered in, which parallel reads do not fix.
    const links = (inventory: LabInventory) => [...inventory.links.containers].sort((x, y) => `${x.machineId}/${x.container}`.localeCompare(`${y.machineId}/${y.container}`));
    expect(links(reread)).toEqual(links(content.inventory));
  });
});
