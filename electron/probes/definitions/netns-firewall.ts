// A namespace's NAT and filter rules (as root, `ip netns exec`): a qrouter's DNAT/SNAT of each
// floating address to its instance's fixed one, read with nft or iptables-save (firewall-script.ts).
import { namespaceProbeId } from '../../contract/probe-models';
import { parseFirewall } from '../parsers/firewall';
import { limitProblems } from '../parsers/parse-result';
import type { ProbeDefinition } from '../probe-definition';
import { explainFirewallFailure } from './firewall';
import { FIREWALL_SCRIPT, FIREWALL_SHELL_NAME } from './firewall-script';
import { SUDO } from './probe-rules';

/** One function for every namespace, so the parsing worker knows it as the catalog's (catalog-probe-by-id.ts). */
const parseNamespaceFirewall = (text: string) => limitProblems(parseFirewall(text));

export const netnsFirewallProbe = (namespace: string): ProbeDefinition<'netns-firewall'> => ({
  id: namespaceProbeId('netns-firewall', namespace),
  kind: 'netns-firewall',
  appliesTo: () => true,
  command: () => [...SUDO, 'ip', 'netns', 'exec', namespace, 'sh', '-c', FIREWALL_SCRIPT, FIREWALL_SHELL_NAME],
  parse: parseNamespaceFirewall,
  explainFailure: (stderr, machine) => explainFirewallFailure(stderr, machine, `ip netns exec ${namespace}`),
});
