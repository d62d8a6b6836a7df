// IPv4 arithmetic the path analysis needs: is an address in a subnet, and which route of a table
// takes it (longest prefix first, as the kernel chooses). Tenant networks are IPv4 in Neutron's
// OrangeBox deployments; an IPv6 text simply matches nothing.
import type { IpRoute } from '../contract/lab-model';

const OCTETS = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** The address as a 32-bit number, or null for anything that is not a dotted quad. */
export function ipv4Number(text: string): number | null {
  const match = OCTETS.exec(text.trim());
  if (!match) return null;
  const parts = match.slice(1).map(Number);
  if (parts.some((part) => part > 255)) return null;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

/** Whether `address` lies in `network`/`prefix` ("198.51.100.12" in 198.51.100.0/27). */
export function inSubnet(address: string, network: string, prefix: number): boolean {
  const a = ipv4Number(address);
  const n = ipv4Number(network);
  if (a === null || n === null || prefix < 0 || prefix > 32) return false;
  if (prefix === 0) return true;
  const mask = (0xffffffff << (32 - prefix)) >>> 0;
  return (a & mask) >>> 0 === (n & mask) >>> 0;
}

/** "198.51.100.0/27" → its network and prefix; "default" → 0.0.0.0/0; a bare address → /32. */
export function parseCidr(text: string): { network: string; prefix: number } | null {
  if (text === 'default') return { network: '0.0.0.0', prefix: 0 };
  const [network, prefixText] = text.split('/');
  if (!network || ipv4Number(network) === null) return null;
  const prefix = prefixText === undefined ? 32 : Number(prefixText);
  return Number.isInteger(prefix) && prefix >= 0 && prefix <= 32 ? { network, prefix } : null;
}

/** Route types that do not forward a packet anywhere. */
const NOT_FORWARDING = new Set(['unreachable', 'blackhole', 'prohibit', 'throw']);

/** The route the kernel would take to `address` from a main table (longest prefix, then lowest metric); null when none. */
export function routeTo(routes: readonly IpRoute[], address: string): IpRoute | null {
  let best: { route: IpRoute; prefix: number } | null = null;
  for (const route of routes) {
    if (route.type === 'local' || route.type === 'broadcast') continue;
    const cidr = parseCidr(route.destination);
    if (!cidr || !inSubnet(address, cidr.network, cidr.prefix)) continue;
    if (!best || cidr.prefix > best.prefix || (cidr.prefix === best.prefix && (route.metric ?? 0) < (best.route.metric ?? 0))) best = { route, prefix: cidr.prefix };
  }
  return best?.route ?? null;
}

/** Whether a route forwards (an "unreachable" or "blackhole" route matches but drops). */
export const routeForwards = (route: IpRoute): boolean => !NOT_FORWARDING.has(route.type ?? '');

/** The network address of `address`/`prefix` ("198.51.100.12", 27 → "198.51.100.0"); null for a non-IPv4 text. */
export function networkAddress(address: string, prefix: number): string | null {
  const value = ipv4Number(address);
  if (value === null) return null;
  const masked = prefix <= 0 ? 0 : (value & ((0xffffffff << (32 - Math.min(prefix, 32))) >>> 0)) >>> 0;
  return [masked >>> 24, (masked >>> 16) & 255, (masked >>> 8) & 255, masked & 255].join('.');
}
