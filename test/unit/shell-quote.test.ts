// Hostile names never reach a shell unquoted: each argv goes through a real /bin/sh and must
// come out as exactly the same arguments.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { quoteShellArgument, quoteShellCommand } from '../../electron/ssh/shell-quote';
import { ConsoleError } from '../../electron/contract/console-errors';

/** Runs `printf '%s\0' <quoted args>` through sh and splits on NUL: the args sh really saw. */
function argsSeenByShell(args: string[]): string[] {
  const line = quoteShellCommand(['printf', '%s\\0', ...args]);
  const output = execFileSync('/bin/sh', ['-c', line], { encoding: 'utf8' });
  return output.split('\0').slice(0, -1);
}

const hostile = [
  'instance-0000000c',
  'name with spaces',
  "it's",
  '"double"',
  '$(touch /tmp/obx-pwned)',
  '`id`',
  'a; rm -rf /tmp/obx-pwned',
  'line\nbreak',
  'tab\there',
  '*',
  '~root',
  '-n',
  '',
  '\\',
  'ünïcødé-ネットワーク',
  '$HOME',
  '!history',
  "qrouter-'; echo pwned; '",
];

describe('quoting for the remote shell', () => {
  it('passes every hostile name through sh unchanged and runs nothing it contains', () => {
    expect(argsSeenByShell(hostile)).toEqual(hostile);
  });

  it('leaves plain names readable', () => {
    expect(quoteShellCommand(['lxc', 'list', '--format', 'json', 'instance-00000002'])).toBe('lxc list --format json instance-00000002');
    expect(quoteShellCommand(['ip', 'netns', 'exec', 'qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566', 'ip', '-j', 'addr'])).toBe(
      'ip netns exec qrouter-35fea0f3-ca4d-4bdf-a3b7-c00194bbd566 ip -j addr',
    );
  });

  it('quotes the empty string and refuses NUL and empty commands', () => {
    expect(quoteShellArgument('')).toBe("''");
    expect(() => quoteShellArgument('a\0b')).toThrow(ConsoleError);
    expect(() => quoteShellCommand([])).toThrow(/empty command/);
  });
});
