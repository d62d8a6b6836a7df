// How the console runs `openstack` on the controller, as an engineer does: source the rc file (or
// point the client at clouds.yaml and its cloud) in a shell, then run the client. The command text
// carries only the file's path: the password stays in the file and the shell's environment, and
// never enters an argv, an outcome, a log or a snapshot. Failures are said with what to do.
import type { OpenStackCredentialSource } from '../../contract/openstack-model';
import { describeCredential } from '../../openstack/credential-choice';
import { problem, type ParseResult } from '../parsers/parse-result';

/** `$0` of the wrapper shell: what `ps` on the controller shows for it. */
const SHELL_NAME = 'openstack-probe';

/** Exit status of the wrapper when the credentials file is not there (the client itself uses 1 and 2). */
const NO_CREDENTIALS_FILE_EXIT = 3;

/** "~/novarc", "novarc" (the home) and "/etc/…" all name a file the wrapper can test and source. */
const RESOLVE_PATH = 'f=$1; case $f in "~/"*) f="$HOME/${f#??}";; /*) ;; *) f="$HOME/$f";; esac';
const REQUIRE_FILE = `[ -r "$f" ] || { echo "the OpenStack credentials file $1 is not on the controller (or not readable)" >&2; exit ${NO_CREDENTIALS_FILE_EXIT}; }`;
/** An rc file that asks for its password (`read -sr OS_PASSWORD_INPUT`) reads nothing: stdin is empty. */
const SOURCE_RC = '. "$f" >/dev/null 2>&1 </dev/null; shift 2';
const USE_CLOUDS_YAML = 'export OS_CLIENT_CONFIG_FILE="$f"; [ -z "$2" ] || export OS_CLOUD="$2"; shift 2';

/**
 * The argv that runs `body` with the credentials in place; `body` sees the client's arguments as
 * "$@". Arguments: $1 the file, $2 the cloud (clouds.yaml) or "" (rc file).
 */
function withCredentials(source: OpenStackCredentialSource, body: string, args: readonly string[]): string[] {
  const setup = source.kind === 'rc-file' ? SOURCE_RC : USE_CLOUDS_YAML;
  return ['sh', '-c', `${RESOLVE_PATH}\n${REQUIRE_FILE}\n${setup}\n${body}`, SHELL_NAME, source.path, source.cloud ?? '', ...args];
}

/** `openstack <args>` with the credentials sourced. */
export function openstackArgv(source: OpenStackCredentialSource, args: readonly string[]): string[] {
  return withCredentials(source, 'exec openstack "$@"', args);
}

/** The line between a list and each item's `… show` in a list-with-shows probe's output. */
export const SHOW_SEPARATOR = '=== openstack show ===';

/**
 * `openstack <list args>` (JSON), then `openstack <show> -f json <id>` for the first `cap` items
 * listed, each after SHOW_SEPARATOR: one command, so one outcome, one snapshot entry. The ids are
 * the list's `"ID": "…"` lines (letters, digits and dashes only). When the list already prints
 * `skipWhenListed` (a client that lists instance names), no show runs.
 */
export function openstackListWithShows(source: OpenStackCredentialSource, listArgs: readonly string[], show: readonly ['server' | 'router', 'show'], cap: number, skipWhenListed: string | null): string[] {
  const body = [
    'list=$(openstack "$@") || exit $?',
    `printf '%s\\n' "$list"`,
    ...(skipWhenListed ? [`case $list in *'${skipWhenListed}'*) exit 0;; esac`] : []),
    'n=0',
    `for id in $(printf '%s\\n' "$list" | sed -n 's/^ *"ID": "\\([0-9A-Za-z-]*\\)",\\{0,1\\}$/\\1/p'); do`,
    `  n=$((n+1)); [ "$n" -le ${cap} ] || break`,
    `  echo '${SHOW_SEPARATOR}'`,
    `  openstack ${show.join(' ')} -f json "$id" || true`,
    'done',
  ].join('\n');
  return withCredentials(source, body, listArgs);
}

/**
 * Reads a list-with-shows output: the list with its own parser, each show with the same one (they
 * read `… show -f json` too), and each listed item completed by what its show said.
 */
export function parseListWithShows<T extends { id: string }, M>(
  text: string,
  parse: (text: string) => ParseResult<M>,
  items: { of: (model: M) => T[]; make: (items: T[]) => M; show: string },
  complete: (listed: T, shown: T) => T,
): ParseResult<M> {
  const { list, shows } = splitShows(text);
  const listed = parse(list);
  const shown = new Map<string, T>();
  const problems = [...listed.problems];
  for (const show of shows) {
    const read = parse(show);
    if (items.of(read.value).length === 0) problems.push(problem(null, `a \`${items.show}\` printed nothing readable: ${read.problems[0]?.message ?? 'no item'}`));
    for (const item of items.of(read.value)) shown.set(item.id, item);
  }
  const completed = items.of(listed.value).map((item) => {
    const more = shown.get(item.id);
    return more ? complete(item, more) : item;
  });
  return { value: items.make(completed), format: listed.format, problems };
}

/** Splits a list-with-shows output: the list's text, then each show's text. */
export function splitShows(text: string): { list: string; shows: string[] } {
  const [list = '', ...shows] = text.split(new RegExp(`^${SHOW_SEPARATOR}$`, 'm'));
  return { list, shows: shows.map((show) => show.trim()).filter((show) => show !== '') };
}

/** What to do about a failed `openstack` command, from what it printed on stderr; null when unknown. */
export function explainOpenStackFailure(source: OpenStackCredentialSource, what: string) {
  const credential = describeCredential(source.path, source.cloud);
  const check = source.kind === 'rc-file' ? `\`. ${source.path} && openstack token issue\`` : `\`OS_CLIENT_CONFIG_FILE=${source.path}${source.cloud ? ` OS_CLOUD=${source.cloud}` : ''} openstack token issue\``;
  return (stderr: string): string | null => {
    const first = stderr.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
    if (/credentials file .* is not on the controller/.test(stderr)) return `${first}: name the right file in the lab’s settings (Manage labs → Edit → OpenStack credentials), then refresh.`;
    if (/openstack: (command )?not found|openstack: No such file/i.test(stderr)) return 'there is no `openstack` command on the controller: install python3-openstackclient there, then refresh.';
    if (/auth[-_ ]url|Missing value auth|Auth plugin requires parameters/i.test(stderr)) {
      return `the credentials in ${credential} do not say where Keystone is (no OS_AUTH_URL / auth_url): ${what} cannot authenticate. Check them on the controller with ${check}. (${first})`;
    }
    if (/HTTP 401|requires authentication|Unauthorized|The request you have made requires/i.test(stderr)) {
      return `Keystone refused the credentials in ${credential} (401): the password, user or project is wrong, or the rc file asks for the password (the console cannot type it; put OS_PASSWORD in a file only the lab user reads). Check with ${check}.`;
    }
    if (/HTTP 403|Policy doesn.t allow|Forbidden/i.test(stderr)) {
      return `the credentials in ${credential} are not an admin's (403): ${what} needs the admin role (all projects, hypervisors). Name the admin's rc file in the lab’s settings. (${first})`;
    }
    if (/endpoint for .* not found|EndpointNotFound|public endpoint|service catalog/i.test(stderr)) {
      return `Keystone’s catalog has no endpoint for what ${what} asks (${first}): is that service deployed and registered? See \`openstack catalog list\` on the controller.`;
    }
    if (/timed out|Timeout|Unable to establish connection|Connection refused|No route to host|Name or service not known/i.test(stderr)) {
      return `the controller could not reach the OpenStack API for ${what} (${first}): is the API up, and is the auth URL in ${credential} reachable from the controller? Try ${check} there.`;
    }
    return null;
  };
}
