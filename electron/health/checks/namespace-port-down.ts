// A Neutron port inside a router or DHCP namespace that is down: the router's qr- (its tenant
// network's gateway), its qg- (the external gateway and the floating addresses), or a DHCP tap.
import type { HealthFinding } from '../../contract/health';
import { findingOf, type HealthCheck } from '../health-check';
import { labIndex } from '../lab-index';
import { downReason } from './chain-link-down';

/** Neutron's own devices in its namespaces (not lo, not a veth some other tool added). */
const NEUTRON_PORT = /^(qr-|qg-|tap|ns-|sg-|ha-|rfp-|fpr-)/;

export const NAMESPACE_PORT_DOWN: HealthCheck = {
  id: 'namespace-port-down',
  title: 'router and DHCP ports are up',
  severity: 'error',
  needs: ['netns-addr'],
  run(inventory) {
    const index = labIndex(inventory);
    const findings: HealthFinding[] = [];
    for (const { machineId, namespace } of index.namespaces()) {
      if (namespace.kind === 'other') continue;
      for (const iface of index.readNamespace(machineId, 'netns-addr', namespace.name)?.interfaces ?? []) {
        const reason = NEUTRON_PORT.test(iface.name) ? downReason(iface) : null;
        if (!reason) continue;
        findings.push(
          findingOf(
            this,
            { kind: 'interface', name: iface.name, machineId },
            `${iface.name} in ${namespace.name} on ${index.machineName(machineId)} is ${reason}: ${iface.name.startsWith('qg-') ? 'the router reaches nothing outside, and its floating addresses answer no one' : iface.name.startsWith('qr-') ? 'instances on its network lose their gateway' : 'the network loses its DHCP server'}; bring it up with \`sudo ip netns exec ${namespace.name} ip link set ${iface.name} up\`.`,
            [`${iface.name}: state ${iface.state ?? 'not shown'}, flags ${iface.flags.join(',') || 'none'}`],
            `sudo ip netns exec ${namespace.name} ip link show ${iface.name}`,
          ),
        );
      }
    }
    return findings;
  },
};
