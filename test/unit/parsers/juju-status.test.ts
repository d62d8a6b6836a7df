import { describe, expect, it } from 'vitest';
import { parseJujuStatus } from '../../../electron/probes/parsers/juju-status';
import { UNREADABLE } from '../../../electron/probes/parsers/parse-result';
import { fixture } from './fixtures';
import { syntheticJujuStatusJson, syntheticJujuStatusTabular, THOUSAND_UNITS } from './synthetic-outputs';

const walkthrough = fixture('juju-status', 'walkthrough-2.0.1-tabular.txt');

/** Rows of one tabular section, counted straight from the text (independently of the parser). */
function sectionRows(text: string, heading: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`${heading} `));
  const rows: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') break;
    rows.push(line);
  }
  return rows;
}

describe('juju status, walkthrough (Juju 2.0.1 tabular)', () => {
  const result = parseJujuStatus(walkthrough);
  const { value } = result;

  it('reads it completely, as tabular, with no problems (the prompt line is skipped)', () => {
    expect(result.format).toBe('tabular');
    expect(result.problems).toEqual([]);
  });

  it('reads the 2.0 model header (no SLA, no Timestamp; Cloud/Region without a region)', () => {
    expect(value.model).toMatchObject({ name: 'default', controller: 'maas', cloud: 'maas', region: null, version: '2.0.1', sla: null, timestamp: null });
  });

  it('reads every application, unit, machine and relation row of the output', () => {
    expect(value.applications).toHaveLength(sectionRows(walkthrough, 'App').length);
    expect(value.units).toHaveLength(sectionRows(walkthrough, 'Unit').length);
    expect(value.machines).toHaveLength(sectionRows(walkthrough, 'Machine').length);
    expect(value.relations).toHaveLength(sectionRows(walkthrough, 'Relation').length);
    expect([value.applications.length, value.units.length, value.machines.length, value.relations.length]).toEqual([12, 21, 17, 38]);
  });

  it('reads right-aligned Scale and Rev, and a blank Version', () => {
    expect(value.applications.find((app) => app.name === 'lxd')).toMatchObject({ charm: 'lxd', charmRev: 4, scale: 3, version: '2.0.5', store: 'jujucharms' });
    expect(value.applications.find((app) => app.name === 'mysql')).toMatchObject({ charm: 'percona-cluster', charmRev: 246, version: '5.6.21-25.8' });
    expect(value.applications.find((app) => app.name === 'ntp')).toMatchObject({ version: null, status: 'unknown', scale: 4, charmRev: 0 });
  });

  it('reads "exposed" from the 2.0 Notes column: nothing there means not exposed', () => {
    expect(value.applications.every((app) => app.exposed === false)).toBe(true);
  });

  it('links each subordinate to its principal unit and runs it on the principal machine', () => {
    const subordinates = value.units.filter((unit) => unit.principal !== null);
    expect(subordinates.map((unit) => `${unit.name}<${unit.principal}`)).toEqual([
      'ntp/3<neutron-gateway/0',
      'lxd/1<nova-compute/0',
      'neutron-openvswitch/1<nova-compute/0',
      'ntp/1<nova-compute/0',
      'lxd/0<nova-compute/1',
      'neutron-openvswitch/0<nova-compute/1',
      'ntp/0<nova-compute/1',
      'lxd/2<nova-compute/2',
      'neutron-openvswitch/2<nova-compute/2',
      'ntp/2<nova-compute/2',
    ]);
    expect(value.units.find((unit) => unit.name === 'lxd/1')).toMatchObject({ machine: '25', address: '172.27.64.8', application: 'lxd', leader: false });
    expect(value.units.find((unit) => unit.name === 'ntp/3')).toMatchObject({ machine: '26', message: null, workloadStatus: 'unknown' });
  });

  it('marks leaders with "*" and not the rest', () => {
    expect(value.units.filter((unit) => unit.leader).map((unit) => unit.name)).toContain('nova-compute/1');
    expect(value.units.find((unit) => unit.name === 'nova-compute/0')?.leader).toBe(false);
    expect(value.units.find((unit) => unit.name === 'lxd/0')?.leader).toBe(true);
  });

  it('lists the principal applications of each subordinate application', () => {
    expect(value.applications.find((app) => app.name === 'ntp')?.subordinateTo).toEqual(['neutron-gateway', 'nova-compute']);
    expect(value.applications.find((app) => app.name === 'neutron-openvswitch')?.subordinateTo).toEqual(['nova-compute']);
    expect(value.applications.find((app) => app.name === 'glance')?.subordinateTo).toEqual([]);
  });

  it('reads units with ports and empty port cells', () => {
    expect(value.units.find((unit) => unit.name === 'openstack-dashboard/0')).toMatchObject({ machine: '23', ports: ['80/tcp', '443/tcp'], message: 'Unit is ready' });
    expect(value.units.find((unit) => unit.name === 'mysql/0')?.ports).toEqual([]);
  });

  it('gives each LXD container its host machine as parent', () => {
    const containers = value.machines.filter((machine) => machine.parent !== null);
    expect(containers).toHaveLength(11);
    expect(value.machines.find((machine) => machine.id === '22/lxd/0')).toMatchObject({
      parent: '22',
      containerType: 'lxd',
      state: 'started',
      address: '172.27.65.27',
      instanceId: 'juju-79fcc7-22-lxd-0',
      series: 'xenial',
      availabilityZone: null,
    });
    expect(value.machines.find((machine) => machine.id === '26')).toMatchObject({ parent: null, address: '172.27.64.7', instanceId: '4y3hfn', availabilityZone: 'zone1' });
  });

  it('reads 2.0 relations: endpoint, provider, consumer and type', () => {
    expect(value.relations).toContainEqual({ application: 'nova-compute', endpoint: 'lxd', relatedApplication: 'lxd', relatedEndpoint: null, interface: null, type: 'subordinate', message: null });
    const rowsOfType = (type: string) => sectionRows(walkthrough, 'Relation').filter((row) => row.trimEnd().endsWith(` ${type}`)).length;
    expect(value.relations.filter((relation) => relation.type === 'peer')).toHaveLength(rowsOfType('peer'));
    expect(value.relations.filter((relation) => relation.type === 'subordinate')).toHaveLength(rowsOfType('subordinate'));
    expect(rowsOfType('peer') + rowsOfType('subordinate') + rowsOfType('regular')).toBe(38);
  });
});

describe('juju status, Juju 2.9 tabular with --relations (openstack/charm-guide)', () => {
  const text = fixture('juju-status', 'openstack-charm-guide-2.9.22-tabular-relations.txt');
  const { value, problems, format } = parseJujuStatus(text);

  it('reads the SLA and Timestamp header and a cloud/region pair', () => {
    expect(format).toBe('tabular');
    expect(problems).toEqual([]);
    expect(value.model).toMatchObject({ name: 'openstack', cloud: 'cloud', region: 'default', version: '2.9.22', sla: 'unsupported', timestamp: '02:25:29Z' });
  });

  it('reads every row, with the Channel and Message columns of 2.9', () => {
    expect([value.applications.length, value.units.length, value.machines.length, value.relations.length]).toEqual([28, 48, 23, 77]);
    expect(value.applications.find((app) => app.name === 'mysql-innodb-cluster')).toMatchObject({
      channel: 'stable',
      store: 'charmstore',
      charmRev: 15,
      message: 'Unit is ready: Mode: R/O, Cluster is ONLINE and can tolerate up to ONE failure.',
    });
    expect(value.applications.find((app) => app.name === 'keystone-hacluster')).toMatchObject({ version: null, scale: 3, charm: 'hacluster', subordinateTo: ['keystone'] });
  });

  it('links subordinates placed on LXD containers to the container', () => {
    expect(value.units.find((unit) => unit.name === 'keystone-mysql-router/1')).toMatchObject({ principal: 'keystone/1', machine: '1/lxd/6', leader: false });
    expect(value.units.find((unit) => unit.name === 'ntp/0')).toMatchObject({ principal: 'nova-compute/0', ports: ['123/udp'], message: 'chrony: Ready' });
  });

  it('reads "provider:endpoint" relations with interface and type', () => {
    expect(value.relations).toContainEqual({
      application: 'ovn-chassis',
      endpoint: 'nova-compute',
      relatedApplication: 'nova-compute',
      relatedEndpoint: 'neutron-plugin',
      interface: 'neutron-plugin',
      type: 'subordinate',
      message: null,
    });
  });
});

describe('juju status, Juju 3.x tabular', () => {
  it('reads 3.4 with a SAAS section, Base instead of Series and "Integration provider"', () => {
    const { value, problems } = parseJujuStatus(fixture('juju-status', 'mysql-operator-3.4.2-saas-relations-tabular.txt'));
    expect(problems).toEqual([]);
    expect(value.saas).toEqual([{ name: 'tempo-k8s', status: 'active', store: 'k8s', url: 'admin/cos.tempo-k8s' }]);
    expect(value.machines[0]).toMatchObject({ id: '0', base: 'ubuntu@22.04', series: null, address: '10.205.193.206', availabilityZone: null, message: 'Running' });
    expect(value.applications[0]).toMatchObject({ name: 'mysql', charmRev: 239, channel: null, exposed: false, version: '8.0.36-0ubun...' });
    expect(value.units[0]?.ports).toEqual(['3306/tcp', '33060/tcp']);
    expect(value.relations.map((relation) => `${relation.application}:${relation.endpoint} ${relation.type}`)).toEqual([
      'mysql:database-peers peer',
      'mysql:restart peer',
      'mysql:upgrade peer',
      'tempo-k8s:tracing regular',
    ]);
  });

  it('reads 3.5 with a subordinate on a machine unit and the Exposed column', () => {
    const { value } = parseJujuStatus(fixture('juju-status', 'mysql-operator-3.5.4-subordinate-tabular.txt'));
    expect(value.units.find((unit) => unit.name === 'grafana-agent/0')).toMatchObject({ principal: 'mysql/0', machine: '0', workloadStatus: 'blocked', leader: true });
    expect(value.applications.find((app) => app.name === 'grafana-agent')).toMatchObject({ channel: 'latest/edge', charmRev: 282, exposed: false, subordinateTo: ['mysql'] });
    expect(value.relations.find((relation) => relation.type === 'subordinate')).toMatchObject({ application: 'mysql', relatedApplication: 'grafana-agent', interface: 'cos_agent' });
  });
});

describe('juju status, JSON', () => {
  it('reads Juju 2.9 JSON (machine model): charm name and revision, leader, series', () => {
    const { value, format, problems } = parseJujuStatus(fixture('juju-status', 'microk8s-benchmarks-2.9.29.json.txt'));
    expect(format).toBe('json');
    expect(problems).toEqual([]);
    expect(value.model).toMatchObject({ name: 'microk8s', cloud: 'mk8s-testing', region: 'Boston', type: 'iaas', timestamp: '13:03:13+02:00' });
    expect(value.applications).toEqual([
      expect.objectContaining({ name: 'microk8s-node', charm: 'ubuntu', charmRev: 19, channel: 'stable', store: 'charmhub', series: 'focal', scale: 2, exposed: false, version: '20.04' }),
    ]);
    expect(value.units.map((unit) => [unit.name, unit.machine, unit.address, unit.leader])).toEqual([
      ['microk8s-node/0', '0', '10.246.154.108', true],
      ['microk8s-node/1', '1', '10.246.154.111', false],
    ]);
    expect(value.machines[1]).toMatchObject({ id: '1', state: 'started', address: '10.246.154.111', instanceId: 'juju-c6c89a-1', message: 'powering on' });
  });

  it('reads Juju 3.6 JSON relations (related-application, interface, scope) paired across both ends', () => {
    const { value } = parseJujuStatus(fixture('juju-status', 'jubilant-3.6.1-caas-relations.json.txt'));
    expect(value.applications.map((app) => [app.name, app.base, app.scale])).toEqual([
      ['database', 'ubuntu@22.04', 1],
      ['webapp', 'ubuntu@22.04', 1],
    ]);
    expect(value.relations).toEqual([
      { application: 'database', endpoint: 'db', relatedApplication: 'webapp', relatedEndpoint: 'db', interface: 'dbi', type: 'regular', message: null },
      { application: 'database', endpoint: 'db', relatedApplication: 'dummy', relatedEndpoint: null, interface: 'xyz', type: 'regular', message: null },
    ]);
    expect(value.units[0]).toMatchObject({ name: 'database/0', address: '10.1.164.190', machine: null, ports: ['8080/tcp'] });
  });

  it('reads a Juju 2.9 peer relation listed as plain application names', () => {
    const { value } = parseJujuStatus(fixture('juju-status', 'jubilant-2.9.51-caas-allocating.json.txt'));
    expect(value.relations).toEqual([
      {
        application: 'tls-certificates-requirer',
        endpoint: 'replicas',
        relatedApplication: 'tls-certificates-requirer',
        relatedEndpoint: 'replicas',
        interface: null,
        type: 'peer',
        message: null,
      },
    ]);
    expect(value.units[0]).toMatchObject({ agentStatus: 'allocating', workloadStatus: 'waiting', leader: false });
  });

  it('reads YAML the same way as JSON', () => {
    const json = parseJujuStatus(fixture('juju-status', 'microk8s-benchmarks-2.9.29.json.txt'));
    const yaml = parseJujuStatus(
      [
        'model:',
        '  name: microk8s',
        '  controller: mk8s-testing-controller',
        '  cloud: mk8s-testing',
        '  region: Boston',
        '  version: 2.9.29',
        'machines:',
        '  "0":',
        '    juju-status: {current: started}',
        '    dns-name: 10.246.154.108',
        'applications:',
        '  microk8s-node:',
        '    charm: ubuntu',
        '    charm-rev: 19',
        '    units:',
        '      microk8s-node/0:',
        '        workload-status: {current: active}',
        '        juju-status: {current: idle}',
        '        leader: true',
        '        machine: "0"',
        '        public-address: 10.246.154.108',
      ].join('\n'),
    );
    expect(yaml.format).toBe('yaml');
    expect(yaml.value.units[0]).toEqual(json.value.units[0]);
    expect(yaml.value.model.version).toBe('2.9.29');
  });

  it('orders 1,000 synthetic units like the table, subordinates after their principal', () => {
    const fromJson = parseJujuStatus(syntheticJujuStatusJson()).value;
    const fromTable = parseJujuStatus(syntheticJujuStatusTabular()).value;
    const expectedUnits = THOUSAND_UNITS.applications * THOUSAND_UNITS.unitsPerApplication + THOUSAND_UNITS.subordinateUnits;
    expect(fromJson.units).toHaveLength(expectedUnits);
    expect(fromJson.units.map((unit) => [unit.name, unit.principal, unit.machine])).toEqual(fromTable.units.map((unit) => [unit.name, unit.principal, unit.machine]));
    expect(fromJson.machines.map((machine) => [machine.id, machine.parent, machine.availabilityZone])).toEqual(
      fromTable.machines.map((machine) => [machine.id, machine.parent, machine.availabilityZone]),
    );
  });
});

describe('juju status, what real terminals add', () => {
  it('reads output coloured with --color (ANSI escapes) and CRLF line ends like the plain one', () => {
    const coloured = walkthrough.replace(/\bactive\b/g, '\u001b[32mactive\u001b[0m').replace(/\n/g, '\r\n');
    const plain = parseJujuStatus(walkthrough).value;
    expect(parseJujuStatus(coloured).value).toEqual(plain);
  });

  it('joins a status message that continues on the next line to its unit', () => {
    const text = [
      'Model  Controller  Cloud/Region  Version',
      'lab    maas        maas          2.9.42',
      '',
      'Unit            Workload  Agent  Machine  Public address  Ports  Message',
      'nova-compute/0  error     idle   1        10.0.0.5               hook failed: "config-changed"',
      'Traceback (most recent call last):',
      'nova-compute/1  active    idle   2        10.0.0.6               Unit is ready',
    ].join('\n');
    const { value } = parseJujuStatus(text);
    expect(value.units.map((unit) => [unit.name, unit.message])).toEqual([
      ['nova-compute/0', 'hook failed: "config-changed"\nTraceback (most recent call last):'],
      ['nova-compute/1', 'Unit is ready'],
    ]);
  });

  it('keeps sections it does not model (Offer, Storage) as rows', () => {
    const text = [
      'Model  Controller  Cloud/Region  Version  SLA          Timestamp',
      'lab    maas        maas/default  3.1.6    unsupported  12:00:00Z',
      '',
      'Offer  Application  Charm  Rev  Connected  Endpoint  Interface     Role',
      'mysql  mysql        mysql  151  1/1        database  mysql_client  provider',
    ].join('\n');
    const { value } = parseJujuStatus(text);
    expect(value.otherSections).toEqual([
      { heading: 'Offer', line: 4, rows: [{ Offer: 'mysql', Application: 'mysql', Charm: 'mysql', Rev: '151', Connected: '1/1', Endpoint: 'database', Interface: 'mysql_client', Role: 'provider' }] },
    ]);
  });

  it('reports an error Juju printed instead of a status, naming the line', () => {
    const result = parseJujuStatus('ERROR cannot connect to API: dial tcp 10.0.0.2:17070: connect: no route to host\n');
    expect(result.format).toBe(UNREADABLE);
    expect(result.problems).toEqual([{ line: 1, message: expect.stringContaining('not juju status output: "ERROR cannot connect to API') }]);
  });

  it('reports truncated JSON on the line where it stops', () => {
    const text = fixture('juju-status', 'jubilant-3.6.1-caas-relations.json.txt');
    const cut = text.slice(0, text.indexOf('"webapp": {'));
    const result = parseJujuStatus(cut);
    expect(result.format).toBe(UNREADABLE);
    expect(result.problems[0]?.message).toMatch(/truncated|malformed/);
    expect(result.problems[0]?.line).toBeGreaterThan(1);
  });
});

describe('juju status, Juju 1.18 YAML (services, agent-state)', () => {
  it('reads services as applications, with subordinates under their principal', () => {
    const { value, format, problems } = parseJujuStatus(fixture('juju-status', 'ubuntu-forums-1.18.4-services-subordinates.yaml.txt'));
    expect(format).toBe('yaml');
    expect(problems).toEqual([]);
    expect(value.applications.map((app) => [app.name, app.charm, app.charmRev, app.scale])).toEqual([
      ['ceph', 'ceph', 106, 2],
      ['ceph-osd', 'ceph-osd', 15, 3],
      ['mysql', 'mysql', 312, 2],
      ['mysql-hacluster', 'hacluster', 69, 2],
    ]);
    expect(value.units.map((unit) => [unit.name, unit.principal, unit.machine, unit.agentStatus])).toContainEqual(['mysql-hacluster/1', 'mysql/0', '1', 'started']);
    expect(value.units.map((unit) => unit.name).slice(5)).toEqual(['mysql/0', 'mysql-hacluster/1', 'mysql/1', 'mysql-hacluster/0']);
    expect(value.relations.find((relation) => relation.endpoint === 'ha')).toMatchObject({ application: 'mysql', relatedApplication: 'mysql-hacluster', relatedEndpoint: 'ha', type: 'subordinate' });
  });
});
