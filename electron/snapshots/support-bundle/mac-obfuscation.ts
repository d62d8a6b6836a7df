// MAC obfuscation for a support bundle: every real MAC becomes one fixed prefix and a counter, in
// the order the bundle first shows it, so "the qvo port with the instance's MAC" still links up
// (the same MAC always gives the same replacement) while no vendor or Neutron-generated suffix is left.

/**
 * 02:0b:58 — the first octet has the locally-administered bit set and the multicast bit clear: a
 * valid unicast MAC that no vendor is ever assigned (0b:58 are "OBX" squeezed into two octets). A
 * real MAC the bundle holds with this prefix is itself mapped, and its replacement skips it.
 */
export const OBFUSCATED_MAC_PREFIX = '02:0b:58';
/** Three octets after the prefix: 16.7 million MACs per bundle. */
const SUFFIX_LIMIT = 0xffffff;

/** The all-zero and broadcast MACs say nothing about a lab. */
const KEPT_MACS = new Set(['00:00:00:00:00:00', 'ff:ff:ff:ff:ff:ff']);

export class MacObfuscator {
  private readonly mapped = new Map<string, string>();
  private readonly realWithPrefix = new Set<string>();
  private next = 1;

  /** A real MAC the bundle holds, seen before any is mapped (only those with our prefix matter). */
  learn(mac: string): void {
    const normal = mac.toLowerCase();
    if (normal.startsWith(OBFUSCATED_MAC_PREFIX)) this.realWithPrefix.add(normal);
  }

  /** "fa:16:3e:12:34:56" (any case) → "02:0b:58:00:00:07", in the case it came in; kept ones unchanged. */
  map(mac: string): string {
    const normal = mac.toLowerCase();
    if (isKeptMac(normal)) return mac;
    let result = this.mapped.get(normal);
    if (result === undefined) {
      do {
        if (this.next > SUFFIX_LIMIT) throw new Error('the bundle holds more MACs than obfuscation can number; export without obfuscation');
        const suffix = this.next.toString(16).padStart(6, '0');
        result = `${OBFUSCATED_MAC_PREFIX}:${suffix.slice(0, 2)}:${suffix.slice(2, 4)}:${suffix.slice(4, 6)}`;
        this.next += 1;
      } while (this.realWithPrefix.has(result));
      this.mapped.set(normal, result);
    }
    return mac === normal ? result : result.toUpperCase();
  }

  pairs(): { real: string; obfuscated: string }[] {
    return [...this.mapped.entries()].map(([real, obfuscated]) => ({ real, obfuscated }));
  }

  get count(): number {
    return this.mapped.size;
  }
}

/** Kept: all-zero, broadcast, and multicast MACs (01:00:5e:…, 33:33:…), which only encode a group address. */
export function isKeptMac(normal: string): boolean {
  if (KEPT_MACS.has(normal)) return true;
  return (Number.parseInt(normal.slice(0, 2), 16) & 1) === 1;
}
