// `ip -j addr` (or `ip addr` text) — inside a Neutron namespace: the qr-/qg-/tap interfaces and
// the router's gateway and floating addresses.
import type { IpAddr } from '../../contract/lab-model';
import { readInterfaces } from './ip-interfaces-input';
import type { ParseResult } from './parse-result';

export function parseIpAddr(text: string): ParseResult<IpAddr> {
  const { interfaces, format, problems } = readInterfaces(text, 'ip addr');
  return { value: { interfaces }, format, problems };
}
