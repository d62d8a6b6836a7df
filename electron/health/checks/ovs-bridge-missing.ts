// An Open vSwitch bridge Neutron needs that is not there: br-int on a compute node or gateway
// (every instance and namespace port plugs into it), br-ex on a gateway whose routers have an
// external gateway (their qg- ports plug into it).
import type { HealthFinding } from '../../contract/health';
import { findingOf, type HealthCheck } from '../health-check';
import { labIndex } from '../lab-index';

const INTEGRATION_BRIDGE = 'br-int';
const EXTERNAL_BRIDGE = 'br-ex';

export const OVS_BRIDGE_MISSING: HealthCheck = {
  id: 'ovs-bridge-missing',
  title: 'br-int (and br-ex where routers need it) exist',
  severity: 'error',
  needs: ['ovs-vsctl'],
  run(inventory) {
    const index = labIndex(inventory);
    const findings: HealthFinding[] = [];
    for (const machineId of index.machinesReading('ovs-vsctl')) {
      const show = index.read(machineId, 'ovs-vsctl')!;
      const bridges = new Set(show.bridges.map((bridge) => bridge.name));
      const machine = index.machine(machineId);
      const missing = (bridge: string, why: string) =>
        findings.push(
          findingOf(
            this,
            { kind: 'bridge', name: bridge, machineId },
            `${index.machineName(machineId)} has no OVS bridge ${bridge}: ${why}; restart neutron-openvswitch-agent there (\`sudo systemctl restart neutron-openvswitch-agent\`), which creates it.`,
            [`ovs-vsctl show on ${index.machineName(machineId)}: bridges ${[...bridges].join(', ') || 'none'}`],
            'sudo ovs-vsctl list-br',
          ),
        );
      if (!bridges.has(INTEGRATION_BRIDGE)) missing(INTEGRATION_BRIDGE, 'no instance or namespace port on it can be plugged, and none that is reaches anything');
      const routersWithGateway = machine?.roles.includes('gateway')
        ? index.namespaces().filter((entry) => entry.machineId === machineId && entry.namespace.kind === 'qrouter' && index.readNamespace(machineId, 'netns-addr', entry.namespace.name)?.interfaces.some((iface) => iface.name.startsWith('qg-')))
        : [];
      if (routersWithGateway.length > 0 && !bridges.has(EXTERNAL_BRIDGE)) missing(EXTERNAL_BRIDGE, `the external gateways of ${routersWithGateway.map((entry) => entry.namespace.name).join(', ')} lead nowhere`);
    }
    return findings;
  },
};
