// Where Nova/Neutron and the machines disagree, each said in words with the command that shows
// it: a compute node that is not an LXD hypervisor or that Nova does not list, an ACTIVE server
// whose container is stopped or missing, an instance container Nova does not know, a port DOWN on
// an ACTIVE server, a compute service or network agent down.
import type { ContainerLink } from '../contract/inventory';
import type { OpenStackComputeService, OpenStackFinding, OpenStackHypervisorLink, OpenStackNetworkAgent, OpenStackServerLink } from '../contract/openstack-model';
import { shortHost, type LabFacts } from './lab-facts';

/** nova-lxd names a container after Nova's instance_name template, `instance-%08x`. */
const INSTANCE_CONTAINER = /^instance-[0-9a-f]{8}$/;
/** nova-lxd reports hypervisor_type "lxd"; anything else on an OrangeBox is a misconfigured node. */
const LXD_TYPE = /^lxd$/i;

export interface FindingInputs {
  facts: LabFacts;
  /** Whether the lists were read at all (a failed list finds nothing missing). */
  hypervisorsRead: boolean;
  serversRead: boolean;
  hypervisors: OpenStackHypervisorLink[];
  servers: OpenStackServerLink[];
  containers: readonly ContainerLink[];
  /** The machines whose `lxc list` was read (an empty list is a reading: nothing runs there). */
  containerListsRead: ReadonlySet<string>;
  /** `machineId|container` of every container linked to a server. */
  linkedContainers: ReadonlySet<string>;
  services: OpenStackComputeService[];
  agents: OpenStackNetworkAgent[];
}

const finding = (kind: OpenStackFinding['kind'], severity: OpenStackFinding['severity'], message: string, about: Partial<Pick<OpenStackFinding, 'serverId' | 'container' | 'machineId'>>, evidence: string): OpenStackFinding => ({
  kind,
  severity,
  message,
  serverId: about.serverId ?? null,
  container: about.container ?? null,
  machineId: about.machineId ?? null,
  evidence,
});

export function openstackFindings(inputs: FindingInputs): OpenStackFinding[] {
  const { facts } = inputs;
  const findings: OpenStackFinding[] = [];
  const hostOf = (machineId: string | null) => facts.machines.find((machine) => machine.machineId === machineId)?.hostname ?? (machineId ? `machine ${machineId}` : 'an unknown host');

  for (const hypervisor of inputs.hypervisors) {
    if (hypervisor.type !== null && !LXD_TYPE.test(hypervisor.type)) {
      findings.push(finding('hypervisor-not-lxd', 'warning', `Nova runs ${hypervisor.hostname} as a ${hypervisor.type} hypervisor, not lxd: instances launched there are not LXD containers (check compute_driver in its nova.conf).`, { machineId: hypervisor.machineId }, `openstack hypervisor show ${hypervisor.hostname}`));
    }
  }
  if (inputs.hypervisorsRead) {
    const listed = new Set(inputs.hypervisors.map((hypervisor) => shortHost(hypervisor.hostname)));
    for (const machine of facts.machines) {
      if (!machine.roles.includes('compute') || !machine.hostname || listed.has(shortHost(machine.hostname))) continue;
      findings.push(finding('compute-node-not-in-nova', 'error', `${machine.hostname} (machine ${machine.machineId}) runs nova-compute, but Nova lists no hypervisor of that name: its nova-compute is not registered (is the service up, and its host name the one Nova expects?).`, { machineId: machine.machineId }, 'openstack hypervisor list --long'));
    }
  }

  for (const server of inputs.servers) {
    if (server.status !== 'ACTIVE') continue;
    if (server.container === null) {
      // Without an instance name or a port on a known container, "missing" would be a guess.
      const machineRead = server.machineId !== null && inputs.containerListsRead.has(server.machineId);
      if (server.instanceName && machineRead) {
        findings.push(finding('server-container-missing', 'error', `${server.name} is ACTIVE in Nova on ${server.host ?? 'its host'}, but ${hostOf(server.machineId)} has no container ${server.instanceName}.`, { serverId: server.serverId, machineId: server.machineId }, `lxc list ${server.instanceName}`));
      }
    } else if (server.containerState !== null && server.containerState.toUpperCase() !== 'RUNNING') {
      findings.push(finding('server-container-stopped', 'error', `${server.name} is ACTIVE in Nova, but its container ${server.container} on ${hostOf(server.machineId)} is ${server.containerState}.`, { serverId: server.serverId, container: server.container, machineId: server.machineId }, `lxc info ${server.container}`));
    }
    for (const port of server.ports) {
      if (port.status?.toUpperCase() === 'DOWN') {
        findings.push(finding('port-down-on-active-server', 'warning', `${server.name} is ACTIVE but its port ${port.portId} (${port.fixedIps.join(', ') || 'no address'}) is DOWN: the OVS agent on ${server.host ?? 'its host'} has not wired it.`, { serverId: server.serverId, container: server.container, machineId: server.machineId }, `openstack port show ${port.portId}`));
      }
    }
  }

  if (inputs.serversRead) {
    for (const container of inputs.containers) {
      if (!INSTANCE_CONTAINER.test(container.container) || inputs.linkedContainers.has(`${container.machineId}|${container.container}`)) continue;
      findings.push(finding('container-unknown-to-nova', 'warning', `${hostOf(container.machineId)} has a container ${container.container} named like a Nova instance, but no server Nova lists is it (left over from a deleted server?).`, { container: container.container, machineId: container.machineId }, 'openstack server list --all-projects --long'));
    }
  }

  for (const service of inputs.services) {
    if (service.state?.toLowerCase() !== 'down') continue;
    const disabled = service.status?.toLowerCase() === 'disabled';
    findings.push(finding('service-down', disabled ? 'warning' : 'error', `${service.binary} on ${service.host} is down${disabled ? ' (and disabled)' : ''}${service.updatedAt ? `, last seen ${service.updatedAt}` : ''}.`, { machineId: facts.machineByHost.get(shortHost(service.host)) ?? null }, 'openstack compute service list'));
  }
  for (const agent of inputs.agents) {
    if (agent.alive !== false) continue;
    findings.push(finding('agent-down', agent.adminStateUp === false ? 'warning' : 'error', `the ${agent.agentType ?? agent.binary ?? 'network'} agent on ${agent.host} is not alive.`, { machineId: facts.machineByHost.get(shortHost(agent.host)) ?? null }, 'openstack network agent list'));
  }
  return findings;
}
