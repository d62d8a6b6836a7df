// The palette's MTU checks: "MTU check from <qrouter> to <instance>", one for each Nova instance's
// fixed address and the router with a port on its subnet (where a don't-fragment ping can run:
// the instances' own BusyBox ping cannot set it). Enter opens Diagnostics and runs the check.
import type { LabInventory } from '../../electron/contract/inventory';
import { onIpv4Subnet } from '../../electron/contract/mtu-check';
import { namespaceOfProbeId } from '../../electron/contract/probe-models';
import { hostNameOf, readableProbeValues } from '../state/inventory-reading';
import type { PaletteEntry } from './palette-entries';

export function mtuCheckEntries(inventory: LabInventory): PaletteEntry[] {
  const routers = readableProbeValues(inventory, 'netns-addr').flatMap(({ machineId, probeId, value }) => {
    const namespace = namespaceOfProbeId(probeId);
    return namespace?.startsWith('qrouter-') ? [{ machineId, namespace, ports: value.interfaces.filter((nic) => nic.name.startsWith('qr-')) }] : [];
  });
  const servers = new Map(inventory.links.containers.map((link) => [`${link.machineId}/${link.container}`, link.server?.name ?? null]));
  return readableProbeValues(inventory, 'lxc-list').flatMap(({ machineId, value }) =>
    value.instances
      .filter((instance) => instance.state === 'RUNNING' && (/^instance-/.test(instance.name) || servers.get(`${machineId}/${instance.name}`)))
      .flatMap((instance) =>
        instance.ipv4.flatMap((entry) =>
          routers
            .filter((router) => router.ports.some((port) => port.addresses.some((own) => own.family === 'inet' && own.prefixLength !== null && onIpv4Subnet(entry.address, own.address, own.prefixLength))))
            .map((router): PaletteEntry => {
              const server = servers.get(`${machineId}/${instance.name}`);
              const source = { kind: 'namespace' as const, machineId: router.machineId, namespace: router.namespace };
              return {
                id: `mtu:${router.machineId}/${router.namespace}:${entry.address}`,
                kind: 'action',
                title: `MTU check from ${router.namespace} to ${instance.name} (${entry.address})`,
                detail: `largest don't-fragment ping${server ? ` to server ${server}` : ''}, from the router on ${hostNameOf(inventory, router.machineId)}`,
                keywords: `path mtu ping -M do fragment ${server ?? ''} ${hostNameOf(inventory, machineId)}`,
                command: { type: 'show', view: 'diagnostics', focus: { view: 'diagnostics', targets: [], mtuCheck: { source, target: entry.address } } },
              };
            }),
        ),
      ),
  );
}
