// The one shell script that reads a machine's or a namespace's packet filter and NAT rules with
// whichever tool it has: `nft list ruleset` when nft is there and has rules to print, else
// `iptables-save` (a Neutron l3 agent on legacy iptables leaves nft's tables empty). The parser
// tells the two apart by their text (parsers/firewall.ts). The script's arguments are the prefix
// that makes a tool run as root: none inside `sudo ip netns exec`, `sudo -n` on the machine itself.

/** Exit status when neither nft nor iptables-save is installed: nothing could be read (not "no rules"). */
export const NO_FIREWALL_TOOL_EXIT = 3;

export const FIREWALL_SCRIPT = [
  // A login shell of a plain user has no sbin in its PATH; the tools live there.
  'PATH="$PATH:/usr/sbin:/sbin"',
  // nft refused (sudo asks for a password) or failed: say so with its status, never "no rules".
  'if command -v nft >/dev/null 2>&1; then rules=$("$@" nft list ruleset) || exit $?; [ -z "$rules" ] || { printf \'%s\\n\' "$rules"; exit 0; }; fi',
  'if command -v iptables-save >/dev/null 2>&1; then exec "$@" iptables-save; fi',
  // nft ran and printed nothing: no rules at all, a real answer (a qdhcp namespace has none).
  'command -v nft >/dev/null 2>&1 && exit 0',
  `echo 'neither nft nor iptables-save is installed' >&2; exit ${NO_FIREWALL_TOOL_EXIT}`,
].join('\n');

/** `$0` of the script's shell: what `ps` on the machine shows for it. */
export const FIREWALL_SHELL_NAME = 'orangebox-firewall-probe';
