// A container that is not running while Nova (its server is ACTIVE) or Juju (it is one of Juju's
// machines, units in it) expects it to: the instance or the services in it are down though the
// cloud says they are up.
import type { HealthFinding } from '../../contract/health';
import { findingOf, type HealthCheck } from '../health-check';
import { labIndex } from '../lab-index';

export const CONTAINER_STOPPED: HealthCheck = {
  id: 'container-stopped',
  title: 'containers Nova or Juju expect running are running',
  severity: 'error',
  needs: ['lxc-list'],
  run(inventory) {
    const index = labIndex(inventory);
    const findings: HealthFinding[] = [];
    for (const link of inventory.links.containers) {
      const state = (link.state ?? '').toUpperCase();
      if (state === 'RUNNING' || state === '') continue;
      const nova = link.server?.status?.toUpperCase() === 'ACTIVE' ? link.server : null;
      const juju = link.jujuMachineId;
      if (!nova && !juju) continue;
      const expects = nova ? `Nova has its server ${nova.name} ACTIVE` : `Juju runs it as machine ${juju}${link.units.length > 0 ? ` with ${link.units.join(', ')}` : ''}`;
      findings.push(
        findingOf(
          this,
          { kind: 'container', name: link.container, machineId: link.machineId },
          `${link.container} on ${index.machineName(link.machineId)} is ${link.state}, but ${expects}: ${nova ? 'the instance is unreachable though Nova says it runs' : 'the services in it are down'}; start it with \`lxc start ${link.container}\`${nova ? ` (or \`openstack server reboot --hard ${nova.serverId}\`)` : ''}.`,
          [`lxc list on ${index.machineName(link.machineId)}: ${link.container} ${link.state}`, nova ? `openstack server list: ${nova.name} (${nova.serverId}) ACTIVE` : `juju status: machine ${juju}${link.units.length > 0 ? `, units ${link.units.join(', ')}` : ''}`],
          `lxc info ${link.container}`,
        ),
      );
    }
    return findings;
  },
};
