// A qdhcp namespace with no dnsmasq serving it: Neutron's DHCP agent runs one dnsmasq per network,
// inside the namespace, with the network's files under a directory named after it. Without it,
// instances that (re)start get no address.
import type { HealthFinding } from '../../contract/health';
import { findingOf, type HealthCheck } from '../health-check';
import { labIndex } from '../lab-index';

export const DHCP_DNSMASQ_NOT_RUNNING: HealthCheck = {
  id: 'dhcp-dnsmasq-not-running',
  title: 'every DHCP namespace has its dnsmasq running',
  severity: 'error',
  needs: ['ip-netns', 'dnsmasq-processes'],
  run(inventory) {
    const index = labIndex(inventory);
    const findings: HealthFinding[] = [];
    for (const { machineId, namespace } of index.namespaces()) {
      if (namespace.kind !== 'qdhcp') continue;
      const processes = index.read(machineId, 'dnsmasq-processes');
      if (!processes) continue;
      const taps = new Set((index.readNamespace(machineId, 'netns-addr', namespace.name)?.interfaces ?? []).map((iface) => iface.name).filter((name) => name !== 'lo'));
      const serving = processes.processes.filter((process) => (namespace.resourceId !== null && process.networkId === namespace.resourceId) || (process.interface !== null && taps.has(process.interface)));
      if (serving.length > 0) continue;
      findings.push(
        findingOf(
          this,
          { kind: 'namespace', name: namespace.name, machineId },
          `No dnsmasq serves ${namespace.name} on ${index.machineName(machineId)}: instances on network ${namespace.resourceId ?? namespace.name} get no address when they start or renew; restart the DHCP agent (\`sudo systemctl restart neutron-dhcp-agent\`) and check its log.`,
          [`${processes.processes.length} dnsmasq processes on ${index.machineName(machineId)}${processes.processes.length > 0 ? `, for: ${processes.processes.map((process) => process.networkId ?? process.interface ?? `pid ${process.pid}`).join(', ')}` : ''}`, `none names network ${namespace.resourceId ?? '(unknown)'}${taps.size > 0 ? ` or interface ${[...taps].join(', ')}` : ''}`],
          `pgrep -a dnsmasq | grep ${namespace.resourceId ?? namespace.name}`,
        ),
      );
    }
    return findings;
  },
};
