import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runParseCommand, type ParseCommandIo } from '../../../electron/cli/parse-command';
import { PARSE_KINDS } from '../../../electron/probes/parsers';
import { fixture } from './fixtures';

function fakeIo(input = '', isTTY = false) {
  const out: string[] = [];
  const err: string[] = [];
  const stdin = Object.assign(Readable.from([Buffer.from(input, 'utf8')]), { isTTY });
  const io: ParseCommandIo = { stdin, stdout: { write: (text: string) => out.push(text) }, stderr: { write: (text: string) => err.push(text) } };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'obx-parse-command-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('orangebox-console parse <kind> [file|-]', () => {
  it('prints the normalized JSON of a file, with format and problems, indented by two spaces', async () => {
    const file = join(dir, 'juju-status.txt');
    await writeFile(file, fixture('juju-status', 'walkthrough-2.0.1-tabular.txt'));
    const { io, stdout, stderr } = fakeIo();
    expect(await runParseCommand(['juju-status', file], io)).toBe(0);
    expect(stderr()).toBe('');
    const printed = JSON.parse(stdout());
    expect(printed.format).toBe('tabular');
    expect(printed.problems).toEqual([]);
    expect(printed.units).toHaveLength(21);
    expect(printed.machines.find((machine: { id: string }) => machine.id === '22/lxd/0').parent).toBe('22');
    expect(stdout()).toMatch(/^\{\n {2}"format": "tabular",\n {2}"problems": \[\],\n/);
  });

  it('prints the servers of an openstack server list --long -f json file, instance names left null for the core', async () => {
    const file = join(dir, 'servers.json');
    await writeFile(file, fixture('openstack-server-list', 'lab-osc-6.0.0-all-projects-long.json.txt'));
    const { io, stdout, stderr } = fakeIo();
    expect(await runParseCommand(['openstack-server-list', file], io)).toBe(0);
    expect(stderr()).toBe('');
    const printed = JSON.parse(stdout());
    expect(printed.format).toBe('json');
    expect(printed.servers.map((server: { name: string; host: string; instanceName: null }) => [server.name, server.host, server.instanceName])).toEqual([
      ['lxc-test-0', 'node03ob64', null],
      ['lxc-test-1', 'node03ob64', null],
      ['lxc-test-2', 'node05ob64', null],
      ['lxc-test-3', 'node05ob64', null],
    ]);
  });

  it('exits 2 with the reason when the client had no credentials', async () => {
    const { io, stderr, stdout } = fakeIo('Missing value auth-url required for auth plugin password\n');
    expect(await runParseCommand(['openstack-hypervisor-list', '-'], io)).toBe(2);
    expect(stdout()).toBe('');
    expect(stderr()).toMatch(/line 1: not openstack hypervisor list output: the client has no credentials/);
  });

  it('reads standard input for "-" and for no file', async () => {
    for (const args of [['ip-netns', '-'], ['ip-netns']]) {
      const { io, stdout } = fakeIo('qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566 (id: 1)\n');
      expect(await runParseCommand(args, io)).toBe(0);
      expect(JSON.parse(stdout()).namespaces).toEqual([{ name: 'qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566', id: 1, kind: 'qrouter', resourceId: '35fea0f3-ca4d-4bdf-a3b7-c00194bbd566' }]);
    }
  });

  it('never prints a masked secret in clear', async () => {
    const { io, stdout } = fakeIo(fixture('ini', 'rendered-k8s-nova.conf.txt'));
    expect(await runParseCommand(['ini'], io)).toBe(0);
    expect(stdout()).not.toContain('7jLMUQiFUMTtTFqR3Nln9ahml7KgxCA5kkuBfGE7AHDBub3jM48jNDLmuKJuBeO4');
    expect(JSON.parse(stdout()).masked).toContain('DEFAULT.transport_url');
  });

  it('exits 2 listing every kind for an unknown kind', async () => {
    const { io, stderr, stdout } = fakeIo();
    expect(await runParseCommand(['juju'], io)).toBe(2);
    expect(stdout()).toBe('');
    expect(stderr()).toMatch(/unknown kind "juju"/);
    for (const kind of PARSE_KINDS) expect(stderr()).toContain(`  ${kind} `);
  });

  it('exits 2 naming the path of a missing file', async () => {
    const missing = join(dir, 'no-such-capture.txt');
    const { io, stderr } = fakeIo();
    expect(await runParseCommand(['lxc-list', missing], io)).toBe(2);
    expect(stderr()).toBe(`orangebox-console parse: cannot read ${missing}: no such file\n`);
  });

  it('exits 2 naming the kind and the line when nothing could be read', async () => {
    const { io, stderr, stdout } = fakeIo('Welcome to Ubuntu 16.04.1 LTS\nroot@node07ob64:~# lxc lsit\nError: unknown command\n');
    expect(await runParseCommand(['lxc-list', '-'], io)).toBe(2);
    expect(stdout()).toBe('');
    expect(stderr()).toMatch(/nothing in standard input could be read as lxc-list output:\n {2}line 1: not lxc list output: "Welcome to Ubuntu 16.04.1 LTS"/);
  });

  it('exits 2 on empty input', async () => {
    const { io, stderr } = fakeIo('');
    expect(await runParseCommand(['dpkg'], io)).toBe(2);
    expect(stderr()).toMatch(/dpkg output:\n {2}the dpkg -l output is empty/);
  });

  it('asks for a file instead of waiting on a terminal', async () => {
    const { io, stderr } = fakeIo('', true);
    expect(await runParseCommand(['ping'], io)).toBe(2);
    expect(stderr()).toMatch(/give a file, or pipe the output in/);
  });

  it('prints its usage for --help and asks for a kind without one', async () => {
    const help = fakeIo();
    expect(await runParseCommand(['--help'], help.io)).toBe(0);
    expect(help.stdout()).toMatch(/^Usage: orangebox-console parse <kind> \[--columns LETTERS\] \[file\|-\]/);
    const none = fakeIo();
    expect(await runParseCommand([], none.io)).toBe(2);
    expect(none.stderr()).toMatch(/which kind of output\?/);
  });

  it('exits 0 with the problems listed when part of the output was read', async () => {
    const { io, stdout } = fakeIo('qdhcp-1 (id: 0)\nError: Peer netns reference is invalid.\n');
    expect(await runParseCommand(['ip-netns'], io)).toBe(0);
    expect(JSON.parse(stdout()).problems).toEqual([{ line: 2, message: 'not a namespace line: "Error: Peer netns reference is invalid."' }]);
  });
});
