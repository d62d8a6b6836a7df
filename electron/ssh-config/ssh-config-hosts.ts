// The hosts ~/.ssh/config offers for the "connect to a lab" screen. Where OpenSSH is installed,
// each alias is resolved by `ssh -G` (exactly what `ssh alias` would do, Match and all); else by
// the console's own reading of the file.
import { execFile } from 'node:child_process';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { SshConfigHost, SshConfigHostList } from '../contract/payloads';
import { concreteHostAliases, expandHome, readSshConfig, resolveHostOptions } from './ssh-config-file';

/** `ssh -G` answers in ~5 ms; a second means something is wrong (a hung ProxyCommand lookup). */
const SSH_G_TIMEOUT_MS = 3000;
/** Enough to resolve a long config quickly without forking a hundred processes at once. */
const SSH_G_PARALLELISM = 8;
const DEFAULT_SSH_PORT = 22;

export interface SshConfigHostsOptions {
  configPath?: string;
  home?: string;
  /** The OpenSSH client to ask; null to use only the console's parser. */
  sshBinary?: string | null;
}

export async function listSshConfigHosts(options: SshConfigHostsOptions = {}): Promise<SshConfigHostList> {
  const home = options.home ?? homedir();
  const configPath = options.configPath ?? join(home, '.ssh', 'config');
  const document = await readSshConfig(configPath, home);
  const aliases = concreteHostAliases(document);
  const warnings = [...document.warnings];
  const sshBinary = options.sshBinary === undefined ? 'ssh' : options.sshBinary;
  if (aliases.length === 0) return { hosts: [], resolver: sshBinary === null ? 'parser' : 'ssh -G', warnings };
  // Without -F, ssh reads the user's own config plus /etc/ssh/ssh_config, as `ssh alias` would.
  // OpenSSH finds "its own" config through the password database, not $HOME.
  const configArgs = configPath === join(userInfo().homedir, '.ssh', 'config') ? [] : ['-F', configPath];

  if (sshBinary !== null && (await sshGAvailable(sshBinary, configArgs))) {
    const hosts = await mapBounded(aliases, SSH_G_PARALLELISM, async ({ alias, source }) => {
      try {
        return fromSshG(alias, source, await runSshG(sshBinary, configArgs, alias), home);
      } catch (error) {
        warnings.push(`ssh -G ${alias} failed (${(error as Error).message}); using the console's reading of ${source}`);
        return fromParser(alias, source, resolveHostOptions(document, alias), home);
      }
    });
    return { hosts, resolver: 'ssh -G', warnings };
  }

  const hasMatch = document.blocks.some((block) => block.isMatch);
  if (hasMatch) warnings.push('Match blocks in ~/.ssh/config are not evaluated without OpenSSH installed; their options are ignored');
  const hosts = aliases.map(({ alias, source }) => fromParser(alias, source, resolveHostOptions(document, alias), home));
  return { hosts, resolver: 'parser', warnings };
}

function fromParser(alias: string, source: string, options: Map<string, string[]>, home: string): SshConfigHost {
  const first = (key: string) => options.get(key)?.[0] ?? null;
  const port = Number(first('port') ?? DEFAULT_SSH_PORT);
  const proxyJump = first('proxyjump');
  return {
    alias,
    hostName: expandTokens(first('hostname') ?? alias, alias),
    user: first('user'),
    port: Number.isInteger(port) && port > 0 && port < 65536 ? port : DEFAULT_SSH_PORT,
    identityFiles: (options.get('identityfile') ?? []).map((file) => expandHome(file, home)),
    identitiesOnly: first('identitiesonly')?.toLowerCase() === 'yes',
    proxyJump: proxyJump && proxyJump.toLowerCase() !== 'none' ? proxyJump : null,
    source,
  };
}

function fromSshG(alias: string, source: string, output: string, home: string): SshConfigHost {
  const values = new Map<string, string[]>();
  for (const line of output.split('\n')) {
    const space = line.indexOf(' ');
    if (space <= 0) continue;
    const key = line.slice(0, space).toLowerCase();
    values.set(key, [...(values.get(key) ?? []), line.slice(space + 1)]);
  }
  const first = (key: string) => values.get(key)?.[0] ?? null;
  const proxyJump = first('proxyjump');
  return {
    alias,
    hostName: first('hostname') ?? alias,
    user: first('user'),
    port: Number(first('port') ?? DEFAULT_SSH_PORT),
    identityFiles: (values.get('identityfile') ?? []).map((file) => expandHome(file, home)),
    identitiesOnly: first('identitiesonly')?.toLowerCase() === 'yes',
    proxyJump: proxyJump && proxyJump.toLowerCase() !== 'none' ? proxyJump : null,
    source,
  };
}

/** `%h` in HostName is the alias itself; the other tokens do not apply to HostName. */
const expandTokens = (value: string, alias: string) => value.replace(/%h/g, alias).replace(/%%/g, '%');

function runSshG(sshBinary: string, configArgs: string[], alias: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // `--` keeps an alias that starts with "-" from being read as an option.
    execFile(sshBinary, [...configArgs, '-G', '--', alias], { timeout: SSH_G_TIMEOUT_MS }, (error, stdout, stderr) => {
      if (error) reject(new Error(stderr.trim() || error.message));
      else resolve(stdout);
    });
  });
}

async function sshGAvailable(sshBinary: string, configArgs: string[]): Promise<boolean> {
  try {
    await runSshG(sshBinary, configArgs, 'orangebox-console-probe');
    return true;
  } catch (error) {
    // A config error still proves ssh exists; only a missing binary sends us to the parser.
    return (error as NodeJS.ErrnoException).code !== 'ENOENT' && !/ENOENT/.test((error as Error).message);
  }
}

async function mapBounded<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** What `ssh NAME` would use for any name, declared in the config or not. */
export async function resolveSshHost(name: string, options: SshConfigHostsOptions = {}): Promise<SshConfigHost> {
  const home = options.home ?? homedir();
  const configPath = options.configPath ?? join(home, '.ssh', 'config');
  const configArgs = configPath === join(userInfo().homedir, '.ssh', 'config') ? [] : ['-F', configPath];
  const sshBinary = options.sshBinary === undefined ? 'ssh' : options.sshBinary;
  if (sshBinary !== null) {
    try {
      return fromSshG(name, configPath, await runSshG(sshBinary, configArgs, name), home);
    } catch {
      // No OpenSSH, or it rejected the config: fall back to the console's reading below.
    }
  }
  const document = await readSshConfig(configPath, home);
  return fromParser(name, configPath, resolveHostOptions(document, name), home);
}
