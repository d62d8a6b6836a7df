// What Nova says of one compute node, for its card in Nodes: its hypervisor row (type, state,
// status, vCPUs and memory used, running instances), and why it is flagged: a type other than
// lxd, or a compute node Nova does not list. The core's findings say it first; a row it did not
// flag is still checked here, so a node is never shown as fine when Nova says otherwise. Pure.
import type { InventoryMachine, LabInventory } from '../../../electron/contract/inventory';
import type { OpenStackHypervisorLink } from '../../../electron/contract/openstack-model';

/** The findings that are about a compute node's hypervisor. */
const NODE_FINDINGS = new Set(['hypervisor-not-lxd', 'compute-node-not-in-nova']);

/** nova-lxd's hypervisor type as Nova prints it. */
const LXD_TYPE = 'lxd';

export type NodeHypervisorRow =
  /** OpenStack could not be read: why (the OpenStack view says what to do). */
  | { state: 'unavailable'; message: string }
  | { state: 'read'; hypervisor: OpenStackHypervisorLink | null; flags: string[] };

/** Null for a machine that is not a compute node, or when the inventory has no OpenStack part. */
export function nodeHypervisorRow(inventory: LabInventory, machine: InventoryMachine): NodeHypervisorRow | null {
  const openstack = inventory.links.openstack;
  if (!openstack || !machine.roles.includes('compute')) return null;
  if (openstack.unavailable) return { state: 'unavailable', message: openstack.unavailable.message };
  const hypervisor = openstack.hypervisors.find((row) => row.machineId === machine.id) ?? openstack.hypervisors.find((row) => machine.hostname !== null && row.hostname.split('.')[0] === machine.hostname) ?? null;
  const flags = openstack.findings.filter((finding) => finding.machineId === machine.id && NODE_FINDINGS.has(finding.kind)).map((finding) => finding.message);
  const name = machine.hostname ?? `machine ${machine.id}`;
  if (flags.length === 0 && !hypervisor) flags.push(`Nova does not list ${name} as a hypervisor (openstack hypervisor list).`);
  if (flags.length === 0 && hypervisor?.type && hypervisor.type.toLowerCase() !== LXD_TYPE) flags.push(`Nova reports ${name}'s hypervisor type as ${hypervisor.type}, not lxd.`);
  return { state: 'read', hypervisor, flags };
}
