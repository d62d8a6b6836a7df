// `openstack router list --long`, then `router show` of each (up to MAX_ROUTER_SHOWS) for its
// interfaces on tenant subnets, which the list does not print: one command, one outcome.
import type { OpenStackRouterList } from '../../contract/openstack-model';
import { parseOpenStackRouterList } from '../parsers/openstack-router-list';
import { limitProblems, type ParseResult } from '../parsers/parse-result';
import { openstackListWithShows, parseListWithShows } from './openstack-command';
import type { OpenStackProbeSpec } from './openstack-probe';

/** A lab has a router or two; 20 `router show` (~1–2 s each) bound the probe on a bigger cloud. */
export const MAX_ROUTER_SHOWS = 20;
const ROUTERS_TIMEOUT_MS = 90_000;
const LIST_ARGS = ['router', 'list', '--long', '-f', 'json'];

export function parseRoutersWithInterfaces(text: string): ParseResult<OpenStackRouterList> {
  return parseListWithShows(text, parseOpenStackRouterList, { of: (list) => list.routers, make: (routers) => ({ routers }), show: 'router show' }, (listed, shown) => ({
    ...listed,
    interfaces: listed.interfaces.length > 0 ? listed.interfaces : shown.interfaces,
    externalGateway: listed.externalGateway ?? shown.externalGateway,
  }));
}

export const OPENSTACK_ROUTERS: OpenStackProbeSpec<'openstack-routers'> = {
  kind: 'openstack-routers',
  args: LIST_ARGS,
  argv: (source) => openstackListWithShows(source, LIST_ARGS, ['router', 'show'], MAX_ROUTER_SHOWS, null),
  parse: (text) => limitProblems(parseRoutersWithInterfaces(text)),
  timeoutMs: ROUTERS_TIMEOUT_MS,
};
