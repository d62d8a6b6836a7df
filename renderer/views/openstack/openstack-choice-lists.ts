// What the demo steps' forms offer: images, flavors and networks to launch with, external
// networks for floating addresses, and servers to attach one to, as the inventory's controller
// probes last listed them. Pure.
import { CONTROLLER_MACHINE_ID, type LabInventory } from '../../../electron/contract/inventory';
import { findProbe, probeValue, type OpenStackListProbeKind } from '../../../electron/contract/probe-models';

export interface ChoiceOption {
  /** What goes in the command: the name when it is unique, else the id. */
  value: string;
  label: string;
}

export interface OpenStackChoiceLists {
  images: ChoiceOption[];
  flavors: ChoiceOption[];
  /** Networks instances can go on (not router:external). */
  tenantNetworks: ChoiceOption[];
  externalNetworks: ChoiceOption[];
  servers: ChoiceOption[];
}

/** A name used by one object only is what an engineer types; a repeated name needs the id. */
function options<T extends { id: string; name: string }>(items: readonly T[], describe: (item: T) => string = () => ''): ChoiceOption[] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.name, (counts.get(item.name) ?? 0) + 1);
  return items
    .map((item) => {
      const unique = item.name !== '' && counts.get(item.name) === 1;
      const more = describe(item);
      return { value: unique ? item.name : item.id, label: `${unique ? item.name : `${item.name || '(no name)'} (${item.id})`}${more ? ` — ${more}` : ''}` };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
}

export function openstackChoiceLists(inventory: LabInventory | null): OpenStackChoiceLists {
  const value = <K extends OpenStackListProbeKind>(kind: K) => (inventory ? probeValue(findProbe(inventory.probes, CONTROLLER_MACHINE_ID, kind), kind) : null);
  const networks = value('openstack-networks')?.networks ?? [];
  return {
    images: options((value('openstack-images')?.images ?? []).filter((image) => image.status === null || image.status.toLowerCase() === 'active')),
    flavors: options(value('openstack-flavors')?.flavors ?? [], (flavor) => [flavor.vcpus !== null ? `${flavor.vcpus} vCPU` : '', flavor.ramMb !== null ? `${flavor.ramMb} MB` : ''].filter(Boolean).join(', ')),
    tenantNetworks: options(networks.filter((network) => network.external !== true)),
    externalNetworks: options(networks.filter((network) => network.external === true)),
    servers: options(value('openstack-servers')?.servers ?? [], (server) => server.status ?? ''),
  };
}
