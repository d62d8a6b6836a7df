// A machine with no network at all, for end-to-end tests: a network namespace whose only interface
// is loopback, up. Processes started in it (`ip netns exec`) can reach 127.0.0.1 and nothing else:
// no route, no resolver, no interface. Its kernel counters say whether anything in it tried to go
// out: a packet for which there is no route is counted as OutNoRoutes (IPv4 and IPv6) even though
// it never leaves. Needs root (these test machines run as root).
import { execFile } from 'node:child_process';
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** `ip` answers at once; anything longer means it hangs on something, not that it is slow. */
const IP_COMMAND_TIMEOUT_MS = 10_000;

export interface OfflineNamespace {
  name: string;
  /** argv prefix that runs a command inside the namespace. */
  prefix: string[];
  /** The interfaces the namespace has, by name. */
  interfaces(): Promise<string[]>;
  /** Packets something inside tried to send with no route to send them: 0 when nothing tried to go out. */
  outNoRoutes(): Promise<{ ipv4: number; ipv6: number }>;
  /** Bytes sent over loopback inside the namespace (the console's own traffic). */
  loopbackBytes(): Promise<number>;
  /** A script that runs `command` inside the namespace, for tools that take one executable path. */
  wrapperScript(folder: string, command: string): Promise<string>;
  remove(): Promise<void>;
}

const ip = (args: string[]) => run('ip', args, { timeout: IP_COMMAND_TIMEOUT_MS });

/** Reads a counter from /proc/net/snmp's "Ip:" header and value lines, as seen inside the namespace. */
function snmpCounter(snmp: string, group: string, counter: string): number {
  const [header, values] = snmp.split('\n').filter((line) => line.startsWith(`${group}:`));
  const index = header?.split(/\s+/).indexOf(counter) ?? -1;
  if (index < 0 || !values) throw new Error(`/proc/net/snmp has no ${group} ${counter}:\n${snmp}`);
  return Number(values.split(/\s+/)[index]);
}

export async function createOfflineNamespace(name: string): Promise<OfflineNamespace> {
  await ip(['netns', 'add', name]);
  const inside = ['ip', 'netns', 'exec', name];
  const read = async (path: string) => (await run(inside[0]!, [...inside.slice(1), 'cat', path], { timeout: IP_COMMAND_TIMEOUT_MS })).stdout;
  try {
    await ip(['-n', name, 'link', 'set', 'lo', 'up']);
  } catch (error) {
    await ip(['netns', 'del', name]).catch(() => undefined);
    throw error;
  }
  return {
    name,
    prefix: inside,
    interfaces: async () => (JSON.parse((await ip(['-n', name, '-j', 'link', 'show'])).stdout) as { ifname: string }[]).map((link) => link.ifname),
    outNoRoutes: async () => {
      const ipv4 = snmpCounter(await read('/proc/net/snmp'), 'Ip', 'OutNoRoutes');
      // /proc/net/snmp6 exists only where IPv6 is on; without it nothing can go out over IPv6 either.
      const snmp6 = await read('/proc/net/snmp6').catch(() => '');
      const ipv6 = Number(/^Ip6OutNoRoutes\s+(\d+)$/m.exec(snmp6)?.[1] ?? 0);
      return { ipv4, ipv6 };
    },
    loopbackBytes: async () => Number((await read('/sys/class/net/lo/statistics/tx_bytes')).trim()),
    wrapperScript: async (folder, command) => {
      const script = join(folder, `in-${name}.sh`);
      // exec keeps every open descriptor: Playwright talks to Chromium over fds 3 and 4.
      await writeFile(script, `#!/bin/sh\nexec ${inside.join(' ')} ${command} "$@"\n`);
      await chmod(script, 0o700);
      return script;
    },
    remove: async () => {
      await ip(['netns', 'del', name]);
    },
  };
}
