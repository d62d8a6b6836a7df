// `ip -d -j link` (or `ip -d link` text): every link with its kind and master, and the Linux bridges
// (and the OVS kernel datapath, "ovs-system") with their members — the qbr bridge of each nova-lxd
// instance holding its tap and qvb ends.
import type { IpLinks } from '../../contract/lab-model';
import { bridgesFromInterfaces } from './ip-links';
import { readInterfaces } from './ip-interfaces-input';
import type { ParseResult } from './parse-result';

export function parseIpLink(text: string): ParseResult<IpLinks> {
  const { interfaces, format, problems, bridgeDetails } = readInterfaces(text, 'ip link');
  return { value: { interfaces, bridges: bridgesFromInterfaces(interfaces, bridgeDetails) }, format, problems };
}
