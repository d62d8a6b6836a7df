// Routes to the lab's machines: jump through the controller where the machine takes the
// engineer's key, `juju ssh` where it does not (machine 23), and overrides either way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMachineRoute, type RouteContext } from '../../electron/lab/machine-routes';
import { ConsoleError } from '../../electron/contract/console-errors';
import { labCredentials } from '../support/lab-credentials';
import { sshController } from '../../electron/lab/lab-controller';
import { loadLabManifest, machineById, type LabManifest } from './lab-manifest';

let lab: LabManifest;
let context: RouteContext;

beforeAll(async () => {
  lab = loadLabManifest();
  const credentials = labCredentials(lab);
  const controller = await credentials.openController();
  context = credentials.routeContext(sshController(controller));
});

afterAll(() => context?.controller.jumpHost?.close());

const machine = (id: string) => ({ id, address: machineById(lab, id).address });

describe('routes to lab machines', () => {
  it('jumps through the controller to a machine that takes the engineer’s key', async () => {
    const route = await openMachineRoute(machine('22'), 'auto', context);
    expect(route).toMatchObject({ machineId: '22', kind: 'jump', chosenBy: 'auto', note: null });
    expect(route.transport.label).toBe(`${lab.user}@${machineById(lab, '22').address}:22 via ${lab.user}@${lab.controller.address}:22`);
    expect((await route.transport.run(['hostname'])).stdout.trim()).toBe(machineById(lab, '22').hostname);
    route.transport.close();
  });

  it('falls back to juju ssh for a machine that refuses the key, and says why', async () => {
    const route = await openMachineRoute(machine('23'), 'auto', context);
    expect(route).toMatchObject({ machineId: '23', kind: 'juju-ssh', chosenBy: 'auto' });
    expect(route.note).toMatch(/refused every credential.*using juju ssh/);
    expect((await route.transport.run(['hostname'])).stdout.trim()).toBe(machineById(lab, '23').hostname);
  });

  it('carries hostile arguments through juju ssh unchanged', async () => {
    const route = await openMachineRoute(machine('23'), 'juju-ssh', context);
    const names = ['a b', "it's", '$(id)', '; hostname', '*'];
    const result = await route.transport.run(['printf', '%s\\n', ...names]);
    expect(result.stdout.split('\n').slice(0, -1)).toEqual(names);
  });

  it('honours overrides: juju ssh where a jump would work, and a forced jump that fails clearly', async () => {
    const forced = await openMachineRoute(machine('22'), 'juju-ssh', context);
    expect(forced).toMatchObject({ kind: 'juju-ssh', chosenBy: 'override' });
    expect((await forced.transport.run(['hostname'])).stdout.trim()).toBe(machineById(lab, '22').hostname);
    const failure = (await openMachineRoute(machine('23'), 'jump', context).catch((error: unknown) => error)) as ConsoleError;
    expect(failure.code).toBe('ssh-auth-refused');
  });

  it('explains a machine that neither route reaches', async () => {
    const failure = (await openMachineRoute({ id: '99', address: '127.0.9.99' }, 'auto', context).catch((error: unknown) => error)) as ConsoleError;
    expect(failure).toBeInstanceOf(ConsoleError);
    expect(failure.message).toMatch(/machine 99 cannot be reached: .*juju ssh 99 failed too/);
  });
});
