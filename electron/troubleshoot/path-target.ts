// What a path's target is: an instance's fixed address, a floating address (and the fixed one
// its router translates it to), an address of a router or DHCP port, or something outside the
// lab's tenant networks. Read from the containers' addresses, the routers' NAT pairs and qg-
// addresses, and OpenStack's floating IPs when the console read them.
import type { PathTarget } from '../contract/troubleshoot';
import type { ContainerView, LabView, NamespacePort, NamespaceView } from './lab-view';
import type { FloatingMapping } from './router-hops';

export type ResolvedTarget =
  | { kind: 'instance'; address: string; label: string; instance: ContainerView }
  | { kind: 'floating'; address: string; label: string; mapping: FloatingMapping; router: NamespaceView | null; instance: ContainerView | null }
  | { kind: 'namespace-port'; address: string; label: string; port: NamespacePort }
  | { kind: 'outside'; address: string; label: string };

export type TargetResolution = ResolvedTarget | { kind: 'unresolved'; label: string; reason: string };

export const containerLabel = (instance: ContainerView): string =>
  `${instance.link.container}${instance.link.server ? ` (${instance.link.server.name})` : ''}`;

export function resolveTarget(view: LabView, target: PathTarget): TargetResolution {
  if (target.kind === 'container') {
    const instance = view.container(target.machineId, target.container);
    const where = view.machineLabel(target.machineId);
    if (!instance) return { kind: 'unresolved', label: `${target.container} on ${where}`, reason: `${target.container} is not in the inventory of ${where}: refresh, or choose another container.` };
    if (!instance.address) {
      return { kind: 'unresolved', label: `${containerLabel(instance)} on ${where}`, reason: `${containerLabel(instance)} has no IPv4 address in lxc list: there is nothing to reach (its DHCP request got no answer?).` };
    }
    return { kind: 'instance', address: instance.address, label: `${containerLabel(instance)} (${instance.address})`, instance };
  }
  return resolveAddress(view, target.address);
}

function resolveAddress(view: LabView, address: string): ResolvedTarget {
  const instance = view.containerByAddress(address);
  if (instance) return { kind: 'instance', address, label: `${address} (${containerLabel(instance)})`, instance };

  const floating = floatingMapping(view, address);
  if (floating) {
    const fixedInstance = floating.mapping.fixed ? view.containerByAddress(floating.mapping.fixed) : null;
    const what = fixedInstance ? containerLabel(fixedInstance) : floating.mapping.fixed ? `fixed ${floating.mapping.fixed}` : 'no fixed address known';
    return { kind: 'floating', address, label: `${address} (floating → ${what})`, mapping: floating.mapping, router: floating.router, instance: fixedInstance };
  }

  for (const namespace of view.namespaces()) {
    const port = view.namespacePorts(namespace).find((candidate) => candidate.iface.addresses.some((entry) => entry.address === address));
    if (port) return { kind: 'namespace-port', address, label: `${address} (${port.iface.name} in ${namespace.namespace.name})`, port };
  }
  return { kind: 'outside', address, label: `${address} (not an address of the lab's instances or routers)` };
}

/** Is `address` a floating address: a router's NAT pair, a /32 on a qg- port, or an OpenStack floating IP. */
function floatingMapping(view: LabView, address: string): { mapping: FloatingMapping; router: NamespaceView | null } | null {
  const routers = view.namespaces().filter((candidate) => candidate.namespace.kind === 'qrouter');
  for (const router of routers) {
    const pair = view.readNamespace(router.machineId, 'netns-firewall', router.namespace.name).value?.natPairs.find((candidate) => candidate.floating === address);
    if (pair) return { mapping: { floating: address, fixed: pair.fixed, source: `NAT rules of ${router.namespace.name}` }, router };
  }
  const openstackFixed = openstackFloating(view, address);
  for (const router of routers) {
    const onGateway = view
      .namespacePorts(router)
      .some((port) => port.iface.name.startsWith('qg-') && port.iface.addresses.some((entry) => entry.address === address && entry.prefixLength === 32));
    if (onGateway) return { mapping: { floating: address, fixed: openstackFixed?.fixed ?? null, source: openstackFixed ? 'OpenStack floating IPs' : `a /32 on ${router.namespace.name}'s qg- port` }, router };
  }
  if (openstackFixed) {
    const router = routers.find((candidate) => candidate.namespace.name === openstackFixed.namespace) ?? null;
    return { mapping: { floating: address, fixed: openstackFixed.fixed, source: 'OpenStack floating IPs' }, router };
  }
  return null;
}

function openstackFloating(view: LabView, address: string): { fixed: string | null; namespace: string | null } | null {
  for (const server of view.inventory.links.openstack?.servers ?? []) {
    for (const port of server.ports) {
      if (port.floatingIps.includes(address)) return { fixed: port.fixedIps[0] ?? null, namespace: port.qrouterNamespace };
    }
  }
  return null;
}
