// `ip -j neigh` (or `ip neigh` text): the ARP/NDP table of a machine or of a Neutron namespace, e.g.
// a qrouter's entries for the instances behind its qr- ports and the upstream gateway on qg-.
import type { IpNeighbour, IpNeighbours } from '../../contract/lab-model';
import { problem, UNREADABLE, type ParseProblem, type ParseResult, appendProblems } from './parse-result';
import { asArray, asNonEmptyText, asRecord, asText, parseJsonText } from './structured-input';
import { firstContentLine, prepareInput, quoteLine } from './text-input';

/** Keywords followed by a value in a text entry ("dev qr-1", "lladdr fa:16:…", "probes 3"). */
const VALUED = new Set(['dev', 'lladdr', 'probes', 'ref', 'used', 'vrf', 'protocol', 'nomaster', 'vlan', 'port']);
/** Neighbour states as iproute2 prints them (NUD_*), upper case. */
const STATES = new Set(['REACHABLE', 'STALE', 'DELAY', 'PROBE', 'FAILED', 'INCOMPLETE', 'PERMANENT', 'NOARP', 'NONE']);
/** An IPv4 or IPv6 address as the first word of an entry (linear: one character class). */
const NEIGHBOUR_ADDRESS = /^[0-9a-fA-F.:]+$/;

export function parseIpNeigh(text: string): ParseResult<IpNeighbours> {
  const input = prepareInput(text);
  const problems: ParseProblem[] = [...input.problems];
  const first = firstContentLine(input.lines);
  // An empty table is a real answer: a namespace whose ports never talked to anyone.
  if (first === null) return { value: { entries: [] }, format: 'text', problems };

  if (first.text.trimStart().startsWith('[')) {
    const parsed = parseJsonText(input, 'ip -j neigh');
    appendProblems(problems, parsed.problems);
    if (parsed.value === undefined) return { value: { entries: [] }, format: UNREADABLE, problems };
    const entries: IpNeighbour[] = [];
    asArray(parsed.value).forEach((raw, index) => {
      const entry = asRecord(raw);
      const address = asNonEmptyText(entry?.dst);
      if (!entry || !address) {
        problems.push(problem(null, `entry ${index + 1} has no "dst"; skipped`));
        return;
      }
      entries.push({
        address,
        device: asNonEmptyText(entry.dev),
        mac: asNonEmptyText(entry.lladdr),
        states: asArray(entry.state).map(asText).filter((state): state is string => state !== null),
        // iproute2 prints a set flag as a key with a null value ("router": null).
        router: Object.prototype.hasOwnProperty.call(entry, 'router') && entry.router !== false,
      });
    });
    return { value: { entries }, format: 'json', problems };
  }

  const entries: IpNeighbour[] = [];
  for (const line of input.lines) {
    const tokens = line.text.trim().split(/\s+/).filter(Boolean);
    if (tokens.length === 0) continue;
    const address = tokens[0]!;
    if (!NEIGHBOUR_ADDRESS.test(address) || !/[.:]/.test(address)) {
      problems.push(problem(line.number, `not a neighbour entry: ${quoteLine(line.text)} (expected "ADDRESS dev DEVICE lladdr MAC STATE")`));
      continue;
    }
    const values = new Map<string, string>();
    const states: string[] = [];
    let router = false;
    for (let index = 1; index < tokens.length; index += 1) {
      const token = tokens[index]!;
      if (VALUED.has(token) && index + 1 < tokens.length) values.set(token, tokens[++index]!);
      else if (STATES.has(token)) states.push(token);
      else if (token === 'router') router = true;
    }
    entries.push({ address, device: values.get('dev') ?? null, mac: values.get('lladdr') ?? null, states, router });
  }
  return { value: { entries }, format: entries.length === 0 && problems.length > 0 ? UNREADABLE : 'text', problems };
}
