// The probes' shell scripts run for real here (sh, sed, a stand-in `openstack` on PATH) in a
// scratch home: what they source, what they print, and that no password reaches argv or output.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InventoryMachine } from '../../contract/inventory';
import type { OpenStackCredentialSource } from '../../contract/openstack-model';
import { OPENSTACK_LIST_PROBE_KINDS } from '../../contract/probe-models';
import { parsesAsCatalog } from '../../inventory/catalog-probe-by-id';
import { openstackProbes } from '../../inventory/probe-catalog';
import { maskRawOutput } from '../../snapshots/raw-output-masking';
import { explainOpenStackFailure, openstackArgv, openstackListWithShows, splitShows } from './openstack-command';
import { OPENSTACK_CREDENTIALS_PROBE } from './openstack-credentials';
import { parseServersWithInstanceNames } from './openstack-servers';

const PASSWORD = 'rc-secret-Zq81';
const controller: InventoryMachine = { id: 'controller', hostname: null, address: null, roles: ['controller'], applications: [], jujuState: null, route: null, routeError: null, hypervisor: null };
const rc = (path: string): OpenStackCredentialSource => ({ path, kind: 'rc-file', cloud: null, chosenBy: 'found' });

let home: string;
let bin: string;

/** A stand-in client: prints its arguments and whether the credentials reached it (never the password). */
function installClient(script: string): void {
  writeFileSync(join(bin, 'openstack'), `#!/bin/sh\n${script}\n`);
  chmodSync(join(bin, 'openstack'), 0o755);
}

function run(argv: string[]): { stdout: string; stderr: string; status: number | null } {
  const [program, ...args] = argv;
  const result = spawnSync(program!, args, { env: { HOME: home, PATH: `${bin}:/usr/bin:/bin` }, cwd: home, encoding: 'utf8', timeout: 30_000 });
  if (result.error) throw new Error(`${program} did not run: ${result.error.message}`);
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'openstack-probe-'));
  bin = join(home, 'bin');
  mkdirSync(bin);
});
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('the openstack-credentials probe on a controller', () => {
  it('lists each candidate once, clouds.yaml cloud names but none of their values, and the client', () => {
    installClient('exit 0');
    writeFileSync(join(home, 'novarc'), `export OS_PASSWORD=${PASSWORD}\n`);
    writeFileSync(join(home, 'admin-openrc'), `export OS_PASSWORD=${PASSWORD}\n`);
    mkdirSync(join(home, '.config/openstack'), { recursive: true });
    writeFileSync(join(home, '.config/openstack/clouds.yaml'), `clouds:\n  devstack:\n    auth:\n      password: ${PASSWORD}\n  devstack-admin:\n    auth:\n      password: ${PASSWORD}\nansible:\n  x:\n`);
    const { stdout, status } = run(OPENSTACK_CREDENTIALS_PROBE.command(controller));
    expect(status).toBe(0);
    expect(stdout).not.toContain(PASSWORD);
    const value = OPENSTACK_CREDENTIALS_PROBE.parse(stdout).value;
    expect(value.client).toBe(join(bin, 'openstack'));
    expect(value.candidates).toEqual([
      { path: '~/novarc', kind: 'rc-file', clouds: [] },
      { path: '~/admin-openrc', kind: 'rc-file', clouds: [] },
      { path: '~/.config/openstack/clouds.yaml', kind: 'clouds-yaml', clouds: ['devstack', 'devstack-admin'] },
    ]);
    expect(value.lookedAt).toContain('~/novarc');
  });

  it('says when there is no client and no file', () => {
    const { stdout } = run(OPENSTACK_CREDENTIALS_PROBE.command(controller));
    const parsed = OPENSTACK_CREDENTIALS_PROBE.parse(stdout);
    expect(parsed.value).toMatchObject({ client: null, candidates: [] });
    expect(parsed.format).toBe('text');
  });
});

describe('openstack commands with the rc file sourced', () => {
  it('sources ~/novarc in the shell: the client gets the password, the argv and output never hold it', () => {
    installClient('[ "$OS_PASSWORD" = ' + `'${PASSWORD}'` + ' ] && echo "authenticated as $OS_USERNAME: $*"');
    writeFileSync(join(home, 'novarc'), `export OS_USERNAME=admin\nexport OS_PASSWORD=${PASSWORD}\necho this rc file talks\n`);
    const argv = openstackArgv(rc('~/novarc'), ['hypervisor', 'list', '--long', '-f', 'json']);
    expect(argv.join(' ')).not.toContain(PASSWORD);
    const { stdout, stderr, status } = run(argv);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    expect(stdout).toBe('authenticated as admin: hypervisor list --long -f json\n');
  });

  it('takes a name in the home, an absolute path, and arguments with spaces and quotes as they are', () => {
    installClient('printf "[%s]" "$@"; echo " $OS_USERNAME"');
    writeFileSync(join(home, "my openrc's"), 'export OS_USERNAME=demo\n');
    expect(run(openstackArgv(rc("my openrc's"), ['server', 'show', "a b'c"])).stdout).toBe("[server][show][a b'c] demo\n");
    expect(run(openstackArgv(rc(join(home, "my openrc's")), ['x'])).stdout).toBe('[x] demo\n');
  });

  it('points the client at clouds.yaml and its cloud', () => {
    installClient('echo "$OS_CLIENT_CONFIG_FILE $OS_CLOUD"');
    mkdirSync(join(home, '.config/openstack'), { recursive: true });
    writeFileSync(join(home, '.config/openstack/clouds.yaml'), 'clouds: {}\n');
    const source: OpenStackCredentialSource = { path: '~/.config/openstack/clouds.yaml', kind: 'clouds-yaml', cloud: 'devstack', chosenBy: 'lab-settings' };
    expect(run(openstackArgv(source, ['token', 'issue'])).stdout).toBe(`${home}/.config/openstack/clouds.yaml devstack\n`);
  });

  it('refuses a credentials file that is not there, with what to do', () => {
    installClient('echo ran');
    const { stderr, status, stdout } = run(openstackArgv(rc('~/missing-openrc'), ['server', 'list']));
    expect(status).toBe(3);
    expect(stdout).toBe('');
    expect(explainOpenStackFailure(rc('~/missing-openrc'), '`openstack server list`')(stderr)).toMatch(/~\/missing-openrc is not on the controller.*name the right file in the lab’s settings/);
  });
});

describe('a list followed by a show of each item', () => {
  const LIST = JSON.stringify(
    [
      { ID: '6b1f0f8e-2a6c-4d47-9a53-5f3c2f1d9b01', Name: 'lxc-test-1', Status: 'ACTIVE', Host: 'node02ob64' },
      { ID: '0c5e8f7a-8d1e-4b4f-8a7e-2d9c1b3a4f02', Name: 'lxc-test-2', Status: 'ACTIVE', Host: 'node03ob64' },
    ],
    null,
    2,
  );

  it('shows each listed server, and the servers get their instance names', () => {
    writeFileSync(join(home, 'list.json'), LIST);
    // The stand-in answers `server list` with the list, `server show ID` with that server's instance name.
    installClient(`if [ "$2" = list ]; then cat "$HOME/list.json"; else printf '{"id": "%s", "name": "x", "OS-EXT-SRV-ATTR:instance_name": "instance-%s"}\\n' "$5" "$(printf %s "$5" | cut -c1-8)"; fi`);
    writeFileSync(join(home, 'novarc'), 'true\n');
    const { stdout, status } = run(openstackListWithShows(rc('~/novarc'), ['server', 'list', '--all-projects', '--long', '-f', 'json'], ['server', 'show'], 40, 'OS-EXT-SRV-ATTR:instance_name'));
    expect(status).toBe(0);
    expect(splitShows(stdout).shows).toHaveLength(2);
    const servers = parseServersWithInstanceNames(stdout).value.servers;
    expect(servers.map((server) => [server.name, server.instanceName, server.host])).toEqual([
      ['lxc-test-1', 'instance-6b1f0f8e', 'node02ob64'],
      ['lxc-test-2', 'instance-0c5e8f7a', 'node03ob64'],
    ]);
  });

  it('shows at most the cap, and none when the list already names instances', () => {
    writeFileSync(join(home, 'list.json'), LIST);
    installClient('if [ "$2" = list ]; then cat "$HOME/list.json"; else echo "{}"; fi');
    writeFileSync(join(home, 'novarc'), 'true\n');
    const capped = run(openstackListWithShows(rc('~/novarc'), ['server', 'list'], ['server', 'show'], 1, null)).stdout;
    expect(splitShows(capped).shows).toHaveLength(1);
    writeFileSync(join(home, 'list.json'), LIST.replace('"Host"', '"OS-EXT-SRV-ATTR:instance_name": "instance-00000001", "Host"'));
    const named = run(openstackListWithShows(rc('~/novarc'), ['server', 'list'], ['server', 'show'], 40, 'OS-EXT-SRV-ATTR:instance_name')).stdout;
    expect(splitShows(named).shows).toHaveLength(0);
  });

  it('fails with the list’s own error when the list fails', () => {
    installClient('echo "The request you have made requires authentication. (HTTP 401)" >&2; exit 1');
    writeFileSync(join(home, 'novarc'), 'true\n');
    const { status, stdout, stderr } = run(openstackListWithShows(rc('~/novarc'), ['server', 'list'], ['server', 'show'], 40, null));
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(explainOpenStackFailure(rc('~/novarc'), '`openstack server list`')(stderr)).toMatch(/^Keystone refused the credentials in ~\/novarc \(401\)/);
  });
});

describe('failures said with what to do', () => {
  const explain = explainOpenStackFailure(rc('~/novarc'), '`openstack hypervisor list --long`');
  it.each([
    ['Missing value auth-url required for auth plugin password', /do not say where Keystone is.*`\. ~\/novarc && openstack token issue`/],
    ['The request you have made requires authentication. (HTTP 401) (Request-ID: req-1)', /Keystone refused the credentials in ~\/novarc \(401\)/],
    ["Policy doesn't allow os_compute_api:os-hypervisors:list-detail to be performed. (HTTP 403)", /not an admin's \(403\)/],
    ['public endpoint for compute service in RegionOne region not found', /catalog has no endpoint/],
    ['Unable to establish connection to https://10.0.0.9:5000/v3/auth/tokens: timed out', /could not reach the OpenStack API/],
    ['sh: 1: exec: openstack: not found', /no `openstack` command on the controller/],
  ])('%s', (stderr, expected) => {
    expect(explain(stderr)).toMatch(expected);
  });
  it('leaves an unknown failure to the runner’s own words', () => {
    expect(explain('something else')).toBeNull();
  });
});

describe('the OpenStack probes', () => {
  it('run the commands an engineer would, filed under their kinds, without a secret in the command', () => {
    const probes = openstackProbes(rc('~/novarc'));
    expect(probes.map((probe) => probe.id)).toEqual([...OPENSTACK_LIST_PROBE_KINDS]);
    const hypervisors = probes[0]!.command(controller);
    expect(hypervisors.slice(-7)).toEqual(['~/novarc', '', 'hypervisor', 'list', '--long', '-f', 'json']);
    expect(probes[1]!.command(controller).slice(-6)).toEqual(['server', 'list', '--all-projects', '--long', '-f', 'json']);
    expect(probes[1]!.timeoutMs).toBeGreaterThan(60_000);
  });

  it('parse big outputs on the parsing worker whatever the credentials (the worker finds them by id)', () => {
    const clouds: OpenStackCredentialSource = { path: '/etc/openstack/clouds.yaml', kind: 'clouds-yaml', cloud: 'lab', chosenBy: 'lab-settings' };
    expect(openstackProbes(clouds).filter((probe) => !parsesAsCatalog(probe)).map((probe) => probe.id)).toEqual([]);
  });

  it('answer a 401 with what to do, through the probe itself', () => {
    const [hypervisors] = openstackProbes(rc('~/novarc'));
    expect(hypervisors!.explainFailure?.('The request you have made requires authentication. (HTTP 401)', controller)).toMatch(/Keystone refused the credentials in ~\/novarc/);
  });
});

describe('an rc file’s password in what a snapshot keeps', () => {
  it('is masked in raw output (an rc file cat by hand, env, a --os-password argument)', () => {
    const text = [`export OS_PASSWORD=${PASSWORD}`, `OS_PASSWORD='${PASSWORD}'`, `OS_PASSWORD=${PASSWORD}`, `openstack --os-password=${PASSWORD} server list`, 'export OS_USERNAME=admin'].join('\n');
    const masked = maskRawOutput(text);
    expect(masked.text).not.toContain(PASSWORD);
    expect(masked.text).toContain('OS_USERNAME=admin');
    expect(masked.masked).toBeGreaterThanOrEqual(4);
  });

  it('is not in the credentials probe’s command, which snapshots keep as is', () => {
    expect(execFileSync('sh', ['-n', '-c', OPENSTACK_CREDENTIALS_PROBE.command(controller)[2]!]).toString()).toBe('');
    expect(OPENSTACK_CREDENTIALS_PROBE.command(controller).join(' ')).not.toMatch(/PASSWORD/);
  });
});
