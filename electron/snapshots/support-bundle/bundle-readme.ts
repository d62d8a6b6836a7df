// The README.txt a support bundle carries: for the support engineer who unzips it, in plain words,
// what the bundle holds, what was masked and what was obfuscated. Everything it says of the lab is
// taken from the bundle's own (masked, obfuscated) content: it adds nothing the bundle does not hold.
import type { SnapshotContent } from '../../contract/snapshot';
import type { ObfuscationSummary } from '../../contract/support-bundle';
import { SECRET_MASK } from '../../probes/parsers/secret-masking';
import { OBFUSCATED_MAC_PREFIX } from './mac-obfuscation';
import { KEPT_IPV4_RANGES, numberToIpv4, OBFUSCATED_IPV4_END, OBFUSCATED_IPV4_FIRST } from './ipv4-obfuscation';

export const README_ENTRY = 'README.txt';
export const README_HOLDS = 'for people: what this support bundle holds, what was masked and what was obfuscated';

export interface ReadmeFacts {
  content: SnapshotContent;
  consoleVersion: string;
  exportedAt: string;
  masked: number;
  maskedWhere: string[];
  obfuscation: ObfuscationSummary | null;
  /** Every entry of the archive, README and manifest aside. */
  entries: { name: string; holds: string }[];
}

export function bundleReadme(facts: ReadmeFacts): string {
  const { content, obfuscation } = facts;
  const { inventory } = content;
  const failed = inventory.probes.filter((outcome) => outcome.status === 'failed').length;
  const unreachable = inventory.machines.filter((machine) => machine.routeError).length;
  const width = Math.max(...facts.entries.map((entry) => entry.name.length), 'manifest.json'.length);
  const lines = [
    'OrangeBox Console support bundle',
    '================================',
    '',
    `Lab:       ${content.meta.labName}${obfuscation ? ' (its real name is obfuscated)' : ''}`,
    `Taken:     ${content.meta.captureStartedAt} to ${content.meta.captureEndedAt} (${content.meta.kind === 'demo' ? 'the demo lab' : 'a capture of a live lab'})`,
    `Exported:  ${facts.exportedAt} by OrangeBox Console ${facts.consoleVersion}`,
    '',
    'This is an OrangeBox snapshot (.obxsnap): everything the console read of an OpenStack-on-LXD lab',
    'at one time. Open it with OrangeBox Console (Manage labs > Open a snapshot file, or',
    '`orangebox-console web --snapshot FILE`): every view works from it, read-only. Or read it with',
    'any zip tool: `unzip -p FILE inventory.json | jq`. manifest.json gives each entry\'s SHA-256.',
    '',
    'WHAT IS INSIDE',
    '',
    `  ${inventory.machines.length} machines (the controller included)${unreachable ? `, ${unreachable} of them unreachable when it was taken` : ''}`,
    `  ${inventory.probes.length} probe results (${failed} failed), from ${content.commands.length} commands with what they printed`,
    `  ${content.recordings.length} terminal recordings; ping runs: ${content.diagnostics.ping || content.diagnostics.matrix ? 'the latest' : 'none'}`,
    '',
    ...facts.entries.map((entry) => `  ${entry.name.padEnd(width)}  ${entry.holds}`),
    '',
    'WHAT WAS MASKED (always)',
    '',
    `  Every value the console recognises as a secret reads ${SECRET_MASK}: passwords, tokens, keys and`,
    '  credentials in configuration files (nova.conf…), JSON, YAML, command lines and URLs',
    '  (user:password@), private-key blocks whole, and what a recorded terminal showed. Input typed in',
    '  recorded terminals is never kept. An empty value is left empty (it says a password is missing).',
    '',
    `  ${facts.masked} values are masked in this bundle${facts.maskedWhere.length ? ':' : '.'}`,
    ...facts.maskedWhere.map((where) => `    ${where}`),
    '',
    'WHAT WAS OBFUSCATED',
    '',
    ...(obfuscation ? obfuscationLines(obfuscation, content.meta.labName) : ['  Nothing: addresses, hostnames and MACs are as the lab had them.']),
    '',
  ];
  return lines.join('\n');
}

function obfuscationLines(summary: ObfuscationSummary, labName: string): string[] {
  const kept = KEPT_IPV4_RANGES.map((range) => range.cidr).join(', ');
  return [
    '  Addresses, hostnames and MACs were replaced, each value always by the same replacement, so the',
    '  views still agree with each other:',
    `  - IPv4: ${summary.addresses} addresses in ${summary.networks} network${summary.networks === 1 ? '' : 's'}, moved to ${numberToIpv4(OBFUSCATED_IPV4_FIRST)}–${numberToIpv4(OBFUSCATED_IPV4_END - 1)}`,
    '    (class E: no real network uses it). Each network moved whole to a network of the same size and',
    '    every address kept its host number, so subnets stay subnets and a gateway is still .1.',
    `    Left as they are: ${kept} (loopback, link-local, multicast, netmasks), and`,
    '    package versions in `dpkg -l` (they look like addresses).',
    `  - MACs: ${summary.macs} replaced by ${OBFUSCATED_MAC_PREFIX}:xx:xx:xx, numbered in order of appearance (also`,
    '    inside bridge ids and fe80:: link-local IPv6 addresses, which spell a MAC).',
    `  - Hostnames: ${summary.hostnames} machine names became host1, host2…; ${summary.domains} DNS domains domain1.example…`,
    ...(summary.hostnamesLeftAsIs.length ? [`    Left as they are (they are also words of the lab): ${summary.hostnamesLeftAsIs.join(', ')}`] : []),
    `  - The lab's name became ${labName}.`,
    `  ${summary.replacements} occurrences were replaced in all.`,
    '',
    '  Not obfuscated, because they identify no customer and the views link by them: Nova instance and',
    '  Juju container names (instance-0000000c, juju-…-lxd-0), Neutron and Nova ids (uuids, qrouter-…,',
    '  tap/qbr/qvb/qvo devices), Juju application and unit names, user names, IPv6 addresses other than',
    '  link-local ones.',
    '',
    '  The mapping from these replacements back to the real values is NOT in this bundle: it stayed on',
    '  the computer of the engineer who exported it. Quote the replaced values (host2, 240.0.0.12) in',
    '  your answers; they can read them back.',
  ];
}
