// Interfaces as iproute2 prints them: `ip -j addr` / `ip -d -j link` (JSON, iproute2 4.13+) and the
// text of `ip addr` / `ip -d link` (what a xenial node's iproute2 4.3 prints; it has no -j). With -d
// the link kind ("bridge", "veth", "openvswitch") and the kind of master it is enslaved to
// ("bridge_slave", "openvswitch_slave") are shown, which is how tap → qbr → qvb ↔ qvo → br-int is
// traced: tap and qvb have master qbr…, qvo has master ovs-system (the OVS kernel datapath).
import type { IpAddressEntry, IpInterface, LinuxBridge } from '../../contract/lab-model';
import { problem, type ParseProblem } from './parse-result';
import { asArray, asInteger, asNonEmptyText, asRecord } from './structured-input';
import { quoteLine, type InputLine } from './text-input';

/** "3: qvo9e0c6af1-30@qvb9e0c6af1-30: <BROADCAST,…> mtu 1500 qdisc … master ovs-system state UP …" */
const LINK_HEADER = /^(\d+):\s+([^:@\s]+)(?:@([^:\s]+))?:\s+<([^>]*)>\s*(.*)$/;
/** Lines of a link block that are not the kind line `-d` adds. */
const NOT_A_KIND = /^(?:link\/|inet6?\s|valid_lft|altname|prop|vf\s)/;

export function emptyInterface(name: string): IpInterface {
  return { index: null, name, link: null, state: null, mtu: null, mac: null, flags: [], master: null, kind: null, slaveKind: null, addresses: [] };
}

/** One entry of `ip -j addr` / `ip -j link`. */
export function interfaceFromJson(raw: unknown): IpInterface | null {
  const entry = asRecord(raw);
  const name = asNonEmptyText(entry?.ifname);
  if (!entry || !name) return null;
  const linkinfo = asRecord(entry.linkinfo);
  const iface = emptyInterface(name);
  iface.index = asInteger(entry.ifindex);
  iface.link = asNonEmptyText(entry.link);
  iface.state = asNonEmptyText(entry.operstate);
  iface.mtu = asInteger(entry.mtu);
  iface.mac = asNonEmptyText(entry.address);
  iface.flags = asArray(entry.flags).map(String);
  iface.master = asNonEmptyText(entry.master);
  iface.kind = asNonEmptyText(linkinfo?.info_kind);
  iface.slaveKind = asNonEmptyText(linkinfo?.info_slave_kind);
  iface.addresses = asArray(entry.addr_info)
    .map(asRecord)
    .filter((info): info is Record<string, unknown> => info !== null && asNonEmptyText(info.local) !== null)
    .map(
      (info): IpAddressEntry => ({
        family: asNonEmptyText(info.family) ?? 'unknown',
        address: asNonEmptyText(info.local)!,
        prefixLength: asInteger(info.prefixlen),
        scope: asNonEmptyText(info.scope),
      }),
    );
  return iface;
}

/** Reads "key value" pairs after the flags: "mtu 1500 qdisc noqueue master qbrX state UP …". */
function headerOptions(text: string): Map<string, string> {
  const tokens = text.trim().split(/\s+/);
  const options = new Map<string, string>();
  for (let index = 0; index + 1 < tokens.length; index += 2) options.set(tokens[index]!, tokens[index + 1]!);
  return options;
}

/** The text form: one block per link, addresses and `-d` details on indented lines. */
export function interfacesFromText(lines: InputLine[]): { interfaces: IpInterface[]; problems: ParseProblem[] } {
  const interfaces: IpInterface[] = [];
  const problems: ParseProblem[] = [];
  let current: IpInterface | null = null;
  for (const line of lines) {
    const text = line.text;
    if (text.trim() === '') continue;
    const header = LINK_HEADER.exec(text);
    if (header) {
      current = emptyInterface(header[2]!);
      current.index = Number(header[1]);
      current.link = header[3] && !/^if\d+$/.test(header[3]) ? header[3] : null;
      current.flags = header[4]!.split(',').filter(Boolean);
      const options = headerOptions(header[5]!);
      // "mtu lots" is no number: null (and said), never NaN in the model.
      current.mtu = asInteger(options.get('mtu'));
      if (options.has('mtu') && current.mtu === null) problems.push(problem(line.number, `the MTU of ${current.name} is not a number: ${quoteLine(options.get('mtu') ?? '', 40)}`));
      current.state = options.get('state') ?? null;
      current.master = options.get('master') ?? null;
      interfaces.push(current);
      continue;
    }
    if (!current || !/^\s/.test(text)) {
      problems.push(problem(line.number, `not part of an interface: ${quoteLine(text)}`));
      continue;
    }
    const trimmed = text.trim();
    const link = /^link\/\S+(?:\s+(\S+))?/.exec(trimmed);
    if (link) {
      current.mac = link[1] ?? null;
      continue;
    }
    const address = /^(inet6?)\s+([^/\s]+)(?:\/(\d+))?(?:.*?\sscope\s+(\S+))?/.exec(trimmed);
    if (address) {
      current.addresses.push({ family: address[1]!, address: address[2]!, prefixLength: address[3] ? Number(address[3]) : null, scope: address[4] ?? null });
      continue;
    }
    if (NOT_A_KIND.test(trimmed)) continue;
    const word = trimmed.split(/\s+/)[0]!;
    if (word.endsWith('_slave')) current.slaveKind = word.slice(0, -'_slave'.length);
    else if (current.kind === null && /^[a-z][a-z0-9_]*$/.test(word) && !/^(promiscuity|minmtu|maxmtu|numtxqueues|addrgenmode)$/.test(word)) current.kind = word;
  }
  return { interfaces, problems };
}

/**
 * The bridges the links describe: every link of kind "bridge" or "openvswitch", and every link named
 * as another's master, with the links enslaved to it.
 */
export function bridgesFromInterfaces(interfaces: IpInterface[], details: Map<string, { id: string | null; stp: boolean | null }> = new Map()): LinuxBridge[] {
  const names = new Set<string>();
  for (const iface of interfaces) {
    if (iface.kind === 'bridge' || iface.kind === 'openvswitch') names.add(iface.name);
    if (iface.master) names.add(iface.master);
  }
  return [...names].map((name) => {
    const own = interfaces.find((iface) => iface.name === name);
    const members = interfaces.filter((iface) => iface.master === name);
    const kind = own?.kind ?? members.find((member) => member.slaveKind)?.slaveKind ?? null;
    return { name, kind, id: details.get(name)?.id ?? null, stpEnabled: details.get(name)?.stp ?? null, members: members.map((member) => member.name) };
  });
}
