// The path MTU check across the UI/core boundary: from a ping source to a target, the largest ICMP
// payload that passes with don't-fragment set (a bounded search, one ping at a time), each probe
// streamed as it runs, and the verdict compared with the MTUs of the interfaces along the way.
import * as v from 'valibot';
import { PingSource, PingTarget } from './diagnostics';

/**
 * The most probes one check sends. Halving 548…1472 closes in 10; with the floor, the ceiling and
 * the expected size and one over it, a search on a wrong guess still closes within 14.
 */
export const MAX_DF_PROBES = 16;

export const MtuCheckRequest = v.object({ source: PingSource, target: PingTarget });
export const MtuCheckRef = v.object({ checkId: v.pipe(v.string(), v.regex(/^mtu-[0-9a-f]{12}$/, 'that is not an MTU check this console started')) });

/** What one don't-fragment probe (`ping -M do -s SIZE -c 1 -W 1`) came back with. */
export type DfProbeKind =
  | 'passed' // the echo reply came back
  | 'too-big' // refused as too big: by the source itself ("message too long") or a router ("Frag needed")
  | 'no-reply'; // sent, nothing came back: dropped along the way (or the target is silent)

/** Why a probe was sent at that size, in the order the search sends them. */
export type DfProbeReason =
  | 'floor' // 548 bytes: every IPv4 path must carry 576-byte packets (RFC 791)
  | 'small' // the floor got no answer: does the target answer a plain ping at all?
  | 'ceiling' // the most the source's own interface lets out
  | 'expected' // the narrowest MTU the inventory knows along the path, and one byte over it
  | 'vlan-allowance' // 4 bytes over that, and one more: a veth takes a VLAN tag's 4 bytes over its MTU
  | 'mtu-said' // the size a "message too long" or "Frag needed" named
  | 'halving'; // halfway between the largest that passed and the smallest that did not

export interface DfProbeStep {
  /** ICMP payload bytes (ping -s). */
  payload: number;
  reason: DfProbeReason;
  /** Null while it runs. */
  outcome: DfProbeKind | null;
  /** The MTU a "message too long" or "Frag needed" named. */
  mtuSaid: number | null;
  /** What ping printed that decided the outcome ("ping: local error: message too long, mtu=1500"). */
  line: string | null;
  rttMs: number | null;
  /** The command as run on the source's machine. */
  command: string;
}

/** One interface along the path, with its MTU as the console knows it. */
export interface MtuHop {
  /** The interface's name ("tap1896322c-d4", "eth0"). */
  name: string;
  /** How the verdict names it: "the instance's eth0", "tap1896322c-d4", "qr-cdbf7fe2-ce (the router's port)". */
  label: string;
  /** Where it is: "in instance-0000000c on node03ob64", "on node03ob64", "in qrouter-35fe… on node02ob64". */
  where: string;
  /** What it is on the path: the ends' own interfaces, the nova-lxd plumbing, the router's ports. */
  role: 'source' | 'target' | 'plumbing' | 'router';
  mtu: number | null;
  /** "read now" (inside a container, as the check started) or "inventory" (the last refresh). */
  readFrom: 'read now' | 'inventory';
  /** The lowest MTU of the path (every hop at that MTU is marked). */
  narrowest: boolean;
}

export type MtuCheckEndingKind =
  | 'found' // the largest passing payload is known
  | 'no-dont-fragment' // the source's ping cannot set don't-fragment (BusyBox): no answer rather than a wrong one
  | 'target-silent' // the target does not answer even small pings: not an MTU problem
  | 'failed' // the ping could not run (unknown host, sudo, the source is gone)
  | 'stopped' // the engineer stopped it
  | 'out-of-time'; // the check's time (or probe) bound ran out before the search closed

export interface MtuCheckResult {
  ending: MtuCheckEndingKind;
  /** The verdict first, in words ("Largest DF ping: 1428 bytes (path MTU 1456). The instance's eth0 is 1456: as expected."). */
  verdict: string;
  largestPayload: number | null;
  /** largestPayload + the IP and ICMP headers (28 bytes for IPv4, 48 for IPv6). */
  pathMtu: number | null;
  /** Whether the result agrees with the narrowest interface known along the path; null when there is nothing to compare. */
  agrees: boolean | null;
  /** The verdict names something to fix: an interface narrower than the end's own, a drop nothing known explains, a disagreement. */
  problem: boolean;
  /** Where to check from instead, when this source cannot (its ping has no don't-fragment): the router on the target's network. */
  suggestedSource?: PingSource | null;
}

export interface MtuCheckProgress {
  checkId: string;
  source: PingSource;
  /** "qrouter-35fe… on node02ob64" */
  sourceLabel: string;
  target: string;
  /** ISO time it started. */
  startedAt: string;
  state: 'running' | 'done';
  /** The headers the payload does not count: 28 (IPv4: 20 + 8), 48 (IPv6: 40 + 8). */
  headerBytes: number;
  /** The largest payload the search will try (the source's interface MTU less the headers). */
  ceiling: number | null;
  steps: DfProbeStep[];
  hops: MtuHop[];
  result: MtuCheckResult | null;
}

const IPV4_ADDRESS = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const ipv4Value = (text: string): number | null => {
  const parts = IPV4_ADDRESS.exec(text)?.slice(1).map(Number);
  return parts && parts.every((part) => part <= 255) ? parts.reduce((value, part) => value * 256 + part, 0) : null;
};

/** Whether an IPv4 address is on the subnet of an interface address ("198.51.100.1" /27): the router port toward it. */
export function onIpv4Subnet(address: string, interfaceAddress: string, prefixLength: number): boolean {
  const [a, b] = [ipv4Value(address), ipv4Value(interfaceAddress)];
  if (a === null || b === null || prefixLength < 0 || prefixLength > 32) return false;
  const size = 2 ** (32 - prefixLength);
  return Math.floor(a / size) === Math.floor(b / size);
}
