// `nft list ruleset`: tables of chains of rules, in braces, one rule a line, e.g. a gateway's
//   table ip neutron-l3-agent {
//     chain PREROUTING {
//       type nat hook prerouting priority dstnat; policy accept;
//       ip daddr 198.51.100.133 dnat to 198.51.100.2
//     }
//   }
// (also what iptables-nft's rules look like once translated: "… counter packets 0 bytes 0 dnat to …").
import { problem, type ParseProblem } from './parse-result';
import { MAX_RULE_TEXT_CHARS, ruleText, type ReadFirewallRule } from './nat-pairs';
import { quoteLine, type InputLine } from './text-input';

/** Deeper than nft nests (table → chain or set → an element list); a deeper text is not nft's. */
export const MAX_NFT_NESTING = 16;

/** Verdicts and NAT statements, as FirewallRule.action names them ("goto" jumps too). */
const ACTIONS: Record<string, string> = { dnat: 'dnat', snat: 'snat', masquerade: 'masquerade', redirect: 'redirect', accept: 'accept', drop: 'drop', reject: 'reject', jump: 'jump', goto: 'jump', return: 'return', queue: 'queue' };
/** Words before "dnat"/"snat" that make it a match on conntrack ("ct status dnat"), not the statement. */
const MATCH_CONTEXT = new Set(['status', 'state', '!=', '==', '&', '|']);
/** Lines of a chain that describe it rather than filter packets. */
const CHAIN_PROPERTY = /^(?:type|policy|comment|devices)\b.*;$/;

type Block = { kind: 'table'; family: string; name: string } | { kind: 'chain'; name: string } | { kind: 'other' };

interface PendingRule {
  text: string;
  line: number;
  balance: number;
}

export interface NftRead {
  rules: ReadFirewallRule[];
  problems: ParseProblem[];
}

/** True for the first line of `nft list ruleset` (a table, or the warnings nft prints above one). */
export const looksLikeNft = (line: string): boolean => /^table (?:ip|ip6|inet|arp|bridge|netdev) \S+ \{/.test(line);

export function readNftRuleset(lines: readonly InputLine[]): NftRead {
  const problems: ParseProblem[] = [];
  const rules: ReadFirewallRule[] = [];
  const stack: Block[] = [];
  // Levels past MAX_NFT_NESTING are counted, not kept.
  let overflow = 0;
  let pending: PendingRule | null = null;
  const push = (block: Block, lineNumber: number) => {
    if (stack.length >= MAX_NFT_NESTING) {
      if (overflow === 0) problems.push(problem(lineNumber, `nested deeper than ${MAX_NFT_NESTING} levels (nft nests a few); the deeper part was not read`));
      overflow += 1;
    } else stack.push(block);
  };
  const pop = (count: number) => {
    for (let index = 0; index < count; index += 1) {
      if (overflow > 0) overflow -= 1;
      else stack.pop();
    }
  };
  const finish = (rule: PendingRule) => {
    const table = stack.findLast((block) => block.kind === 'table');
    const chain = stack.findLast((block) => block.kind === 'chain');
    if (!table || !chain || table.kind !== 'table' || chain.kind !== 'chain') return;
    rules.push({ family: table.family, table: table.name, chain: chain.name, text: ruleText(rule.text), line: rule.line, ...ruleMeaning(rule.text) });
  };

  for (const line of lines) {
    const trimmed = line.text.trim();
    if (trimmed === '' || (trimmed.startsWith('#') && pending === null)) continue;
    const { opens, closes } = braces(trimmed);
    if (pending !== null) {
      if (pending.text.length <= MAX_RULE_TEXT_CHARS) pending.text += ` ${trimmed}`;
      pending.balance += opens - closes;
      if (pending.balance <= 0) {
        finish(pending);
        pending = null;
      }
      continue;
    }
    if (trimmed.startsWith('}')) {
      pop(closes - opens);
      continue;
    }
    const top = overflow > 0 ? ({ kind: 'other' } as const) : stack.at(-1);
    if (top === undefined) {
      const table = /^table (\S+) (\S+) \{$/.exec(trimmed);
      if (table) push({ kind: 'table', family: table[1]!, name: table[2]! }, line.number);
      else {
        problems.push(problem(line.number, `not part of an nft table: ${quoteLine(trimmed)} (expected "table FAMILY NAME {")`));
        if (opens > closes) for (let index = opens - closes; index > 0; index -= 1) push({ kind: 'other' }, line.number);
      }
      continue;
    }
    if (top.kind === 'chain') {
      if (CHAIN_PROPERTY.test(trimmed)) continue;
      const rule: PendingRule = { text: trimmed, line: line.number, balance: opens - closes };
      if (rule.balance > 0) pending = rule;
      else finish(rule);
      continue;
    }
    const chain = top.kind === 'table' ? /^chain (\S+) \{$/.exec(trimmed) : null;
    if (chain) push({ kind: 'chain', name: chain[1]! }, line.number);
    else if (opens > closes) for (let index = opens - closes; index > 0; index -= 1) push({ kind: 'other' }, line.number);
    else if (closes > opens) pop(closes - opens);
  }
  if (pending !== null) problems.push(problem(pending.line, `a rule whose braces do not close before the output ends: ${quoteLine(pending.text)}`));
  if (stack.length > 0 || overflow > 0) problems.push(problem(null, 'the ruleset ends inside a table or chain (cut short?); the rules read so far are kept'));
  return { rules, problems };
}

/** Braces outside double-quoted strings (a comment "{" is text). */
function braces(text: string): { opens: number; closes: number } {
  let opens = 0;
  let closes = 0;
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 34) quoted = !quoted;
    else if (!quoted && code === 123) opens += 1;
    else if (!quoted && code === 125) closes += 1;
  }
  return { opens, closes };
}

function ruleMeaning(text: string): Pick<ReadFirewallRule, 'action' | 'target' | 'sourceMatch' | 'destinationMatch'> {
  // Quoted text (comments, interface names) says nothing about what the rule does.
  const tokens = text.replace(/"[^"]*"/g, '""').split(/\s+/).filter(Boolean);
  let action: string | null = null;
  let target: string | null = null;
  let sourceMatch: string | null = null;
  let destinationMatch: string | null = null;
  let depth = 0;
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index]!;
    const inSet = depth > 0;
    const { opens, closes } = braces(token);
    depth = Math.max(0, depth + opens - closes);
    // What is inside an anonymous set or verdict map ("{ 22, 80 }", "vmap { … : accept }") is not the rule's own.
    if (inSet || opens > 0) continue;
    const next = tokens[index + 1];
    if ((token === 'ip' || token === 'ip6') && (next === 'saddr' || next === 'daddr')) {
      const value = tokens[index + 2];
      const address = value === undefined || value === '!=' || value.startsWith('{') || value.startsWith('@') ? null : value;
      if (next === 'saddr') sourceMatch = address;
      else destinationMatch = address;
      index += 2;
      continue;
    }
    const named = ACTIONS[token];
    if (named === undefined || action !== null || MATCH_CONTEXT.has(tokens[index - 1] ?? '')) continue;
    action = named;
    if (named === 'jump') target = next ?? null;
    else if (named === 'dnat' || named === 'snat' || named === 'redirect' || named === 'masquerade') {
      // "dnat to X", "dnat ip to X", "snat to X fully-random", "redirect to :9697".
      let at = index + 1;
      if (tokens[at] === 'ip' || tokens[at] === 'ip6' || tokens[at] === 'inet') at += 1;
      target = tokens[at] === 'to' ? (tokens[at + 1] ?? null) : null;
    }
  }
  return { action, target, sourceMatch, destinationMatch };
}
