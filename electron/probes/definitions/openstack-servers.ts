// `openstack server list --all-projects --long`, then the container name of each server. The long
// list has OS-EXT-SRV-ATTR:host but not :instance_name (the LXD container nova-lxd made), so the
// same command follows it with `server show` of the first MAX_SERVER_SHOWS servers (unless the
// list already names instances, as `nova list --fields` or a stand-in may). Why `server show` and
// not `nova list --fields`: the nova CLI is gone from current python-novaclient packages, while
// `server show` is in every openstackclient. Servers past the cap are still linked to their
// containers, through their ports (MAC = the profile's hwaddr, device id = server id).
import type { OpenStackServerList } from '../../contract/openstack-model';
import { parseOpenStackServerList } from '../parsers/openstack-server-list';
import { limitProblems, type ParseResult } from '../parsers/parse-result';
import { openstackListWithShows, parseListWithShows } from './openstack-command';
import type { OpenStackProbeSpec } from './openstack-probe';

/**
 * Each `openstack server show` is a Python start and a Nova call, ~1–2 s on a controller: 40 keep
 * the probe near a minute at worst, and an OrangeBox demo runs a handful of instances.
 */
export const MAX_SERVER_SHOWS = 40;
/** The list plus MAX_SERVER_SHOWS shows at ~2 s each, with room for a loaded controller. */
const SERVERS_TIMEOUT_MS = 150_000;
const LIST_ARGS = ['server', 'list', '--all-projects', '--long', '-f', 'json'];

export function parseServersWithInstanceNames(text: string): ParseResult<OpenStackServerList> {
  return parseListWithShows(text, parseOpenStackServerList, { of: (list) => list.servers, make: (servers) => ({ servers }), show: 'server show' }, (listed, shown) => ({
    ...listed,
    instanceName: listed.instanceName ?? shown.instanceName,
    host: listed.host ?? shown.host,
  }));
}

export const OPENSTACK_SERVERS: OpenStackProbeSpec<'openstack-servers'> = {
  kind: 'openstack-servers',
  args: LIST_ARGS,
  argv: (source) => openstackListWithShows(source, LIST_ARGS, ['server', 'show'], MAX_SERVER_SHOWS, 'OS-EXT-SRV-ATTR:instance_name'),
  parse: (text) => limitProblems(parseServersWithInstanceNames(text)),
  timeoutMs: SERVERS_TIMEOUT_MS,
};
