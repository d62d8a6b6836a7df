// A Juju machine (or container) down or in error: its agent does not answer, so every unit on it is
// lost to Juju, and the services on it are likely gone too.
import { findingOf, type HealthCheck } from '../health-check';
import { hostOfJujuMachine, jujuStatusOf, statusText } from '../juju-objects';

/** Machine states that mean "not running as Juju expects" ("pending" is a machine still coming up). */
const DOWN_STATES = new Set(['down', 'error', 'stopped']);

export const JUJU_MACHINE_DOWN: HealthCheck = {
  id: 'juju-machine-down',
  title: 'every Juju machine is up',
  severity: 'error',
  needs: ['juju-status'],
  run(inventory) {
    const status = jujuStatusOf(inventory);
    if (!status) return [];
    // A container LXD shows stopped is said by container-stopped, with the command that starts it.
    const stopped = new Set(inventory.links.containers.filter((link) => link.jujuMachineId !== null && (link.state ?? '').toUpperCase() !== 'RUNNING').map((link) => link.jujuMachineId));
    return status.machines
      .filter((machine) => DOWN_STATES.has(machine.state?.toLowerCase() ?? '') && !stopped.has(machine.id))
      .map((machine) => {
        const units = status.units.filter((unit) => unit.machine === machine.id).map((unit) => unit.name);
        const container = machine.parent !== null;
        return findingOf(
          this,
          { kind: 'machine', name: machine.id, machineId: hostOfJujuMachine(machine.id) },
          `Juju ${container ? 'container' : 'machine'} ${machine.id}${machine.instanceId ? ` (${machine.instanceId})` : ''} is ${machine.state}${units.length > 0 ? `, with ${units.join(', ')} on it` : ''}: ${container ? `start it (\`lxc start ${machine.instanceId ?? machine.id}\` on machine ${machine.parent})` : 'check that it is powered and its jujud agent runs'}.`,
          [`machine ${machine.id}: ${statusText(machine.state, machine.message)}`, ...(machine.address ? [`address ${machine.address}`] : [])],
          `juju status ${machine.id}`,
        );
      });
  },
};
