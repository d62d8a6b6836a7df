// A router with an external gateway (a qg- port in its qrouter namespace) but no default route:
// instances reach each other and the router, never beyond it, and floating addresses answer no
// one outside. A router without a gateway has no default route by design and is left alone.
import type { HealthFinding } from '../../contract/health';
import { findingOf, type HealthCheck } from '../health-check';
import { labIndex } from '../lab-index';

const DEFAULT_DESTINATIONS = new Set(['default', '0.0.0.0/0']);

export const ROUTER_WITHOUT_DEFAULT_ROUTE: HealthCheck = {
  id: 'router-without-default-route',
  title: 'every router with a gateway has a default route',
  severity: 'error',
  needs: ['netns-route', 'netns-addr'],
  run(inventory) {
    const index = labIndex(inventory);
    const findings: HealthFinding[] = [];
    for (const { machineId, namespace } of index.namespaces()) {
      if (namespace.kind !== 'qrouter') continue;
      const routes = index.readNamespace(machineId, 'netns-route', namespace.name);
      const gateway = index.readNamespace(machineId, 'netns-addr', namespace.name)?.interfaces.find((iface) => iface.name.startsWith('qg-'));
      if (!routes || !gateway) continue;
      if (routes.routes.some((route) => DEFAULT_DESTINATIONS.has(route.destination) && route.type !== 'unreachable' && route.type !== 'blackhole')) continue;
      const gatewayAddress = gateway.addresses.find((entry) => entry.family === 'inet' && entry.prefixLength !== 32);
      findings.push(
        findingOf(
          this,
          { kind: 'namespace', name: namespace.name, machineId },
          `${namespace.name} on ${index.machineName(machineId)} has an external gateway (${gateway.name}${gatewayAddress ? ` ${gatewayAddress.address}/${gatewayAddress.prefixLength}` : ''}) but no default route: instances and floating addresses reach nothing beyond the external network; check the external subnet's gateway_ip (\`openstack subnet show\`) and set the router's gateway again.`,
          [`routes: ${routes.routes.map((route) => `${route.destination}${route.gateway ? ` via ${route.gateway}` : ''}${route.device ? ` dev ${route.device}` : ''}`).join('; ') || 'none'}`],
          `sudo ip netns exec ${namespace.name} ip route`,
        ),
      );
    }
    return findings;
  },
};
