// A compute node's or gateway's own NAT and filter rules: the host side of the plumbing, with nft or
// iptables-save, whichever the machine uses (firewall-script.ts), each run through `sudo -n` (the
// lab user may run those two as root, not a shell).
import type { InventoryMachine } from '../../contract/inventory';
import { parseFirewall } from '../parsers/firewall';
import { limitProblems } from '../parsers/parse-result';
import type { ProbeDefinition } from '../probe-definition';
import { FIREWALL_SCRIPT, FIREWALL_SHELL_NAME } from './firewall-script';
import { explainSudo, hasRole, SUDO } from './probe-rules';

/** The failure said so that an engineer knows what to give the lab user or install. */
export function explainFirewallFailure(stderr: string, machine: InventoryMachine, what: string): string | null {
  // The script's own line (a message quoting the command, as a snapshot's does, is not it).
  if (/^neither nft nor iptables-save is installed$/m.test(stderr)) return `neither nft nor iptables-save is installed on ${machine.hostname ?? `machine ${machine.id}`}: its NAT and filter rules cannot be read (install nftables or iptables)`;
  return explainSudo(stderr, machine, what);
}

export const FIREWALL_PROBE: ProbeDefinition<'firewall'> = {
  id: 'firewall',
  kind: 'firewall',
  appliesTo: (machine) => hasRole(machine, 'compute', 'gateway'),
  command: () => ['sh', '-c', FIREWALL_SCRIPT, FIREWALL_SHELL_NAME, ...SUDO],
  parse: (text) => limitProblems(parseFirewall(text)),
  explainFailure: (stderr, machine) => explainFirewallFailure(stderr, machine, 'nft (or iptables-save)'),
};
