// A snapshot's content with everything that identifies the lab replaced, consistently, in every
// part of it: every command's argv, stdout and stderr, every string (and key) of the inventory, the
// routes, the lab's name and controller, the ping runs, the recordings (their names too, which name
// their entries in the archive). The mapping back is returned apart: it never goes in the bundle.
import type { SnapshotContent } from '../../contract/snapshot';
import type { JujuStatus } from '../../contract/lab-model';
import { HostnameObfuscator, type HostnameMapping } from './hostname-obfuscation';
import { ipv4ToNumber, isKeptIpv4, type Ipv4NetworkPair } from './ipv4-obfuscation';
import { TextObfuscator, type ObfuscationCounts, type RewriteOptions } from './text-obfuscation';
import { rewriteJsonStrings } from '../json-string-rewrite';

export interface ObfuscationMapping {
  labNames: { real: string; obfuscated: string }[];
  ipv4Networks: Ipv4NetworkPair[];
  ipv4Addresses: Ipv4NetworkPair[];
  macs: { real: string; obfuscated: string }[];
  hostnames: HostnameMapping['hostnames'];
  domains: HostnameMapping['domains'];
  /** Machine names not mapped because they are also words of the lab (a charm, "juju"…). */
  hostnamesLeftAsIs: string[];
}

export interface ObfuscatedContent {
  content: SnapshotContent;
  mapping: ObfuscationMapping;
  /** Occurrences replaced, by kind. */
  replaced: ObfuscationCounts;
}

/** The probe and the command whose output lists packages: versions there look like addresses. */
const PACKAGE_PROBE = 'packages';
const PACKAGE_COMMAND = 'dpkg';

const ADDRESSES: RewriteOptions = { addresses: true };
const NO_ADDRESSES: RewriteOptions = { addresses: false };

export function obfuscateContent(content: SnapshotContent): ObfuscatedContent {
  const text = new TextObfuscator(new HostnameObfuscator(sharedWordsOf(content)));
  for (const name of hostnamesOf(content)) text.hostnames.learn(name);
  // A lab named after its controller ("orangebox64", an ~/.ssh/config alias) is that hostname: one
  // replacement for both, so the text and the names agree.
  for (const name of [content.meta.labName, content.lab.name]) if (!text.hostnames.knows(name)) text.learnLabName(name);

  // Read everything once before anything is rewritten: networks are known whole, so every address
  // of a network lands in the same new network.
  visitContent(content, (value, options) => {
    text.learn(value, options);
    return value;
  }, { rebuild: false });
  text.seal();

  const rewritten = visitContent(content, (value, options) => text.rewrite(value, options));
  // The lab's name is replaced whole, not only where it is spelt as it was.
  rewritten.meta = { ...rewritten.meta, labName: text.labNameOf(content.meta.labName) };
  rewritten.lab = { ...rewritten.lab, name: text.labNameOf(content.lab.name) };

  const hostnames = text.hostnames.mapping();
  return {
    content: rewritten,
    replaced: { ...text.replaced },
    mapping: {
      labNames: text.labNamePairs(),
      ipv4Networks: text.ipv4.networkPairs(),
      ipv4Addresses: text.ipv4.addressPairs(),
      macs: text.macs.pairs(),
      hostnames: hostnames.hostnames,
      domains: hostnames.domains,
      hostnamesLeftAsIs: hostnames.leftAsIs,
    },
  };
}

type Rewrite = (value: string, options: RewriteOptions) => string;

/** Every string of the content through `rewrite`, in one fixed order (learning and rewriting agree). */
function visitContent(content: SnapshotContent, rewrite: Rewrite, { rebuild } = { rebuild: true }): SnapshotContent {
  const deep = (value: unknown, options: RewriteOptions): unknown => {
    if (!rebuild) {
      readStrings(value, (text) => rewrite(text, options));
      return value;
    }
    // Keys too (a hostname or an address can be a key); each key before its value, as read.
    return rewriteJsonStrings(value, { value: (text) => rewrite(text, options), key: (name) => rewrite(name, options) });
  };
  const same = <T>(value: T): T => deep(value, ADDRESSES) as T;
  return {
    meta: same(content.meta),
    lab: same(content.lab),
    routes: same(content.routes),
    commands: content.commands.map((command) => {
      const options = command.argv[0] === PACKAGE_COMMAND ? NO_ADDRESSES : ADDRESSES;
      return { ...command, machineId: rewrite(command.machineId, ADDRESSES), argv: deep(command.argv, ADDRESSES) as string[], stdout: rewrite(command.stdout, options), stderr: rewrite(command.stderr, ADDRESSES) };
    }),
    inventory: {
      ...same({ ...content.inventory, probes: [] }),
      probes: content.inventory.probes.map((outcome) => {
        const { value, ...rest } = outcome;
        return { ...same(rest), value: deep(value, outcome.probeId === PACKAGE_PROBE ? NO_ADDRESSES : ADDRESSES) };
      }),
    },
    diagnostics: same(content.diagnostics),
    recordings: same(content.recordings),
  };
}

/** Every key and string of a value, in the order rewriteJsonStrings visits them (learning only reads). */
function readStrings(value: unknown, read: (text: string) => void): void {
  if (typeof value === 'string') read(value);
  else if (Array.isArray(value)) for (const item of value) readStrings(item, read);
  else if (value !== null && typeof value === 'object') {
    for (const name of Object.keys(value)) {
      read(name);
      readStrings((value as Record<string, unknown>)[name], read);
    }
  }
}

/** The names the lab's machines answer to: hostnames read from them, the controller's name and ssh alias. */
function hostnamesOf(content: SnapshotContent): string[] {
  const names: string[] = [];
  for (const machine of content.inventory.machines) if (machine.hostname) names.push(machine.hostname);
  for (const command of content.commands) if (command.argv.join(' ') === 'hostname' && command.exitCode === 0) names.push(command.stdout.trim());
  for (const candidate of [content.lab.controller.host, content.lab.controller.sshConfigHost]) {
    if (candidate && !isIpv4(candidate)) names.push(candidate);
  }
  return names;
}

/** Application and charm names of the Juju model: a machine called like one of them keeps its name. */
function sharedWordsOf(content: SnapshotContent): string[] {
  const words: string[] = [];
  for (const outcome of content.inventory.probes) {
    if (outcome.probeId !== 'juju-status' || !outcome.value) continue;
    const status = outcome.value as Partial<JujuStatus>;
    for (const application of status.applications ?? []) words.push(application.name, ...(application.charm ? [application.charm] : []));
  }
  return words;
}

function isIpv4(text: string): boolean {
  return /^(?:\d{1,3}\.){3}\d{1,3}$/.test(text) && text.split('.').every((octet) => Number(octet) <= 255);
}

/** True when an IPv4 address (dotted) is one obfuscation keeps (loopback, link-local, multicast…). */
export function isKeptAddress(address: string): boolean {
  return isKeptIpv4(ipv4ToNumber(address));
}
