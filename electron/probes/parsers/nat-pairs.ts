// Floating ↔ fixed address pairs out of NAT rules, whichever tool printed them: Neutron's l3 agent
// DNATs a floating address to the instance's fixed one (PREROUTING and OUTPUT) and SNATs the fixed
// address back to the floating one (float-snat). A rule for a network ("-s 10.0.0.0/24 -j SNAT", the
// router's own SNAT) or for a port ("--to-destination 10.0.0.5:22", a port forwarding) is no pair.
import type { FirewallRule, NatPair } from '../../contract/lab-model';

/** A rule as a format reader saw it: the contract's rule, with the addresses it matched on. */
export interface ReadFirewallRule extends FirewallRule {
  /** The one source address it matches ("-s 10.0.0.5/32", "ip saddr 10.0.0.5"); null for none, a network, or a negated match. */
  sourceMatch: string | null;
  destinationMatch: string | null;
}

/** One host: an IPv4 address, or an IPv6 address (one character class each: linear on any input). */
const IPV4_ADDRESS = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const IPV6_ADDRESS = /^[0-9a-fA-F:.]+$/;

/** The address of a single-host match or NAT target ("10.0.0.5/32" → "10.0.0.5"); null for a network, a port or a range. */
export function hostAddress(text: string | null): string | null {
  if (text === null) return null;
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const prefix = slash < 0 ? null : text.slice(slash + 1);
  if (IPV4_ADDRESS.test(address)) return prefix === null || prefix === '32' ? address : null;
  // Two colons at least: "10.0.0.5:22" (an address and a port) has one, every IPv6 address more.
  if (address.indexOf(':') !== address.lastIndexOf(':') && IPV6_ADDRESS.test(address)) return prefix === null || prefix === '128' ? address : null;
  return null;
}

export function natPairsOf(rules: readonly ReadFirewallRule[]): NatPair[] {
  const pairs = new Map<string, NatPair>();
  const add = (floating: string | null, fixed: string | null, kind: 'dnat' | 'snat') => {
    if (floating === null || fixed === null || floating === fixed) return;
    const key = `${floating} ${fixed}`;
    const pair = pairs.get(key) ?? { floating, fixed, dnat: false, snat: false };
    pair[kind] = true;
    pairs.set(key, pair);
  };
  for (const rule of rules) {
    if (rule.action === 'dnat') add(hostAddress(rule.destinationMatch), hostAddress(rule.target), 'dnat');
    else if (rule.action === 'snat') add(hostAddress(rule.target), hostAddress(rule.sourceMatch), 'snat');
  }
  return [...pairs.values()];
}

/** The rule as the contract holds it (without the reader's match addresses). */
export const contractRule = ({ sourceMatch: _source, destinationMatch: _destination, ...rule }: ReadFirewallRule): FirewallRule => rule;

/** Longer than any rule either tool prints (a few hundred characters); a longer line is cut, and said. */
export const MAX_RULE_TEXT_CHARS = 4096;

/** The rule's text as kept: the line, cut to MAX_RULE_TEXT_CHARS. */
export const ruleText = (text: string): string => (text.length > MAX_RULE_TEXT_CHARS ? `${text.slice(0, MAX_RULE_TEXT_CHARS)}…` : text);
