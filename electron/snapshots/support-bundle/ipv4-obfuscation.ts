// IPv4 obfuscation for a support bundle, sos-clean style: every real network maps to one new
// network of the same size, and an address keeps its host number inside it, so subnets stay
// subnets (a container's address is still inside its network, a gateway is still ".1", a /32
// floating address is still inside the external network). Networks are learnt from everything the
// bundle holds first (CIDRs, "prefixlen", netmasks), then addresses are mapped.
//
// Nested networks stay nested because host numbers are kept relative to the OUTERMOST known network
// containing them: 198.51.100.0/24 → 240.0.0.0/24 puts 198.51.100.32/27 at 240.0.0.32/27.

/** Class E (RFC 1112 §4, "reserved for future use"): never on a real network or route, so an
 *  obfuscated address cannot be mistaken for, or collide with, a lab's real one; no stack routes it. */
export const OBFUSCATED_IPV4_FIRST = ipv4ToNumber('240.0.0.0');
/** 255.0.0.0/8 is left alone: it holds netmasks (255.255.255.0) and the limited broadcast. */
export const OBFUSCATED_IPV4_END = ipv4ToNumber('255.0.0.0');

/** A network shorter than /8 says nothing about a lab's layout (0.0.0.0/0, 0.0.0.0/1 VPN halves). */
const MIN_STRUCTURE_PREFIX = 8;
/** An address seen with no prefix and in no known network is taken as in its /24 (its last octet kept). */
export const DEFAULT_PREFIX = 24;

/** Addresses that say nothing about a lab and that tools print everywhere: they stay as they are. */
const KEPT_RANGES: [base: number, prefix: number, why: string][] = [
  [ipv4ToNumber('0.0.0.0'), 8, '"this network": 0.0.0.0, default routes, wildcard masks'],
  [ipv4ToNumber('127.0.0.0'), 8, 'loopback: every machine has it'],
  [ipv4ToNumber('169.254.0.0'), 16, 'link-local, and the metadata service 169.254.169.254'],
  [ipv4ToNumber('224.0.0.0'), 4, 'multicast groups'],
  [ipv4ToNumber('255.0.0.0'), 8, 'netmasks and the limited broadcast'],
];

export const KEPT_IPV4_RANGES: readonly { cidr: string; why: string }[] = KEPT_RANGES.map(([base, prefix, why]) => ({ cidr: `${numberToIpv4(base)}/${prefix}`, why }));

export function ipv4ToNumber(text: string): number {
  const parts = text.split('.');
  return ((Number(parts[0]) << 24) | (Number(parts[1]) << 16) | (Number(parts[2]) << 8) | Number(parts[3])) >>> 0;
}

export function numberToIpv4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

const maskOf = (prefix: number): number => (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);
const sizeOf = (prefix: number): number => 2 ** (32 - prefix);

/** A netmask (255.255.255.224) as its prefix length, or null when it is not a contiguous mask. */
export function netmaskPrefix(mask: string): number | null {
  const value = ipv4ToNumber(mask);
  for (let prefix = 0; prefix <= 32; prefix += 1) if (maskOf(prefix) === value) return prefix;
  return null;
}

export function isKeptIpv4(address: number): boolean {
  return KEPT_RANGES.some(([base, prefix]) => ((address & maskOf(prefix)) >>> 0) === base);
}

interface TopNetwork {
  base: number;
  prefix: number;
  target: number;
}

export interface Ipv4NetworkPair {
  real: string;
  obfuscated: string;
}

/** Collects what the bundle says about networks, then maps. Nothing maps before `seal()`. */
export class Ipv4Obfuscator {
  private readonly networks = new Map<string, { base: number; prefix: number }>();
  private readonly addresses = new Set<number>();
  /** `${base}/${prefix}` of every top-level network → its place in the obfuscated range. */
  private readonly tops = new Map<string, TopNetwork>();
  /** Where the next network would go. */
  private cursor = OBFUSCATED_IPV4_FIRST;
  private topPrefixes: number[] = [];
  private readonly mapped = new Map<string, string>();
  private sealed = false;

  /** An address seen in the bundle, with its prefix when the text gave one. */
  learn(address: string, prefix: number | null): void {
    const value = ipv4ToNumber(address);
    if (isKeptIpv4(value)) return;
    this.addresses.add(value);
    if (prefix !== null && prefix >= MIN_STRUCTURE_PREFIX && prefix <= 32) {
      const base = (value & maskOf(prefix)) >>> 0;
      this.networks.set(`${base}/${prefix}`, { base, prefix });
    }
  }

  /** Works out the top-level networks and where each goes; after this, `map` answers. */
  seal(): void {
    if (this.sealed) return;
    this.sealed = true;
    const known = [...this.networks.values()];
    // An address in no known network brings its /24, so that it too keeps its host number.
    const inKnown = (address: number) => known.some(({ base, prefix }) => ((address & maskOf(prefix)) >>> 0) === base);
    for (const address of this.addresses) {
      if (inKnown(address)) continue;
      const base = (address & maskOf(DEFAULT_PREFIX)) >>> 0;
      const key = `${base}/${DEFAULT_PREFIX}`;
      if (!this.networks.has(key)) {
        const network = { base, prefix: DEFAULT_PREFIX };
        this.networks.set(key, network);
        known.push(network);
      }
    }
    // Widest first, then by address: a network inside one already kept is not a top-level one.
    const ordered = [...this.networks.values()].sort((a, b) => a.prefix - b.prefix || a.base - b.base);
    const tops: { base: number; prefix: number }[] = [];
    for (const network of ordered) {
      if (!tops.some((top) => top.prefix <= network.prefix && ((network.base & maskOf(top.prefix)) >>> 0) === top.base)) tops.push(network);
    }
    // Real networks inside the obfuscated range (a lab would have to use class E) are never a target.
    const reserved = tops.filter((top) => top.base >= OBFUSCATED_IPV4_FIRST && top.base < OBFUSCATED_IPV4_END);
    let cursor = OBFUSCATED_IPV4_FIRST;
    for (const top of [...tops].sort((a, b) => a.base - b.base || a.prefix - b.prefix)) {
      const size = sizeOf(top.prefix);
      for (;;) {
        cursor = Math.ceil(cursor / size) * size;
        const end = cursor + size;
        const clash = reserved.find((other) => other.base < end && other.base + sizeOf(other.prefix) > cursor);
        if (!clash) break;
        cursor = clash.base + sizeOf(clash.prefix);
      }
      if (cursor + size > OBFUSCATED_IPV4_END) {
        throw new Error(`the lab's networks do not fit in the obfuscated range ${numberToIpv4(OBFUSCATED_IPV4_FIRST)}–${numberToIpv4(OBFUSCATED_IPV4_END - 1)}; export without obfuscation`);
      }
      this.tops.set(`${top.base}/${top.prefix}`, { ...top, target: cursor });
      cursor += size;
    }
    this.cursor = cursor;
    this.topPrefixes = [...new Set(tops.map((top) => top.prefix))].sort((a, b) => a - b);
  }

  /** The obfuscated form of an address (a kept one unchanged); the same address always gives the same. */
  map(address: string): string {
    if (!this.sealed) throw new Error('Ipv4Obfuscator.map before seal()');
    const known = this.mapped.get(address);
    if (known !== undefined) return known;
    const value = ipv4ToNumber(address);
    let result = address;
    if (!isKeptIpv4(value)) {
      const top = this.topOf(value);
      // An address never learnt (it cannot be: every string is read before any is rewritten) gets its /24.
      result = top ? numberToIpv4(top.target + (value - top.base)) : this.mapUnlearnt(value);
    }
    this.mapped.set(address, result);
    return result;
  }

  /** Every real top-level network and where it went, for the mapping file. */
  networkPairs(): Ipv4NetworkPair[] {
    return [...this.tops.values()]
      .sort((a, b) => a.base - b.base || a.prefix - b.prefix)
      .map((top) => ({ real: `${numberToIpv4(top.base)}/${top.prefix}`, obfuscated: `${numberToIpv4(top.target)}/${top.prefix}` }));
  }

  /** Every address mapped so far (kept ones left out), real → obfuscated. */
  addressPairs(): Ipv4NetworkPair[] {
    return [...this.mapped.entries()]
      .filter(([real, obfuscated]) => real !== obfuscated)
      .sort(([a], [b]) => ipv4ToNumber(a) - ipv4ToNumber(b))
      .map(([real, obfuscated]) => ({ real, obfuscated }));
  }

  private topOf(value: number): TopNetwork | undefined {
    for (const prefix of this.topPrefixes) {
      const top = this.tops.get(`${(value & maskOf(prefix)) >>> 0}/${prefix}`);
      if (top) return top;
    }
    return undefined;
  }

  /**
   * Not reached when every string was learnt before any was mapped (exportSupportBundle does so);
   * should it be, the address gets a /32 of its own after every network handed out, so it can
   * clash with none.
   */
  private mapUnlearnt(value: number): string {
    if (this.cursor >= OBFUSCATED_IPV4_END) throw new Error('the obfuscated address range is used up; export without obfuscation');
    const top: TopNetwork = { base: value, prefix: 32, target: this.cursor };
    this.cursor += 1;
    this.tops.set(`${value}/32`, top);
    if (!this.topPrefixes.includes(32)) this.topPrefixes.push(32);
    return numberToIpv4(top.target);
  }

}
