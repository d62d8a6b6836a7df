// Hostname obfuscation for a support bundle: the lab's own machine names (node02ob64, the
// controller's OrangeBox64, an ~/.ssh/config alias) become host1, host2… and their DNS domain
// domain1.example…, everywhere they appear. Names the lab's software makes up and that identify
// nobody stay, so the views still link: Nova's instance-0000000c, Juju's juju-79fcc7-22-lxd-0,
// Neutron's qrouter-<uuid>, the tap/qbr/qvb/qvo devices.

/**
 * Words a machine may be called that are also the lab's vocabulary: mapping them everywhere would
 * rewrite commands and charms ("juju status", the "maas" cloud). Such a hostname is left as is, and
 * the bundle's README says so. Application and charm names of the model are added per bundle.
 */
const SHARED_WORDS = ['localhost', 'ubuntu', 'debian', 'juju', 'maas', 'lxd', 'lxc', 'controller', 'default', 'none', 'null', 'host', 'node', 'nova', 'neutron', 'openstack'];
/** Shorter names are too likely to be part of other words. */
const MIN_HOSTNAME_LENGTH = 3;
/** A terminal's colour code right before a name ("ESC[01;32m"): the longest one looked back for. */
const ANSI_CODE_MAX_CHARS = 16;
const ANSI_CODE_BEFORE = /\x1b\[[0-9;]*[A-Za-z]$/;
/** RFC 2606: a top-level domain that never resolves anywhere. */
const OBFUSCATED_DOMAIN_SUFFIX = 'example';

export interface HostnameMapping {
  hostnames: { real: string; obfuscated: string }[];
  domains: { real: string; obfuscated: string }[];
  /** Hostnames not mapped because they are also ordinary words of the lab. */
  leftAsIs: string[];
}

export class HostnameObfuscator {
  private readonly names = new Map<string, string>();
  private readonly domainNames = new Map<string, string>();
  private readonly leftAsIs = new Set<string>();
  private readonly shared: Set<string>;
  private pattern: RegExp | null = null;

  /** `sharedWords`: the model's application and charm names, which hostnames must not swallow. */
  constructor(sharedWords: Iterable<string>) {
    this.shared = new Set([...SHARED_WORDS, ...[...sharedWords].map((word) => word.toLowerCase())]);
  }

  /** A name the lab's machines answer to: "node02ob64", or "node02ob64.maas" (its domain is learnt too). */
  learn(name: string): void {
    const trimmed = name.trim().toLowerCase().replace(/\.$/, '');
    if (!/^[a-z0-9][a-z0-9.-]*$/.test(trimmed)) return;
    const [host, ...domain] = trimmed.split('.');
    if (!host || /^\d+$/.test(host)) return;
    if (host.length < MIN_HOSTNAME_LENGTH || this.shared.has(host)) {
      this.leftAsIs.add(host);
      return;
    }
    this.names.set(host, '');
    if (domain.length > 0) this.domainNames.set(domain.join('.'), '');
  }

  /** Whether a name is one of the lab's machine names (learnt, not left as is). */
  knows(name: string): boolean {
    return this.names.has(name.trim().toLowerCase().split('.')[0] ?? '');
  }

  /** Numbers the names in sorted order (the same lab gives the same names whatever order they were read in). */
  seal(): void {
    const taken = new Set([...this.names.keys(), ...this.domainNames.keys()]);
    const number = (map: Map<string, string>, make: (index: number) => string) => {
      let index = 1;
      for (const real of [...map.keys()].sort()) {
        while (taken.has(make(index))) index += 1;
        map.set(real, make(index));
        index += 1;
      }
    };
    number(this.names, (index) => `host${index}`);
    number(this.domainNames, (index) => `domain${index}.${OBFUSCATED_DOMAIN_SUFFIX}`);
    for (const host of this.names.keys()) this.leftAsIs.delete(host);
    // Longest first: "node02ob64" before a "node02" that would match its start. The names alone
    // make the pattern (a plain alternation the engine scans fast); what may come before a match is
    // checked in acceptsAt, not by a lookbehind tried at every position of a 13 MB output.
    const byLength = (a: string, b: string) => b.length - a.length;
    const alternatives = [...this.names.keys(), ...this.domainNames.keys()].sort(byLength).map(escapeRegExp);
    this.pattern = alternatives.length === 0 ? null : new RegExp(`(?:${alternatives.join('|')})(?![A-Za-z0-9])`, 'gi');
  }

  /**
   * Whether a match at `offset` is a whole name: nothing alphanumeric before it (a terminal's colour
   * code, "ESC[1m", counts as nothing). A one-label domain ("maas") only counts after a name and a
   * dot: on its own it is as likely a cloud or a word.
   */
  acceptsAt(text: string, offset: number, match: string): boolean {
    const before = offset === 0 ? '' : text[offset - 1]!;
    const lower = match.toLowerCase();
    if (this.domainNames.has(lower) && !lower.includes('.')) return before === '.' && offset >= 2 && /[A-Za-z0-9]/.test(text[offset - 2]!);
    if (!/[A-Za-z0-9]/.test(before)) return true;
    return ANSI_CODE_BEFORE.test(text.slice(Math.max(0, offset - ANSI_CODE_MAX_CHARS), offset));
  }

  /** The regular expression matching every known name and domain (check each match with acceptsAt), or null. */
  get regex(): RegExp | null {
    return this.pattern;
  }

  /** The replacement of a name or domain the pattern matched. */
  map(match: string): string {
    const lower = match.toLowerCase();
    return this.names.get(lower) ?? this.domainNames.get(lower) ?? match;
  }

  get count(): number {
    return this.names.size;
  }

  mapping(): HostnameMapping {
    const pairs = (map: Map<string, string>) => [...map.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([real, obfuscated]) => ({ real, obfuscated }));
    return { hostnames: pairs(this.names), domains: pairs(this.domainNames), leftAsIs: [...this.leftAsIs].sort() };
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
