// THE one place where a command (an argv array) becomes text for a remote POSIX shell. Every
// command the console runs on a lab machine goes through here, so a name that comes from the lab
// (a container, a namespace, a machine) can never become shell syntax.
import { ConsoleError } from '../contract/console-errors';

/** Characters that are never special to sh, so an argument made only of them needs no quotes. */
const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function quoteShellArgument(argument: string): string {
  if (argument.includes('\0')) {
    throw new ConsoleError('invalid-payload', 'a command argument contains a NUL byte, which no shell can pass on; it was not sent');
  }
  if (argument !== '' && SHELL_SAFE.test(argument)) return argument;
  // Inside single quotes nothing is special; a single quote itself is closed, escaped, reopened.
  return `'${argument.replace(/'/g, `'\\''`)}'`;
}

/** ["lxc", "exec", "my box", "--", "sh"] → lxc exec 'my box' -- sh */
export function quoteShellCommand(argv: readonly string[]): string {
  if (argv.length === 0) throw new ConsoleError('invalid-payload', 'an empty command cannot be run');
  return argv.map(quoteShellArgument).join(' ');
}
