// `ip -j route` (or `ip route` text), e.g. inside a qrouter namespace: the default route via the
// external network's gateway and the connected tenant subnets.
import type { IpRoute, IpRoutes } from '../../contract/lab-model';
import { problem, UNREADABLE, type ParseProblem, type ParseResult, appendProblems } from './parse-result';
import { asArray, asInteger, asNonEmptyText, asRecord, parseJsonText } from './structured-input';
import { firstContentLine, prepareInput, quoteLine } from './text-input';

/** Route types iproute2 prints before the destination ("unreachable 10.0.0.0/8"). */
const ROUTE_TYPES = new Set(['unicast', 'local', 'broadcast', 'multicast', 'throw', 'unreachable', 'prohibit', 'blackhole', 'nat', 'anycast']);
/** Keywords followed by a value in a text route. */
const VALUED = new Set(['via', 'dev', 'proto', 'scope', 'src', 'metric', 'table', 'mtu', 'pref', 'expires', 'realm', 'realms', 'weight', 'nhid', 'advmss', 'hoplimit', 'initcwnd', 'tos', 'congctl', 'onlink-via']);

export function parseIpRoute(text: string): ParseResult<IpRoutes> {
  const input = prepareInput(text);
  const problems: ParseProblem[] = [...input.problems];
  const first = firstContentLine(input.lines);
  // An empty routing table is a real answer (a namespace with only lo down prints nothing).
  if (first === null) return { value: { routes: [] }, format: 'text', problems };

  if (first.text.trimStart().startsWith('[')) {
    const parsed = parseJsonText(input, 'ip -j route');
    appendProblems(problems, parsed.problems);
    if (parsed.value === undefined) return { value: { routes: [] }, format: UNREADABLE, problems };
    const routes: IpRoute[] = [];
    for (const raw of asArray(parsed.value)) {
      const entry = asRecord(raw);
      const destination = asNonEmptyText(entry?.dst);
      if (!entry || !destination) continue;
      routes.push({
        destination,
        gateway: asNonEmptyText(entry.gateway),
        device: asNonEmptyText(entry.dev),
        protocol: asNonEmptyText(entry.protocol),
        scope: asNonEmptyText(entry.scope),
        metric: asInteger(entry.metric),
        source: asNonEmptyText(entry.prefsrc),
        type: asNonEmptyText(entry.type) ?? 'unicast',
      });
    }
    return { value: { routes }, format: 'json', problems };
  }

  const routes: IpRoute[] = [];
  for (const line of input.lines) {
    const tokens = line.text.trim().split(/\s+/).filter(Boolean);
    if (tokens.length === 0) continue;
    const type = ROUTE_TYPES.has(tokens[0]!) ? tokens.shift()! : 'unicast';
    const destination = tokens.shift();
    if (!destination || !/^(default|[0-9a-fA-F.:]+(?:\/\d+)?)$/.test(destination)) {
      problems.push(problem(line.number, `not a route: ${quoteLine(line.text)}`));
      continue;
    }
    const values = new Map<string, string>();
    for (let index = 0; index < tokens.length; index += 1) {
      const token = tokens[index]!;
      if (VALUED.has(token) && index + 1 < tokens.length) values.set(token, tokens[++index]!);
    }
    const metric = values.get('metric');
    routes.push({
      destination,
      gateway: values.get('via') ?? null,
      device: values.get('dev') ?? null,
      protocol: values.get('proto') ?? null,
      scope: values.get('scope') ?? null,
      metric: metric !== undefined && /^\d+$/.test(metric) ? Number(metric) : null,
      source: values.get('src') ?? null,
      type,
    });
  }
  return { value: { routes }, format: routes.length === 0 && problems.length > 0 ? UNREADABLE : 'text', problems };
}
