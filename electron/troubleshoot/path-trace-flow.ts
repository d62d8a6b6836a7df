// The flow `ovs-appctl ofproto/trace` follows for a path: the packet as it enters br-int (in_port
// the entry port's OpenFlow number, the MACs of the sending port and of the next hop, the ICMP
// addresses it carries there), so the trace shows where br-int sends it or why it drops it.
import type { PathHop, PathTraceFlow } from '../contract/troubleshoot';
import type { ResolvedTarget } from './path-target';

const firstAddress = (hop: PathHop | undefined) => hop?.addresses[0]?.split('/')[0] ?? null;

export function pathTrace(hops: readonly PathHop[], target: ResolvedTarget): PathTraceFlow | null {
  const bridgeAt = hops.findIndex((hop) => hop.kind === 'br-int');
  if (bridgeAt < 1) return null;
  const bridge = hops[bridgeAt]!;
  const entry = hops[bridgeAt - 1]!;
  const next = hops[bridgeAt + 1];
  if (!entry.name || !bridge.name || !bridge.machineId) return null;
  const fromInstance = entry.kind === 'qvo';
  const sender = fromInstance ? hops.find((hop) => hop.kind === 'container') : entry;
  // Towards an instance the frame is addressed to its eth0; towards a namespace, to the port itself.
  const receiver = next?.kind === 'qvo' ? hops.slice(bridgeAt).find((hop) => hop.kind === 'container') : next;
  const source = firstAddress(sender);
  const destination = next?.kind === 'qvo' ? (firstAddress(receiver) ?? target.address) : target.address;
  const fields = [
    `in_port=${entry.ofport ?? entry.name}`,
    ...(sender?.mac ? [`dl_src=${sender.mac}`] : []),
    ...(receiver?.mac ? [`dl_dst=${receiver.mac}`] : []),
    'icmp',
    ...(source ? [`nw_src=${source}`] : []),
    `nw_dst=${destination}`,
  ];
  return { machineId: bridge.machineId, bridge: bridge.name, inPort: entry.name, ofport: entry.ofport, flow: fields.join(','), hopId: bridge.id };
}
