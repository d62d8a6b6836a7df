// The read commands, with python-openstackclient's column names, JSON keys and formatters.
// Source: openstack/python-openstackclient (10.2.x, fetched 2026-12): compute/v2/hypervisor.py
// ListHypervisor, compute/v2/server.py ListServer/_prep_server_detail (default compute API 2.1,
// so --long shows "Flavor Name"/"Flavor ID" and "Power State" is the number in JSON, the name in a
// table: PowerStateColumn only overrides human_readable), network/v2/{network,subnet,router,port,
// floating_ip,security_group,network_agent}.py, image/v2/image.py, compute/v2/{flavor,service}.py.
import { cell, dictColumn, dictOfLists, listColumn, listOfDicts, UsageError } from './cliff-output.mjs';

const POWER_STATES = ['NOSTATE', 'Running', '', 'Paused', 'Shutdown', '', 'Crashed', 'Suspended'];
const power = (n) => cell(n, POWER_STATES[n] ?? 'N/A');
const adminState = (b) => cell(b, b ? 'UP' : 'DOWN');
const alive = (b) => cell(b, b ? ':-)' : 'XXX');
const routerType = (b) => cell(b, b ? 'External' : 'Internal');
const pools = (ps) => cell(ps, ps.map((p) => `${p.start}-${p.end}`).join(','));
/** Python's json.dumps spacing (", " and ": "), as RouterInfoColumn prints. */
const pyJson = (v) =>
  Array.isArray(v) ? `[${v.map(pyJson).join(', ')}]`
  : v && typeof v === 'object' ? `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${pyJson(x)}`).join(', ')}}`
  : JSON.stringify(v);
const routerInfo = (g) => cell(g, pyJson(g));

/** Parses the command's own options; unknown ones are argparse's error (exit 2). */
export function options(args, spec, prog) {
  const flags = {};
  const positional = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--') || a === '--') {
      positional.push(a);
      continue;
    }
    const [name, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const kind = spec[name];
    if (kind === undefined) throw new UsageError(`openstack ${prog}: error: unrecognized arguments: ${a}`);
    if (kind === 'flag') flags[name] = true;
    else {
      const v = inline ?? args[++i];
      if (v === undefined) throw new UsageError(`openstack ${prog}: error: argument ${name}: expected one argument`);
      if (kind === 'multi') (flags[name] ??= []).push(v);
      else flags[name] = v;
    }
  }
  return { flags, positional };
}

/** Finds by id or unique name, with OSC's messages. */
export function find(list, ref, what) {
  const byId = list.find((x) => x.id === ref || String(x.id) === ref);
  if (byId) return byId;
  const byName = list.filter((x) => x.name === ref);
  if (byName.length === 1) return byName[0];
  if (byName.length > 1) throw new UsageError(`More than one ${what} exists with the name '${ref}'.`, 1);
  throw new UsageError(what === 'server' ? `No Server found for ${ref}` : `No ${what} found for ${ref}`, 1);
}

export function hypervisorList(cloud, args) {
  const { flags } = options(args, { '--long': 'flag', '--matching': 'value' }, 'hypervisor list');
  const headers = ['ID', 'Hypervisor Hostname', 'Hypervisor Type', 'Host IP', 'State'];
  if (flags['--long']) headers.push('vCPUs Used', 'vCPUs', 'Memory MB Used', 'Memory MB');
  const rows = cloud.hypervisors
    .filter((h) => !flags['--matching'] || h.hostname.includes(flags['--matching']))
    .map((h) => {
      const r = [h.id, h.hostname, h.type, h.hostIp, h.state];
      if (flags['--long']) r.push(h.vcpusUsed, h.vcpus, h.memoryMbUsed, h.memoryMb);
      return r;
    });
  return { headers, rows };
}

export function hypervisorShow(cloud, args) {
  const { positional } = options(args, {}, 'hypervisor show');
  const h = find(cloud.hypervisors.map((x) => ({ ...x, name: x.hostname })), positional[0] ?? '', 'hypervisor');
  return {
    aggregates: listColumn([]), cpu_info: dictColumn({}), current_workload: 0, disk_available_least: 0, free_disk_gb: 0,
    free_ram_mb: h.memoryMb - h.memoryMbUsed, host_ip: h.hostIp, hypervisor_hostname: h.hostname, hypervisor_type: h.type,
    hypervisor_version: 5000000, id: h.id, local_gb: 0, local_gb_used: 0, memory_mb: h.memoryMb, memory_mb_used: h.memoryMbUsed,
    running_vms: h.runningVms, service_host: h.hostname, service_id: cloud.computeServices.find((s) => s.host === h.hostname)?.id ?? null,
    state: h.state, status: h.status, vcpus: h.vcpus, vcpus_used: h.vcpusUsed,
  };
}

export function serverList(cloud, args) {
  const { flags } = options(args, { '--all-projects': 'flag', '--long': 'flag', '--host': 'value', '--name': 'value', '--status': 'value', '--no-name-lookup': 'flag', '-n': 'flag' }, 'server list');
  const long = flags['--long'];
  const headers = ['ID', 'Name', 'Status'];
  if (long) headers.push('Task State', 'Power State');
  headers.push('Networks');
  headers.push(...(long ? ['Image Name', 'Image ID', 'Flavor Name', 'Flavor ID', 'Availability Zone', 'Host', 'Properties'] : ['Image', 'Flavor']));
  if (flags['--all-projects']) headers.push('Project ID');
  const image = cloud.images[0];
  const rows = cloud.servers
    .filter((s) => (!flags['--host'] || s.host === flags['--host']) && (!flags['--status'] || s.status === flags['--status']) && (!flags['--name'] || new RegExp(flags['--name']).test(s.name)))
    // Nova lists newest first
    .sort((a, b) => b.createdAt - a.createdAt || (a.instanceName < b.instanceName ? 1 : -1))
    .map((s) => {
      const r = [s.id, s.name, s.status];
      if (long) r.push(s.taskState, power(s.power));
      r.push(dictOfLists(s.addresses));
      if (long) r.push(image.name, image.id, s.flavor.name, s.flavor.id, ZONE_OF(s), cell(s.host, s.host ?? ''), dictColumn({}));
      else r.push(image.name, s.flavor.name);
      if (flags['--all-projects']) r.push(cloud.projectId);
      return r;
    });
  return { headers, rows };
}
const ZONE_OF = (s) => (s.status === 'BUILD' && !s.host ? '' : 'nova');

/** `server show` / `server create`: _prep_server_detail's keys, sorted as cliff prints a ShowOne. */
export function serverDetail(cloud, s) {
  const image = cloud.images[0];
  const d = {
    'OS-DCF:diskConfig': 'MANUAL',
    'OS-EXT-AZ:availability_zone': 'nova',
    'OS-EXT-SRV-ATTR:host': s.host,
    'OS-EXT-SRV-ATTR:hypervisor_hostname': s.host,
    'OS-EXT-SRV-ATTR:instance_name': s.instanceName,
    'OS-EXT-STS:power_state': power(s.power),
    'OS-EXT-STS:task_state': s.taskState,
    'OS-EXT-STS:vm_state': s.vmState,
    'OS-SRV-USG:launched_at': s.status === 'BUILD' ? null : cloud.novaTime(s.createdAt),
    'OS-SRV-USG:terminated_at': null,
    accessIPv4: '',
    accessIPv6: '',
    addresses: dictOfLists(s.addresses),
    config_drive: '',
    created: cloud.isoSeconds(s.createdAt),
    flavor: `${s.flavor.name} (${s.flavor.id})`,
    hostId: s.host ? cloud.stableHostId(s.host) : '',
    id: s.id,
    image: `${image.name} (${image.id})`,
    key_name: null,
    name: s.name,
    progress: 0,
    project_id: cloud.projectId,
    properties: dictColumn({}),
    security_groups: listOfDicts([{ name: 'default' }]),
    status: s.status,
    updated: cloud.isoSeconds(cloud.now),
    user_id: cloud.userId,
    volumes_attached: listOfDicts([]),
  };
  if (s.error) d.fault = dictColumn({ code: 500, created: cloud.isoSeconds(cloud.now), message: s.error });
  return Object.fromEntries(Object.keys(d).sort().map((k) => [k, d[k]]));
}

export function serverShow(cloud, args) {
  const { positional } = options(args, { '--diagnostics': 'flag', '--topology': 'flag' }, 'server show');
  if (!positional.length) throw new UsageError('openstack server show: error: the following arguments are required: <server>');
  return serverDetail(cloud, find(cloud.servers, positional[0], 'server'));
}

export function networkList(cloud, args) {
  const { flags } = options(args, { '--long': 'flag', '--external': 'flag', '--internal': 'flag', '--name': 'value' }, 'network list');
  const nets = cloud.networks.filter((n) => (!flags['--external'] || n.external) && (!flags['--internal'] || !n.external) && (!flags['--name'] || n.name === flags['--name']));
  if (flags['--long']) {
    return {
      headers: ['ID', 'Name', 'Status', 'Project', 'State', 'Shared', 'Subnets', 'Network Type', 'Router Type', 'Availability Zones', 'Tags'],
      rows: nets.map((n) => [n.id, n.name, 'ACTIVE', cloud.projectId, adminState(true), false, listColumn(n.subnets), n.type, routerType(n.external), listColumn(['nova']), listColumn([])]),
    };
  }
  return { headers: ['ID', 'Name', 'Subnets'], rows: nets.map((n) => [n.id, n.name, listColumn(n.subnets)]) };
}

export function networkShow(cloud, args) {
  const { positional } = options(args, {}, 'network show');
  const n = find(cloud.networks, positional[0] ?? '', 'network');
  return {
    admin_state_up: adminState(true), availability_zone_hints: listColumn([]), availability_zones: listColumn(['nova']),
    created_at: cloud.isoSeconds(n.createdAt), description: '', id: n.id, mtu: n.mtu, name: n.name, project_id: cloud.projectId,
    'provider:network_type': n.type, 'provider:physical_network': n.physnet ?? null, 'provider:segmentation_id': n.segment ?? null,
    'router:external': routerType(n.external), shared: false, status: 'ACTIVE', subnets: listColumn(n.subnets), tags: listColumn([]),
  };
}

export function subnetList(cloud, args) {
  const { flags } = options(args, { '--long': 'flag', '--network': 'value' }, 'subnet list');
  const net = flags['--network'] ? find(cloud.networks, flags['--network'], 'network') : null;
  const subs = cloud.subnets.filter((s) => !net || s.networkId === net.id);
  const headers = ['ID', 'Name', 'Network', 'Subnet'];
  if (flags['--long']) headers.push('Project', 'DHCP', 'Name Servers', 'Allocation Pools', 'Host Routes', 'IP Version', 'Gateway', 'Service Types', 'Tags');
  return {
    headers,
    rows: subs.map((s) => {
      const r = [s.id, s.name, s.networkId, s.cidr];
      if (flags['--long']) r.push(cloud.projectId, s.dhcp, listColumn([]), pools(s.pools), listOfDicts([]), 4, s.gateway, listColumn([]), listColumn([]));
      return r;
    }),
  };
}

export function routerList(cloud, args) {
  const { flags } = options(args, { '--long': 'flag', '--name': 'value' }, 'router list');
  const headers = ['ID', 'Name', 'Status', 'State', 'Project', 'Distributed', 'HA'];
  if (flags['--long']) headers.push('Routes', 'External gateway info', 'Availability zones', 'Tags');
  return {
    headers,
    rows: cloud.routers.filter((r) => !flags['--name'] || r.name === flags['--name']).map((r) => {
      const row = [r.id, r.name, r.status, adminState(true), cloud.projectId, false, false];
      if (flags['--long']) row.push(cell([], ''), routerInfo(gatewayInfo(r)), listColumn(['nova']), listColumn([]));
      return row;
    }),
  };
}

function gatewayInfo(r) {
  if (!r.gateway) return null;
  return { network_id: r.gateway.networkId, external_fixed_ips: [{ subnet_id: r.gateway.subnetId, ip_address: r.gateway.ip }], enable_snat: true };
}

export function routerShow(cloud, args) {
  const { positional } = options(args, {}, 'router show');
  const r = find(cloud.routers, positional[0] ?? '', 'router');
  return {
    admin_state_up: adminState(true), availability_zone_hints: listColumn([]), availability_zones: listColumn(['nova']),
    created_at: cloud.isoSeconds(r.createdAt), description: '', distributed: false, external_gateway_info: routerInfo(gatewayInfo(r)),
    flavor_id: null, ha: false, id: r.id,
    interfaces_info: listOfDicts(r.interfaces.map((i) => ({ port_id: i.portId, ip_address: i.ip, subnet_id: i.subnetId }))),
    name: r.name, project_id: cloud.projectId, revision_number: 1 + r.interfaces.length, routes: cell([], ''), status: r.status, tags: listColumn([]),
    updated_at: cloud.isoSeconds(r.createdAt),
  };
}

export function portList(cloud, args) {
  const { flags } = options(args, { '--long': 'flag', '--router': 'value', '--server': 'value', '--device-owner': 'value', '--network': 'value', '--mac-address': 'value', '--host': 'value' }, 'port list');
  let ports = cloud.ports;
  if (flags['--router']) ports = ports.filter((p) => p.deviceId === find(cloud.routers, flags['--router'], 'router').id);
  if (flags['--server']) ports = ports.filter((p) => p.deviceId === find(cloud.servers, flags['--server'], 'server').id);
  if (flags['--device-owner']) ports = ports.filter((p) => p.deviceOwner === flags['--device-owner']);
  if (flags['--network']) ports = ports.filter((p) => p.networkId === find(cloud.networks, flags['--network'], 'network').id);
  if (flags['--mac-address']) ports = ports.filter((p) => p.mac === flags['--mac-address']);
  if (flags['--host']) ports = ports.filter((p) => p.bindingHost === flags['--host']);
  const headers = ['ID', 'Name', 'MAC Address', 'Fixed IP Addresses', 'Status'];
  if (flags['--long']) headers.push('Security Groups', 'Device Owner', 'Tags', 'Trunk subports');
  return {
    headers,
    rows: ports.map((p) => {
      const r = [p.id, p.name, p.mac, listOfDicts(p.fixedIps), p.status];
      if (flags['--long']) r.push(listColumn(p.securityGroups), p.deviceOwner, listColumn([]), cell(null, ''));
      return r;
    }),
  };
}

export function floatingIpList(cloud, args) {
  const { flags } = options(args, { '--long': 'flag', '--port': 'value', '--router': 'value', '--network': 'value' }, 'floating ip list');
  const headers = ['ID', 'Floating IP Address', 'Fixed IP Address', 'Port', 'Floating Network', 'Project'];
  if (flags['--long']) headers.push('Router', 'Status', 'Description', 'Tags', 'DNS Name', 'DNS Domain');
  const ext = cloud.lab.gateway.externalNetwork.id;
  return {
    headers,
    rows: cloud.floatingIps.filter((f) => !flags['--port'] || f.portId === flags['--port']).map((f) => {
      const r = [f.id, f.address, f.fixed ?? null, f.portId ?? null, f.networkId ?? ext, cloud.projectId];
      if (flags['--long']) r.push(f.portId ? f.routerId : null, f.portId ? 'ACTIVE' : 'DOWN', '', listColumn([]), '', '');
      return r;
    }),
  };
}

export function securityGroupList(cloud, args) {
  options(args, { '--project': 'value', '--all-projects': 'flag' }, 'security group list');
  return {
    headers: ['ID', 'Name', 'Description', 'Project', 'Tags', 'Shared'],
    rows: [[cloud.sgId, 'default', 'Default security group', cloud.projectId, listColumn([]), false]],
  };
}

export function imageList(cloud, args) {
  const { flags } = options(args, { '--long': 'flag', '--public': 'flag', '--private': 'flag', '--name': 'value' }, 'image list');
  if (flags['--long']) {
    return {
      headers: ['ID', 'Name', 'Disk Format', 'Container Format', 'Size', 'Checksum', 'Status', 'Visibility', 'Protected', 'Project', 'Hash Algorithm', 'Hash Value', 'Tags'],
      rows: cloud.images.map((i) => [i.id, i.name, i.diskFormat, i.containerFormat, i.size, i.checksum, i.status, i.visibility, false, cloud.projectId, 'sha512', i.checksum.repeat(4), listColumn([])]),
    };
  }
  return { headers: ['ID', 'Name', 'Status'], rows: cloud.images.map((i) => [i.id, i.name, i.status]) };
}

export function flavorList(cloud, args) {
  const { flags } = options(args, { '--all': 'flag', '--public': 'flag', '--private': 'flag', '--long': 'flag' }, 'flavor list');
  const headers = ['ID', 'Name', 'RAM', 'Disk', 'Ephemeral', 'VCPUs', 'Is Public'];
  if (flags['--long']) headers.push('Swap', 'RXTX Factor', 'Properties');
  return {
    headers,
    rows: cloud.flavors.map((f) => {
      const r = [f.id, f.name, f.ram, f.disk, 0, f.vcpus, true];
      if (flags['--long']) r.push(0, 1.0, dictColumn({}));
      return r;
    }),
  };
}

export function computeServiceList(cloud, args) {
  const { flags } = options(args, { '--long': 'flag', '--host': 'value', '--service': 'value' }, 'compute service list');
  const headers = ['ID', 'Binary', 'Host', 'Zone', 'Status', 'State', 'Updated At'];
  if (flags['--long']) headers.push('Disabled Reason');
  return {
    headers,
    rows: cloud.computeServices
      .filter((s) => (!flags['--host'] || s.host === flags['--host']) && (!flags['--service'] || s.binary === flags['--service']))
      .map((s) => {
        const r = [s.id, s.binary, s.host, s.zone, s.status, s.state, cloud.novaTime(s.updatedAt)];
        if (flags['--long']) r.push(null);
        return r;
      }),
  };
}

export function networkAgentList(cloud, args) {
  const { flags } = options(args, { '--long': 'flag', '--host': 'value', '--agent-type': 'value' }, 'network agent list');
  return {
    headers: ['ID', 'Agent Type', 'Host', 'Availability Zone', 'Alive', 'State', 'Binary'],
    rows: cloud.agents
      .filter((a) => !flags['--host'] || a.host === flags['--host'])
      .map((a) => [a.id, a.type, a.host, a.zone, alive(a.alive), adminState(a.adminUp), a.binary]),
  };
}
