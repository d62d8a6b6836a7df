// `ip netns` (or `ip netns list`, `ip -j netns`) on a Neutron gateway or compute node. iproute2
// prints "(id: N)" after a name only once the namespace has a netns id (it gets one when a veth
// peer lives in another namespace), so both forms occur in one listing.
import type { IpNetns, NetnsKind, NetworkNamespace } from '../../contract/lab-model';
import { problem, UNREADABLE, type ParseProblem, type ParseResult, appendProblems } from './parse-result';
import { asArray, asInteger, asNonEmptyText, asRecord, parseJsonText } from './structured-input';
import { firstContentLine, prepareInput, quoteLine } from './text-input';

/**
 * Neutron's namespace prefixes: qrouter-<router> (legacy/HA routers), qdhcp-<network> (DHCP agent),
 * snat-<router> (DVR centralised SNAT), fip-<external network> (DVR floating IPs).
 */
const NEUTRON_PREFIX = /^(qrouter|qdhcp|snat|fip)-(.+)$/;
const NETNS_LINE = /^([^\s/()]+)(?:\s+\(id:\s*(\d+)\))?$/;

export function describeNamespace(name: string, id: number | null): NetworkNamespace {
  const match = NEUTRON_PREFIX.exec(name);
  return { name, id, kind: (match?.[1] as NetnsKind | undefined) ?? 'other', resourceId: match?.[2] ?? null };
}

export function parseIpNetns(text: string): ParseResult<IpNetns> {
  const input = prepareInput(text);
  const problems: ParseProblem[] = [...input.problems];
  const first = firstContentLine(input.lines);
  // No namespaces is a real answer: `ip netns` prints nothing on a node without any.
  if (first === null) return { value: { namespaces: [] }, format: 'text', problems };

  if (first.text.trimStart().startsWith('[')) {
    const parsed = parseJsonText(input, 'ip -j netns');
    appendProblems(problems, parsed.problems);
    if (parsed.value === undefined) return { value: { namespaces: [] }, format: UNREADABLE, problems };
    const namespaces = asArray(parsed.value)
      .map(asRecord)
      .filter((entry): entry is Record<string, unknown> => entry !== null && asNonEmptyText(entry.name) !== null)
      .map((entry) => describeNamespace(asNonEmptyText(entry.name)!, asInteger(entry.id)));
    return { value: { namespaces }, format: 'json', problems };
  }

  const namespaces: NetworkNamespace[] = [];
  for (const line of input.lines) {
    const trimmed = line.text.trim();
    if (trimmed === '') continue;
    const match = NETNS_LINE.exec(trimmed);
    if (!match || /^(Error|Object|Usage|Command)\b/.test(trimmed)) {
      problems.push(problem(line.number, `not a namespace line: ${quoteLine(trimmed)}`));
      continue;
    }
    namespaces.push(describeNamespace(match[1]!, match[2] === undefined ? null : Number(match[2])));
  }
  return { value: { namespaces }, format: namespaces.length === 0 ? UNREADABLE : 'text', problems };
}
