// Large outputs shaped like the real ones, for the benchmark and for tests that need sizes no
// public capture has: a `juju status` of 1,000 units on 500 machines (JSON and tabular, as Juju 2.x
// prints them) and an `lxc list` of thousands of instances (JSON and the boxed table).

export interface SyntheticJujuShape {
  /** Principal applications; each has `unitsPerApplication` units. */
  applications: number;
  unitsPerApplication: number;
  /** Principal units that carry one unit of the subordinate application "ntp". */
  subordinateUnits: number;
  /** Host machines; each also runs one LXD container ("N/lxd/0"). */
  hostMachines: number;
}

/** 40 × 20 principal units + 200 subordinates = 1,000 units; 250 hosts + 250 containers = 500 machines. */
export const THOUSAND_UNITS: SyntheticJujuShape = { applications: 40, unitsPerApplication: 20, subordinateUnits: 200, hostMachines: 250 };

const appName = (index: number) => `app-${String(index).padStart(2, '0')}`;
const address = (index: number) => `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;

function placement(shape: SyntheticJujuShape, unitIndex: number): string {
  const machines = shape.hostMachines * 2;
  const slot = unitIndex % machines;
  return slot < shape.hostMachines ? String(slot) : `${slot - shape.hostMachines}/lxd/0`;
}

export function syntheticJujuStatusJson(shape: SyntheticJujuShape = THOUSAND_UNITS): string {
  const machines: Record<string, unknown> = {};
  for (let host = 0; host < shape.hostMachines; host += 1) {
    machines[String(host)] = {
      'juju-status': { current: 'started', version: '2.9.42' },
      'dns-name': address(host + 1),
      'instance-id': `node-${host}`,
      'machine-status': { current: 'running', message: 'Deployed' },
      series: 'focal',
      hardware: `arch=amd64 cores=4 mem=16384M availability-zone=zone${host % 3}`,
      containers: {
        [`${host}/lxd/0`]: {
          'juju-status': { current: 'started' },
          'dns-name': address(100000 + host),
          'instance-id': `juju-abc123-${host}-lxd-0`,
          'machine-status': { current: 'running', message: 'Container started' },
          series: 'focal',
          hardware: `availability-zone=zone${host % 3}`,
        },
      },
    };
  }
  const applications: Record<string, unknown> = {};
  let unitIndex = 0;
  let subordinates = 0;
  const ntpRelations: string[] = [];
  for (let app = 0; app < shape.applications; app += 1) {
    const units: Record<string, unknown> = {};
    for (let unit = 0; unit < shape.unitsPerApplication; unit += 1) {
      const machine = placement(shape, unitIndex);
      const entry: Record<string, unknown> = {
        'workload-status': { current: 'active', message: 'Unit is ready' },
        'juju-status': { current: 'idle', version: '2.9.42' },
        machine,
        'public-address': address(200000 + unitIndex),
        'open-ports': ['8080/tcp'],
      };
      if (unit === 0) entry.leader = true;
      if (subordinates < shape.subordinateUnits) {
        entry.subordinates = {
          [`ntp/${subordinates}`]: {
            'workload-status': { current: 'active', message: 'chrony: Ready' },
            'juju-status': { current: 'idle' },
            leader: subordinates === 0,
            'public-address': address(200000 + unitIndex),
          },
        };
        subordinates += 1;
        if (!ntpRelations.includes(appName(app))) ntpRelations.push(appName(app));
      }
      units[`${appName(app)}/${unit}`] = entry;
      unitIndex += 1;
    }
    applications[appName(app)] = {
      charm: `cs:focal/${appName(app)}-${app + 1}`,
      series: 'focal',
      'charm-name': appName(app),
      'charm-rev': app + 1,
      exposed: false,
      'application-status': { current: 'active', message: 'Unit is ready' },
      relations: { cluster: [appName(app)], 'juju-info': ntpRelations.includes(appName(app)) ? ['ntp'] : [], 'shared-db': app === 0 ? [] : [appName(0)] },
      units,
    };
  }
  applications.ntp = {
    charm: 'cs:ntp-47',
    series: 'focal',
    exposed: false,
    'application-status': { current: 'active' },
    'subordinate-to': ntpRelations,
    relations: { 'juju-info': ntpRelations },
  };
  return JSON.stringify({
    model: { name: 'openstack', type: 'iaas', controller: 'maas-controller', cloud: 'maas', region: 'default', version: '2.9.42', sla: 'unsupported' },
    machines,
    applications,
    controller: { timestamp: '12:00:00Z' },
  });
}

/** Go tabwriter-style columns: two spaces of padding, chosen columns right-aligned. */
function table(headings: string[], rows: string[][], rightAligned: number[] = []): string {
  const widths = headings.map((heading, column) => Math.max(heading.length, ...rows.map((row) => (row[column] ?? '').length)));
  const format = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : rightAligned.includes(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [format(headings), ...rows.map(format)].join('\n');
}

export function syntheticJujuStatusTabular(shape: SyntheticJujuShape = THOUSAND_UNITS): string {
  const model = table(['Model', 'Controller', 'Cloud/Region', 'Version', 'SLA', 'Timestamp'], [['openstack', 'maas-controller', 'maas/default', '2.9.42', 'unsupported', '12:00:00Z']]);
  const appRows: string[][] = [];
  const unitRows: string[][] = [];
  let unitIndex = 0;
  let subordinates = 0;
  for (let app = 0; app < shape.applications; app += 1) {
    appRows.push([appName(app), '1.0', 'active', String(shape.unitsPerApplication), appName(app), 'charmstore', 'stable', String(app + 1), 'ubuntu', 'Unit is ready']);
    for (let unit = 0; unit < shape.unitsPerApplication; unit += 1) {
      unitRows.push([`${appName(app)}/${unit}${unit === 0 ? '*' : ''}`, 'active', 'idle', placement(shape, unitIndex), address(200000 + unitIndex), '8080/tcp', 'Unit is ready']);
      if (subordinates < shape.subordinateUnits) {
        unitRows.push([`  ntp/${subordinates}${subordinates === 0 ? '*' : ''}`, 'active', 'idle', '', address(200000 + unitIndex), '', 'chrony: Ready']);
        subordinates += 1;
      }
      unitIndex += 1;
    }
  }
  appRows.push(['ntp', '', 'active', String(shape.subordinateUnits), 'ntp', 'charmstore', 'stable', '47', 'ubuntu', '']);
  appRows.sort((left, right) => left[0]!.localeCompare(right[0]!));
  const machineRows: string[][] = [];
  for (let host = 0; host < shape.hostMachines; host += 1) {
    machineRows.push([String(host), 'started', address(host + 1), `node-${host}`, 'focal', `zone${host % 3}`, 'Deployed']);
    machineRows.push([`${host}/lxd/0`, 'started', address(100000 + host), `juju-abc123-${host}-lxd-0`, 'focal', `zone${host % 3}`, 'Container started']);
  }
  return [
    model,
    table(['App', 'Version', 'Status', 'Scale', 'Charm', 'Store', 'Channel', 'Rev', 'OS', 'Message'], appRows, [3, 7]),
    table(['Unit', 'Workload', 'Agent', 'Machine', 'Public address', 'Ports', 'Message'], unitRows),
    table(['Machine', 'State', 'DNS', 'Inst id', 'Series', 'AZ', 'Message'], machineRows),
  ].join('\n\n');
}

export function syntheticLxcListJson(instances: number): string {
  const list = [];
  for (let index = 0; index < instances; index += 1) {
    list.push({
      architecture: 'x86_64',
      config: { 'image.os': 'ubuntu', 'volatile.uuid': `00000000-0000-4000-8000-${String(index).padStart(12, '0')}` },
      devices: {},
      ephemeral: false,
      profiles: ['default', `instance-${index}`],
      stateful: false,
      description: '',
      name: `instance-${String(index).padStart(8, '0')}`,
      status: 'Running',
      status_code: 103,
      type: 'container',
      location: 'none',
      project: 'default',
      snapshots: null,
      state: {
        status: 'Running',
        network: {
          eth0: {
            addresses: [
              { family: 'inet', address: address(index), netmask: '24', scope: 'global' },
              { family: 'inet6', address: `fe80::216:3eff:fe00:${(index % 65536).toString(16)}`, netmask: '64', scope: 'link' },
            ],
            host_name: `veth${index}`,
            hwaddr: '00:16:3e:00:00:00',
            mtu: 1500,
            state: 'up',
            type: 'broadcast',
          },
          lo: { addresses: [{ family: 'inet', address: '127.0.0.1', netmask: '8', scope: 'local' }], type: 'loopback', state: 'up' },
        },
      },
    });
  }
  return JSON.stringify(list);
}

export function syntheticLxcListTable(instances: number): string {
  const headings = ['NAME', 'STATE', 'IPV4', 'IPV6', 'TYPE', 'SNAPSHOTS'];
  const rows = Array.from({ length: instances }, (_, index) => [`instance-${String(index).padStart(8, '0')}`, 'RUNNING', `${address(index)} (eth0)`, '', 'CONTAINER', '0']);
  const widths = headings.map((heading, column) => Math.max(heading.length, ...rows.map((row) => row[column]!.length)));
  const rule = `+${widths.map((width) => '-'.repeat(width + 2)).join('+')}+`;
  const line = (cells: string[], centre = false) =>
    `|${cells
      .map((cell, column) => {
        const width = widths[column]!;
        if (!centre) return ` ${cell.padEnd(width)} `;
        const left = Math.floor((width - cell.length) / 2);
        return ` ${' '.repeat(left)}${cell}${' '.repeat(width - cell.length - left)} `;
      })
      .join('|')}|`;
  const out = [rule, line(headings, true), rule];
  for (const row of rows) out.push(line(row), rule);
  return out.join('\n');
}
