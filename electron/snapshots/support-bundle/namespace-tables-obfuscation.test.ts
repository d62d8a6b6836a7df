// The outputs of issue 13's tables (NAT/filter rules, neighbour tables, dnsmasq processes) in an
// obfuscated support bundle: every address and MAC replaced in the raw output and in the model,
// and the floating ↔ fixed pairs still pairs of the same instances once mapped back.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SnapshotContent } from '../../contract/snapshot';
import type { DnsmasqProcesses, FirewallRules, IpNeighbours } from '../../contract/lab-model';
import { readBundledDemo } from '../demo/bundled-demo';
import { replaceableIpv4, unicastMacs } from '../../../test/support/bundle-scan';
import { obfuscateContent, type ObfuscatedContent } from './content-obfuscation';

const NEW_TABLE_PROBES = /^(?:routes|neigh|firewall|dnsmasq-processes|netns-neigh:.+|netns-firewall:.+)$/;

let demo: SnapshotContent;
let obfuscated: ObfuscatedContent;

beforeAll(async () => {
  demo = await readBundledDemo();
  obfuscated = obfuscateContent(demo);
});

const tableOutcomes = (content: SnapshotContent) => content.inventory.probes.filter((outcome) => NEW_TABLE_PROBES.test(outcome.probeId) && outcome.status === 'ok');
const tableCommands = (content: SnapshotContent) => content.commands.filter((command) => /\b(?:neigh|route|pgrep|iptables-save|nft)\b/.test(command.argv.join(' ')));

describe('obfuscating the namespace and machine tables', () => {
  it('the demo holds these tables, with addresses and MACs to replace', () => {
    expect(tableOutcomes(demo).length).toBeGreaterThan(10);
    const text = tableCommands(demo).map((command) => command.stdout).join('\n');
    expect(replaceableIpv4(text).size).toBeGreaterThan(10);
    expect(unicastMacs(text).size).toBeGreaterThan(5);
  });

  it('leaves no address or MAC of the lab in their raw outputs or their models', () => {
    const realAddresses = replaceableIpv4(tableCommands(demo).map((command) => command.stdout).join('\n'));
    const realMacs = unicastMacs(tableCommands(demo).map((command) => command.stdout).join('\n'));
    const after = [...tableCommands(obfuscated.content).map((command) => command.stdout), JSON.stringify(tableOutcomes(obfuscated.content))].join('\n');
    expect([...replaceableIpv4(after)].filter((address) => realAddresses.has(address))).toEqual([]);
    expect([...unicastMacs(after)].filter((mac) => realMacs.has(mac))).toEqual([]);
  });

  it('keeps each floating ↔ fixed pair a pair: mapped back, they are the demo’s', () => {
    const router = (content: SnapshotContent) => content.inventory.probes.find((outcome) => outcome.probeId.startsWith('netns-firewall:qrouter-'))!.value as FirewallRules;
    const back = new Map(obfuscated.mapping.ipv4Addresses.map((pair) => [pair.obfuscated, pair.real]));
    const mappedBack = router(obfuscated.content).natPairs.map((pair) => ({ ...pair, floating: back.get(pair.floating) ?? pair.floating, fixed: back.get(pair.fixed) ?? pair.fixed }));
    expect(router(demo).natPairs).toHaveLength(2);
    expect(mappedBack).toEqual(router(demo).natPairs);
  });

  it('keeps the network ids of dnsmasq processes and the neighbours’ states (they name no host)', () => {
    const dnsmasq = (content: SnapshotContent) => content.inventory.probes.find((outcome) => outcome.probeId === 'dnsmasq-processes')!.value as DnsmasqProcesses;
    expect(dnsmasq(obfuscated.content).processes.map((process) => process.networkId)).toEqual(dnsmasq(demo).processes.map((process) => process.networkId));
    const neighbours = (content: SnapshotContent) => (content.inventory.probes.find((outcome) => outcome.probeId.startsWith('netns-neigh:qrouter-'))!.value as IpNeighbours).entries.map((entry) => entry.states);
    expect(neighbours(obfuscated.content)).toEqual(neighbours(demo));
  });
});
