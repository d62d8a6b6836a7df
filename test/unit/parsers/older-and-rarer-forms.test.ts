// The older and rarer forms real machines print (issue 12 §5): Juju 1.25/2.0-beta bracketed
// sections, LXD 0.x comma-separated addresses, headless `lxc list --format csv -c …`, ping's one-line
// failures and BSD/macOS ping6, `dpkg -l` on every architecture and before the Architecture column.
// Every input is a real output (test/fixtures/outputs/README.md says where each comes from).
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runParseCommand, type ParseCommandIo } from '../../../electron/cli/parse-command';
import { parseDpkgList } from '../../../electron/probes/parsers/dpkg';
import { parseJujuStatus } from '../../../electron/probes/parsers/juju-status';
import { parseLxcList } from '../../../electron/probes/parsers/lxc-list';
import { emptyPingResult, parsePing } from '../../../electron/probes/parsers/ping';
import { fixture } from './fixtures';

describe('juju status, Juju 2.0 betas ([Services] [Relations] [Units] [Machines])', () => {
  const result = parseJujuStatus(fixture('juju-status', 'juju-docs-2.0-beta-bracketed-sections.txt'));

  it('reads it as tabular with no problems, and leaves the model it does not print as nulls', () => {
    expect(result.format).toBe('tabular');
    expect(result.problems).toEqual([]);
    expect(result.value.model).toEqual({ name: null, controller: null, cloud: null, region: null, version: null, type: null, sla: null, timestamp: null, notes: null });
    expect(result.value.otherSections).toEqual([]);
  });

  it('reads services as applications: charm URL split into name, revision and store; EXPOSED false', () => {
    expect(result.value.applications.map((app) => [app.name, app.charm, app.charmRev, app.store, app.status, app.exposed, app.scale])).toEqual([
      ['haproxy', 'haproxy', 18, 'charmstore', 'maintenance', false, null],
      ['mariadb', 'mariadb', 2, 'charmstore', 'maintenance', false, null],
      ['mediawiki', 'mediawiki', 5, 'charmstore', 'maintenance', false, null],
    ]);
  });

  it('reads units from single-space-separated capital headings (WORKLOAD-STATUS, JUJU-STATUS, PUBLIC-ADDRESS)', () => {
    expect(result.value.units).toEqual([
      { name: 'haproxy/0', application: 'haproxy', machine: '2', address: '10.0.3.177', workloadStatus: 'maintenance', agentStatus: 'executing', message: 'installing charm software', leader: false, principal: null, ports: [] },
      { name: 'mariadb/0', application: 'mariadb', machine: '1', address: '10.0.3.158', workloadStatus: 'maintenance', agentStatus: 'executing', message: '(config-changed) installing charm software', leader: false, principal: null, ports: [] },
      { name: 'mediawiki/0', application: 'mediawiki', machine: '0', address: '10.0.3.105', workloadStatus: 'maintenance', agentStatus: 'executing', message: '(install) installing charm software', leader: false, principal: null, ports: [] },
    ]);
  });

  it('reads machines (ID, DNS, INS-ID, SERIES) and SERVICE1/SERVICE2 peer relations', () => {
    expect(result.value.machines.map((machine) => [machine.id, machine.state, machine.address, machine.instanceId, machine.series, machine.availabilityZone])).toEqual([
      ['0', 'started', '10.0.3.105', 'juju-8f5c4f24-0d90-4441-8870-072420559f08-machine-0', 'trusty', null],
      ['1', 'started', '10.0.3.158', 'juju-8f5c4f24-0d90-4441-8870-072420559f08-machine-1', 'trusty', null],
      ['2', 'started', '10.0.3.177', 'juju-8f5c4f24-0d90-4441-8870-072420559f08-machine-2', 'trusty', null],
    ]);
    expect(result.value.relations).toEqual([
      { application: 'haproxy', endpoint: 'peer', relatedApplication: 'haproxy', relatedEndpoint: null, interface: null, type: 'peer', message: null },
      { application: 'mariadb', endpoint: 'cluster', relatedApplication: 'mariadb', relatedEndpoint: null, interface: null, type: 'peer', message: null },
    ]);
  });

  it('reads a titled section through a blank line inside it, and empty sections as empty', () => {
    const ha = parseJujuStatus(fixture('juju-status', 'juju-docs-2.0-beta-ha-machines-blank-line.txt'));
    expect(ha.problems).toEqual([]);
    expect(ha.value.applications).toEqual([]);
    expect(ha.value.units).toEqual([]);
    expect(ha.value.machines.map((machine) => [machine.id, machine.address, machine.instanceId, machine.availabilityZone])).toEqual([
      ['0', '10.55.61.153', 'f9bcfde5-a071-4892-aa05-16212256a125', 'nova'],
      ['1', '10.55.61.86', '899bd5c0-7b00-4ae5-bf09-fab206bf9b43', 'nova'],
      ['2', '10.55.61.89', '7d997259-31e5-4390-a14d-2d054685e2cd', 'nova'],
    ]);
  });

  it('reads a units section pasted alone, without its [Units] title (2.0-beta6)', () => {
    const etcd = parseJujuStatus(fixture('juju-status', 'layer-etcd-2.0-beta6-units-only.txt'));
    expect(etcd.format).toBe('tabular');
    expect(etcd.problems).toEqual([]);
    expect(etcd.value.units.map((unit) => [unit.name, unit.machine, unit.address, unit.ports, unit.message])).toEqual([
      ['etcd/9', '10', '192.168.239.20', ['2379/tcp', '2380/tcp'], 'cluster-health check failed... needs attention'],
      ['etcd/10', '9', '192.168.91.60', ['2379/tcp', '2380/tcp'], '(leader) cluster is healthy'],
    ]);
  });

  it('keeps a titled section it does not model as rows instead of failing', () => {
    const text = `${fixture('juju-status', 'juju-docs-2.0-beta-bracketed-sections.txt')}[Storage]\nUNIT      ID\nmariadb/0 data/0\n`;
    const withStorage = parseJujuStatus(text);
    expect(withStorage.value.units).toHaveLength(3);
    expect(withStorage.value.otherSections).toEqual([{ heading: 'UNIT', line: 21, rows: [{ UNIT: 'mariadb/0', ID: 'data/0' }] }]);
  });
});

describe('lxc list, LXD 0.x with several addresses in one cell (canonical/lxd#1247)', () => {
  it('splits "10.0.3.68, 10.0.4.1" into two addresses without interface', () => {
    const result = parseLxcList(fixture('lxc-list', 'lxd-issue-1247-lxd-0.x-addresses-comma-separated.txt'));
    expect(result.format).toBe('table');
    expect(result.problems).toEqual([]);
    expect(result.value.instances).toEqual([
      {
        name: 'wily',
        state: 'RUNNING',
        type: 'container',
        ephemeral: false,
        ipv4: [
          { address: '10.0.3.68', iface: null },
          { address: '10.0.4.1', iface: null },
        ],
        ipv6: [],
        snapshots: 0,
        location: null,
        profiles: null,
        project: null,
      },
    ]);
  });
});

describe('lxc list --format csv -c … (no headings: the -c letters say what each field is)', () => {
  const ns4t = fixture('lxc-list', 'lab-lxd-5.0.2-headless-csv-c-ns4t.txt');
  const nsP4tS = fixture('lxc-list', 'lab-lxd-5.0.2-headless-csv-c-nsP4tS.txt');

  it('reads -c ns4t rows as NAME, STATE, IPV4, TYPE, with no snapshot count (not listed)', () => {
    const result = parseLxcList(ns4t, { columns: 'ns4t' });
    expect(result.format).toBe('csv');
    expect(result.problems).toEqual([]);
    expect(result.value.instances.map((instance) => [instance.name, instance.state, instance.ipv4, instance.type, instance.snapshots])).toEqual([
      ['instance-00000012', 'RUNNING', [{ address: '198.51.100.39', iface: 'eth0' }], 'container', null],
      ['instance-00000014', 'RUNNING', [{ address: '198.51.100.20', iface: 'eth0' }], 'container', null],
      ['juju-79fcc7-24-lxd-0', 'RUNNING', [{ address: '198.51.100.206', iface: 'eth0' }], 'container', null],
    ]);
  });

  it('reads -c nsP4tS, a quoted two-line PROFILES field included; "n,s,P,4,t,S" is the same', () => {
    for (const columns of ['nsP4tS', 'n,s,P,4,t,S']) {
      const result = parseLxcList(nsP4tS, { columns });
      expect(result.problems, columns).toEqual([]);
      expect(result.value.instances.map((instance) => [instance.name, instance.profiles, instance.ipv4[0]?.address, instance.snapshots]), columns).toEqual([
        ['instance-0000000c', ['instance-0000000c'], '198.51.100.12', 0],
        ['instance-00000002', ['instance-00000002'], '198.51.100.4', 0],
        ['juju-79fcc7-22-lxd-0', ['default', 'juju-default'], '198.51.100.200', 0],
      ]);
    }
  });

  it('takes the letters from an "lxc list … -c" command line pasted above the rows', () => {
    for (const commandLine of ['$ lxc list --project node05ob64 --format csv -c ns4t', 'lxc list --format csv -c ns4t', 'root@node05ob64:~# lxc list --format=csv --columns=ns4t']) {
      const result = parseLxcList(`${commandLine}\n${ns4t}`);
      expect(result.problems, commandLine).toEqual([]);
      expect(result.value.instances.map((instance) => instance.ipv4[0]?.address), commandLine).toEqual(['198.51.100.39', '198.51.100.20', '198.51.100.206']);
    }
  });

  it('without the letters, says which to give instead of guessing 4 fields', () => {
    const result = parseLxcList(ns4t);
    expect(result.format).toBe('unreadable');
    expect(result.value.instances).toEqual([]);
    expect(result.problems).toHaveLength(3);
    expect(result.problems[0]).toEqual({ line: 1, message: expect.stringContaining('give the -c letters it was listed with, e.g. parse lxc-list --columns ns4t') });
  });

  it('does not read six -c nsP4tS fields as the six default columns (a profile where IPV4 should be)', () => {
    const result = parseLxcList(nsP4tS);
    expect(result.format).toBe('unreadable');
    expect(result.value.instances).toEqual([]);
    expect(result.problems.map((entry) => entry.line)).toEqual([1, 2, 3]);
    expect(result.problems[0]?.message).toBe(
      'read as lxc list\'s default columns, "instance-0000000c" stands where an address should: the list was made with other -c columns; give them (e.g. parse lxc-list --columns nsP4tS)',
    );
  });

  it('reports rows whose field count is not the number of letters, and letters lxc does not have', () => {
    const wrongCount = parseLxcList(ns4t, { columns: 'ns4tS' });
    expect(wrongCount.value.instances).toEqual([]);
    expect(wrongCount.problems[0]).toEqual({ line: 1, message: expect.stringContaining('a CSV row with 4 fields where -c names 5 columns (NAME, STATE, IPV4, TYPE, SNAPSHOTS)') });
    const unknownLetter = parseLxcList(ns4t, { columns: 'ns4x' });
    expect(unknownLetter.problems).toContainEqual({ line: null, message: 'lxc list has no column "x" (in -c "ns4x"); that field is not read' });
    expect(unknownLetter.value.instances.map((instance) => instance.type)).toEqual([null, null, null]);
  });
});

describe('ping, one-line failures', () => {
  it('reads "connect: Network is unreachable" (no route: nothing sent, nothing else printed) as an iputils error', () => {
    const result = parsePing(fixture('ping', 'iputils-20221126-connect-network-unreachable.txt'));
    expect(result.format).toBe('iputils');
    expect(result.problems).toEqual([]);
    // Nothing but the error: every other field stays as an empty result has it.
    expect(result.value).toEqual({ ...emptyPingResult(), errors: ['ping: connect: Network is unreachable'], implementation: 'iputils' });
  });

  it('reads old iputils\' "unknown host" with its prompt line, naming the target', () => {
    const result = parsePing(fixture('ping', 'ubuntu-forums-iputils-s20121221-unknown-host.txt'));
    expect(result.format).toBe('iputils');
    expect(result.problems).toEqual([]);
    expect(result.value).toMatchObject({ target: 'ubuntu.com', address: null, errors: ['ping: unknown host ubuntu.com'], replies: [], complete: false });
  });
});

describe('ping6, BSD / macOS (KAME)', () => {
  it('reads the PING6 header, "hlim=" replies and the std-dev summary of ::1', () => {
    const result = parsePing(fixture('ping', 'macos-ping6-loopback.txt'));
    expect(result.format).toBe('bsd');
    expect(result.problems).toEqual([]);
    expect(result.value).toMatchObject({ target: '::1', address: '::1', transmitted: 3, received: 3, lossPercent: 0, totalTimeMs: null, complete: true, rtt: { min: 0.124, avg: 0.151, max: 0.173, mdev: 0.02 } });
    expect(result.value.replies).toEqual([
      { seq: 0, ttl: 64, timeMs: 0.124, from: '::1', bytes: 16, duplicate: false },
      { seq: 1, ttl: 64, timeMs: 0.157, from: '::1', bytes: 16, duplicate: false },
      { seq: 2, ttl: 64, timeMs: 0.173, from: '::1', bytes: 16, duplicate: false },
    ]);
  });

  it('takes the target name from the statistics line (the header has addresses only)', () => {
    const result = parsePing(fixture('ping', 'cnp3-bsd-ping6-interrupted.txt'));
    expect(result.problems).toEqual([]);
    expect(result.value).toMatchObject({ target: 'www.ietf.org', address: '2001:1890:123a::1:1e', transmitted: 8, received: 8, rtt: { min: 155.325, avg: 155.81, max: 156.905, mdev: 0.447 } });
    expect(result.value.replies.map((reply) => [reply.seq, reply.ttl, reply.timeMs])).toEqual([
      [0, 49, 156.905],
      [1, 49, 155.618],
      [2, 49, 155.808],
      [3, 49, 155.325],
      [4, 49, 155.493],
      [5, 49, 155.801],
      [6, 49, 155.66],
      [7, 49, 155.869],
    ]);
  });

  it('reports a killed ping6 (header and replies, no statistics) and a second run', () => {
    const lines = fixture('ping', 'macos-ping6-loopback.txt').split('\n');
    const killed = parsePing(lines.slice(0, 3).join('\n'));
    expect(killed.value).toMatchObject({ target: null, address: '::1', complete: false, replies: [{ seq: 0 }, { seq: 1 }] });
    expect(killed.problems).toEqual([{ line: null, message: 'the ping stopped before printing its statistics (killed, or still running when captured)' }]);
    const twice = parsePing(`${lines.join('\n')}\n${lines[0]}\n`);
    expect(twice.problems).toContainEqual({ line: 10, message: 'a second ping starts here; only the first one is read' });
  });
});

describe('dpkg -l on every architecture', () => {
  it('reads arm64 with armel and armhf multiarch rows, the "root@arm64 # " prompt line skipped', () => {
    const result = parseDpkgList(fixture('dpkg', 'debian-multiarch-notes-dpkg-1.19-arm64-armel-armhf.txt'));
    expect(result.format).toBe('dpkg-l');
    expect(result.problems).toEqual([]);
    expect(result.value.packages).toEqual(
      ['arm64', 'armel', 'armhf'].map((arch) => ({ status: 'ii', name: 'libc6', version: '2.28-10', arch, description: 'GNU C Library: Shared libraries' })),
    );
  });

  it('reads grepped ppc64el and "all" rows (PowerVM NovaLink) without a heading', () => {
    const result = parseDpkgList(fixture('dpkg', 'novalink-notes-ppc64el-grep-pvm.txt'));
    expect(result.format).toBe('dpkg-l-lines');
    expect(result.problems).toEqual([]);
    expect(result.value.packages.map((pkg) => [pkg.name, pkg.version, pkg.arch])).toEqual([
      ['pvm-cli', '1.0.0.9-180222-2851', 'all'],
      ['pvm-core', '1.0.0.9-180219-4816', 'ppc64el'],
      ['pvm-core-dev', '1.0.0.9-180219-4816', 'ppc64el'],
      ['pvm-novalink', '1.0.0.9-180222-3008', 'ppc64el'],
      ['pvm-rest-app', '1.0.0.9-180214-2162', 'ppc64el'],
      ['pvm-rest-server', '1.0.0.9-180208-98', 'ppc64el'],
    ]);
    expect(result.value.packages[5]?.description).toBe('Holds the basic installation of the REST WebServer (Websphere Liberty Profile) for PowerVM NovaLink');
  });

  it('reads s390x rows from two grepped listings, their prompt lines skipped', () => {
    const result = parseDpkgList(fixture('dpkg', 'launchpad-2123828-s390x-grep.txt'));
    expect(result.problems).toEqual([]);
    expect(result.value.packages).toEqual([
      { status: 'ii', name: 'libc6', version: '2.42-0ubuntu3', arch: 's390x', description: 'GNU C Library: Shared libraries' },
      { status: 'ii', name: 'libc6-dev', version: '2.42-0ubuntu3', arch: 's390x', description: 'GNU C Library: Development Libraries and Header Files' },
      { status: 'ii', name: 'qemu-user', version: '1:10.1.0+ds-5ubuntu2.1', arch: 's390x', description: 'QEMU user mode emulation (static binaries)' },
      { status: 'ii', name: 'qemu-user-binfmt', version: '1:10.1.0+ds-5ubuntu2.1', arch: 's390x', description: 'QEMU user mode binfmt registration for qemu-user' },
    ]);
  });

  it('reads i386 and "all" rows, the ":i386" of multiarch names kept out of the name', () => {
    const result = parseDpkgList(fixture('dpkg', 'debian-9-i386-dpkg-1.18-rows.txt'));
    expect(result.problems).toEqual([]);
    expect(result.value.packages.map((pkg) => `${pkg.name} ${pkg.arch}`)).toEqual([
      'libaudit-common all',
      'libaudit1 i386',
      'libblkid1 i386',
      'libbz2-1.0 i386',
      'libc-bin i386',
      'libc-dev-bin i386',
      'libc6 i386',
      'libc6-dev i386',
      'libdpkg-perl all',
      'libsasl2-2 i386',
    ]);
    expect(result.value.packages[9]?.version).toBe('2.1.27~101-g0780600+dfsg-3');
  });

  it('reads dpkg of 2006 (no Architecture column): arch null, the whole description kept', () => {
    const result = parseDpkgList(fixture('dpkg', 'git-list-2006-dpkg-without-architecture.txt'));
    expect(result.format).toBe('dpkg-l-without-architecture');
    expect(result.problems).toEqual([]);
    expect(result.value.packages).toEqual([
      { status: 'ii', name: 'libapr1', version: '1.2.7-6', arch: null, description: 'The Apache Portable Runtime Library' },
      { status: 'ii', name: 'libaprutil1', version: '1.2.7+dfsg-2', arch: null, description: 'The Apache Portable Runtime Utility Library' },
      { status: 'ii', name: 'libdb4.4', version: '4.4.20-3', arch: null, description: 'Berkeley v4.4 Database Libraries [runtime]' },
      { status: 'ii', name: 'libsvn1', version: '1.4.0-5', arch: null, description: 'Shared libraries used by Subversion' },
      { status: 'ii', name: 'subversion', version: '1.4.0-5', arch: null, description: 'Advanced version control system' },
    ]);
  });
});

describe('orangebox-console parse lxc-list --columns', () => {
  async function run(args: string[], input: string) {
    const out: string[] = [];
    const err: string[] = [];
    const io: ParseCommandIo = { stdin: Object.assign(Readable.from([Buffer.from(input, 'utf8')]), { isTTY: false }), stdout: { write: (text: string) => out.push(text) }, stderr: { write: (text: string) => err.push(text) } };
    return { code: await runParseCommand(args, io), stdout: out.join(''), stderr: err.join('') };
  }
  const ns4t = fixture('lxc-list', 'lab-lxd-5.0.2-headless-csv-c-ns4t.txt');

  it('reads a headless CSV with the -c letters given as --columns LETTERS or --columns=LETTERS', async () => {
    for (const args of [['lxc-list', '--columns', 'ns4t'], ['lxc-list', '--columns=ns4t', '-'], ['--columns', 'ns4t', 'lxc-list']]) {
      const { code, stdout, stderr } = await run(args, ns4t);
      expect(code, args.join(' ')).toBe(0);
      expect(stderr).toBe('');
      expect(JSON.parse(stdout).instances.map((instance: { name: string; type: string }) => `${instance.name} ${instance.type}`)).toEqual(['instance-00000012 container', 'instance-00000014 container', 'juju-79fcc7-24-lxd-0 container']);
    }
  });

  it('exits 2 saying which letters to give when they are missing, and refuses --columns for other kinds', async () => {
    const missing = await run(['lxc-list'], ns4t);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('e.g. parse lxc-list --columns ns4t');
    const otherKind = await run(['ping', '--columns', 'ns4t'], 'ping: connect: Network is unreachable\n');
    expect(otherKind).toEqual({ code: 2, stdout: '', stderr: 'orangebox-console parse: --columns is for lxc-list only (the -c letters of lxc list)\n' });
    expect((await run(['lxc-list', '--columns'], ns4t)).stderr).toBe('orangebox-console parse: --columns wants the -c letters of lxc list (e.g. --columns ns4t)\n');
  });

  it('accepts the older forms through parse <kind> like the rest', async () => {
    const juju = await run(['juju-status'], fixture('juju-status', 'juju-docs-2.0-beta-bracketed-sections.txt'));
    expect(juju.code).toBe(0);
    expect(JSON.parse(juju.stdout)).toMatchObject({ format: 'tabular', problems: [] });
    const ping6 = await run(['ping'], fixture('ping', 'macos-ping6-loopback.txt'));
    expect(JSON.parse(ping6.stdout)).toMatchObject({ format: 'bsd', target: '::1', received: 3 });
    const unreachable = await run(['ping'], fixture('ping', 'iputils-20221126-connect-network-unreachable.txt'));
    expect(JSON.parse(unreachable.stdout)).toMatchObject({ format: 'iputils', errors: ['ping: connect: Network is unreachable'] });
    const dpkg = await run(['dpkg'], fixture('dpkg', 'git-list-2006-dpkg-without-architecture.txt'));
    expect(JSON.parse(dpkg.stdout).format).toBe('dpkg-l-without-architecture');
  });
});
