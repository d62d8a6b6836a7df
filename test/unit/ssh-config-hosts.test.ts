// Hosts offered from ~/.ssh/config: the console's reader (Include, ~, first value wins) checked
// against OpenSSH's own `ssh -G` on the same files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listSshConfigHosts } from '../../electron/ssh-config/ssh-config-hosts';
import { tokenizeConfigLine, hostMatches } from '../../electron/ssh-config/ssh-config-file';

let home: string;
let configPath: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'obx-home-'));
  await mkdir(join(home, '.ssh', 'config.d'), { recursive: true });
  configPath = join(home, '.ssh', 'config');
  await writeFile(
    configPath,
    [
      '# an engineer laptop',
      'Include config.d/*.conf',
      '',
      'Host orangebox64 ob64',
      '    HostName 127.0.1.1',
      '    User ubuntu',
      '    IdentityFile ~/.ssh/orangebox_ed25519',
      '    IdentitiesOnly yes',
      '',
      'Host node02ob64',
      '    HostName=127.0.1.5',
      '    ProxyJump orangebox64',
      '',
      'Host *.internal !bastion.internal',
      '    User admin',
      '',
      'Host *',
      '    User fallback',
      '    Port 2200',
      '',
    ].join('\n'),
  );
  await writeFile(join(home, '.ssh', 'config.d', '10-customer.conf'), 'Host "customer lab"\n  HostName 127.0.2.9\n  Port 2222\n');
  await writeFile(join(home, '.ssh', 'config.d', 'ignored.txt'), 'Host not-included\n');
});

afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('the console’s ~/.ssh/config reader', () => {
  it('lists concrete aliases, follows Include globs and applies the first value of each option', async () => {
    const { hosts, resolver, warnings } = await listSshConfigHosts({ home, configPath, sshBinary: null });
    expect(resolver).toBe('parser');
    expect(warnings).toEqual([]);
    expect(hosts.map((host) => host.alias)).toEqual(['customer lab', 'orangebox64', 'ob64', 'node02ob64']);
    const byAlias = Object.fromEntries(hosts.map((host) => [host.alias, host]));
    expect(byAlias['orangebox64']).toMatchObject({ hostName: '127.0.1.1', user: 'ubuntu', port: 2200, identityFiles: [join(home, '.ssh', 'orangebox_ed25519')], identitiesOnly: true, proxyJump: null });
    expect(byAlias['node02ob64']).toMatchObject({ hostName: '127.0.1.5', user: 'fallback', identitiesOnly: false, proxyJump: 'orangebox64' });
    expect(byAlias['customer lab']).toMatchObject({ hostName: '127.0.2.9', port: 2222, source: join(home, '.ssh', 'config.d', '10-customer.conf') });
  });

  it('warns about an Include it cannot read instead of failing', async () => {
    const broken = join(home, '.ssh', 'broken-config');
    await writeFile(broken, 'Include /nonexistent/orangebox.conf\nHost a\n  HostName 127.0.0.9\n');
    const { hosts, warnings } = await listSshConfigHosts({ home, configPath: broken, sshBinary: null });
    expect(hosts.map((host) => host.alias)).toEqual(['a']);
    expect(warnings[0]).toMatch(/cannot read \/nonexistent\/orangebox\.conf/);
  });

  it('returns no hosts (and no warning) when there is no config file', async () => {
    expect(await listSshConfigHosts({ home, configPath: join(home, 'missing'), sshBinary: null })).toEqual({ hosts: [], resolver: 'parser', warnings: [] });
  });

  it('tokenizes quotes and key=value, and matches negated patterns like OpenSSH', () => {
    expect(tokenizeConfigLine('Host "customer lab" other')).toEqual(['Host', 'customer lab', 'other']);
    expect(tokenizeConfigLine('HostName=127.0.1.5')).toEqual(['HostName', '127.0.1.5']);
    expect(hostMatches(['*.internal', '!bastion.internal'], 'db.internal')).toBe(true);
    expect(hostMatches(['*.internal', '!bastion.internal'], 'bastion.internal')).toBe(false);
  });
});

// OpenSSH's client is installed wherever these tests run (.ci/run installs it): not optional.
describe('agreement with OpenSSH', () => {
  it('resolves every alias exactly as `ssh -G` does', async () => {
    const viaSsh = await listSshConfigHosts({ home, configPath });
    const viaParser = await listSshConfigHosts({ home, configPath, sshBinary: null });
    expect(viaSsh.resolver).toBe('ssh -G');
    const comparable = (list: typeof viaSsh) => list.hosts.map(({ alias, hostName, user, port, identitiesOnly, proxyJump }) => ({ alias, hostName, user, port, identitiesOnly, proxyJump }));
    expect(comparable(viaParser)).toEqual(comparable(viaSsh));
    const orangebox = viaSsh.hosts.find((host) => host.alias === 'orangebox64');
    expect(orangebox?.identityFiles).toContain(join(home, '.ssh', 'orangebox_ed25519'));
  });
});
