// What the page has of OpenStack's own view of the lab: the links the core worked out (servers ↔
// containers, hypervisors ↔ machines, findings) and the controller's `openstack … -f json`
// probes, or why there is nothing (OpenStack could not be read, or an older snapshot that never
// read it). Pure.
import { CONTROLLER_MACHINE_ID, type LabInventory } from '../../../electron/contract/inventory';
import type {
  OpenStackComputeService,
  OpenStackCredentialSource,
  OpenStackFloatingIp,
  OpenStackLinks,
  OpenStackNetwork,
  OpenStackNetworkAgent,
  OpenStackPort,
  OpenStackRouter,
  OpenStackServer,
  OpenStackSubnet,
  OpenStackUnavailable,
} from '../../../electron/contract/openstack-model';
import { findProbe, OPENSTACK_LIST_PROBE_KINDS, probeValue, type OpenStackListProbeKind } from '../../../electron/contract/probe-models';

/** Everything listed by the controller's probes (an empty list where a probe read nothing). */
export interface OpenStackLists {
  servers: OpenStackServer[];
  networks: OpenStackNetwork[];
  subnets: OpenStackSubnet[];
  routers: OpenStackRouter[];
  ports: OpenStackPort[];
  floatingIps: OpenStackFloatingIp[];
  services: OpenStackComputeService[];
  agents: OpenStackNetworkAgent[];
}

export type OpenStackReading =
  /** The inventory has no OpenStack part: a snapshot taken before the console read OpenStack. */
  | { state: 'absent' }
  /** Nothing read yet (the first refresh is still running). */
  | { state: 'waiting' }
  | { state: 'unavailable'; unavailable: OpenStackUnavailable; credentials: OpenStackCredentialSource | null }
  | { state: 'read'; links: OpenStackLinks; lists: OpenStackLists; failures: ProbeFailure[] };

/** A controller probe that failed while the rest of OpenStack was read: said in its own words. */
export interface ProbeFailure {
  probeId: string;
  command: string;
  message: string;
}

export function readOpenStack(inventory: LabInventory): OpenStackReading {
  const links = inventory.links.openstack;
  if (links === undefined) return inventory.refreshing && inventory.refreshedAt === null ? { state: 'waiting' } : { state: 'absent' };
  if (links === null) return inventory.refreshing || inventory.refreshedAt === null ? { state: 'waiting' } : { state: 'absent' };
  if (links.unavailable) return { state: 'unavailable', unavailable: links.unavailable, credentials: links.credentials };
  const value = <K extends OpenStackListProbeKind>(kind: K) => probeValue(findProbe(inventory.probes, CONTROLLER_MACHINE_ID, kind), kind);
  const lists: OpenStackLists = {
    servers: value('openstack-servers')?.servers ?? [],
    networks: value('openstack-networks')?.networks ?? [],
    subnets: value('openstack-subnets')?.subnets ?? [],
    routers: value('openstack-routers')?.routers ?? [],
    ports: value('openstack-ports')?.ports ?? [],
    floatingIps: value('openstack-floating-ips')?.floatingIps ?? [],
    services: value('openstack-compute-services')?.services ?? [],
    agents: value('openstack-network-agents')?.agents ?? [],
  };
  const failures = OPENSTACK_LIST_PROBE_KINDS.flatMap((probeId): ProbeFailure[] => {
    const outcome = findProbe(inventory.probes, CONTROLLER_MACHINE_ID, probeId);
    return outcome?.status === 'failed' ? [{ probeId, command: outcome.command, message: outcome.error?.message ?? outcome.problems[0]?.message ?? 'it printed nothing the console could read' }] : [];
  });
  return { state: 'read', links, lists, failures };
}

/** Where a lab's credentials are named: the field of the lab's form (renderer/labs/ConnectLab.svelte). */
const CREDENTIALS_FIELD = '“OpenStack credentials on the controller” when editing the lab (Manage labs)';

/** What the engineer can do about OpenStack being unreadable, after the core's own message. */
export function unavailableAdvice(unavailable: OpenStackUnavailable): string {
  switch (unavailable.reason) {
    case 'no-client':
      return 'Install python3-openstackclient on the controller (or use a lab whose controller has it), then press Refresh. Everything else in the console works without it.';
    case 'no-credentials':
      return `Name the controller’s rc file (e.g. ~/novarc or ~/admin-openrc) or clouds.yaml in ${CREDENTIALS_FIELD}, then press Refresh.`;
    case 'several-credentials':
      return `Name one of them (${unavailable.candidates.join(', ')}) in ${CREDENTIALS_FIELD}, then press Refresh.`;
    case 'failed':
      return `Check the credentials named in ${CREDENTIALS_FIELD} and that Keystone answers from the controller, then press Refresh.`;
  }
}
