// Finds and rewrites what identifies a lab in any text a bundle holds (a command's output, a model's
// string, a recording): IPv4 addresses and CIDRs, MACs (also inside a Linux bridge id and an
// EUI-64 IPv6 link-local address, which spell a MAC), the lab's hostnames and domains, its name.
// Every text is read once to learn the networks (learn) before any is rewritten (rewrite), so the
// same value gets the same replacement wherever it is.
import { HostnameObfuscator } from './hostname-obfuscation';
import { Ipv4Obfuscator, netmaskPrefix } from './ipv4-obfuscation';
import { MacObfuscator, OBFUSCATED_MAC_PREFIX } from './mac-obfuscation';

const OCTETS = String.raw`(?:\d{1,3}\.){3}\d{1,3}`;
/** Not inside a longer dotted number (an OID, a version such as 1.2.5.1.4); a /prefix of 0–32 kept with it. */
const IPV4 = String.raw`(?<![\d.])(?<ip>${OCTETS})(?:\/(?<prefix>[12]?\d|3[0-2]))?(?!\d|\.\d)`;
const HEX = '[0-9A-Fa-f]';
const MAC = String.raw`(?<![0-9A-Fa-f:])(?<mac>${HEX}{2}(?::${HEX}{2}){5})(?![0-9A-Fa-f:])`;
/** `brctl show`'s bridge id: a priority and the bridge's MAC without colons ("8000.fa163e73c1de"). */
const BRIDGE_ID = String.raw`(?<![\w.])(?<priority>${HEX}{4})\.(?<bridgeMac>${HEX}{12})(?![\w.])`;
/** fe80::f816:3eff:fe73:c1de: the interface id is the MAC with ff:fe in its middle and one bit flipped. */
const EUI64 = String.raw`(?<![0-9A-Fa-f:])(?<eui>fe80::(?<e1>${HEX}{1,4}):(?<e2>${HEX}{1,2})ff:fe(?<e3>${HEX}{1,2}):(?<e4>${HEX}{1,4}))(?![0-9A-Fa-f:])`;

const LEARN_IPV4 = new RegExp(IPV4, 'g');
/** `ip -j addr`: {"local":"10.0.8.5","prefixlen":24}. */
const LEARN_PREFIXLEN = new RegExp(String.raw`"local"\s*:\s*"(${OCTETS})"\s*,\s*"prefixlen"\s*:\s*(\d{1,2})`, 'g');
/** ifconfig: "inet 10.0.8.5  netmask 255.255.255.0" and "inet addr:10.0.8.5  Bcast:…  Mask:255.255.255.0". */
const LEARN_NETMASK = new RegExp(String.raw`(${OCTETS})\s+netmask\s+(${OCTETS})|addr:(${OCTETS})[^\n]{0,80}?Mask:(${OCTETS})`, 'g');
const LEARN_OUR_MAC_PREFIX = new RegExp(String.raw`${OBFUSCATED_MAC_PREFIX}(?::${HEX}{2}){3}`, 'gi');

export interface ObfuscationCounts {
  addresses: number;
  macs: number;
  hostnames: number;
  labNames: number;
}

type Groups = Record<string, string | undefined>;

interface RewritePass {
  pattern: RegExp;
  /** A cheap test: false when the pattern cannot match this text. */
  mayMatch(text: string, options: RewriteOptions): boolean;
  replace(match: string, groups: Groups, offset: number, whole: string): string;
}

const COUNT_KINDS = ['addresses', 'macs', 'hostnames', 'labNames'] as const;

/** A short string's rewrite, remembered with what it replaced (null: nothing, most of them). */
interface Rewritten {
  text: string;
  replaced: ObfuscationCounts | null;
}
/** Strings up to this long are remembered once rewritten (or learnt); longer ones are rarely repeated. */
const MEMO_MAX_CHARS = 256;

export interface RewriteOptions {
  /** False for package listings: their versions look like addresses (1.2.5.1), as sos clean knows too. */
  addresses: boolean;
}

/** A shorter lab name ("ob") would be replaced inside ordinary words; it is only replaced where it is the whole name. */
const MIN_LAB_NAME_LENGTH = 3;

const isOctets = (text: string) => text.split('.').every((octet) => Number(octet) <= 255);

export class TextObfuscator {
  readonly ipv4 = new Ipv4Obfuscator();
  readonly macs = new MacObfuscator();
  /** Replacements made, by kind (occurrences, not distinct values). */
  readonly replaced: ObfuscationCounts = { addresses: 0, macs: 0, hostnames: 0, labNames: 0 };
  private passes: RewritePass[] | null = null;
  private readonly labNames = new Map<string, string>();
  /** Short strings repeat across a lab (states, device names, addresses): each is rewritten once. */
  private readonly rewritten = [new Map<string, Rewritten>(), new Map<string, Rewritten>()] as const;
  private readonly learnt = [new Set<string>(), new Set<string>()] as const;

  constructor(readonly hostnames: HostnameObfuscator) {}

  /** A lab name the bundle holds, replaced whole wherever it appears (the first is "lab1"). */
  learnLabName(name: string): void {
    if (name.trim().length >= MIN_LAB_NAME_LENGTH && !this.labNames.has(name)) this.labNames.set(name, `lab${this.labNames.size + 1}`);
  }

  labNameOf(name: string): string {
    return this.labNames.get(name) ?? this.rewrite(name, { addresses: true });
  }

  labNamePairs(): { real: string; obfuscated: string }[] {
    return [...this.labNames.entries()].map(([real, obfuscated]) => ({ real, obfuscated }));
  }

  /** Reads a text for networks (CIDRs, prefix lengths, netmasks) and MACs that look like ours. */
  learn(text: string, options: RewriteOptions = { addresses: true }): void {
    // Addresses need a ".", MACs a ":": most keys and words have neither, and are not remembered.
    const addresses = options.addresses && text.includes('.');
    const colon = text.includes(':');
    if (!addresses && !colon) return;
    if (text.length <= MEMO_MAX_CHARS) {
      const learnt = this.learnt[options.addresses ? 1 : 0];
      if (learnt.has(text)) return;
      learnt.add(text);
    }
    if (addresses) {
      for (const match of text.matchAll(LEARN_IPV4)) {
        const { ip, prefix } = match.groups!;
        if (isOctets(ip!)) this.ipv4.learn(ip!, prefix === undefined ? null : Number(prefix));
      }
      if (text.includes('prefixlen')) {
        for (const [, ip, prefix] of text.matchAll(LEARN_PREFIXLEN)) if (isOctets(ip!)) this.ipv4.learn(ip!, Number(prefix));
      }
      if (/netmask|Mask:/.test(text)) {
        for (const [, ip1, mask1, ip2, mask2] of text.matchAll(LEARN_NETMASK)) {
          const ip = ip1 ?? ip2!;
          const prefix = netmaskPrefix(mask1 ?? mask2!);
          if (isOctets(ip) && prefix !== null) this.ipv4.learn(ip, prefix);
        }
      }
    }
    if (colon) for (const [mac] of text.matchAll(LEARN_OUR_MAC_PREFIX)) this.macs.learn(mac);
  }

  /** Once every text has been learnt: networks placed, names numbered. */
  seal(): void {
    this.ipv4.seal();
    this.hostnames.seal();
    const names = this.hostnames.regex;
    const labNames = [...this.labNames.keys()].sort((a, b) => b.length - a.length).map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const always = () => true;
    // One pass per kind, each a simple regular expression skipped where it cannot match: one
    // alternation of them all costs several times more on a 5,000-container lab. The lab's name
    // goes first (it may hold a hostname); no pass's replacement can be matched by a later one.
    this.passes = [
      ...(labNames.length > 0 ? [{ pattern: new RegExp(`(?<![A-Za-z0-9])(?:${labNames.join('|')})(?![A-Za-z0-9])`, 'gi'), mayMatch: always, replace: (match: string) => this.replaceLabName(match) }] : []),
      { pattern: new RegExp(EUI64, 'gi'), mayMatch: (text: string) => /ff:fe/i.test(text), replace: (match: string, groups: Groups) => this.rewriteEui64(match, groups) },
      { pattern: new RegExp(IPV4, 'g'), mayMatch: (text: string, options: RewriteOptions) => options.addresses && text.includes('.'), replace: (match: string, groups: Groups) => this.replaceIpv4(match, groups) },
      { pattern: new RegExp(MAC, 'g'), mayMatch: (text: string) => text.includes(':'), replace: (match: string) => this.replaceMac(match) },
      { pattern: new RegExp(BRIDGE_ID, 'g'), mayMatch: (text: string) => text.includes('.'), replace: (match: string, groups: Groups) => this.replaceBridgeId(match, groups) },
      ...(names ? [{ pattern: names, mayMatch: always, replace: (match: string, _groups: Groups, offset: number, whole: string) => (this.hostnames.acceptsAt(whole, offset, match) ? this.replaceName(match) : match) }] : []),
    ];
  }

  rewrite(text: string, options: RewriteOptions): string {
    const passes = this.passes;
    if (!passes) throw new Error('TextObfuscator.rewrite before seal()');
    const memo = text.length <= MEMO_MAX_CHARS ? this.rewritten[options.addresses ? 1 : 0] : null;
    const known = memo?.get(text);
    if (known) {
      if (known.replaced) for (const kind of COUNT_KINDS) this.replaced[kind] += known.replaced[kind];
      return known.text;
    }
    const before = { ...this.replaced };
    let result = text;
    for (const pass of passes) {
      if (!pass.mayMatch(result, options)) continue;
      // test() first: replace() with a function takes V8's slow path even where nothing matches,
      // which is most strings (a replace() of a global pattern starts from 0 whatever lastIndex says).
      pass.pattern.lastIndex = 0;
      if (!pass.pattern.test(result)) continue;
      result = result.replace(pass.pattern, (match: string, ...rest: unknown[]) => {
        // replace() passes (match, ...captures, offset, whole text, groups when the pattern names any).
        const hasGroups = typeof rest[rest.length - 1] === 'object' && rest[rest.length - 1] !== null;
        const tail = hasGroups ? rest.length - 1 : rest.length;
        return pass.replace(match, (hasGroups ? rest[rest.length - 1] : {}) as Groups, rest[tail - 2] as number, rest[tail - 1] as string);
      });
    }
    if (memo) {
      const replaced = { ...this.replaced };
      for (const kind of COUNT_KINDS) replaced[kind] -= before[kind];
      memo.set(text, { text: result, replaced: COUNT_KINDS.some((kind) => replaced[kind] > 0) ? replaced : null });
    }
    return result;
  }

  private replaceLabName(match: string): string {
    this.replaced.labNames += 1;
    return this.labNames.get(match) ?? [...this.labNames.entries()].find(([real]) => real.toLowerCase() === match.toLowerCase())?.[1] ?? match;
  }

  private replaceIpv4(match: string, groups: Groups): string {
    if (!isOctets(groups.ip!)) return match;
    const mapped = this.ipv4.map(groups.ip!);
    if (mapped === groups.ip) return match;
    this.replaced.addresses += 1;
    return groups.prefix === undefined ? mapped : `${mapped}/${groups.prefix}`;
  }

  private replaceMac(match: string): string {
    const mapped = this.macs.map(match);
    if (mapped !== match) this.replaced.macs += 1;
    return mapped;
  }

  private replaceBridgeId(match: string, groups: Groups): string {
    const colons = groups.bridgeMac!.match(/../g)!.join(':');
    const mapped = this.macs.map(colons);
    if (mapped === colons) return match;
    this.replaced.macs += 1;
    return `${groups.priority}.${mapped.replaceAll(':', '')}`;
  }

  private replaceName(match: string): string {
    const mapped = this.hostnames.map(match);
    if (mapped !== match) this.replaced.hostnames += 1;
    return mapped;
  }

  /** The MAC inside an EUI-64 link-local address, mapped, and the address rebuilt from the new MAC. */
  private rewriteEui64(match: string, groups: Groups): string {
    const high = groups.e1!.padStart(4, '0');
    const octets = [Number.parseInt(high.slice(0, 2), 16) ^ 2, Number.parseInt(high.slice(2), 16), Number.parseInt(groups.e2!, 16), Number.parseInt(groups.e3!, 16)];
    const low = groups.e4!.padStart(4, '0');
    octets.push(Number.parseInt(low.slice(0, 2), 16), Number.parseInt(low.slice(2), 16));
    const mac = octets.map((octet) => octet.toString(16).padStart(2, '0')).join(':');
    const mapped = this.macs.map(mac);
    if (mapped === mac) return match;
    this.replaced.macs += 1;
    const bytes = mapped.split(':').map((octet) => Number.parseInt(octet, 16));
    const group = (a: number, b: number) => ((a << 8) | b).toString(16);
    const text = `fe80::${group(bytes[0]! ^ 2, bytes[1]!)}:${group(bytes[2]!, 0xff)}:${group(0xfe, bytes[3]!)}:${group(bytes[4]!, bytes[5]!)}`;
    return match === match.toLowerCase() ? text : text.toUpperCase();
  }
}
